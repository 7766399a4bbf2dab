import * as z from 'zod';

/**
 * The one place Herald reads its runtime environment. Every Lambda and the
 * local runtime call `loadConfig()` once; a missing or malformed variable fails
 * fast with its name instead of surfacing later as an undefined.
 */
const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

const EnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  SITE_URL: z.url().transform((u) => u.replace(/\/+$/, '')),
  SITE_TITLE: z.string().min(1).default('Herald'),
  SITE_DESCRIPTION: z.string().default('Announcements'),
  /** The language of the site and tag feeds, which mix languages (BCP 47). */
  SITE_LANGUAGE: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).default('en'),
  FEED_PAGE_SIZE: z.coerce.number().int().min(1).max(500).default(50),
  /** sha256 hex of the bootstrap admin token; other tokens live in the table. */
  ADMIN_TOKEN_SHA256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  WEBSUB_HUBS: csv.pipe(z.array(z.url())),
  /** Set only by the local runtime: emulator endpoints instead of AWS. */
  HERALD_DYNAMODB_ENDPOINT: z.url().optional(),
  HERALD_S3_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('us-east-1'),
});

export type HeraldConfig = {
  tableName: string;
  bucketName: string;
  siteUrl: string;
  siteTitle: string;
  siteDescription: string;
  siteLanguage: string;
  feedPageSize: number;
  adminTokenSha256?: string;
  hubs: string[];
  region: string;
  dynamoEndpoint?: string;
  s3Endpoint?: string;
};

/** Thrown when the environment cannot run Herald; names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HeraldConfig {
  const parsed = EnvSchema.safeParse({ ...env, ADMIN_TOKEN_SHA256: env.ADMIN_TOKEN_SHA256 || undefined });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    tableName: e.TABLE_NAME,
    bucketName: e.BUCKET_NAME,
    siteUrl: e.SITE_URL,
    siteTitle: e.SITE_TITLE,
    siteDescription: e.SITE_DESCRIPTION,
    siteLanguage: e.SITE_LANGUAGE,
    feedPageSize: e.FEED_PAGE_SIZE,
    adminTokenSha256: e.ADMIN_TOKEN_SHA256,
    hubs: e.WEBSUB_HUBS,
    region: e.AWS_REGION,
    dynamoEndpoint: e.HERALD_DYNAMODB_ENDPOINT,
    s3Endpoint: e.HERALD_S3_ENDPOINT,
  };
}

const AuthEnvSchema = EnvSchema.pick({ TABLE_NAME: true, ADMIN_TOKEN_SHA256: true, AWS_REGION: true, HERALD_DYNAMODB_ENDPOINT: true });

/** The authorizer's slice of the environment: it needs only the table and the bootstrap hash. */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = AuthEnvSchema.safeParse({ ...env, ADMIN_TOKEN_SHA256: env.ADMIN_TOKEN_SHA256 || undefined });
  if (!parsed.success) {
    throw new ConfigError(`invalid environment: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  const e = parsed.data;
  return { tableName: e.TABLE_NAME, adminTokenSha256: e.ADMIN_TOKEN_SHA256, region: e.AWS_REGION, dynamoEndpoint: e.HERALD_DYNAMODB_ENDPOINT };
}
