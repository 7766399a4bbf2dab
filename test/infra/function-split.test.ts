import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ENTRY_FILE, functionBuildOptions } from '../../infra/bundle/function-bundle';
import { apiEvent } from '../support/fakes';
import { lambdaEnvOn, startEmulators, type Emulators } from '../support/emulators';

/**
 * Every function is bundled with code splitting (infra/bundle/function-bundle.ts,
 * the options the stack and the cold-start bench share): what the admin
 * function reaches only through `import()` must be in chunks the entry does
 * not import statically, so Node neither reads nor compiles it at cold start,
 * and those chunks must be there and load when a request needs them.
 */
const dir = mkdtempSync(join(tmpdir(), 'herald-split-'));
const outdir = join(dir, 'admin');
let meta: Metafile;
beforeAll(async () => {
  meta = (await build({ ...functionBuildOptions('functions/admin/handler.ts', outdir), metafile: true })).metafile!;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Output files by absolute path (the metafile names them relative to the repository root). */
const outputs = () => new Map(Object.entries(meta.outputs).map(([path, out]) => [resolve(path), out]));
const holds = (inputs: string[], marker: string) => inputs.some((p) => p.includes(marker));
const LAZY = ['/marked/', '/sanitize-html/', 'shared/content/markdown.ts', 'functions/admin/openapi.json', '/zod/', 'functions/admin/request-schemas.ts', 'shared/services/import-service.ts'];

describe('the admin bundle, split', () => {
  it('loads no Markdown stack, sanitiser, OpenAPI document, zod or request schemas at cold start: each is in a chunk only import() reaches', () => {
    // Prepare: the entry and every output it imports statically, transitively.
    const all = outputs();
    const eager = new Set<string>();
    const next = [join(outdir, ENTRY_FILE)];
    while (next.length) {
      const file = next.pop()!;
      if (eager.has(file)) continue;
      eager.add(file);
      for (const i of all.get(file)?.imports ?? []) if (i.kind === 'import-statement' && !i.external) next.push(resolve(i.path));
    }
    const inputsOf = (file: string) => Object.keys(all.get(file)!.inputs);
    const eagerInputs = [...eager].flatMap(inputsOf);
    const lazyInputs = [...all.keys()].filter((f) => f.endsWith('.mjs') && !eager.has(f)).flatMap(inputsOf);

    // Assess: each is bundled, in a lazy chunk, and not on the static path.
    expect(eager.has(join(outdir, ENTRY_FILE))).toBe(true);
    for (const marker of LAZY) expect([marker, holds(lazyInputs, marker), holds(eagerInputs, marker)]).toEqual([marker, true, false]);
    // What every request needs stays in the entry: the router and the DynamoDB client.
    for (const marker of ['functions/admin/routes.ts', '@aws-sdk/client-dynamodb/']) expect([marker, holds(eagerInputs, marker)]).toEqual([marker, true]);
  });

  it('writes the entry as index.mjs with chunks under chunks/, each with its source map beside it', () => {
    const files = [...outputs().keys()].map((f) => f.slice(outdir.length + 1)).sort();
    const code = files.filter((f) => f.endsWith('.mjs'));

    expect(code).toContain(ENTRY_FILE);
    expect(code.filter((f) => f !== ENTRY_FILE).every((f) => /^chunks\/[\w-]+\.mjs$/.test(f))).toBe(true);
    expect(code.length).toBeGreaterThan(3);
    expect(files.filter((f) => f.endsWith('.map')).sort()).toEqual(code.map((f) => `${f}.map`).sort());
  });

  it('ships no chunk of browser-only code: bowser, which only the SDK\'s browser user agent imports, is a stub', () => {
    const inputs = [...outputs().values()].flatMap((o) => Object.keys(o.inputs));

    expect(inputs.filter((p) => p.includes('/bowser/'))).toEqual([]);
    expect(inputs).toContain('infra/bundle/no-bowser.mjs');
  });
});

describe('the split admin bundle, running', () => {
  const TOKEN = 'split-bundle-bootstrap-token-0123456789abcdef';
  const saved = { ...process.env };
  let emulators: Emulators;
  let handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
  beforeAll(async () => {
    emulators = await startEmulators();
    Object.assign(process.env, {
      ...lambdaEnvOn(emulators),
      ADMIN_TOKEN_SHA256: createHash('sha256').update(TOKEN).digest('hex'),
    });
    // The built entry, as Lambda loads it; it reads its configuration at import.
    ({ handler } = (await import(pathToFileURL(join(outdir, ENTRY_FILE)).href)) as { handler: typeof handler });
  }, 120_000);
  afterAll(async () => {
    process.env = saved;
    await emulators?.stop();
  });

  const call = (method: string, path: string, extra: { body?: unknown; query?: Record<string, string> } = {}) =>
    handler(apiEvent({ method, path, headers: { authorization: `Bearer ${TOKEN}` }, ...extra }));

  it('serves the OpenAPI document from its chunk, the same document as functions/admin/openapi.json', async () => {
    const res = await call('GET', '/api/openapi.json');

    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body!)).toEqual(JSON.parse(readFileSync('functions/admin/openapi.json', 'utf8')));
  });

  it('loads the request schemas chunk for the first write: a bad body is a 400 naming the field, a good one is stored and listed', async () => {
    const bad = await call('POST', '/api/announcements', { body: { language: 'en' } });
    const good = await call('POST', '/api/announcements', { body: { title: 'Split bundle', language: 'en' } });
    const listed = await call('GET', '/api/announcements', { query: { limit: '5' } });

    expect([bad.statusCode, (JSON.parse(bad.body!) as { details: { path: string }[] }).details.map((d) => d.path)]).toEqual([400, ['title']]);
    expect(good.statusCode).toBe(201);
    expect((JSON.parse(listed.body!) as { items: { title: string }[] }).items.map((i) => i.title)).toContain('Split bundle');
  }, 30_000);

  it('loads the sanitiser and Markdown chunks for an HTML import', async () => {
    const item = { guid: 'split-1', title: 'Old news', language: 'en', publishedAt: '2017-09-04T09:00:00+02:00', html: '<p><b>Bold</b> <script>x()</script></p>' };
    const res = await call('POST', '/api/import', { body: { items: [item] }, query: { dryRun: 'true' } });

    expect([res.statusCode, (JSON.parse(res.body!) as { results: { outcome: string }[] }).results.map((r) => r.outcome)]).toEqual([200, ['created']]);
  }, 30_000);
});
