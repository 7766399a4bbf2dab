import type { IndexPartition, ItemKind } from '../shared/table-definition';

/**
 * The shape of one function's declaration. Pure data with no CDK or runtime
 * import, so the CDK stack (infra/herald-stack.ts) and the local runtime
 * (infra/local/) read the same list, and a test compares what both build.
 */

/** An HTTP API route; `token` routes pass the authorizer, `public` ones (with the reason) do not. */
export type HttpTrigger = {
  readonly kind: 'http';
  readonly method: 'ANY' | 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway syntax: `/api/{proxy+}` matches one or more segments, `{id}` exactly one. */
  readonly path: string;
  /** Per-route throttle at the API stage (requests per second, burst). */
  readonly throttle: { readonly rate: number; readonly burst: number };
} & ({ readonly auth: 'token' } | { readonly auth: 'public'; readonly why: string });

/** API Gateway calls this function to authorise every `token` route. */
export type AuthorizerTrigger = { readonly kind: 'authorizer' };

/** The table's stream, in batches; failures retried, bisected, then parked in a dead-letter queue. */
export type StreamTrigger = {
  readonly kind: 'stream';
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  readonly retryAttempts: number;
  readonly maxRecordAgeSeconds: number;
};

/** A schedule: every n minutes, or daily at a UTC time. Undeliverable events go to a dead-letter queue. */
export type ScheduleTrigger = {
  readonly kind: 'schedule';
  /** The rule's construct id, e.g. NightlyRebuild. */
  readonly id: string;
  readonly description: string;
  readonly every: { readonly minutes: number } | { readonly dailyAtUtc: { readonly hour: number; readonly minute: number } };
  readonly retryAttempts: number;
};

/** An SQS queue owned by this function (its consumer), with a dead-letter queue after `maxReceiveCount` tries. */
export type QueueTrigger = {
  readonly kind: 'queue';
  /** kebab-case; other functions name it in `grants.queues` to send to it. */
  readonly queue: string;
  readonly batchSize: number;
  readonly maxReceiveCount: number;
  /**
   * Batches handled side by side (the event source's maximum concurrency, 2 to 1000; the
   * local queue runs as many at once), so a slow message holds only its own batch.
   * Without it, the cloud scales freely and the local queue handles one batch at a time.
   */
  readonly maxConcurrency?: number;
};

/** What invokes a function. */
export type Trigger = HttpTrigger | AuthorizerTrigger | StreamTrigger | ScheduleTrigger | QueueTrigger;

/** Configuration a function receives; each maps to environment variables in the cloud. */
/** `siteUrl` is SITE_URL alone (the authorizer's CSRF rule), `site` all the site's settings. */
export type EnvKey = 'table' | 'bucket' | 'site' | 'siteUrl' | 'hubs' | 'fediverse';

/**
 * Secrets read at run time from SSM (never put in the environment): the bootstrap
 * admin token's hash, and the origin secret CloudFront sends to the API. Granting
 * one gives the function read access and the variable naming its parameter.
 */
export type SecretName = 'adminToken' | 'originSecret';

/** A table action a grant may name (wildcards are refused in code as well). */
export type TableAction =
  | 'dynamodb:GetItem'
  | 'dynamodb:Query'
  | 'dynamodb:PutItem'
  | 'dynamodb:UpdateItem'
  | 'dynamodb:DeleteItem'
  | 'dynamodb:TransactWriteItems'
  | 'dynamodb:ConditionCheckItem'
  | 'dynamodb:BatchGetItem'
  | 'dynamodb:BatchWriteItem';

/** Table access: actions, limited (`dynamodb:LeadingKeys`) to the kinds of item listed, or `all`. */
export type TableGrant = {
  readonly actions: readonly TableAction[];
  readonly items: 'all' | readonly ItemKind[];
  /** Query on gsi1, limited to the index partitions listed, or `all`. */
  readonly index?: 'all' | readonly IndexPartition[];
};

/** An object action a grant may name. */
export type ObjectAction = 's3:GetObject' | 's3:PutObject' | 's3:DeleteObject';

/** What a function may touch, and nothing more. */
export type Grants = {
  readonly table?: TableGrant;
  /** Further table grants, for writes narrower than the reads above (the publisher's feed entries). */
  readonly tableWrites?: readonly TableGrant[];
  /**
   * Object keys (exact, or a prefix ending in `/*`) the function may touch: get,
   * put and delete unless `actions` names fewer.
   */
  readonly objects?: readonly { readonly key: string; readonly why: string; readonly actions?: readonly ObjectAction[] }[];
  /** Queues (by `QueueTrigger.queue`) the function may send to. */
  readonly queues?: readonly string[];
  /** SSM parameters the function may read (and decrypt). */
  readonly secrets?: readonly SecretName[];
  /**
   * Secrets Manager secrets the stack creates empty and the function reads and
   * fills once (GetSecretValue, PutSecretValue): the ActivityPub actor's keys.
   */
  readonly keySecrets?: readonly KeySecretName[];
  /**
   * CloudFront KeyValueStores the function keeps in step (DescribeKeyValueStore and
   * UpdateKeys on that store only); the variable REDIRECTS_KVS_ARN names it.
   */
  readonly keyValueStores?: readonly KeyValueStoreName[];
};

/** A CloudFront KeyValueStore the stack creates: the redirects the viewer-request function serves. */
export type KeyValueStoreName = 'redirects';

/** A secret a function generates once and keeps. */
export type KeySecretName = 'activityPubKeys';

/** One function: everything both the cloud and the local runtime need to run it. */
export type FunctionDeclaration = {
  /** Its folder under functions/, and the base of its construct id. */
  readonly name: string;
  /** The Lambda entry, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly reservedConcurrency: number;
  readonly triggers: readonly Trigger[];
  readonly environment: readonly EnvKey[];
  readonly grants: Grants;
  /**
   * Packages installed beside the bundle instead of bundled (native code such as
   * sharp), for Lambda's platform: linux, arm64, glibc.
   */
  readonly bundling?: { readonly nodeModules: readonly string[] };
};
