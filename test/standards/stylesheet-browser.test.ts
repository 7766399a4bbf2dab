import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';
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
const FEEDS = [feedContext(SITE, 'site').urls.rss, feedContext(SITE, 'site').urls.atom];

/** Opens a feed URL in a fresh page; returns what the document became. */
async function open(browser: Browser, url: string) {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(`${SITE.siteUrl}/**`, (route) => {
    const f = served.get(route.request().url());
    return f ? route.fulfill({ status: 200, contentType: f.contentType, body: f.body }) : route.fulfill({ status: 404, body: '' });
  });
  await page.goto(url);
  const seen = (await page.evaluate(`({
    xslt: typeof XSLTProcessor === 'function',
    hint: document.querySelector('p.subscribe code')?.textContent ?? null,
    articles: document.querySelectorAll('article').length,
    text: document.body?.innerText ?? document.documentElement.textContent,
  })`)) as { xslt: boolean; hint: string | null; articles: number; text: string };
  await page.close();
  return { ...seen, errors };
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
    expect(seen.text).toContain('What happens in <Geneva> next week & why "7MSP" matters');
  });

  it.each(FEEDS)('still opens %s, untransformed, where XSLT is off (Chrome 155+)', async (url) => {
    const seen = await open(withoutXslt, url);
    expect([seen.xslt, seen.hint, seen.articles, seen.errors]).toEqual([false, null, 0, []]);
    expect(seen.text).toContain(url);
  });
});
