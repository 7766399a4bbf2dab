import type { Clock } from '../clock';
import type { Announcement, AnnouncementInput } from '../domain/announcement';
import { auditOf, stableJson } from '../domain/audit';
import { UnprocessableError } from '../domain/errors';
import { sha256Hex } from '../hash';
import { DuplicateRequest, type AnnouncementStore } from '../ports/announcement-store';
import type { Principal } from '../principal';

/** How long an Idempotency-Key is remembered: a day covers any client's retries. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/**
 * POST with an Idempotency-Key. The key (scoped to the caller) is claimed by a
 * conditional put in the same TransactWriteItems as the announcement, so a key
 * can never be claimed without its announcement or vice versa, and of any
 * number of concurrent duplicates exactly one commits. The others, and later
 * retries, find the record and replay: same id, 201, the announcement as it
 * is now. The same key with a different body is a 422. Records expire
 * (DynamoDB TTL on `expiresAt`) after IDEMPOTENCY_TTL_SECONDS; an expired one
 * that TTL has not yet deleted counts as absent.
 *
 * Not the Powertools idempotency utility: it persists an INPROGRESS record
 * and later the response, in writes separate from the create, so a crash
 * between them leaves a key claimed with no announcement (or the reverse),
 * and concurrent duplicates get an in-progress error rather than the answer.
 * One transaction is stronger and needs no extra dependency.
 */
export function makeIdempotentCreate(deps: {
  store: AnnouncementStore;
  clock: Clock;
  draftOf: (input: AnnouncementInput, by: Principal) => Promise<Announcement>;
  load: (id: string) => Promise<Announcement>;
}) {
  return async function createOnce(
    input: AnnouncementInput,
    by: Principal,
    key: string,
  ): Promise<{ announcement: Announcement; replayed: boolean }> {
    const scope = sha256Hex(`${by.subject}\n${key}`);
    const requestHash = sha256Hex(stableJson(input));
    for (let attempt = 0; attempt < 3; attempt++) {
      const nowSeconds = Math.floor(deps.clock().getTime() / 1000);
      const held = await deps.store.findIdempotency(scope, nowSeconds);
      if (held) {
        if (held.requestHash !== requestHash) {
          throw new UnprocessableError(
            'idempotency_key_reused',
            'this Idempotency-Key was used with a different body; use a new key for a new announcement',
          );
        }
        return { announcement: await deps.load(held.announcementId), replayed: true };
      }
      const announcement = await deps.draftOf(input, by);
      const record = { scope, requestHash, announcementId: announcement.id, expiresAt: nowSeconds + IDEMPOTENCY_TTL_SECONDS };
      try {
        await deps.store.create(announcement, auditOf('create', undefined, announcement), record);
        return { announcement, replayed: false };
      } catch (err) {
        // Another request with this key committed first; the next round replays it.
        if (!(err instanceof DuplicateRequest)) throw err;
      }
    }
    throw new Error('idempotency record neither claimable nor readable');
  };
}
