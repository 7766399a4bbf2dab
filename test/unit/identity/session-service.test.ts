import { describe, expect, it } from '@jest/globals';
import { sha256Hex } from '../../../shared/hash';
import { makeSessionService } from '../../../shared/services/session-service';
import { InMemorySessionStore } from '../../support/identity-fakes';

const T0 = Date.parse('2026-03-16T09:00:00Z');
const user = { id: 'u1', name: 'Ana Editor', role: 'editor' as const };

function setup() {
  let now = T0;
  const store = new InMemorySessionStore();
  const sessions = makeSessionService({ sessions: store, clock: () => new Date(now), newId: () => 'session-1' });
  return { store, sessions, at: (ms: number) => (now = T0 + ms) };
}
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('a session', () => {
  it('is stored only as the sha256 of its 256-bit cookie value, idle 12 h, absolute 7 days', async () => {
    const { store, sessions } = setup();

    const { token, session } = await sessions.create(user);

    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([...store.items.keys()]).toEqual([sha256Hex(token)]);
    expect(JSON.stringify([...store.items.values()])).not.toContain(token);
    expect(session).toMatchObject({ userId: 'u1', name: 'Ana Editor', role: 'editor', expiresAt: T0 / 1000 + 12 * 3600, endsAt: T0 / 1000 + 7 * 86400 });
  });

  it('is refreshed by use at most every 5 minutes', async () => {
    const { store, sessions, at } = setup();
    const { token } = await sessions.create(user);

    at(4 * MIN);
    await sessions.verify(token);
    expect(store.touches).toBe(0);
    at(5 * MIN);
    const seen = await sessions.verify(token);
    expect(store.touches).toBe(1);
    expect(seen?.expiresAt).toBe(T0 / 1000 + 5 * 60 + 12 * 3600);
  });

  it('ends after 12 idle hours', async () => {
    const { sessions, at } = setup();
    const { token } = await sessions.create(user);

    at(12 * HOUR - 1000);
    expect(await sessions.verify(token)).toBeDefined();
    at(2 * 12 * HOUR);
    expect(await sessions.verify(token)).toBeUndefined();
  });

  it('ends after 7 days however often it is used', async () => {
    const { sessions, at } = setup();
    const { token } = await sessions.create(user);
    for (let h = 6; h < 7 * 24; h += 6) {
      at(h * HOUR);
      expect(await sessions.verify(token)).toBeDefined();
    }
    at(7 * 24 * HOUR);
    expect(await sessions.verify(token)).toBeUndefined();
  });

  it('ends at once when revoked, and a cookie Herald could not have made is never looked up', async () => {
    const { sessions, store } = setup();
    const { token } = await sessions.create(user);

    await sessions.revoke(token);

    expect(await sessions.verify(token)).toBeUndefined();
    expect(store.items.size).toBe(0);
    expect(await sessions.verify('short')).toBeUndefined();
    expect(await sessions.verify(undefined)).toBeUndefined();
  });
});
