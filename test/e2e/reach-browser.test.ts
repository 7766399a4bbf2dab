import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ICAL from 'ical.js';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { itGated } from '../standards/support/tool-gate';
import { toolPresent, TOOLS } from '../standards/support/tools';
import { startHubStandIn } from '../support/hub-stand-in';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';

/**
 * Issue 5 end to end on `npm start`: the meeting posted through the API
 * reaches a calendar (events.ics parsed by ical.js), a WebSub hub (one ping
 * per changed feed) and a browser (headless Chromium opens its page and the
 * home page: no console errors, preview meta, valid JSON-LD, alt on every
 * image; screenshots under test-output/).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-reach-'));
const outDir = join(process.cwd(), 'test-output');
const CHROMIUM = TOOLS.chromium;
const hasChromium = toolPresent('chromium');

/**
 * Runs in the page (a string: the tests compile without the DOM lib): the
 * WCAG contrast ratio of each text element's colour against the first opaque
 * background behind it.
 */
const CONTRAST_SCRIPT = `(() => {
  const lum = (c) => {
    const [r, g, b] = (c.match(/\\d+(\\.\\d+)?/g) || ['0', '0', '0']).slice(0, 3)
      .map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const bgOf = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  return [...document.querySelectorAll('h1, h2, h3, p, a, li, figcaption, time, span')].map((el) => {
    const a = lum(getComputedStyle(el).color), b = lum(bgOf(el));
    return { text: (el.textContent || '').slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
  });
})()`;

let herald: HeraldProcess;
let hub: Awaited<ReturnType<typeof startHubStandIn>>;
let browser: Browser | undefined;
const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
// 1x1 transparent PNG, served for the (offline) example.org images.
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const meeting = {
  title: 'Seventh Meeting of States Parties opens at the Palais des Nations',
  summary: 'States Parties meet in Geneva on 4-6 September 2017, presided over by an ambassador.',
  body: 'The **Seventh Meeting of States Parties** takes place at the Palais des Nations.\n\n- [Provisional agenda](https://www.example.org/docs/7msp-agenda.pdf)',
  language: 'en',
  tags: ['7msp'],
  images: [{ url: 'https://www.example.org/img/7msp-logo.png', alt: 'Logo of the Seventh Meeting of States Parties', caption: 'The 7MSP logo', credit: '(c) CMC' }],
  attachments: [{ url: 'https://www.example.org/docs/7msp-agenda.pdf', title: 'Provisional agenda', type: 'application/pdf', length: 254301 }],
  event: { start: '2017-09-04T10:00', end: '2017-09-06T18:00', timeZone: 'Europe/Zurich', venue: 'Palais des Nations', city: 'Geneva', country: 'Switzerland' },
  status: 'published',
};

async function post(body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${herald.base}/api/announcements`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as Record<string, unknown>;
}

async function waitFor(path: string, predicate: (res: Response, body: string) => boolean): Promise<string> {
  const deadline = Date.now() + 20_000;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(`${herald.base}${path}`);
    last = await res.text();
    if (predicate(res, last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${path} never satisfied the condition; last:\n${last.slice(0, 300)}`);
}

beforeAll(async () => {
  hub = await startHubStandIn();
  herald = await startHerald(dataDir, { WEBSUB_HUBS: `${hub.base}/ok` });
  mkdirSync(outDir, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await herald?.stop();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('the meeting reaches a calendar, a hub and a browser', () => {
  let id = '';
  let pagePath = '';
  let seminarPath = '';

  it('refuses a bad time zone and an end before the start with a 400 naming the field', async () => {
    for (const [event, field] of [
      [{ ...meeting.event, timeZone: 'Mars/Olympus' }, 'event.timeZone'],
      [{ ...meeting.event, end: '2017-09-03T10:00' }, 'event.end'],
    ] as const) {
      const res = await fetch(`${herald.base}/api/announcements`, { method: 'POST', headers: auth, body: JSON.stringify({ ...meeting, event }) });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { details: { path: string }[] };
      expect(body.details.map((d) => d.path)).toEqual([field]);
    }
  });

  it('refuses a canonicalUrl on a host the site does not list with a 400 naming canonicalUrl', async () => {
    const res = await fetch(`${herald.base}/api/announcements`, { method: 'POST', headers: auth, body: JSON.stringify({ ...meeting, canonicalUrl: 'https://evil.example/7msp' }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { details: { path: string }[] }).details.map((d) => d.path)).toEqual(['canonicalUrl']);
  });

  it('publishes the page, the calendar and one hub ping per changed feed', async () => {
    const startPings = hub.pings.length;
    const created = await post(meeting);
    id = String(created.id);
    pagePath = `/news/${String(created.slug)}-${id.slice(0, 8)}/`;
    const html = await waitFor(pagePath, (res) => res.status === 200);
    expect(html).toContain('<h1>Seventh Meeting of States Parties opens at the Palais des Nations</h1>');
    const page = await fetch(`${herald.base}${pagePath}`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');

    const ics = await waitFor('/feeds/tags/7msp/events.ics', (res, b) => res.headers.get('content-type') === 'text/calendar; charset=utf-8' && b.includes(id));
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe(`${id}@127.0.0.1:${herald.port}`);
    expect(vevent.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Zurich');
    expect(event.startDate.toString()).toBe('2017-09-04T10:00:00');
    expect(event.location).toBe('Palais des Nations, Geneva, Switzerland');
    expect(vevent.getFirstPropertyValue('url')).toBe(`${herald.base}${pagePath}`);

    const expected = ['feeds/', 'feeds/en/', 'feeds/tags/7msp/'].flatMap((p) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${herald.base}/${p}${f}`)).sort();
    const deadline = Date.now() + 10_000;
    while (hub.pings.length - startPings < expected.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500)); // a duplicate would arrive now
    expect(hub.pings.slice(startPings).map((p) => p.topic).sort()).toEqual(expected);
  });

  it('posts the French version as a translation; both pages link each other', async () => {
    const fr = await post({
      title: 'Ouverture de la septième Assemblée des États parties à Genève',
      summary: 'Les États parties se réunissent au Palais des Nations du 4 au 6 septembre 2017.',
      language: 'fr',
      tags: ['7msp'],
      translationOf: id,
      status: 'published',
    });
    const frPath = `/news/${String(fr.slug)}-${String(fr.id).slice(0, 8)}/`;
    await waitFor(pagePath, (_res, b) => b.includes(`hreflang="fr" href="${herald.base}${frPath}"`));
    const frHtml = await waitFor(frPath, (res) => res.status === 200);
    expect(frHtml).toContain(`hreflang="en" href="${herald.base}${pagePath}"`);
    expect(frHtml).toMatch(/<html lang="fr" dir="ltr">/);
  });

  it('posts the Bangkok seminar report with its credited photo', async () => {
    const seminar = await post({
      title: 'Regional seminar in Bangkok: universalising the ban',
      summary: 'Report from the regional seminar held in Bangkok on 16-17 March.',
      body: 'Delegates from twelve countries met in Bangkok. See the [programme](programme.pdf).',
      language: 'en',
      tags: ['7msp', 'seminar'],
      images: [{ url: 'https://www.example.org/img/bangkok-seminar.jpeg', alt: 'Delegates seated around a conference table', caption: 'Participants at the regional seminar in Bangkok, 16–17 March.', credit: '(c) Loren Persi/ICBL-CMC' }],
      event: { start: '2017-03-16', end: '2017-03-17', allDay: true, timeZone: 'Asia/Bangkok', city: 'Bangkok', country: 'Thailand' },
      status: 'published',
    });
    seminarPath = `/news/${String(seminar.slug)}-${String(seminar.id).slice(0, 8)}/`;
    const html = await waitFor(seminarPath, (res) => res.status === 200);
    expect(html).toContain('<span class="credit">(c) Loren Persi/ICBL-CMC</span>');
    const rss = await waitFor('/feeds/tags/7msp/rss.xml', (_r, b) => b.includes('Bangkok'));
    // The body's relative link reaches readers absolute, against the page; http, as the local SITE_URL is.
    expect(rss).toContain(`&lt;a href="${herald.base}${seminarPath}programme.pdf"&gt;programme&lt;/a&gt;`);
  });

  itGated('feed2toot', toolPresent('feed2toot'), 'feed2toot --dry-run on the served RSS posts each item\'s social text, page link and hashtags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-feed2toot-'));
    writeFileSync(
      join(dir, 'feed2toot.ini'),
      ['[mastodon]', 'instance_url=https://mastodon.example.org', `user_credentials=${join(dir, 'u.secret')}`, `client_credentials=${join(dir, 'c.secret')}`,
        '[cache]', `cachefile=${join(dir, 'cache.db')}`, '[rss]', `uri=${herald.base}/feeds/tags/7msp/rss.xml`, 'toot={summary} {link}', ''].join('\n'),
    );
    const r = spawnSync(TOOLS.feed2toot, ['-c', join(dir, 'feed2toot.ini'), '--dry-run', '--all', '--lockfile', join(dir, 'lock')], {
      encoding: 'utf8',
      env: { ...process.env, HOME: dir },
      timeout: 60_000,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(0);
    const toots = [...r.stderr.matchAll(/^Would toot with visibility "public":\s(.*)$/gm)].map((m) => m[1]!);
    const json = JSON.parse(await fetch(`${herald.base}/feeds/tags/7msp/feed.json`).then((x) => x.text())) as { items: { url: string; _herald: { social_text: string; hashtags: string[] } }[] };
    const sorted = (t: string) => {
      const at = t.indexOf(' #');
      return at < 0 ? t : `${t.slice(0, at)} ${t.slice(at + 1).split(' ').sort().join(' ')}`;
    };
    const expected = [...json.items].reverse().map((i) => sorted(`${i._herald.social_text} ${i.url} ${i._herald.hashtags.join(' ')}`));
    expect(toots.map(sorted)).toEqual(expected);
    expect(toots).toContainEqual(expect.stringMatching(/^Report from the regional seminar held in Bangkok on 16-17 March\. http:\/\/127\.0\.0\.1:\d+\/news\/regional-seminar-in-bangkok-universalising-the-ban-[0-9a-f]{8}\/ (#7msp #seminar|#seminar #7msp)$/));
  }, 90_000);

  itGated('chromium', hasChromium, 'renders the permalink and home pages in headless Chromium without console errors', async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    // Herald's origin is served for real; the example.org images get a pixel, so no request leaves the machine.
    await context.route('**/*', (route) =>
      route.request().url().startsWith(herald.base) ? route.continue() : route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }),
    );
    for (const [name, path] of [['permalink', pagePath], ['seminar', seminarPath], ['home', '/']] as const) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
      page.on('pageerror', (e) => errors.push(String(e)));
      const res = await page.goto(`${herald.base}${path}`, { waitUntil: 'load' });
      expect(res?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBeTruthy();
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.getAttribute('meta[name="viewport"]', 'content')).toBe('width=device-width, initial-scale=1');
      const ld = await page.locator('script[type="application/ld+json"]').allTextContents();
      expect(ld.length).toBe(1);
      const data = JSON.parse(ld[0]!) as Record<string, unknown>;
      const images = await page.locator('img').evaluateAll((els) => els.map((e) => e.getAttribute('alt')));
      expect(images.every((alt) => typeof alt === 'string' && alt.length > 0)).toBe(true);
      const feeds = await page.locator('link[rel="alternate"][type="application/rss+xml"]').count();
      expect(feeds).toBeGreaterThan(0);
      if (name === 'permalink') {
        expect(data['@type']).toBe('Event');
        expect(data.startDate).toBe('2017-09-04T10:00:00+02:00');
        for (const p of ['og:title', 'og:description', 'og:image', 'og:url', 'og:type', 'article:published_time']) {
          expect(await page.getAttribute(`meta[property="${p}"]`, 'content')).toBeTruthy();
        }
        expect(await page.getAttribute('meta[name="twitter:card"]', 'content')).toBe('summary_large_image');
        expect(images).toEqual(['Logo of the Seventh Meeting of States Parties']);
        // Readable on a phone: nothing wider than the viewport.
        expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(390);
      } else if (name === 'seminar') {
        expect(data['@type']).toBe('Event');
        expect(data.startDate).toBe('2017-03-16');
        expect(images).toEqual(['Delegates seated around a conference table']);
        expect(await page.locator('figcaption').textContent()).toBe('Participants at the regional seminar in Bangkok, 16–17 March. (c) Loren Persi/ICBL-CMC');
      } else {
        expect(data['@type']).toBe('WebSite');
        expect(await page.locator(`a[href="${herald.base}${pagePath}"]`).count()).toBe(1);
      }
      // WCAG AA: every text element's colour against the page background is at least 4.5:1.
      const ratios = (await page.evaluate(CONTRAST_SCRIPT)) as { text: string; ratio: number }[];
      expect(ratios.length).toBeGreaterThan(10);
      expect(ratios.filter((r) => r.ratio < 4.5)).toEqual([]);
      await page.screenshot({ path: join(outDir, `reach-${name}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 90_000);

  it('removes the page when the announcement is retracted', async () => {
    const head = await fetch(`${herald.base}/api/announcements/${id}`, { headers: auth });
    const res = await fetch(`${herald.base}/api/announcements/${id}`, { method: 'DELETE', headers: { ...auth, 'if-match': head.headers.get('etag') ?? '' } });
    expect(res.status).toBe(200);
    await waitFor(pagePath, (r) => r.status === 404);
    await waitFor('/', (_r, b) => !b.includes(pagePath));
  });
});
