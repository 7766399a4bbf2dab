import { describe, expect, it } from '@jest/globals';
import { NotFoundError } from '../../../shared/domain/errors';
import type { RedirectPage, RedirectStore } from '../../../shared/ports/redirect-store';
import type { Redirect, RedirectPair } from '../../../shared/redirects/redirect';
import { MemoryRedirectEdge } from '../../../shared/redirects/memory-redirect-edge';
import { makeRedirectService } from '../../../shared/redirects/redirect-service';

/** The table, in memory: a repeated pair changes nothing, as the conditional Put does. */
class FakeRedirectStore implements RedirectStore {
  readonly items = new Map<string, Redirect>();
  put(pair: RedirectPair, at: Date): Promise<boolean> {
    if (this.items.get(pair.from)?.to === pair.to) return Promise.resolve(false);
    this.items.set(pair.from, { ...pair, updatedAt: at.toISOString() });
    return Promise.resolve(true);
  }
  list(): Promise<RedirectPage> {
    return Promise.resolve({ items: [...this.items.values()] });
  }
  all(): Promise<Redirect[]> {
    return Promise.resolve([...this.items.values()]);
  }
  delete(from: string): Promise<boolean> {
    return Promise.resolve(this.items.delete(from));
  }
}

const T0 = new Date('2026-11-30T03:00:00Z');
const T1 = new Date('2026-11-30T04:00:00Z');

function setup() {
  const store = new FakeRedirectStore();
  const edge = new MemoryRedirectEdge();
  let now = T0;
  const service = makeRedirectService({ store, edge, clock: () => now });
  return { store, edge, service, later: () => (now = T1) };
}

describe('saving redirects', () => {
  it('stores each pair and serves it from the edge', async () => {
    const { store, edge, service } = setup();
    const out = await service.save({ redirects: [{ from: '/?p=123', to: '/news/msp7-1a2b3c4d/' }, { from: '/about/', to: '/' }] });

    expect(out).toEqual({ saved: 2, changed: 2 });
    expect(store.items.get('/?p=123')).toEqual({ from: '/?p=123', to: '/news/msp7-1a2b3c4d/', updatedAt: T0.toISOString() });
    expect(edge.lookup('/', '?p=123')).toBe('/news/msp7-1a2b3c4d/');
    expect(edge.lookup('/about/', '?utm_source=x')).toBe('/');
    expect(edge.lookup('/', '')).toBeUndefined();
  });

  it('is idempotent: the same pair again changes nothing, a new to replaces the old', async () => {
    const { store, edge, service, later } = setup();
    await service.save({ redirects: [{ from: '/old/', to: '/news/a/' }] });
    later();

    expect(await service.save({ redirects: [{ from: '/old/', to: '/news/a/' }] })).toEqual({ saved: 1, changed: 0 });
    expect(store.items.get('/old/')?.updatedAt).toBe(T0.toISOString());
    expect(await service.save({ redirects: [{ from: '/old/', to: '/news/b/' }] })).toEqual({ saved: 1, changed: 1 });
    expect(store.items.get('/old/')).toEqual({ from: '/old/', to: '/news/b/', updatedAt: T1.toISOString() });
    expect(edge.lookup('/old/', '')).toBe('/news/b/');
  });

  it('sends unchanged pairs to the edge too, so a retry after an edge failure converges', async () => {
    const { store } = setup();
    const failing = makeRedirectService({ store, edge: { put: () => Promise.reject(new Error('edge down')), remove: () => Promise.resolve() }, clock: () => T0 });
    await expect(failing.save({ redirects: [{ from: '/old/', to: '/new/' }] })).rejects.toThrow('edge down');
    const edge = new MemoryRedirectEdge();
    const retried = makeRedirectService({ store, edge, clock: () => T0 });

    await retried.save({ redirects: [{ from: '/old/', to: '/new/' }] });

    expect(edge.lookup('/old/', '')).toBe('/new/');
  });
});

describe('removing a redirect', () => {
  it('deletes it from the table and the edge, and answers 404 when there is none', async () => {
    const { store, edge, service } = setup();
    await service.save({ redirects: [{ from: '/old/', to: '/new/' }] });

    await service.remove('/old/');

    expect(store.items.size).toBe(0);
    expect(edge.lookup('/old/', '')).toBeUndefined();
    await expect(service.remove('/old/')).rejects.toThrow(NotFoundError);
  });
});
