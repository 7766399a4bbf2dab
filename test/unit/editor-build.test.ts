import { beforeAll, describe, expect, it } from '@jest/globals';
import { ASSET_CACHE, buildEditor, firstScreenGzipBytes, SHELL_CACHE, type BuiltFile } from '../../web/build';
import { FIRST_SCREEN_BUDGET } from '../bench/editor-bench';

/** The editor's build (web/build.ts): what `npm start` and the cloud deployment upload under admin/. */
let files: BuiltFile[];
beforeAll(async () => {
  files = await buildEditor();
}, 60_000);

const html = () => files.find((f) => f.path === 'index.html')!.bytes.toString('utf8');

describe('the editor build', () => {
  it('is index.html, one hashed entry module and one hashed stylesheet', () => {
    const names = files.map((f) => f.path).sort();
    expect(names).toContain('index.html');
    expect(names.filter((n) => /^app-[A-Z0-9]{8}\.js$/.test(n))).toHaveLength(1);
    expect(names.filter((n) => /^app-[A-Z0-9]{8}\.css$/.test(n))).toHaveLength(1);
  });

  it('has no inline script, style, style attribute or event handler, so script-src and style-src can be self', () => {
    const page = html();
    const scripts = [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/\bsrc="\/admin\/[^"]+\.js"/);
      expect(body).toBe('');
    }
    expect(page).not.toMatch(/<style\b/i);
    expect(page).not.toMatch(/\sstyle=/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
  });

  it('names only files it built, under /admin/', () => {
    const referenced = [...html().matchAll(/(?:src|href)="\/admin\/([^"]+)"/g)].map((m) => m[1]);
    expect(referenced).toHaveLength(2);
    for (const path of referenced) expect(files.some((f) => f.path === path)).toBe(true);
  });

  it('caches hashed files for a year and the shell never', () => {
    for (const f of files) expect(f.cacheControl).toBe(f.path === 'index.html' ? SHELL_CACHE : ASSET_CACHE);
    expect(SHELL_CACHE).toBe('no-store');
    expect(ASSET_CACHE).toContain('immutable');
  });

  it('gives the same names for the same sources, so a hash follows content only', async () => {
    const again = await buildEditor();
    expect(again.map((f) => f.path).sort()).toEqual(files.map((f) => f.path).sort());
    const unminified = await buildEditor({ minify: false });
    const js = (fs: BuiltFile[]) => fs.find((f) => f.path.endsWith('.js'))!.path;
    expect(js(unminified)).not.toBe(js(files));
  });

  it('keeps the first screen under the 150 KB gzipped budget', () => {
    const bytes = firstScreenGzipBytes(files);
    expect(bytes).toBeGreaterThan(10_000);
    expect(bytes).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET);
  });
});
