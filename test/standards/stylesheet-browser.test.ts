import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';
import { FEED_PAGE_STYLE_SOURCE, PAGE_STYLE_SOURCE, securityHeaderFields } from '../../shared/http/security-headers';
import { feedContext } from '../../shared/render/feed-context';
import { stylesheetFile } from '../../shared/render/stylesheet';
import { coalitionFeeds, SITE } from './support/coalition';
import { describeWith, TOOLS } from './support/tools';

/**
 * What the README claims for /feeds/feed.xsl, in a real browser: Chromium with
 * its XSLT feature on (Debian's Chromium 156 ships it on) shows rss.xml and
 * atom.xml as a page with a subscribe hint; with the feature off (what Google
 * Chrome 155+ ships), the same feed still opens, as the browser's XML view,
 * with no transformed page. The site is served by request interception, so
 * the stylesheet is same-origin as in production.
 */
const { files } = await coalitionFeeds();
const served = new Map([...files, stylesheetFile()].map((f) => [`${SITE.siteUrl}/${f.key}`, f]));
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
/** The inline styles Herald ships (pages, the feed stylesheet's page), as CSP sources. */
const HERALD_STYLE_HASHES = [PAGE_STYLE_SOURCE, FEED_PAGE_STYLE_SOURCE].map((s) => s.slice(1, -1));
const FEEDS = [feedContext(SITE, 'site').urls.rss, feedContext(SITE, 'site').urls.atom];

/** Opens a feed URL in a fresh page; returns what the document became. */
async function open(browser: Browser, url: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    // Images on other hosts: a pixel, since this machine reaches no other host.
    if (!url.startsWith(`${SITE.siteUrl}/`)) return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
    const f = served.get(url);
    // With the headers every bucket object gets in production and under npm start (CSP included).
    return f
      ? route.fulfill({ status: 200, contentType: f.contentType, headers: securityHeaderFields('site', SITE.siteUrl), body: f.body })
      : route.fulfill({ status: 404, body: '' });
  });
  await page.goto(url);
  // An XSLT transform replaces the document after load; wait until there is one to read.
  // (A poll of evaluate, not waitForFunction, whose string predicate the CSP's no-eval refuses.)
  for (let tries = 0; tries < 50; tries++) {
    if (await page.evaluate('document.documentElement !== null && document.readyState === "complete"')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seen = (await page.evaluate(`({
    xslt: typeof XSLTProcessor === 'function',
    hint: document.querySelector('p.subscribe code')?.textContent ?? null,
    articles: document.querySelectorAll('article').length,
    text: document.body?.innerText ?? document.documentElement.textContent,
    bodyMaxWidth: document.body ? getComputedStyle(document.body).maxWidth : null,
  })`)) as { xslt: boolean; hint: string | null; articles: number; text: string; bodyMaxWidth: string | null };
  await page.close();
  // Chromium's own XML viewer applies inline styles and event handlers that a strict CSP
  // blocks (and reports), in both modes; they are the browser's, told apart from Herald's
  // by the hash the report suggests. A blocked Herald style, or a blocked feed.xsl, still counts.
  const viewer = (e: string) =>
    /^(Applying inline style|Executing inline event handler) violates/.test(e) && !HERALD_STYLE_HASHES.some((h) => e.includes(`hash ('${h}')`));
  return { ...seen, errors: errors.filter((e) => !viewer(e)) };
}

describeWith('chromium', 'the feed stylesheet in Chromium', () => {
  let withXslt: Browser;
  let withoutXslt: Browser;
  beforeAll(async () => {
    withXslt = await chromium.launch({ executablePath: TOOLS.chromium });
    withoutXslt = await chromium.launch({ executablePath: TOOLS.chromium, args: ['--disable-features=XSLT'] });
  }, 60_000);
  afterAll(async () => {
    await withXslt?.close();
    await withoutXslt?.close();
  });

  it.each(FEEDS)('shows %s as a page with a subscribe hint where XSLT is on', async (url) => {
    const seen = await open(withXslt, url);
    expect([seen.xslt, seen.hint, seen.errors]).toEqual([true, url, []]);
    expect(seen.articles).toBeGreaterThan(3);
    // The page's own style applied under the site CSP (body max-width: 46rem).
    expect(seen.bodyMaxWidth).toBe('736px');
    expect(seen.text).toContain('What happens in <Geneva> next week & why "7MSP" matters');
  });

  it.each(FEEDS)('still opens %s, untransformed, where XSLT is off (Chrome 155+)', async (url) => {
    const seen = await open(withoutXslt, url);
    expect([seen.xslt, seen.hint, seen.articles, seen.errors]).toEqual([false, null, 0, []]);
    expect(seen.text).toContain(url);
  });
});
