import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { adminTokenProblem } from '../../shared/domain/admin-token';
import { trimTrailingSlashes } from '../../shared/http/path';
import { startLocalRuntime } from './runtime';

/**
 * `npm start`: Herald on this machine. Reads PORT, DATA_DIR, ADMIN_TOKEN,
 * SITE_URL, HOST and WEBSUB_HUBS; stops everything it started on Ctrl-C or
 * SIGTERM.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./.data'),
  // The bootstrap token opens every admin route: 32+ characters, never the README's example.
  ADMIN_TOKEN: z
    .string()
    .superRefine((token, ctx) => {
      const problem = adminTokenProblem(token);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  SITE_URL: z.url().optional(),
  WEBSUB_HUBS: z.string().optional(),
});

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`herald: ${issue.path.join('.')} ${issue.message}`);
    process.exit(2);
  }
  const env = parsed.data;
  const adminToken = env.ADMIN_TOKEN ?? randomBytes(32).toString('base64url');
  console.log(`herald: Node ${process.version}; starting DynamoDB Local and the S3 emulator...`);
  const runtime = await startLocalRuntime({
    port: env.PORT,
    host: env.HOST,
    dataDir: env.DATA_DIR,
    adminToken,
    siteUrl: env.SITE_URL === undefined ? undefined : trimTrailingSlashes(env.SITE_URL),
    hubs: (env.WEBSUB_HUBS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
  });
  // localhost, like the default SITE_URL: the feeds' stylesheet is then same-origin for a browser.
  const base = `http://${['0.0.0.0', '127.0.0.1'].includes(env.HOST) ? 'localhost' : env.HOST}:${runtime.port}`;
  console.log(`herald: ready on ${base}  (data in ${env.DATA_DIR})`);
  if (!env.ADMIN_TOKEN) console.log(`herald: admin token (set ADMIN_TOKEN to choose one): ${adminToken}`);
  console.log(`herald: admin API   ${base}/api/announcements`);
  if (runtime.firstAdminUrl) console.log(`herald: First admin: ${runtime.firstAdminUrl}  (one use, 72 hours: open it to register a passkey)`);
  for (const f of ['rss.xml', 'atom.xml', 'feed.json', 'events.ics']) console.log(`herald: feed        ${base}/feeds/${f}`);
  console.log(`herald: home page   ${base}/  (one page per announcement under ${base}/news/)`);
  console.log(`herald: editor      ${base}/admin/`);
  console.log(`herald: feeds name their items with SITE_URL=${runtime.siteUrl}`);
  console.log(`herald: fediverse   @${process.env.ACTIVITYPUB_HANDLE || 'news'}@${new URL(runtime.siteUrl).host}  (follow it from Mastodon; keys in ${env.DATA_DIR}/activitypub-keys.json)`);
  console.log(`herald: emulators   DynamoDB Local ${runtime.endpoints.dynamodb}  S3 ${runtime.endpoints.s3} (table herald, bucket herald-local)`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`herald: ${signal}, stopping...`);
    runtime.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('herald: error while stopping', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`herald: could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
