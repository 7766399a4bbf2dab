import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describeGated } from '../standards/support/tool-gate';
import { toolPresent, TOOLS } from '../standards/support/tools';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { waitForBody } from '../support/wait-for-body';

/**
 * Issue 16 in Debian's Chromium, on `npm start`: an Arabic announcement's page
 * lays out right to left, the home page keeps each title of a mixed-language
 * list in its own order, an Arabic slug and an Arabic tag are served at their
 * percent-encoded URLs, and axe-core finds no violation. Screenshots under
 * test-output/rtl/.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-rtl-'));
const outDir = join(process.cwd(), 'test-output', 'rtl');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

const arabic = {
  title: 'الاجتماع السابع للدول الأطراف (7MSP) في جنيف، ٤–٦ سبتمبر',
  summary: 'تجتمع الدول الأطراف في قصر الأمم من ٤ إلى ٦ سبتمبر ٢٠١٧.',
  body: 'يُعقد **الاجتماع السابع للدول الأطراف** في جنيف.',
  language: 'ar',
  tags: ['7msp', 'حقوق-الإنسان'],
  authors: [{ name: 'مكتب الصحافة' }],
  status: 'published',
};
const english = { title: 'Seventh Meeting of States Parties opens in Geneva!', summary: 'States Parties meet in Geneva.', language: 'en', tags: ['7msp'], status: 'published' };
const french = { title: 'Ouverture de la 7e Assemblée à Genève : 4–6 septembre', summary: 'Les États parties se réunissent.', language: 'fr', tags: ['7msp'], status: 'published' };

let herald: HeraldProcess;
let browser: Browser;
const posted: Record<string, { id: string; slug: string }> = {};

async function post(body: unknown): Promise<{ id: string; slug: string }> {
  const res = await fetch(`${herald.base}/api/announcements`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; slug: string };
}

async function axeViolations(page: Page): Promise<{ id: string; nodes: number }[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })`)) as {
    violations: { id: string; nodes: unknown[] }[];
  };
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.length }));
}

describeGated('chromium', toolPresent('chromium'), 'right-to-left and mixed-language pages in Chromium', () => {
  beforeAll(async () => {
    herald = await startHerald(dataDir);
    mkdirSync(outDir, { recursive: true });
    posted.en = await post(english);
    posted.ar = await post(arabic);
    posted.fr = await post(french);
    browser = await chromium.launch({ executablePath: TOOLS.chromium, args: ['--headless', '--no-sandbox'] });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await herald?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('gives the Arabic title an Arabic slug, served at its percent-encoded URL, and the Arabic tag a feed', async () => {
    expect(posted.ar!.slug).toBe('الاجتماع-السابع-للدول-الأطراف-7msp-في-جنيف-٤-٦-سبتمبر');
    const path = `/news/${encodeURIComponent(posted.ar!.slug)}-${posted.ar!.id.slice(0, 8)}/`;
    const html = await waitForBody(`${herald.base}${path}`, (body) => body.length > 0);
    expect(html).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    // The feeds link it by the same encoded URL.
    const rss = await waitForBody(`${herald.base}/feeds/ar/rss.xml`, (body) => body.includes(posted.ar!.id));
    expect(rss).toContain(`<link>${herald.base}${path}</link>`);
    const tagFeed = await waitForBody(`${herald.base}/feeds/tags/${encodeURIComponent('حقوق-الإنسان')}/feed.json`, (body) => body.length > 0);
    const json = JSON.parse(tagFeed) as { items: { id: string; _herald: { hashtags: string[] } }[] };
    expect(json.items.map((i) => i.id)).toEqual([`urn:uuid:${posted.ar!.id}`]);
    expect(json.items[0]!._herald.hashtags).toEqual(['#7msp', '#حقوق_الإنسان']);
  });

  it('lays the Arabic page out right to left: the title hugs the right edge of the column', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.goto(`${herald.base}/news/${encodeURIComponent(posted.ar!.slug)}-${posted.ar!.id.slice(0, 8)}/`);
    const layout = (await page.evaluate(`(() => {
      const article = document.querySelector('article');
      const h1 = article.querySelector('h1');
      const range = document.createRange();
      range.selectNodeContents(h1);
      const text = range.getBoundingClientRect();
      const column = article.getBoundingClientRect();
      return { direction: getComputedStyle(article).direction, textRight: text.right, textLeft: text.left, columnRight: column.right, columnLeft: column.left };
    })()`)) as { direction: string; textRight: number; textLeft: number; columnRight: number; columnLeft: number };
    expect(layout.direction).toBe('rtl');
    expect(Math.abs(layout.columnRight - layout.textRight)).toBeLessThan(2);
    expect(layout.textLeft - layout.columnLeft).toBeGreaterThan(1);
    await page.screenshot({ path: join(outDir, 'arabic-page.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('keeps each title of the mixed home page in its own order and direction', async () => {
    await waitForBody(`${herald.base}/`, (body) => [english, arabic, french].every((a) => body.includes(a.title.slice(0, 20).replace(/&/g, '&amp;'))));
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
    await page.goto(`${herald.base}/`);
    const items = (await page.evaluate(`[...document.querySelectorAll('ul.items > li')].map((li) => ({
      lang: li.lang, direction: getComputedStyle(li).direction, title: li.querySelector('h3').innerText,
    }))`)) as { lang: string; direction: string; title: string }[];
    expect(items).toEqual([
      { lang: 'fr', direction: 'ltr', title: french.title },
      { lang: 'ar', direction: 'rtl', title: arabic.title },
      { lang: 'en', direction: 'ltr', title: english.title },
    ]);
    // The Arabic title's run of text starts at the right of its item: its order is its own.
    const ar = (await page.evaluate(`(() => {
      const li = document.querySelector('ul.items > li[lang="ar"]');
      const a = li.querySelector('h3 a');
      const range = document.createRange();
      range.selectNodeContents(a);
      return { right: range.getBoundingClientRect().right, liRight: li.getBoundingClientRect().right };
    })()`)) as { right: number; liRight: number };
    expect(Math.abs(ar.liRight - ar.right)).toBeLessThan(30);
    await page.screenshot({ path: join(outDir, 'mixed-home.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
