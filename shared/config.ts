/**
 * The one place Herald reads its runtime environment. Every Lambda and the
 * local runtime call `loadConfig()` once; a missing or malformed variable fails
 * fast with its name instead of surfacing later as an undefined.
 *
 * Written without zod on purpose: this module is in every function's bundle,
 * and the authorizer, publisher and scheduler validate nothing else, so a
 * dozen checks here keep ~90 KB of schema library out of their cold starts.
 */
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
  /** sha256 hex of the bootstrap admin token; other tokens live in the table. */
  adminTokenSha256?: string;
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
};

/** Thrown when the environment cannot run Herald; names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const SHA256 = /^[0-9a-f]{64}$/;
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
    siteUrl: siteUrl.replace(/\/+$/, ''),
    siteTitle: r.text('SITE_TITLE', 'Herald'),
    siteDescription: r.text('SITE_DESCRIPTION', 'Announcements'),
    siteLanguage: r.matching('SITE_LANGUAGE', LANGUAGE, 'a BCP 47 language tag such as en') ?? 'en',
    feedPageSize: r.int('FEED_PAGE_SIZE', 50, 1, 500),
    adminTokenSha256: r.matching('ADMIN_TOKEN_SHA256', SHA256, '64 lowercase hex digits'),
    hubs: r.urls('WEBSUB_HUBS'),
    links: linkPolicy(siteUrl, r.flag('ALLOW_HTTP_LINKS'), r.hosts('CANONICAL_HOSTS')),
    region: r.text('AWS_REGION', 'us-east-1'),
    dynamoEndpoint: r.url('HERALD_DYNAMODB_ENDPOINT'),
    s3Endpoint: r.url('HERALD_S3_ENDPOINT'),
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

/** The authorizer's slice of the environment: it needs only the table and the bootstrap hash. */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env) {
  const r = reader(env);
  return r.done({
    tableName: r.required('TABLE_NAME'),
    adminTokenSha256: r.matching('ADMIN_TOKEN_SHA256', SHA256, '64 lowercase hex digits'),
    region: r.text('AWS_REGION', 'us-east-1'),
    dynamoEndpoint: r.url('HERALD_DYNAMODB_ENDPOINT'),
  });
}
