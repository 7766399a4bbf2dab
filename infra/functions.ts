import type { FunctionDeclaration } from './function-declaration';

/** The bucket keys the publisher and reconciler own, each with why it needs the whole prefix. */
const PUBLISHED_OBJECTS = [
  { key: 'feeds/*', why: 'The publisher owns the feed tree: one object per feed and format, per language and per tag, so keys are not known in advance.' },
  { key: 'news/*', why: 'The publisher renders one page per announcement under news/, named by the announcement.' },
  { key: 'index.html', why: 'The home page.' },
] as const;

/** The bucket keys the media function owns: uploads it reads and deletes, public files it writes. */
const MEDIA_OBJECTS = [
  {
    key: 'uploads/*',
    why: 'Browsers upload to uploads/{id}, a key per media item chosen at request time; the presigned POST is signed with this role, so it needs PutObject there.',
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
  },
  { key: 'media/*', why: 'Each media item writes its files under media/{id}/, named at upload time.', actions: ['s3:PutObject', 's3:DeleteObject'] },
] as const;

/** What the publisher reads to render: announcements, their feed entries, the feed registry. */
const RENDER_ITEMS = ['announcement', 'feed', 'meta'] as const;
/** What a function that writes published files does in the table: render reads, the registry, the files' hash records. */
const RENDER_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'] as const;

/**
 * Every Herald function, declared once. The CDK stack builds Lambdas, routes,
 * event sources, schedules and IAM from this list; the local runtime builds its
 * HTTP routing, stream poller, timers and queues from it. Adding a function is
 * one entry here plus its folder under functions/ (and its local wiring in
 * infra/local/local-functions.ts, which the compiler asks for).
 */
export const FUNCTIONS = [
  {
    name: 'admin',
    entry: 'functions/admin/handler.ts',
    description: 'Herald admin API (API Gateway HTTP API, payload 2.0)',
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 10,
    triggers: [
      { kind: 'http', method: 'ANY', path: '/api/{proxy+}', auth: 'token', throttle: { rate: 50, burst: 100 } },
      {
        kind: 'http',
        method: 'GET',
        path: '/api/health',
        auth: 'public',
        why: 'GET /api/health is the public liveness probe of the design; it answers {"status":"ok"} and reads no data.',
        throttle: { rate: 5, burst: 10 },
      },
    ],
    environment: ['table', 'bucket', 'site', 'hubs'],
    // Tokens, announcements, idempotency records, rebuild requests: the admin API manages them all.
    grants: {
      table: {
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:TransactWriteItems'],
        items: 'all',
        index: 'all',
      },
      // No secrets: the authorizer checks the bootstrap token before any /api request reaches it.
    },
  },
  {
    // The public review page: the link's token is the credential. Its own function so the
    // public path reads only what a page needs. It also serves the editor helpers (token
    // routes), since it already renders pages and the admin function's cold start should not.
    name: 'review',
    entry: 'functions/review/handler.ts',
    description: 'Herald review page and editor preview: an announcement as its page will be',
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 5,
    triggers: [
      {
        kind: 'http',
        method: 'GET',
        path: '/review/{token}',
        auth: 'public',
        why: 'GET /review/{token} is the public review page: the 256-bit token in the path is the credential, stored only as its sha256; the route is throttled and reads one link and one announcement.',
        throttle: { rate: 10, burst: 20 },
      },
      { kind: 'http', method: 'POST', path: '/api/preview', auth: 'token', throttle: { rate: 10, burst: 20 } },
      { kind: 'http', method: 'GET', path: '/api/tags', auth: 'token', throttle: { rate: 5, burst: 10 } },
    ],
    // loadConfig() reads BUCKET_NAME too; the function has no bucket grant and touches no object.
    environment: ['table', 'bucket', 'site', 'hubs'],
    // GetItem: a review link by hash, an announcement, a media item (a preview's image facts).
    // Query: the site feed's newest entries (translations, as the publisher links them), a
    // tag feed's entries (counted) and the registry's tag feeds. No token reads: the
    // authorizer checks the helpers' callers. Nothing is written.
    grants: { table: { actions: ['dynamodb:GetItem', 'dynamodb:Query'], items: ['reviewLink', 'announcement', 'media', 'feed', 'meta'] } },
  },
  {
    name: 'authorizer',
    entry: 'functions/authorizer/handler.ts',
    description: 'Herald admin API Lambda authorizer (simple responses)',
    memoryMb: 256,
    timeoutSeconds: 5,
    reservedConcurrency: 10,
    triggers: [{ kind: 'authorizer' }],
    // What loadAuthConfig() reads: the table, and SITE_URL for the CSRF rule on cookie writes.
    environment: ['table', 'siteUrl'],
    // Tokens and sessions by hash; UpdateItem moves a session's idle expiry (at most every 5 minutes).
    grants: { table: { actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'], items: ['token', 'session'] }, secrets: ['adminToken', 'originSecret'] },
  },
  {
    // Passkey sign-in and the people routes, apart from the admin API: SimpleWebAuthn stays
    // out of its bundle, and this function touches identity items only (no announcement).
    name: 'identity',
    entry: 'functions/identity/handler.ts',
    description: 'Herald identity: invitations, passkey sign-in, sessions',
    memoryMb: 512,
    timeoutSeconds: 10,
    reservedConcurrency: 5,
    triggers: [
      ...(['/api/auth/register/options', '/api/auth/register', '/api/auth/login/options', '/api/auth/login'] as const).map((path) => ({
        kind: 'http' as const,
        method: 'POST' as const,
        path,
        auth: 'public' as const,
        why: `POST ${path} is a step of passkey sign-up or sign-in, before anyone has a session: the invitation token or the signed assertion is the credential; throttled.`,
        throttle: { rate: 5, burst: 10 },
      })),
      {
        kind: 'http',
        method: 'POST',
        path: '/api/auth/logout',
        auth: 'public',
        why: 'POST /api/auth/logout checks the session cookie and the CSRF rule itself and only ends that session.',
        throttle: { rate: 5, burst: 10 },
      },
      {
        kind: 'http',
        method: 'GET',
        path: '/api/auth/me',
        auth: 'public',
        why: 'GET /api/auth/me answers 401 (not the authorizer\'s 403) to a browser that is not signed in; it checks the cookie or token itself.',
        throttle: { rate: 10, burst: 20 },
      },
      { kind: 'http', method: 'POST', path: '/api/invitations', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'GET', path: '/api/invitations', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'DELETE', path: '/api/invitations/{id}', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'GET', path: '/api/users', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'DELETE', path: '/api/users/{id}/passkeys/{passkeyId}', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'DELETE', path: '/api/users/{id}/sessions/{sessionId}', auth: 'token', throttle: { rate: 5, burst: 10 } },
    ],
    environment: ['table', 'site'],
    // Identity items only, plus token reads and the bootstrap hash for GET /api/auth/me with a
    // Bearer token (a public route, so no authorizer verdict). Query gsi1 'USER' and 'INVITE'.
    grants: {
      table: {
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:TransactWriteItems'],
        items: ['user', 'passkey', 'invitation', 'challenge', 'session', 'token'],
        index: ['users', 'invitations'],
      },
      secrets: ['adminToken'],
    },
  },
  {
    // Uploads are checked and re-encoded here, apart from the admin API: sharp
    // (libvips) makes this bundle large and wants memory, which the other
    // routes should not pay for at cold start.
    name: 'media',
    entry: 'functions/media/handler.ts',
    description: 'Herald media: presigned uploads, byte checks, metadata stripping, variants',
    memoryMb: 2048,
    timeoutSeconds: 60,
    reservedConcurrency: 5,
    triggers: [
      { kind: 'http', method: 'POST', path: '/api/media', auth: 'token', throttle: { rate: 10, burst: 20 } },
      { kind: 'http', method: 'GET', path: '/api/media', auth: 'token', throttle: { rate: 10, burst: 20 } },
      { kind: 'http', method: 'POST', path: '/api/media/{id}/complete', auth: 'token', throttle: { rate: 5, burst: 10 } },
      // The server downloads a URL (import --rehost) and processes it as complete does.
      { kind: 'http', method: 'POST', path: '/api/media/fetch', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'DELETE', path: '/api/media/{id}', auth: 'token', throttle: { rate: 5, burst: 10 } },
    ],
    environment: ['table', 'bucket', 'site'],
    // Its own items; Query gsi1 'MEDIA' (the library) and 'ANN' (is a media item in a
    // published announcement?); no token reads: the authorizer has checked the caller.
    grants: {
      table: { actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], items: ['media'], index: ['media', 'list'] },
      objects: MEDIA_OBJECTS,
    },
    bundling: { nodeModules: ['sharp'] },
  },
  {
    name: 'publisher',
    entry: 'functions/publisher/handler.ts',
    description: 'Herald publisher: table stream to feeds in S3',
    memoryMb: 1024,
    timeoutSeconds: 120,
    // The stream mapping runs one batch per shard at a time (parallelization factor 1).
    reservedConcurrency: 5,
    triggers: [
      { kind: 'stream', batchSize: 100, maxBatchingWindowSeconds: 1, retryAttempts: 5, maxRecordAgeSeconds: 3600 },
      // Imports' renders, deferred from the stream (recorded in the table first): a message asks for a
      // step that renders every recorded batch at once, apart from the shard, so an editor's change
      // behind an import's records waits only for their projection. Two steps at most at once.
      { kind: 'queue', queue: 'deferred-renders', batchSize: 10, maxReceiveCount: 5, maxConcurrency: 2 },
    ],
    environment: ['table', 'bucket', 'site', 'hubs'],
    // UpdateItem: the feed registry, archive page boundaries, and the report on a finished rebuild request.
    // UpdateItem also writes the publish record of each announcement version (feeds written, topics pinged).
    // BatchGetItem and BatchWriteItem: the hash records of the files it writes (skip-unchanged).
    grants: {
      // Query gsi1 'ANN': a rebuild re-derives the feed entries from every announcement.
      table: { actions: [...RENDER_ACTIONS], items: [...RENDER_ITEMS, 'fileHash', 'rebuild', 'publishRecord'], index: ['list'] },
      // The feed entries it keeps from the stream (a POST no longer writes them): conditional Puts and Deletes in transactions,
      // which check that the announcement is still the version whose entries they write (ConditionCheck, no read first).
      tableWrites: [
        { actions: ['dynamodb:TransactWriteItems', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], items: ['feed'] },
        { actions: ['dynamodb:ConditionCheckItem'], items: ['announcement'] },
      ],
      objects: PUBLISHED_OBJECTS,
      // A publish, an edit or a retraction of a published announcement is one message for the fediverse function, one for webhooks.
      // And the deferred-render step's message to itself.
      queues: ['fediverse', 'webhooks', 'deferred-renders'],
    },
  },
  {
    // The nightly reconciliation: a full rebuild whose writes are drift. It is also
    // the redrive after the dead-letter queue fills (README), so it may do what the
    // publisher may to render, and no more.
    name: 'reconciler',
    entry: 'functions/reconciler/handler.ts',
    description: 'Herald nightly full rebuild: re-renders every feed and reports drift',
    memoryMb: 1024,
    timeoutSeconds: 600,
    reservedConcurrency: 1,
    triggers: [
      {
        kind: 'schedule',
        id: 'NightlyRebuild',
        description: 'Runs the Herald full rebuild every night at 03:00 UTC and reports drift',
        every: { dailyAtUtc: { hour: 3, minute: 0 } },
        retryAttempts: 2,
      },
    ],
    environment: ['table', 'bucket', 'site', 'hubs'],
    grants: {
      // Query gsi1 'ANN' and the feed entries' writes: the rebuild re-derives the entries a lost stream record left stale.
      table: { actions: [...RENDER_ACTIONS], items: [...RENDER_ITEMS, 'fileHash'], index: ['list'] },
      tableWrites: [{ actions: ['dynamodb:TransactWriteItems', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], items: ['feed'] }],
      objects: PUBLISHED_OBJECTS,
    },
  },
  {
    name: 'scheduler',
    entry: 'functions/scheduler/handler.ts',
    description: 'Herald due-item job: publishes scheduled announcements whose time has come',
    memoryMb: 512,
    timeoutSeconds: 50,
    // Never two runs at once, as locally.
    reservedConcurrency: 1,
    triggers: [
      {
        kind: 'schedule',
        id: 'DueItems',
        description: 'Runs the Herald due-item job every minute',
        every: { minutes: 1 },
        // A missed run is harmless (the next one finds the same due items), so no retries.
        retryAttempts: 0,
      },
    ],
    environment: ['table', 'bucket', 'site', 'hubs'],
    // Query gsi1 'DUE', re-read, and publish in one transaction: announcement and
    // audit Puts, schedule-entry Delete (the publisher moves the feed entries).
    grants: {
      table: {
        actions: ['dynamodb:GetItem', 'dynamodb:TransactWriteItems', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
        items: ['announcement'],
        index: ['due'],
      },
    },
  },
  {
    // ActivityPub (issue 12): WebFinger, NodeInfo, the site actor, its inbox, outbox and
    // followers over HTTP, and the delivery queue (Create/Update/Delete, one message per
    // shared inbox, Fedify's retries). Fedify's bundle stays out of the other functions.
    name: 'fediverse',
    entry: 'functions/fediverse/handler.ts',
    description: 'Herald fediverse: ActivityPub actor, inbox and signed delivery to followers',
    memoryMb: 1024,
    timeoutSeconds: 30,
    reservedConcurrency: 10,
    triggers: [
      {
        kind: 'http',
        method: 'GET',
        path: '/.well-known/webfinger',
        auth: 'public',
        why: 'WebFinger is how a Mastodon user finds @news@{site}; it reads nothing but the configured handle.',
        throttle: { rate: 20, burst: 40 },
      },
      {
        kind: 'http',
        method: 'GET',
        path: '/.well-known/nodeinfo',
        auth: 'public',
        why: 'NodeInfo discovery: other servers ask what software this is; a constant document.',
        throttle: { rate: 5, burst: 10 },
      },
      {
        kind: 'http',
        method: 'ANY',
        path: '/ap/{proxy+}',
        auth: 'public',
        why: 'ActivityPub documents (actor, outbox, followers, notes) are public by design; inbox POSTs are authenticated by their HTTP signatures, verified by Fedify, not by a token.',
        throttle: { rate: 50, burst: 100 },
      },
      { kind: 'queue', queue: 'fediverse', batchSize: 10, maxReceiveCount: 5 },
    ],
    // loadConfig() reads BUCKET_NAME too; the function has no bucket grant and touches no object.
    environment: ['table', 'bucket', 'site', 'fediverse'],
    grants: {
      table: {
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
        items: ['announcement', 'feed', 'follower', 'fediverseKv', 'fediverseSent', 'fediverseKey', 'fediverseMention'],
      },
      // Fedify re-enqueues a delivery with its backoff delay, and fans out to one message per inbox.
      queues: ['fediverse'],
      keySecrets: ['activityPubKeys'],
    },
  },
  {
    // Webhooks (issue 12): admins register endpoints; each announcement event is fanned out
    // to one delivery per endpoint and each attempt is a queue message (signed POST, 10 s
    // timeout, bounded retries by re-enqueueing with a delay). Also the per-announcement
    // delivery record, which reads what every sender recorded.
    name: 'webhooks',
    entry: 'functions/webhooks/handler.ts',
    description: 'Herald webhooks: endpoints, signed deliveries with retries, the per-announcement delivery record',
    memoryMb: 512,
    // An attempt waits at most 10 s for its target; a batch runs its attempts side by side.
    timeoutSeconds: 30,
    reservedConcurrency: 5,
    triggers: [
      { kind: 'http', method: 'POST', path: '/api/webhooks', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'GET', path: '/api/webhooks', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'DELETE', path: '/api/webhooks/{id}', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'GET', path: '/api/webhooks/{id}/deliveries', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'POST', path: '/api/webhooks/{id}/deliveries/{deliveryId}/resend', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'GET', path: '/api/announcements/{id}/deliveries', auth: 'token', throttle: { rate: 10, burst: 20 } },
      // Batch size 1 and five batches at once: a target that hangs holds its own attempt, never another's.
      { kind: 'queue', queue: 'webhooks', batchSize: 1, maxReceiveCount: 5, maxConcurrency: 5 },
    ],
    environment: ['table', 'bucket', 'site'],
    // Its own items; reads an announcement (the event's data), the publish record and the
    // fediverse sent log and follower count (the delivery record), tokens and sessions (the request authenticator).
    grants: {
      table: {
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query'],
        items: ['webhook', 'webhookDelivery', 'announcement', 'publishRecord', 'fediverseSent', 'follower', 'token', 'session'],
      },
      // Retries are re-enqueued with their backoff delay; a re-send enqueues one attempt.
      queues: ['webhooks'],
      secrets: ['adminToken'],
    },
  },
  {
    // Redirects from the organisation's old site (issue 14). Admins write them to the table;
    // this function keeps the CloudFront KeyValueStore that the viewer-request function reads in
    // step, so serving a redirect never runs a Lambda. Its own function: the KeyValueStore client
    // and its SigV4a signer stay out of the admin bundle.
    name: 'redirects',
    entry: 'functions/redirects/handler.ts',
    description: 'Herald redirects: old-site paths to new pages, in the table and the CloudFront KeyValueStore',
    memoryMb: 256,
    timeoutSeconds: 30,
    reservedConcurrency: 2,
    triggers: [
      { kind: 'http', method: 'PUT', path: '/api/redirects', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'GET', path: '/api/redirects', auth: 'token', throttle: { rate: 5, burst: 10 } },
      { kind: 'http', method: 'DELETE', path: '/api/redirects', auth: 'token', throttle: { rate: 5, burst: 10 } },
    ],
    // loadConfig() reads BUCKET_NAME too; the function has no bucket grant and touches no object.
    environment: ['table', 'bucket', 'siteUrl'],
    // Its own items only (one partition: conditional Put, Delete, the paged Query); no token
    // reads: the authorizer has checked the caller.
    grants: {
      table: { actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:Query'], items: ['redirect'] },
      keyValueStores: ['redirects'],
    },
  },
] as const satisfies readonly FunctionDeclaration[];

/** The name of a declared function. */
export type FunctionName = (typeof FUNCTIONS)[number]['name'];
