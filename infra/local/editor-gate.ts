import { AsyncLocalStorage } from 'node:async_hooks';

/** How long one editor's publish may hold the deferred step: a stuck or crashed holder costs the step this, once. */
export const GATE_CAP_MS = 2_000;

/** Atomics.waitAsync (Node 16 on), typed here because the project's lib is ES2023. */
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, ms: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

/** Cells of the shared buffer. */
const HOLDERS = 0;
const GENERATION = 1;
const OPEN = 2;

/**
 * Locally, an editor's publish and the deferred step (an import's renders)
 * share two cores and one DynamoDB Local and s3rver, where in the cloud they
 * are separate Lambdas on services that hold none of one's requests ahead of
 * the other's. So the stream thread holds this gate while it publishes an
 * editor's change, and the step's thread passes it before each storage
 * request: the step sends nothing new until the publish ends. The ordered
 * pass's import batches on the stream thread pass it too (their own client),
 * so only the editor's publish runs. Shared through a SharedArrayBuffer, so
 * it works across threads (and on one thread, where work done inside a hold,
 * such as a batch mixing an editor's change with imports, never waits on it).
 * Safe by construction: one hold delays the step at most `capMs` in all (a
 * holder that crashed mid-publish leaves a stale count, which then costs one
 * capped wait, not a pause), and `open()` (at stop) lets everything pass.
 */
export class EditorGate {
  private readonly cells: Int32Array;
  /** The hold a waiter already waited out its cap on: not waited for again. */
  private outwaited = -1;
  /** Set inside `hold` on this thread: the holder's own requests pass. */
  private readonly holding = new AsyncLocalStorage<true>();

  constructor(
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT),
    private readonly capMs = GATE_CAP_MS,
  ) {
    this.cells = new Int32Array(buffer);
  }

  /** Runs `work` (an editor's publish) with the gate held; released however it ends. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    if (Atomics.add(this.cells, HOLDERS, 1) === 0) Atomics.add(this.cells, GENERATION, 1);
    try {
      return await this.holding.run(true, work);
    } finally {
      if (Atomics.sub(this.cells, HOLDERS, 1) === 1) Atomics.notify(this.cells, HOLDERS);
    }
  }

  /** Resolves when nobody holds the gate, or when this hold has kept the caller waiting `capMs`; at once for the holder's own work. */
  async pass(): Promise<void> {
    if (this.holding.getStore()) return;
    const deadline = Date.now() + this.capMs;
    for (;;) {
      const holders = Atomics.load(this.cells, HOLDERS);
      const generation = Atomics.load(this.cells, GENERATION);
      if (holders <= 0 || Atomics.load(this.cells, OPEN) === 1 || generation === this.outwaited) return;
      const left = deadline - Date.now();
      if (left <= 0) {
        this.outwaited = generation;
        return;
      }
      const waited = waitAsync(this.cells, HOLDERS, holders, left);
      if (waited.async) await waited.value;
    }
  }

  /** Whether an editor's publish holds the gate now. */
  get held(): boolean {
    return Atomics.load(this.cells, HOLDERS) > 0 && Atomics.load(this.cells, OPEN) !== 1;
  }

  /** From now on nothing waits (shutdown: the step drains without delay). */
  open(): void {
    Atomics.store(this.cells, OPEN, 1);
    Atomics.notify(this.cells, HOLDERS);
  }
}
