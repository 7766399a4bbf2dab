import type { Announcement } from '../domain/announcement';
import { feedsOf, type FeedKey } from '../domain/feeds';

/**
 * The single-table layout. One item per announcement, one feed-entry item per
 * feed it is in (so each feed is one Query, newest first), one per token.
 */
export const ANNOUNCEMENT = 'announcement';
export const FEED_ENTRY = 'feed-entry';
export const TOKEN = 'token';
export const AUDIT = 'audit';
export const SCHEDULE_ENTRY = 'schedule-entry';
export const IDEMPOTENCY = 'idempotency';
export const REBUILD_REQUEST = 'rebuild-request';

export const announcementKey = (id: string) => ({ pk: `ANN#${id}`, sk: 'A' });
export const feedPartition = (feed: FeedKey) => `FEED#${feed}`;
/** Audit records live in their announcement's partition, one per version, so history is one Query. */
export const auditKey = (id: string, version: number) => ({ pk: `ANN#${id}`, sk: `H#${String(version).padStart(10, '0')}` });
export const AUDIT_PREFIX = 'H#';
/** The announcement item's attribute that holds its create's audit record until the first edit moves it to `H#` (dynamo-create-audit). */
export const CREATE_AUDIT = 'createAudit';
/**
 * A scheduled announcement has one schedule entry beside it, indexed under
 * gsi1 'DUE' by publishAt, so the due-item job is one Query. It is a separate
 * item because the announcement's own gsi1 keys already serve the list.
 */
export const scheduleEntryKey = (id: string) => ({ pk: `ANN#${id}`, sk: 'DUE' });
export const scheduleIndexKeys = (a: { publishAt: string; id: string }) => ({
  gsi1pk: 'DUE',
  gsi1sk: `${a.publishAt}#${a.id}`,
});
/** A feed rebuild request; its INSERT on the stream is what starts the rebuild. */
export const rebuildKey = (id: string) => ({ pk: `REBUILD#${id}`, sk: 'R' });
export const idempotencyKey = (scope: string) => ({ pk: `IDEM#${scope}`, sk: 'I' });
/**
 * The feed registry: one item per feed the publisher has written, all in one
 * partition (sort key `F#` + feed key), so listing them is a paged Query and
 * no item grows with the number of tags.
 */
export const FEED_REGISTRY_PARTITION = 'META#feeds';
export const FEED_REGISTRATION = 'feed-registration';
export const FEED_REGISTRATION_PREFIX = 'F#';
export const feedRegistrationKey = (feed: FeedKey) => ({ pk: FEED_REGISTRY_PARTITION, sk: `${FEED_REGISTRATION_PREFIX}${feed}` });
/**
 * The registry's former layout: one item whose string set held every feed key
 * (it reached DynamoDB's 400 KB limit at some thousands of tags). Still read,
 * and moved into per-feed items by the first rebuild that meets it.
 */
export const legacyFeedRegistryKey = { pk: FEED_REGISTRY_PARTITION, sk: 'M' };
/**
 * Where an unfinished nightly rebuild continues: beside the registry it pages
 * through (sorting before its per-feed items), under the key prefix the
 * publisher and reconciler already write.
 */
export const rebuildProgressKey = { pk: FEED_REGISTRY_PARTITION, sk: 'C#rebuild' };
export const tokenKey = (sha256: string) => ({ pk: `TOKEN#${sha256}`, sk: 'T' });
/** Points from a token's public id to its hash, so it can be revoked by id with consistent reads. */
export const tokenIdKey = (id: string) => ({ pk: `TOKENID#${id}`, sk: 'T' });
/** The token listing: every token record under one index key, newest first. */
export const tokenListKeys = (t: { createdAt: string; id: string }) => ({ gsi1pk: 'TOKEN', gsi1sk: `${t.createdAt}#${t.id}` });
export const TOKEN_ID = 'token-id';

/** The list index: every announcement under one key, newest created first. */
export const listIndexKeys = (a: Pick<Announcement, 'createdAt' | 'id'>) => ({
  gsi1pk: 'ANN',
  gsi1sk: `${a.createdAt}#${a.id}`,
});

/** The feed-entry keys an announcement has in its current state. */
export function feedEntryKeys(a: Announcement | undefined): { pk: string; sk: string }[] {
  if (!a) return [];
  const sk = `${a.publishedAt ?? a.updatedAt}#${a.id}`;
  return feedsOf(a).map((feed) => ({ pk: feedPartition(feed), sk }));
}

/** The announcement as the feed index stores it: no Markdown source, nothing private. */
export function feedEntrySnapshot(a: Announcement): Omit<Announcement, 'body'> {
  const { body: _body, ...rest } = a;
  return rest;
}

/** A review link, found by the sha256 of its token (the public review page's one lookup). */
export const reviewLinkKey = (sha256: string) => ({ pk: `REVIEW#${sha256}`, sk: 'R' });
/** A review link in its announcement's list, so listing is one Query and revocation one GetItem by id. */
export const reviewListKey = (announcementId: string, linkId: string) => ({ pk: `REVIEWS#${announcementId}`, sk: linkId });
export const reviewListPartition = (announcementId: string) => `REVIEWS#${announcementId}`;
export const REVIEW_LINK = 'review-link';
