/**
 * Gathers the keys asked for in the same turn of the event loop into one
 * call of `loadMany` (at most `max` keys each), so callers keep asking for
 * one key at a time while the store sees batches.
 */
export function makeBatchLoader<V>(loadMany: (keys: string[]) => Promise<Map<string, V>>, max: number) {
  let pending = new Map<string, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  const flush = () => {
    const batch = pending;
    pending = new Map();
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += max) {
      const slice = keys.slice(i, i + max);
      loadMany(slice).then(
        (found) => slice.forEach((k) => batch.get(k)!.forEach((w) => w.resolve(found.get(k)))),
        (err: unknown) => slice.forEach((k) => batch.get(k)!.forEach((w) => w.reject(err))),
      );
    }
  };
  return function load(key: string): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (pending.size === 0) setImmediate(flush);
      const waiting = pending.get(key) ?? [];
      waiting.push({ resolve, reject });
      pending.set(key, waiting);
    });
  };
}

/**
 * Gathers the writes made within `windowMs` of the first into calls of
 * `writeMany` (at most `max` each; a key written twice keeps its last value).
 * Each write resolves when its batch is stored. PUTs finish at scattered
 * times, so a short window, not one turn of the loop, is what fills batches.
 * `flush()` sends what is gathered now: a caller that knows no more writes
 * are coming (a publish whose PUTs all ended) need not wait out the window.
 */
export function makeBatchWriter<V>(writeMany: (values: Map<string, V>) => Promise<void>, max: number, windowMs = 0) {
  let pending = new Map<string, V>();
  let waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const flush = () => {
    const batch = [...pending];
    const ws = waiting;
    pending = new Map();
    waiting = [];
    const writes: Promise<void>[] = [];
    for (let i = 0; i < batch.length; i += max) writes.push(writeMany(new Map(batch.slice(i, i + max))));
    Promise.all(writes).then(
      () => ws.forEach((w) => w.resolve()),
      (err: unknown) => ws.forEach((w) => w.reject(err)),
    );
  };
  const write = (key: string, value: V): Promise<void> =>
    new Promise((resolve, reject) => {
      if (pending.size === 0 && waiting.length === 0) {
        if (windowMs > 0) setTimeout(flush, windowMs);
        else setImmediate(flush);
      }
      pending.set(key, value);
      waiting.push({ resolve, reject });
    });
  // The window's timer still fires later; by then it finds nothing, or a new batch to send.
  return Object.assign(write, { flush: () => void (waiting.length && flush()) });
}
