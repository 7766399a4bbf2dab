import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { describeGated } from '../standards/support/tool-gate';
import { toolPresent, TOOLS } from '../standards/support/tools';
import { freePort } from '../../infra/local/ports';
import { startHerald, type HeraldProcess } from '../support/local-process';
import { waitForBody } from '../support/wait-for-body';
import { hostileFeed, hostPage, post, seed, startHost, type HostSite } from './support/embed-host';

/**
 * Issue 15 in Debian's Chromium: a partner site on another origin, with a CSP
 * allowing scripts from Herald only, embeds <herald-news> against `npm start`'s
 * feeds. Screenshots under test-output/embed/.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-embed-'));
const outDir = join(process.cwd(), 'test-output', 'embed');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
let herald: HeraldProcess;
let host: HostSite;
let browser: Browser;
const pageErrors: string[] = [];
const requests: string[] = [];
const box = (attrs: string, text = '') => `<herald-news ${attrs}>${text}</herald-news>`;

/**
 * A fresh context at a host page made of `boxes`; example.org images answered with a pixel (they are
 * the feeds' own URLs), except with a fake `clock`: Playwright's routing turns the HTTP cache off.
 */
async function open(name: string, boxes: string, clock?: (page: Page, context: BrowserContext) => Promise<void>): Promise<{ page: Page; context: BrowserContext }> {
  host.pages.set(`/${name}.html`, { body: hostPage(herald.base, boxes) });
  const context = await browser.newContext({ locale: 'en-GB' });
  if (!clock) await context.route('https://www.example.org/**', (r) => r.fulfill({ body: PIXEL, contentType: 'image/png' }));
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(`${name}: ${m.text()}`));
  page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
  page.on('dialog', (d) => {
    pageErrors.push(`${name}: dialog ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => requests.push(r.url()));
  if (clock) {
    await page.clock.install();
    await clock(page, context);
  }
  await page.goto(`${host.origin}/${name}.html`);
  return { page, context };
}

/** Polls `read` until its value equals `want` (Jest has no expect.poll), then asserts it. */
async function eventually<T>(read: () => Promise<T> | T, want: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let got = await read();
  while (JSON.stringify(got) !== JSON.stringify(want) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    got = await read();
  }
  expect(got).toEqual(want);
}

type Styles = { getComputedStyle(e: unknown): { direction: string; listStyleType: string } };
const items = (page: Page, nth = 0) => page.locator('herald-news').nth(nth).locator('li');

describeGated('chromium', toolPresent('chromium'), 'the news box on a partner site, in Chromium', () => {
  beforeAll(async () => {
    herald = await startHerald(dataDir);
    host = await startHost(herald.base);
    host.pages.set('/hostile.json', { body: hostileFeed(), type: 'application/feed+json' });
    host.pages.set('/empty.json', { body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Empty', items: [] }), type: 'application/json' });
    host.pages.set('/not-a-feed.json', { body: JSON.stringify({ rss: { channel: {} } }), type: 'application/json' });
    await seed(herald);
    mkdirSync(outDir, { recursive: true });
    browser = await chromium.launch({ executablePath: TOOLS.chromium, args: ['--headless', '--no-sandbox'] });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await herald?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('renders the English and French feeds: linked titles, dates in the feed language, event dates, the photo with alt and credit', async () => {
    const { page, context } = await open('seed', box(`feed="${herald.base}/feeds/en/feed.json" limit="5"`) + box(`feed="${herald.base}/feeds/fr/feed.json"`));
    await eventually(() => items(page, 1).count(), 2);
    const en = items(page, 0);
    await eventually(() => en.count(), 2);
    expect(await en.nth(0).locator('h3 a').textContent()).toBe('Seventh Meeting of States Parties opens at the Palais des Nations');
    expect(await en.nth(0).locator('h3 a').getAttribute('href')).toMatch(new RegExp(`^${herald.base}/news/seventh-meeting-of-states-parties[^/]*/$`));
    const bangkok = en.nth(1);
    expect(await bangkok.locator('img').getAttribute('alt')).toBe('Delegates seated around a conference table');
    expect(await bangkok.locator('figcaption').textContent()).toBe('(c) CMC');
    expect(await bangkok.locator('[part=event] time').allTextContents()).toEqual(['March 16, 2017', 'March 17, 2017']);
    const fr = items(page, 1);
    expect(await fr.nth(0).getAttribute('lang')).toBe('fr');
    expect(await fr.nth(0).locator('h3').textContent()).toBe('Ouverture de la septième Assemblée des États parties à Genève');
    const published = (await fr.nth(0).locator('[part=date] time').getAttribute('datetime'))!;
    expect(await fr.nth(0).locator('[part=date] time').textContent()).toBe(new Intl.DateTimeFormat('fr', { dateStyle: 'long' }).format(new Date(published)));
    expect(await fr.nth(0).locator('[part=event]').textContent()).toMatch(/^4 septembre 2017 à 10:00 – 6 septembre 2017 à 18:00 \(Europe\/Zurich\)/);
    expect(await fr.nth(1).locator('[part=event] time').allTextContents()).toEqual(['16 mars 2017', '17 mars 2017']);
    expect(await fr.nth(1).locator('figcaption').textContent()).toBe('(c) CMC');
    // Styled by its adopted sheet under a host CSP with no 'unsafe-inline', the host's font inherited.
    expect(await page.locator('herald-news ul').first().evaluate((e) => (globalThis as unknown as Styles).getComputedStyle(e).listStyleType)).toBe('none');
    const fonts = (await page.evaluate(`[getComputedStyle(document.body).fontFamily, getComputedStyle(document.querySelector('herald-news').shadowRoot.querySelector('h3')).fontFamily]`)) as string[];
    expect(fonts[1]).toBe(fonts[0]);
    await page.screenshot({ path: join(outDir, 'en-fr.png'), fullPage: true });
    expect(await context.cookies()).toEqual([]);
    await context.close();
  }, 60_000);

  it('lays an Arabic feed out right to left', async () => {
    const { page, context } = await open('arabic', box(`feed="${herald.base}/feeds/ar/feed.json"`));
    await eventually(() => items(page).count(), 1);
    expect(await items(page).first().getAttribute('dir')).toBe('rtl');
    expect(await items(page).first().evaluate((e) => (globalThis as unknown as Styles).getComputedStyle(e).direction)).toBe('rtl');
    await page.screenshot({ path: join(outDir, 'arabic.png'), fullPage: true });
    await context.close();
  }, 60_000);

  it('shows hostile strings as text: no script runs, no element is injected, links only http(s)', async () => {
    const { page, context } = await open('hostile', box(`feed="/hostile.json" limit="20"`));
    await eventually(() => items(page).count(), 12);
    const root = page.locator('herald-news');
    expect(await root.locator('script, svg, iframe, [onerror], [onload]').count()).toBe(0);
    const hrefs = await root.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) expect(h).toMatch(/^https?:\/\//);
    expect(await root.locator('img').evaluateAll((is) => is.map((i) => i.getAttribute('src')))).toEqual(Array(6).fill('https://www.example.org/img/x.png'));
    expect(await root.locator('h2').textContent()).toBe('<script>alert("title")</script>');
    expect(await items(page).nth(8).locator('h3').textContent()).toBe('<script>alert(1)</script>');
    await page.screenshot({ path: join(outDir, 'hostile.png'), fullPage: true });
    expect(pageErrors.filter((e) => e.startsWith('hostile'))).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows a link to the feed when it is empty, not JSON Feed, or unreachable', async () => {
    const urls = ['/empty.json', '/not-a-feed.json', `${herald.base}/feeds/nothing/feed.json`, `http://127.0.0.1:${await freePort()}/feed.json`];
    const { page, context } = await open('fallback', urls.map((u) => box(`feed="${u}"`, 'Latest news')).join(''));
    for (const [i, u] of urls.entries()) {
      const link = page.locator('herald-news').nth(i).locator('[part=fallback] a');
      await eventually(() => link.count(), 1, 15_000);
      expect(await link.getAttribute('href')).toBe(new URL(u, host.origin).href);
      expect(await link.textContent()).toBe('Latest news');
    }
    await page.screenshot({ path: join(outDir, 'fallback.png'), fullPage: true });
    await context.close();
  }, 60_000);

  it('clamps limit to 1..20 and re-renders when an attribute changes', async () => {
    const en = `${herald.base}/feeds/en/feed.json`;
    const { page, context } = await open('limits', box(`feed="${en}" limit="0"`) + box(`feed="${en}" limit="-3"`) + box(`feed="/hostile.json" limit="500"`));
    await eventually(() => items(page, 2).count(), 12);
    await eventually(() => items(page, 0).count(), 1);
    await eventually(() => items(page, 1).count(), 1);
    await page.locator('herald-news').first().evaluate((e) => e.setAttribute('limit', '2'));
    await eventually(() => items(page, 0).count(), 2);
    await page.locator('herald-news').first().evaluate((e, u) => e.setAttribute('feed', u), `${herald.base}/feeds/fr/feed.json`);
    await eventually(() => items(page, 0).first().getAttribute('lang'), 'fr');
    await context.close();
  }, 60_000);

  it('revalidates with the ETag once a minute, without a preflight, and shows what an editor posted', async () => {
    const feed = `${herald.base}/feeds/en/feed.json`;
    let cdp!: CDPSession;
    const { page, context } = await open('refresh', box(`feed="${feed}" limit="1"`), async (p, c) => {
      cdp = await c.newCDPSession(p);
    });
    // The headers as sent and the status as received (the cache adds If-None-Match below the page's view);
    // CDP's ExtraInfo events may come before or after their request's, so all are kept by request id.
    const seen: { method: string; url: string; preflight: boolean }[] = [];
    const feedIds: string[] = [];
    const sentEtag = new Map<string, string | undefined>();
    const status = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => {
      seen.push({ method: e.request.method, url: e.request.url, preflight: e.type === 'Preflight' });
      if (e.request.url === feed) feedIds.push(e.requestId);
    });
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => sentEtag.set(e.requestId, Object.entries(e.headers).find(([k]) => k.toLowerCase() === 'if-none-match')?.[1]));
    cdp.on('Network.responseReceivedExtraInfo', (e) => status.set(e.requestId, e.statusCode));
    const answered = () => feedIds.filter((id) => status.has(id)).length;
    await cdp.send('Network.enable');
    await page.reload();
    await eventually(() => items(page).count(), 1);
    await eventually(answered, feedIds.length);
    const before = feedIds.length;
    await page.clock.fastForward(61_000);
    await eventually(() => feedIds.length, before + 1);
    await eventually(answered, before + 1);
    // The refresh was conditional (the browser's own If-None-Match) and answered 304.
    const refresh = feedIds[before]!;
    expect(sentEtag.get(refresh)).toMatch(/^"[0-9a-f]{32}"$/);
    expect(status.get(refresh)).toBe(304);
    await post(herald, { title: 'Eighth Meeting of States Parties announced', summary: 'Dubrovnik, 2018.', language: 'en', status: 'published' });
    await waitForBody(feed, (b) => b.includes('Eighth Meeting'), 30_000);
    await page.clock.fastForward(61_000);
    await eventually(() => items(page).first().locator('h3').textContent(), 'Eighth Meeting of States Parties announced');
    expect(seen.filter((s) => s.preflight || s.method === 'OPTIONS')).toEqual([]);
    // The control: a request that needs one is seen to send one.
    await page.evaluate((u) => fetch(u, { headers: { 'x-probe': '1' } }).catch(() => undefined), feed);
    await eventually(() => seen.some((s) => s.preflight || s.method === 'OPTIONS'), true);
    await context.close();
  }, 90_000);

  it('passes axe-core, tabs through its links in order, sets no cookie and asks no third origin', async () => {
    requests.length = 0;
    const { page, context } = await open('a11y', box(`feed="${herald.base}/feeds/fr/feed.json"`));
    await eventually(() => items(page).count(), 2);
    await page.evaluate(AXE);
    const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })`)) as { violations: { id: string }[] };
    expect(result.violations.map((v) => v.id)).toEqual([]);
    const links = await page.locator('herald-news a').evaluateAll((as) => as.map((a) => (a as unknown as { href: string }).href));
    const focused: string[] = [];
    for (const _ of links) {
      await page.keyboard.press('Tab');
      focused.push((await page.evaluate(`document.activeElement?.shadowRoot?.activeElement?.href ?? ''`)) as string);
    }
    expect(focused).toEqual(links);
    expect(await context.cookies()).toEqual([]);
    const images = await page.locator('herald-news img').evaluateAll((is) => is.map((i) => (i as unknown as { src: string }).src));
    const origins = new Set(requests.filter((u) => !images.includes(u)).map((u) => new URL(u).origin));
    expect([...origins].sort()).toEqual([herald.base, host.origin].sort());
    await context.close();
  }, 60_000);

  // The deliberate ones: the fallback page's missing feeds, the probe's refused preflight, the unrouted example.org image of the refresh page.
  it('logged no page error, CSP refusal or dialog on any page but the deliberate ones', () => {
    expect(pageErrors.filter((e) => !/^fallback: .*(404|ERR_CONNECTION_REFUSED)|^refresh: .*(x-probe|CORS|Failed to fetch|ERR_NAME_NOT_RESOLVED|ERR_FAILED)/.test(e))).toEqual([]);
  });
});
