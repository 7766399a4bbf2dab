import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { API_CSP, siteCsp } from '../../shared/http/security-headers';
import { itGated } from '../standards/support/tool-gate';
import { toolPresent, TOOLS } from '../standards/support/tools';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';

/**
 * The security headers of `npm start`, which must equal the CloudFront policies'
 * (both come from shared/http/security-headers.ts), and a real browser check that
 * a page under its CSP still renders styled without a single CSP violation.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-csp-'));
const CHROMIUM = TOOLS.chromium;
const hasChromium = toolPresent('chromium');
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

let herald: HeraldProcess;
let browser: Browser | undefined;
let pagePath = '';
/** The same announcement's review page (/review/{token}), served by a function, not the bucket. */
let reviewPath = '';

beforeAll(async () => {
  herald = await startHerald(dataDir);
  const res = await fetch(`${herald.base}/api/announcements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Seventh Meeting of States Parties',
      summary: 'Geneva, 4-6 September 2017.',
      body: 'At the **Palais des Nations**.',
      language: 'en',
      images: [{ url: 'https://www.example.org/img/7msp-logo.png', alt: 'The 7MSP logo', credit: '(c) CMC' }],
      status: 'published',
    }),
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { id: string; slug: string };
  pagePath = `/news/${created.slug}-${created.id.slice(0, 8)}/`;
  const link = await fetch(`${herald.base}/api/announcements/${created.id}/review-links`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}` } });
  expect(link.status).toBe(201);
  reviewPath = new URL(((await link.json()) as { url: string }).url).pathname;
  for (const deadline = Date.now() + 20_000; (await fetch(`${herald.base}${pagePath}`)).status !== 200; ) {
    if (Date.now() > deadline) throw new Error(`${pagePath} was never published`);
    await new Promise((r) => setTimeout(r, 150));
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await herald?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const common = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};
const headersOf = (res: Response) => Object.fromEntries(Object.keys({ ...common, 'content-security-policy': '' }).map((h) => [h, res.headers.get(h)]));

describe('security headers on npm start', () => {
  it.each([
    ['the home page', () => '/'],
    ['an announcement page', () => pagePath],
    ['a feed', () => '/feeds/rss.xml'],
    ['the calendar', () => '/feeds/events.ics'],
    ['a missing object (404)', () => '/news/nothing-here/'],
  ])('%s gets the site CSP and the common headers', async (_name, path) => {
    const res = await fetch(`${herald.base}${path()}`);

    expect(headersOf(res)).toEqual({ ...common, 'content-security-policy': siteCsp(herald.base) });
  });

  it.each([
    ['a review page', () => reviewPath],
    ['a dead review link (404)', () => '/review/nothing-here'],
  ])('%s gets the site CSP and no referrer, with the other common headers', async (_name, path) => {
    const res = await fetch(`${herald.base}${path()}`);

    expect(headersOf(res)).toEqual({ ...common, 'referrer-policy': 'no-referrer', 'content-security-policy': siteCsp(herald.base) });
  });

  it("the site CSP forbids everything but the feeds' XSL, the hashed inline styles and images, framing, <base> and forms", () => {
    expect(siteCsp('https://news.example.org')).toMatch(
      /^default-src 'none'; script-src https:\/\/news\.example\.org\/feeds\/feed\.xsl; style-src 'sha256-[A-Za-z0-9+/]{43}=' 'sha256-[A-Za-z0-9+/]{43}='; img-src 'self' https:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'$/,
    );
  });

  it.each([
    ['GET /api/health', '/api/health', {}],
    ['a refused request (401)', '/api/announcements', {}],
    ['an authorised request', '/api/announcements', { authorization: `Bearer ${TEST_TOKEN}` }],
  ])('%s gets default-src none and frame-ancestors none', async (_name, path, headers: Record<string, string>) => {
    const res = await fetch(`${herald.base}${path}`, { headers });

    expect(headersOf(res)).toEqual({ ...common, 'content-security-policy': API_CSP });
    expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

describe('a page under its CSP in headless Chromium', () => {
  itGated('chromium', hasChromium, 'renders styled, with its image, and reports no CSP violation', async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const context = await browser.newContext();
    await context.route('**/*', (route) =>
      route.request().url().startsWith(herald.base) ? route.continue() : route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }),
    );
    for (const path of [pagePath, '/', reviewPath]) {
      const page = await context.newPage();
      const console: string[] = [];
      page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
      // Recorded from the first byte: every violation fires this event in the page.
      await page.addInitScript('window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));');
      const res = await page.goto(`${herald.base}${path}`, { waitUntil: 'load' });
      expect(res?.headers()['content-security-policy']).toBe(siteCsp(herald.base));

      // Styled: the page's stylesheet applied (body margin 0, the header's bottom border).
      const styled = await page.evaluate('({ margin: getComputedStyle(document.body).marginTop, border: getComputedStyle(document.querySelector("header")).borderBottomStyle })');
      expect(styled).toEqual({ margin: '0px', border: 'solid' });
      if (path === pagePath) {
        // The image is loading="lazy": on a busy machine it may still be on its way at 'load'.
        // (A poll of evaluate: waitForFunction's predicate is an eval, which the CSP refuses.)
        for (let tries = 0; tries < 50 && !(await page.evaluate('document.querySelector("img").complete')); tries++) await page.waitForTimeout(100);
        expect(await page.evaluate('document.querySelector("img").naturalWidth')).toBe(1);
      }
      expect(await page.evaluate('window.__violations')).toEqual([]);
      expect(console.filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);

      // Control: the policy is live, so a style the hash does not cover is refused and reported.
      await page.evaluate('(() => { const s = document.createElement("style"); s.textContent = "body{margin:3px}"; document.head.append(s); })()');
      await page.waitForTimeout(200);
      expect(await page.evaluate('getComputedStyle(document.body).marginTop')).toBe('0px');
      expect(await page.evaluate('window.__violations')).toEqual([expect.stringMatching(/^style-src/)]);
      expect(console.some((line) => /Content Security Policy/.test(line))).toBe(true);
    }
  }, 60_000);
});
