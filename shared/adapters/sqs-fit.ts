/** SQS's message limit is 256 KiB; leave room for attributes. */
export const MAX_MESSAGE_BYTES = 240 * 1024;

/** Actor ids kept per inbox: a gone shared inbox drops its followers by inbox URL, not by this list. */
const KEPT_ACTOR_IDS = 50;

type Entry = { actorIds: readonly string[]; sharedInbox: boolean };
type Fanout = { type: 'fanout'; inboxes: Record<string, Entry> } & Record<string, unknown>;
type Outbox = { type: 'outbox'; actorIds?: readonly string[] } & Record<string, unknown>;

const size = (m: unknown) => Buffer.byteLength(JSON.stringify(m));
const trimmed = (e: Entry): Entry => (e.actorIds.length > KEPT_ACTOR_IDS ? { ...e, actorIds: e.actorIds.slice(0, KEPT_ACTOR_IDS) } : e);

/**
 * Fedify's queue messages cut to fit SQS. A fan-out to thousands of followers
 * names every follower's actor id per inbox (10,000 followers are ~600 KB): the
 * lists are shortened (Herald drops a gone inbox's followers by inbox URL) and
 * the inboxes split across several fan-out messages, each of which Fedify
 * processes for its own inboxes. Other messages pass unchanged.
 */
export function fitForSqs(message: unknown, max = MAX_MESSAGE_BYTES): unknown[] {
  if (size(message) <= max) return [message];
  const m = message as Fanout | Outbox;
  if (m.type === 'outbox') {
    const cut = { ...m, actorIds: m.actorIds?.slice(0, KEPT_ACTOR_IDS) };
    if (size(cut) <= max) return [cut];
  } else if (m.type === 'fanout') {
    const chunks: Record<string, Entry>[] = [];
    const empty = size({ ...m, inboxes: {} });
    let current: Record<string, Entry> = {};
    let bytes = empty;
    for (const [inbox, entry] of Object.entries(m.inboxes)) {
      const e = trimmed(entry);
      const add = size({ [inbox]: e });
      if (Object.keys(current).length && bytes + add > max) {
        chunks.push(current);
        current = {};
        bytes = empty;
      }
      current[inbox] = e;
      bytes += add;
    }
    chunks.push(current);
    const out = chunks.map((inboxes) => ({ ...m, inboxes }));
    if (out.every((c) => size(c) <= max)) return out;
  }
  throw new Error(`a ${String(m.type)} queue message of ${size(message)} bytes does not fit in SQS (${max})`);
}
