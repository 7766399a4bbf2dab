import { afterAll, describe, expect, it } from '@jest/globals';
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { functionBuildOptions } from '../../infra/bundle/function-bundle';
import { esbuildOptions } from '../../infra/bundle/options';

/**
 * The request schemas are written with `zod/mini` so a function bundles only
 * the checks it uses (the classic `z` namespace brought JSON Schema
 * conversion and every locale: 444 KB of the admin bundle). These tests
 * bundle with the stack's own options and look at what went in, and check
 * that the English messages the API's 400s carry survive the bundling.
 */
const dir = mkdtempSync(join(tmpdir(), 'herald-bundle-zod-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Built as the stack builds it (entry and chunks), so what is inspected is what is deployed. */
async function metaOf(entry: string, name: string): Promise<Metafile> {
  return (await build({ ...functionBuildOptions(entry, join(dir, name)), metafile: true })).metafile!;
}

async function inputsOf(entry: string, name: string): Promise<string[]> {
  const meta = await metaOf(entry, name);
  // Modules that only re-export contribute no bytes; list what the entry and its chunks hold.
  return [...new Set(Object.values(meta.outputs).flatMap((o) => Object.entries(o.inputs).flatMap(([path, { bytesInOutput }]) => (bytesInOutput > 0 ? [path] : []))))];
}

describe('functions that parse requests', () => {
  it.each(['admin', 'identity', 'media', 'review', 'webhooks', 'redirects'])('%s bundles zod/mini with the English locale only', async (name) => {
    const inputs = (await inputsOf(`functions/${name}/handler.ts`, name)).filter((p) => p.includes('node_modules/zod/'));
    expect(inputs.some((p) => p.includes('/zod/v4/mini/'))).toBe(true);
    expect(inputs.filter((p) => p.includes('/zod/v4/classic/'))).toEqual([]);
    expect(inputs.filter((p) => p.includes('/zod/v4/locales/')).map((p) => p.split('/').pop())).toEqual(['en.js']);
  }, 60_000);

  it('admin serves the OpenAPI document written at build time, without the JSON Schema converter', async () => {
    const meta = await metaOf('functions/admin/handler.ts', 'admin-openapi');
    const inputs = [...new Set(Object.values(meta.outputs).flatMap((o) => Object.entries(o.inputs).flatMap(([path, { bytesInOutput }]) => (bytesInOutput > 0 ? [path] : []))))];
    expect(inputs).toContain('functions/admin/openapi.json');
    // Loaded on its first request, not evaluated at cold start.
    expect(meta.inputs['functions/admin/routes.ts']!.imports).toContainEqual(expect.objectContaining({ path: 'functions/admin/openapi.json', kind: 'dynamic-import' }));
    expect(inputs.filter((p) => /json-schema|functions\/admin\/openapi\.ts/.test(p))).toEqual([]);
  }, 60_000);

  it('names a bad field with the same English message once bundled', async () => {
    const entry = join(dir, 'parse.ts');
    const root = process.cwd();
    writeFileSync(
      entry,
      `import { AnnouncementInput } from '${root}/shared/domain/announcement';\n` +
        `import { parseOrThrow } from '${root}/shared/domain/validation';\n` +
        'export const details = (input: unknown) => { try { parseOrThrow(AnnouncementInput, input); return []; } catch (e) { return (e as { details: unknown[] }).details; } };\n',
    );
    await build({ ...esbuildOptions(), entryPoints: [entry], outfile: join(dir, 'parse.mjs') });
    const { details } = (await import(pathToFileURL(join(dir, 'parse.mjs')).href)) as { details: (input: unknown) => unknown[] };
    expect(details({ title: 'x'.repeat(301), language: 'en', extra: 1 })).toEqual([
      { path: 'title', message: 'Too big: expected string to have <=300 characters' },
      { path: 'extra', message: 'Unrecognized key: "extra"' },
    ]);
  }, 60_000);
});

describe('the admin function at cold start', () => {
  it('evaluates no Markdown or HTML sanitiser until a body is rendered or an import arrives', async () => {
    // Prepare: the modules reachable from the handler through static imports only.
    const meta = await metaOf('functions/admin/handler.ts', 'admin-eager');
    const eager = new Set<string>();
    const next = ['functions/admin/handler.ts'];
    while (next.length) {
      const path = next.pop()!;
      if (eager.has(path)) continue;
      eager.add(path);
      for (const i of meta.inputs[path]?.imports ?? []) if (i.kind !== 'dynamic-import') next.push(i.path);
    }
    // Assess: bundled (the first render needs them) but not on the static path.
    const all = Object.keys(meta.inputs);
    for (const pkg of ['/marked/', '/sanitize-html/']) {
      expect([pkg, all.some((p) => p.includes(pkg)), [...eager].some((p) => p.includes(pkg))]).toEqual([pkg, true, false]);
    }
  }, 60_000);
});
