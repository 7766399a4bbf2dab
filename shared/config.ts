/**
 * The one place Herald reads its runtime environment. Every Lambda and the
 * local runtime call `loadConfig()` once; a missing or malformed variable fails
 * fast with its name instead of surfacing later as an undefined.
 *
 * Written without zod on purpose: this module is in every function's bundle,
 * and the authorizer, publisher and scheduler validate nothing else, so a
 * dozen checks here keep ~90 KB of schema library out of their cold starts.
 */
import { trimTrailingSlashes } from './http/path';
import type { LinkPolicy } from './domain/link-policy';

export type HeraldConfig = {
  tableName: string;
  bucketName: string;
  siteUrl: string;
  siteTitle: string;
  siteDescription: string;
  /** The language of the site and tag feeds, which mix languages (BCP 47). */
  siteLanguage: string;
  feedPageSize: number;
  /** sha256 hex of the bootstrap admin token (local runtime); other tokens live in the table. */
  adminTokenSha256?: string;
  /** In the cloud: the SSM SecureString parameter holding that sha256 (see shared/wiring/bootstrap-token.ts). */
  adminTokenParameter?: string;
  hubs: string[];
  /**
   * Links in feeds and pages: https only unless ALLOW_HTTP_LINKS=true (the
   * local runtime sets it for its http://localhost SITE_URL); canonicalUrl
   * only on SITE_URL's host or one listed in CANONICAL_HOSTS.
   */
  links: LinkPolicy;
  region: string;
  /** Set only by the local runtime: emulator endpoints instead of AWS. */
  dynamoEndpoint?: string;
  s3Endpoint?: string;
  /** Set only by the local runtime (in Lambda, Powertools reads its own variables). */
  logLevel?: LogLevel;
  /** Set only by the local runtime: CloudWatch metrics mean nothing on one machine. */
  metricsOff?: boolean;
  /** The fediverse actor's name: `@{handle}@{SITE_URL host}` (ACTIVITYPUB_HANDLE, default news). */
  activityPubHandle?: string;
  /** Languages with a fediverse actor of their own, `@{handle}-{language}` (ACTIVITYPUB_LANGUAGE_ACTORS, comma-separated; none by default). */
  activityPubLanguages?: string[];
  /** The actor's avatar (ACTIVITYPUB_ICON_URL): the coalition's logo, square, PNG or JPEG. */
  activityPubIcon?: string;
  /** In the cloud: the Secrets Manager secret (ARN) holding the actor's key pairs, filled once. */
  activityPubKeySecret?: string;
  /** In the cloud: the fediverse delivery queue's URL (set by the stack for its senders). */
  fediverseQueueUrl?: string;
  /** In the cloud: the webhook delivery queue's URL (set by the stack for its senders). */
  webhooksQueueUrl?: string;
  /** In the cloud: the deferred-render queue's URL (the publisher sends to itself: imports' renders). */
  deferredRendersQueueUrl?: string;
  /** In the cloud: the CloudFront KeyValueStore (ARN) the redirects function keeps in step with the table. */
  redirectsKvsArn?: string;
  /** Set only by the local runtime: fewer connections for a background step sharing the emulators with editors' publishes. */
  clientSockets?: number;
  /** Set only by the local runtime: awaited before each of a client's requests (the deferred step yields to an editor's publish). */
  beforeRequest?: () => Promise<void>;
  /** Set only by the local runtime: where the actor's key pairs are kept (DATA_DIR). */
  dataDir?: string;
  /** Set only by the local runtime: remote servers on loopback and private addresses may be fetched. */
  allowPrivateAddress?: boolean;
};

/** Powertools' log levels. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** Thrown when the environment cannot run Herald; names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const SHA256 = /^[0-9a-f]{64}$/;
/** An SSM parameter name (also the `/aws/reference/secretsmanager/...` path to a secret). */
const SSM_NAME = /^\/[A-Za-z0-9_.\-/]{1,1010}$/;
const HANDLE = /^[a-z0-9_]{1,30}$/;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/** Reads variables, collecting every problem so one error names them all. */
function reader(env: NodeJS.ProcessEnv) {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name];
    return v === undefined || v === '' ? undefined : v;
  };
  const isUrl = (v: string) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  };
  const r = {
    problems,
    required(name: string): string {
      const v = value(name);
      if (v === undefined) problems.push(`${name}: is required`);
      return v ?? '';
    },
    text(name: string, fallback: string): string {
      return value(name) ?? fallback;
    },
    matching(name: string, pattern: RegExp, what: string): string | undefined {
      const v = value(name);
      if (v !== undefined && !pattern.test(v)) problems.push(`${name}: must be ${what}`);
      return v;
    },
    url(name: string): string | undefined {
      const v = value(name);
      if (v !== undefined && !isUrl(v)) problems.push(`${name}: must be an http(s) URL`);
      return v;
    },
    int(name: string, fallback: number, min: number, max: number): number {
      const v = value(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) problems.push(`${name}: must be an integer from ${min} to ${max}`);
      return n;
    },
    flag(name: string): boolean {
      const v = value(name)?.toLowerCase();
      if (v === undefined || v === 'false' || v === '0') return false;
      if (v === 'true' || v === '1') return true;
      problems.push(`${name}: must be true or false`);
      return false;
    },
    hosts(name: string): string[] {
      const list = (value(name) ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
      for (const h of list) if (!HOST.test(h)) problems.push(`${name}: ${h} is not a host name such as www.example.org`);
      return list;
    },
    languages(name: string): string[] {
      const list = (value(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      for (const l of list) if (!LANGUAGE.test(l)) problems.push(`${name}: ${l} is not a BCP 47 language tag such as fr`);
      return list;
    },
    urls(name: string): string[] {
      const list = (value(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      for (const u of list) if (!isUrl(u)) problems.push(`${name}: ${u} is not an http(s) URL`);
      return list;
    },
    done<T>(result: T): T {
      if (problems.length) throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
      return result;
    },
  };
  return r;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HeraldConfig {
  const r = reader(env);
  const siteUrl = r.required('SITE_URL');
  if (siteUrl) r.url('SITE_URL');
  return r.done({
    tableName: r.required('TABLE_NAME'),
    bucketName: r.required('BUCKET_NAME'),
    siteUrl: trimTrailingSlashes(siteUrl),
    siteTitle: r.text('SITE_TITLE', 'Herald'),
    siteDescription: r.text('SITE_DESCRIPTION', 'Announcements'),
    siteLanguage: r.matching('SITE_LANGUAGE', LANGUAGE, 'a BCP 47 language tag such as en') ?? 'en',
    feedPageSize: r.int('FEED_PAGE_SIZE', 50, 1, 500),
    adminTokenSha256: r.matching('ADMIN_TOKEN_SHA256', SHA256, '64 lowercase hex digits'),
    adminTokenParameter: r.matching('ADMIN_TOKEN_PARAMETER', SSM_NAME, 'an SSM parameter name such as /herald/admin-token-sha256'),
    hubs: r.urls('WEBSUB_HUBS'),
    links: linkPolicy(siteUrl, r.flag('ALLOW_HTTP_LINKS'), r.hosts('CANONICAL_HOSTS')),
    region: r.text('AWS_REGION', 'us-east-1'),
    dynamoEndpoint: r.url('HERALD_DYNAMODB_ENDPOINT'),
    s3Endpoint: r.url('HERALD_S3_ENDPOINT'),
    activityPubHandle: r.matching('ACTIVITYPUB_HANDLE', HANDLE, 'lowercase letters, digits and _ (1 to 30), such as news') ?? 'news',
    activityPubIcon: r.url('ACTIVITYPUB_ICON_URL'),
    activityPubLanguages: r.languages('ACTIVITYPUB_LANGUAGE_ACTORS'),
    activityPubKeySecret: r.matching('ACTIVITYPUB_KEY_SECRET', /^[A-Za-z0-9:/_+=.@-]{1,2048}$/, 'a Secrets Manager secret ARN or name'),
    fediverseQueueUrl: r.url('HERALD_QUEUE_FEDIVERSE_URL'),
    webhooksQueueUrl: r.url('HERALD_QUEUE_WEBHOOKS_URL'),
    deferredRendersQueueUrl: r.url('HERALD_QUEUE_DEFERRED_RENDERS_URL'),
    redirectsKvsArn: r.matching('REDIRECTS_KVS_ARN', /^arn:aws[a-z-]*:cloudfront::\d{12}:key-value-store\/[\w-]+$/, 'a CloudFront KeyValueStore ARN'),
  });
}

/** The site's own host is always canonical; CANONICAL_HOSTS adds the organisation's other sites. */
function linkPolicy(siteUrl: string, allowHttp: boolean, listed: string[]): LinkPolicy {
  let own: string[] = [];
  try {
    own = [new URL(siteUrl).host.toLowerCase()];
  } catch {
    // SITE_URL is already reported as invalid.
  }
  return { allowHttp, canonicalHosts: [...new Set([...own, ...listed])] };
}

/**
 * The token check's slice of the environment: the table, and where the bootstrap
 * admin token's sha256 comes from: ADMIN_TOKEN_SHA256 (the local runtime) or the
 * SecureString parameter named by ADMIN_TOKEN_PARAMETER (the cloud, read at cold
 * start). ORIGIN_SECRET_PARAMETER names the secret CloudFront sends to the API.
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env) {
  const r = reader(env);
  const adminTokenSha256 = r.matching('ADMIN_TOKEN_SHA256', SHA256, '64 lowercase hex digits');
  const adminTokenParameter = r.matching('ADMIN_TOKEN_PARAMETER', SSM_NAME, 'an SSM parameter name such as /herald/admin-token-sha256');
  if (adminTokenSha256 !== undefined && adminTokenParameter !== undefined) {
    r.problems.push('ADMIN_TOKEN_PARAMETER: set either it or ADMIN_TOKEN_SHA256, not both');
  }
  return r.done({
    tableName: r.required('TABLE_NAME'),
    adminTokenSha256,
    adminTokenParameter,
    /** The site's origin for the CSRF rule on cookie writes; without it every cookie write is refused. */
    siteUrl: r.url('SITE_URL'),
    originSecretParameter: r.matching('ORIGIN_SECRET_PARAMETER', SSM_NAME, 'an SSM parameter path such as /aws/reference/secretsmanager/herald-origin'),
    region: r.text('AWS_REGION', 'us-east-1'),
    dynamoEndpoint: r.url('HERALD_DYNAMODB_ENDPOINT'),
  });
}

/** What only the local runtime knows: the emulators, the names it chose, the port-dependent URL. */
export type LocalSettings = {
  tableName: string;
  bucketName: string;
  siteUrl: string;
  adminTokenSha256: string;
  hubs: readonly string[];
  dynamoEndpoint: string;
  s3Endpoint: string;
  /** Where the local runtime keeps what must survive a restart (the actor's key pairs). */
  dataDir?: string;
};

/**
 * The local runtime's configuration, built once and handed to every function's
 * wiring: the same checks as in Lambda (SITE_TITLE, SITE_LANGUAGE, FEED_PAGE_SIZE
 * still come from `env`), without writing anything into process.env.
 */
export function loadLocalConfig(env: NodeJS.ProcessEnv, local: LocalSettings): HeraldConfig {
  const config = loadConfig({
    ...env,
    TABLE_NAME: local.tableName,
    BUCKET_NAME: local.bucketName,
    SITE_URL: local.siteUrl,
    ADMIN_TOKEN_SHA256: local.adminTokenSha256,
    WEBSUB_HUBS: local.hubs.join(','),
    HERALD_DYNAMODB_ENDPOINT: local.dynamoEndpoint,
    HERALD_S3_ENDPOINT: local.s3Endpoint,
    // An http SITE_URL makes every page and resolved body link http; allow them unless told otherwise.
    ALLOW_HTTP_LINKS: env.ALLOW_HTTP_LINKS ?? (local.siteUrl.startsWith('http:') ? 'true' : undefined),
  });
  const r = reader(env);
  const level = r.matching('POWERTOOLS_LOG_LEVEL', /^(DEBUG|INFO|WARN|ERROR|SILENT)$/, 'DEBUG, INFO, WARN, ERROR or SILENT');
  return r.done({
    ...config,
    logLevel: (level ?? 'WARN') as LogLevel,
    dataDir: local.dataDir,
    // Fedify refuses private addresses; on one machine the other servers are on loopback.
    allowPrivateAddress: true,
    metricsOff: (env.POWERTOOLS_METRICS_DISABLED ?? 'true') !== 'false',
  });
}

/** The token check's configuration, as `loadAuthConfig` returns it. */
export type AuthConfig = ReturnType<typeof loadAuthConfig>;
