/**
 * Herald's one DynamoDB table, described once and without any AWS library, so
 * the CDK construct, local provisioning, the IAM grants and the tests all read
 * the same names. A leaf module: it imports nothing.
 */

/** The name of the one global secondary index; adapters query it by this constant. */
export const GSI1 = 'gsi1';

/** Key attributes, the index, the stream view and the TTL attribute of the table. */
export const TABLE_DEFINITION = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [{ name: GSI1, partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' }],
  /** The publisher needs both images: a retraction or a moved tag is only visible in the old one. */
  streamView: 'NEW_AND_OLD_IMAGES',
  /** Idempotency records, rebuild requests, review links, pending media, invitations, challenges and sessions carry their expiry here (epoch seconds). */
  ttlAttribute: 'expiresAt',
} as const;

/**
 * The partition-key prefix of each kind of item (see shared/adapters/table-keys.ts).
 * IAM `dynamodb:LeadingKeys` conditions are written in these, so a function can
 * be limited to the kinds of item it really reads and writes.
 */
export const KEY_PREFIXES = {
  /** An announcement, its audit history (sk H#...) and its schedule entry (sk DUE). */
  announcement: 'ANN#',
  /** One feed-entry item per feed an announcement is in. */
  feed: 'FEED#',
  /** What the publisher keeps about itself, such as the feed registry. */
  meta: 'META#',
  rebuild: 'REBUILD#',
  idempotency: 'IDEM#',
  token: 'TOKEN#',
  tokenId: 'TOKENID#',
  /**
   * A review link by the sha256 of its token: the one item the public review
   * page reads, so that function can look a link up but never list them.
   */
  reviewLink: 'REVIEW#',
  /** The review links of one announcement (sk: link id), for the editors' list and revocation. */
  reviewLinkList: 'REVIEWS#',
  /** An uploaded photo or document: pending (with a TTL) until `complete`, then ready. */
  media: 'MEDIA#',
  /** An editor or admin who signs in with passkeys (sk U). */
  user: 'USER#',
  /** A passkey by its credential id: what sign-in looks up. */
  passkey: 'PASSKEY#',
  /** An invitation by the sha256 of its token (TTL at its expiry). */
  invitation: 'INVITE#',
  /** A WebAuthn challenge: single use, TTL 5 minutes. */
  challenge: 'CHALLENGE#',
  /** A browser session by the sha256 of its cookie (TTL at its idle expiry): the authorizer reads it. */
  session: 'SESSION#',
  /** A fediverse follower of the actor (sk: the follower's actor id), with its inbox and shared inbox. */
  follower: 'FOLLOWER#',
  /** Fedify's key-value store (caches, idempotence): pk the key's first part, sk the rest. */
  fediverseKv: 'FEDKV#',
  /** One record per announcement, version and activity sent to followers, so a duplicate sends nothing. */
  fediverseSent: 'FEDSENT#',
  /** The actor's key pairs: the lock that lets one cold start generate them. */
  fediverseKey: 'FEDKEY#',
  /** Replies to announcements and mentions of the actor, kept for a moderation view, never published (sk: time#note id). */
  fediverseMention: 'FEDMENTION#',
  /** The registered webhook endpoints, one partition (sk: endpoint id), with their signing secrets. */
  webhook: 'WEBHOOK#',
  /** One endpoint's deliveries (sk: delivery id `{event}.{announcement}.v{version}`), each with its attempts. */
  webhookDelivery: 'WEBHOOKDLV#',
  /** What the publish of one announcement version wrote (sk `v{version}`): feeds, WebSub topics pinged. */
  publishRecord: 'PUBREC#',
  /** Redirects from the organisation's old site, one partition (sk: the old path), listed in path order. */
  redirect: 'REDIRECT#',
  /** The sha256 of what the publisher last wrote to one object (pk `FILE#{bucket}/{key}`): skip-unchanged reads it. */
  fileHash: 'FILE#',
} as const;

/** A kind of item, named for grants. */
export type ItemKind = keyof typeof KEY_PREFIXES;

/**
 * The partition values of gsi1: the editors' list, due schedule entries, the token list, the media library,
 * the people (users with their passkeys and sessions) and the invitations.
 */
export const INDEX_PARTITIONS = { list: 'ANN', due: 'DUE', tokens: 'TOKEN', media: 'MEDIA', users: 'USER', invitations: 'INVITE' } as const;

/** A partition of gsi1, named for grants. */
export type IndexPartition = keyof typeof INDEX_PARTITIONS;
