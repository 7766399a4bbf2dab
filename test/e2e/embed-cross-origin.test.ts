import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { FEEDS_CORS } from '../../shared/http/cors';
import { embedSnippets } from '../../shared/domain/embed-snippet';
import { editorOpener } from '../support/editor-browser';
import { EMBED_FRAME_CSP } from '../../shared/http/security-headers';
import { describeGated } from '../standards/support/tool-gate';
import { toolPresent, TOOLS } from '../standards/support/tools';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { waitForBody } from '../support/wait-for-body';
import { hostileFeed, post, startHost, type HostSite } from './support/embed-host';

/**
 * Issue 15 against `npm start`: CORS on every feed format and the embed module
 * (curl-like requests and a browser on another origin), the preflight, the
 * admin API and the pages staying same-origin, and the iframe variant framed
 * cross-origin, showing only this site's feeds. Screenshots under test-output/embed/.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-cors-'));
const outDir = join(process.cwd(), 'test-output', 'embed');
const ORIGIN = 'https://partner.example';
let herald: HeraldProcess;
let host: HostSite;
let browser: Browser | undefined;
let embedModule = '';
const FEEDS = ['/feeds/feed.json', '/feeds/rss.xml', '/feeds/atom.xml', '/feeds/events.ics', '/feeds/en/feed.json', '/feeds/en/rss.xml', '/feeds/tags/7msp/atom.xml', '/feeds/index.opml'];

beforeAll(async () => {
  herald = await startHerald(dataDir);
  host = await startHost(herald.base);
  await post(herald, { title: 'Seventh Meeting of States Parties', summary: 'Geneva, 4-6 September 2017.', language: 'en', tags: ['7msp'], status: 'published' });
  for (const path of FEEDS) await waitForBody(`${herald.base}${path}`, (b) => b.length > 0, 30_000);
  const alias = await fetch(`${herald.base}/embed/herald-news.js`).then((r) => r.text());
  embedModule = `/embed/${(await fetch(`${herald.base}/embed/latest.html`).then((r) => r.text())).match(/latest\.[0-9a-f]{10}\.js/)![0]}`;
  expect(alias.length).toBeGreaterThan(1000);
  mkdirSync(outDir, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await herald?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('CORS on feeds, calendars and the embed module (npm start)', () => {
  it.each([...FEEDS, '/embed/herald-news.js'])('GET and HEAD %s from another origin: any origin, no credentials, ETag and Last-Modified exposed', async (path) => {
    for (const method of ['GET', 'HEAD']) {
      const res = await fetch(`${herald.base}${path}`, { method, headers: { origin: ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')).toBe('ETag, Last-Modified');
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    }
  });

  it('keeps the headers on a 304 and a 404', async () => {
    const etag = (await fetch(`${herald.base}/feeds/feed.json`)).headers.get('etag')!;
    const notModified = await fetch(`${herald.base}/feeds/feed.json`, { headers: { origin: ORIGIN, 'if-none-match': etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('access-control-allow-origin')).toBe('*');
    const missing = await fetch(`${herald.base}/feeds/nothing/feed.json`, { headers: { origin: ORIGIN } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
  });

  it.each(['/feeds/feed.json', '/feeds/events.ics', '/embed/herald-news.js'])('answers a preflight on %s with 204 and the allowed methods and headers', async (path) => {
    const res = await fetch(`${herald.base}${path}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' } });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe(FEEDS_CORS.allowHeaders.join(', '));
    expect(res.headers.get('access-control-max-age')).toBe('86400');
  });

  it.each(['/api/announcements', '/api/health', '/admin/', '/', '/embed/latest.html'])('sends no CORS header on %s, and answers no preflight there', async (path) => {
    const res = await fetch(`${herald.base}${path}`, { headers: { origin: ORIGIN, authorization: `Bearer ${TEST_TOKEN}` } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${herald.base}${path}`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the module as JavaScript: the alias for five minutes, the hashed files immutable', async () => {
    const alias = await fetch(`${herald.base}/embed/herald-news.js`);
    expect(alias.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(alias.headers.get('cache-control')).toBe('public, max-age=300');
    const hashed = await fetch(`${herald.base}${embedModule}`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves latest.html with its own CSP: framable by anyone, no X-Frame-Options', async () => {
    const res = await fetch(`${herald.base}/embed/latest.html?feed=/feeds/feed.json`);
    expect(res.headers.get('content-security-policy')).toBe(EMBED_FRAME_CSP);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect((await fetch(`${herald.base}/`)).headers.get('x-frame-options')).toBe('DENY');
  });
});

describeGated('chromium', toolPresent('chromium'), 'a partner site in Chromium', () => {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: TOOLS.chromium, args: ['--headless', '--no-sandbox'] });
    host.pages.set('/hostile.json', { body: hostileFeed(), type: 'application/json' });
  });

  it('reads every feed format with fetch, and is refused the admin API', async () => {
    host.pages.set('/blank.html', { body: '<!doctype html><title>blank</title>' });
    const page = await browser!.newPage();
    await page.goto(`${host.origin}/blank.html`);
    const results = (await page.evaluate(
      async ({ base, paths }) => Promise.all(paths.map((p) => fetch(base + p, { cache: 'no-cache' }).then(async (r) => `${r.status} ${(await r.text()).length > 0}`, (e: Error) => e.name))),
      { base: herald.base, paths: [...FEEDS, '/api/health', '/api/announcements'] },
    )) as string[];
    expect(results).toEqual([...FEEDS.map(() => '200 true'), 'TypeError', 'TypeError']);
    await page.close();
  }, 30_000);

  it('renders the iframe variant in a cross-origin frame, and refuses a feed of another origin', async () => {
    const src = (feed: string) => `${herald.base}/embed/latest.html?feed=${encodeURIComponent(feed)}&limit=1`;
    host.pages.set('/frames.html', {
      body: `<!doctype html><html lang="en"><title>Frames</title><iframe title="News" src="${src(`${herald.base}/feeds/en/feed.json`)}"></iframe><iframe title="Other" src="${src(`${host.origin}/hostile.json`)}"></iframe><iframe title="Home" src="${herald.base}/"></iframe></html>`,
    });
    const page = await browser!.newPage();
    const asked: string[] = [];
    page.on('request', (r) => asked.push(r.url()));
    await page.goto(`${host.origin}/frames.html`);
    const frame = page.frameLocator('iframe[title=News]');
    await frame.locator('herald-news li h3').first().waitFor({ timeout: 10_000 });
    expect(await frame.locator('herald-news li').count()).toBe(1);
    expect(await frame.locator('herald-news li h3 a').textContent()).toBe('Seventh Meeting of States Parties');
    await page.frameLocator('iframe[title=Other]').locator('main').getByText('Only feeds of this site can be shown here.').waitFor({ timeout: 10_000 });
    expect(asked.filter((u) => u.endsWith('/hostile.json'))).toEqual([]);
    // Every other page keeps frame-ancestors 'none': the home page's frame is Chromium's refusal.
    const home = await page.locator('iframe[title=Home]').elementHandle().then((e) => e!.contentFrame());
    expect(home!.url()).toBe('chrome-error://chromewebdata/');
    const news = page.frames().find((f) => f.url().startsWith(`${herald.base}/embed/latest.html`));
    expect(news).toBeDefined();
    await page.screenshot({ path: join(outDir, 'iframe.png'), fullPage: true });
    await page.close();
  }, 30_000);

  it('shows the snippets in the editor: the site, language and tag feeds, under the admin CSP', async () => {
    const { page, csp, context } = await editorOpener(browser!, herald.base, TEST_TOKEN)('#/embed');
    await page.getByRole('heading', { level: 1, name: 'Embed on other websites' }).waitFor();
    await page.locator('textarea').first().waitFor();
    const opml = await fetch(`${herald.base}/feeds/index.opml`).then((r) => r.text());
    const listed = [...opml.matchAll(/<outline [^>]*title="([^"]+)" xmlUrl="([^"]+)rss\.xml" htmlUrl="([^"]+)"/g)].map((m) => m.slice(1));
    expect(listed.map(([, base]) => base)).toEqual(expect.arrayContaining([`${herald.base}/feeds/`, `${herald.base}/feeds/en/`, `${herald.base}/feeds/tags/7msp/`]));
    const shown = await page.locator('textarea').evaluateAll((ts) => ts.map((x) => (x as unknown as { value: string }).value));
    const decode = (v: string) => v.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    expect(shown).toEqual(listed.flatMap(([title, base, home]) => {
      const s = embedSnippets(herald.base, `${base}feed.json`, decode(title!), decode(home!));
      return [s.script, s.iframe];
    }));
    expect(csp).toEqual([]);
    await page.screenshot({ path: join(outDir, 'editor-embed.png'), fullPage: true });
    await context.close();
  }, 60_000);
});
