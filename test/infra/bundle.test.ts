import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE, esbuildOptions } from '../../infra/bundle/options';
import { startDynamoLocal, startS3Emulator } from '../../infra/local/emulators';
import { renderMarkdown as unbundled } from '../../shared/content/markdown';

/**
 * Lambda bundles replace modules (infra/bundle/options.ts): postcss by a
 * stub, htmlparser2 by its Parser alone, the SDK's credential chain by its
 * environment provider, and the S3 client's event-stream codec by a stub.
 * These tests bundle with the stack's own options and check that sanitising
 * is byte for byte what the unbundled code does, that an SDK client still
 * finds the credentials Lambda provides, and that S3 still answers.
 */
const dir = mkdtempSync(join(tmpdir(), 'herald-bundle-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(entry: string, name: string, alias: Record<string, string> = BUNDLE.alias): Promise<string> {
  const outfile = join(dir, `${name}.mjs`);
  await build({ ...esbuildOptions(alias), entryPoints: [entry], outfile });
  return outfile;
}

let bundled: (markdown: string) => string;
beforeAll(async () => {
  const file = await bundle('shared/content/markdown.ts', 'markdown');
  bundled = ((await import(pathToFileURL(file).href)) as { renderMarkdown: typeof unbundled }).renderMarkdown;
}, 30_000);

describe('Lambda bundles without postcss', () => {
  const hostile = [
    '<p style="color:red;background:url(javascript:alert(1))" onclick="x()">styled</p>',
    '<div style="position:fixed">**bold** in a div</div>',
    '<img src="https://example.org/a.png" style="width:1px" alt="Treaty signing">',
    '# Geneva <script>alert(1)</script>\n\n[link](javascript:alert(1)) and [ok](https://example.org)',
    'Caf&eacute; &amp; &#x1; &#xFFFE; &lt;b&gt; ]]> <b>bold</b> <!-- comment --> <![CDATA[x]]>',
    '| Date | Ville |\n|---|:-:|\n| 12 mai | Genève |\n\n1. un\n   - deux\n\n> « cité »\n\n```\n<tag> & code\n```',
    '<a href="https://example.org/?a=1&b=2" title=\'q"uote\' target="_blank">x</a><textarea><b>t</b></textarea><xmp><i>r</i></xmp>',
    '<svg><a xlink:href="javascript:alert(1)">s</a></svg><math><mi>x</mi></math><iframe src="https://e.org"></iframe>',
  ];

  it.each(hostile)('sanitises %s exactly as the unbundled code does, with no style left', (input) => {
    const out = bundled(input);
    expect(out).toBe(unbundled(input));
    expect(out).not.toMatch(/style=|onclick|<script|javascript:/i);
  });

  it('leaves postcss, the rest of htmlparser2 and the SSO/INI credential providers out of the admin bundle', async () => {
    const code = readFileSync(await bundle('functions/admin/handler.ts', 'admin'), 'utf8');
    const plain = readFileSync(await bundle('functions/admin/handler.ts', 'admin-plain', {}), 'utf8');
    expect(code.includes('postcss is not bundled')).toBe(true);
    // A string literal of each module left out: in the plain bundle, not in the deployed one.
    for (const marker of ['CssSyntaxError', 'definitionURL', 'sso_start_url']) {
      expect([marker, plain.includes(marker), code.includes(marker)]).toEqual([marker, true, false]);
    }
    expect(code.length).toBeLessThan(plain.length - 200 * 1024);
  }, 30_000);
});

describe('Lambda bundles with the environment credential provider', () => {
  const keys = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  afterAll(() => {
    for (const k of keys) if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  });

  it('signs with the credentials Lambda puts in the environment, and says so when they are missing', async () => {
    // Prepare: a bundled client with no credentials in its config, as in the functions.
    const entry = join(dir, 'list-tables.ts');
    writeFileSync(
      entry,
      "import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';\n" +
        'export const listTables = async (endpoint: string) =>\n' +
        "  (await new DynamoDBClient({ region: 'us-east-1', endpoint, maxAttempts: 1 }).send(new ListTablesCommand({}))).TableNames ?? [];\n",
    );
    const { listTables } = (await import(pathToFileURL(await bundle(entry, 'list-tables')).href)) as { listTables: (endpoint: string) => Promise<string[]> };
    const dynamo = await startDynamoLocal();
    try {
      // Act and assess: with the environment's keys the call is signed and answered.
      Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDLAMBDA', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
      await expect(listTables(dynamo.endpoint)).resolves.toEqual([]);
      // Without them the error names the environment, not a profile or SSO.
      for (const k of keys) delete process.env[k];
      await expect(listTables(dynamo.endpoint)).rejects.toThrow(/environment/i);
    } finally {
      await dynamo.stop();
    }
  }, 60_000);
});

describe('Lambda bundles without the event-stream codec', () => {
  it('writes, reads, lists and deletes objects on the S3 emulator through a bundled client, with the codec left out', async () => {
    // Prepare: Herald's S3 client, bundled with the stack's options and without them.
    const entry = join(dir, 's3-round-trip.ts');
    writeFileSync(
      entry,
      "import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';\n" +
        `import { makeS3Client } from '${process.cwd()}/shared/adapters/aws-clients';\n` +
        'export async function roundTrip(s3Endpoint: string) {\n' +
        "  const s3 = makeS3Client({ region: 'us-east-1', s3Endpoint });\n" +
        "  await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'feeds/rss.xml', Body: '<rss/>', ContentType: 'application/rss+xml' }));\n" +
        "  const body = await (await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'feeds/rss.xml' }))).Body!.transformToString();\n" +
        "  const type = (await s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'feeds/rss.xml' }))).ContentType;\n" +
        "  const keys = ((await s3.send(new ListObjectsV2Command({ Bucket: 'b' }))).Contents ?? []).map((o) => o.Key);\n" +
        "  await s3.send(new DeleteObjectCommand({ Bucket: 'b', Key: 'feeds/rss.xml' }));\n" +
        "  const left = (await s3.send(new ListObjectsV2Command({ Bucket: 'b' }))).KeyCount;\n" +
        '  return { body, type, keys, left };\n' +
        '}\n',
    );
    const deployed = await bundle(entry, 's3-round-trip');
    const plain = await bundle(entry, 's3-round-trip-plain', {});
    const s3 = await startS3Emulator({ dir: join(dir, 's3'), buckets: ['b'] });
    try {
      // Act: the round trip through the deployed bundle.
      const { roundTrip } = (await import(pathToFileURL(deployed).href)) as { roundTrip: (endpoint: string) => Promise<unknown> };
      // Assess: S3 answers as without the stub; the codec's own message is in the plain bundle only.
      await expect(roundTrip(s3.endpoint)).resolves.toEqual({ body: '<rss/>', type: 'application/rss+xml', keys: ['feeds/rss.xml'], left: 0 });
      const marker = 'Truncated event message received.';
      expect([readFileSync(plain, 'utf8').includes(marker), readFileSync(deployed, 'utf8').includes(marker)]).toEqual([true, false]);
    } finally {
      await s3.stop();
    }
  }, 60_000);
});
