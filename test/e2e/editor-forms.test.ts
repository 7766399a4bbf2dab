import { afterAll, beforeAll, expect } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { describeGated, itGated } from '../standards/support/tool-gate';
import { toolPresent, TOOLS } from '../standards/support/tools';
import { editorOpener } from '../support/editor-browser';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';

/**
 * The editor's list and form in Chromium against `npm start`: filters, title
 * search and cursor paging; a translation linked to its original shown beside
 * it; an event in a zone from the IANA picker; authors; the media library;
 * history naming who changed which fields; the social post's 280 count.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-editor-forms-'));
const hasChromium = toolPresent('chromium');
const json = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
let herald: HeraldProcess;
let browser: Browser;
let original: { id: string; title: string };

const open = (hash: string, options: { timezoneId?: string } = {}) => editorOpener(browser, herald.base, TEST_TOKEN)(hash, options);
const create = async (body: object) => {
  const res = await fetch(`${herald.base}/api/announcements`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; title: string };
};
const read = async (id: string) => (await (await fetch(`${herald.base}/api/announcements/${id}`, { headers: json })).json()) as Record<string, unknown>;

beforeAll(async () => {
  if (!hasChromium) return;
  herald = await startHerald(dataDir);
  original = await create({ title: 'Report launch in Geneva', body: 'The original **body**.', language: 'en', tags: ['report'], status: 'published' });
  // 22 drafts tagged "batch": more than one page of 20.
  for (let i = 0; i < 22; i++) await create({ title: `Batch item ${String(i).padStart(2, '0')}`, language: 'fr', tags: ['batch'], status: 'draft' });
  browser = await chromium.launch({ executablePath: TOOLS.chromium, args: ['--headless', '--no-sandbox'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await herald?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describeGated('chromium', hasChromium, 'the editor list and form in Chromium', () => {
  itGated('chromium', hasChromium, 'filters by the API\'s status, language and tag, pages by cursor, and searches titles', async () => {
    const { page, context } = await open('#/');
    const items = page.locator('ul.cards > li');
    await page.selectOption('select', 'draft');
    await page.getByLabel('Tag').fill('batch');
    await page.getByLabel('Language').fill('fr');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('20 shown').waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText('22 shown').waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(await items.filter({ hasText: 'Report launch' }).count()).toBe(0);
    // The search goes to the API (q), so it finds titles on pages not loaded yet, in any case.
    await page.getByLabel('Search titles').fill('ITEM 07');
    await page.getByText('1 shown').waitFor();
    expect(await items.first().textContent()).toContain('Batch item 07');
    await page.getByLabel('Search titles').fill('report launch');
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Tag').fill('');
    await page.getByLabel('Language').fill('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // The list settles after the last of the requests the typing and the filters sent: wait for
    // exactly that one card (a stale answer drawn last would never settle, and fail here).
    const settled = async () => (await items.count()) === 1 && ((await items.first().textContent()) ?? '').includes('Report launch in Geneva');
    for (const until = Date.now() + 15_000; !(await settled()) && Date.now() < until; ) await page.waitForTimeout(50);
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain('Report launch in Geneva');
    // The count is drawn beside the list and may land a frame after it: wait for it (a CI run read it too early).
    await page.getByText(/^1 shown$/).waitFor({ timeout: 5_000 });
    expect(await page.getByText(/^1 shown$/).count()).toBe(1);
    await context.close();
  }, 60_000);

  itGated('chromium', hasChromium, 'translates: a new announcement linked to the original, shown side by side', async () => {
    const { page, context } = await open(`#/a/${original.id}`);
    await page.getByRole('link', { name: 'Translate' }).click();
    await page.getByRole('heading', { level: 1, name: 'Translate: Report launch in Geneva' }).waitFor();
    const aside = page.getByRole('complementary', { name: /Original: Report launch in Geneva/ });
    await expect(aside.textContent()).resolves.toContain('The original **body**.');
    expect(await page.inputValue('#f-translationOf')).toBe(original.id);
    await page.fill('#f-title', 'Lancement du rapport à Genève');
    await page.fill('#f-language', 'fr');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/#\/a\/[0-9a-f-]{36}$/);
    expect(await read(page.url().split('/a/')[1]!)).toMatchObject({ title: 'Lancement du rapport à Genève', language: 'fr', translationOf: original.id });
    await context.close();
  }, 60_000);

  itGated('chromium', hasChromium, 'an event takes its zone from the IANA picker, and authors are added and removed', async () => {
    const { page, context } = await open('#/new', { timezoneId: 'Europe/Zurich' });
    await page.fill('#f-title', 'Seminar in Bangkok');
    await page.getByLabel('This announcement is about an event').check();
    await page.fill('#f-event-start', '2031-03-12T09:00');
    await page.fill('#f-event-end', '2031-03-12T17:30');
    expect(await page.inputValue('#f-event-timeZone')).toBe('Europe/Zurich');
    expect(await page.locator('#f-event-timeZone option').count()).toBeGreaterThan(300);
    await page.selectOption('#f-event-timeZone', 'Asia/Bangkok');
    await page.fill('#f-event-city', 'Bangkok');
    await page.getByRole('button', { name: 'Add an author' }).click();
    await page.fill('#f-authors-0-name', 'Ana Pereira');
    await page.getByRole('button', { name: 'Add an author' }).click();
    await page.fill('#f-authors-1-name', 'Somchai K.');
    await page.getByRole('button', { name: 'Remove Ana Pereira' }).click();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/#\/a\/[0-9a-f-]{36}$/);
    expect(await read(page.url().split('/a/')[1]!)).toMatchObject({
      event: { start: '2031-03-12T09:00:00', end: '2031-03-12T17:30:00', timeZone: 'Asia/Bangkok', city: 'Bangkok', allDay: false },
      authors: [{ name: 'Somchai K.' }],
    });
    await context.close();
  }, 60_000);

  itGated('chromium', hasChromium, 'reuses an upload from the media library; history names who changed which fields', async () => {
    const target = await create({ title: 'Photo story', language: 'en', status: 'draft' });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#aa3300' } }).png().toBuffer();
    const first = await open(`#/a/${target.id}`);
    await first.page.setInputFiles('input[type=file]', { name: 'library.png', mimeType: 'image/png', buffer: png });
    await first.page.locator('#f-images-0-alt').waitFor({ timeout: 30_000 });
    await first.context.close();
    const other = await create({ title: 'Second story', language: 'en', status: 'draft' });
    const { page, context } = await open(`#/a/${other.id}`);
    await page.getByRole('button', { name: 'Choose from the media library' }).click();
    await page.getByRole('button', { name: 'Use library.png' }).first().click();
    await page.fill('#f-images-0-alt', 'A red square');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await read(other.id)).toMatchObject({ images: [{ alt: 'A red square', width: 40, height: 30, type: 'image/png' }] });
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('row', { name: /update/ }).waitFor();
    await expect(history.getByRole('row', { name: /update/ }).textContent()).resolves.toMatch(/bootstrap-admin.*images/);
    await context.close();
  }, 90_000);

  /** An element's lang, dir attribute and computed direction (runs in the page; no DOM types here). */
  const textDirection = (e: unknown): [string, string, string] => {
    const el = e as { lang: string; dir: string };
    return [el.lang, el.dir, (globalThis as unknown as { getComputedStyle(x: unknown): { direction: string } }).getComputedStyle(e).direction];
  };

  itGated('chromium', hasChromium, 'writes an Arabic announcement right to left in the fields that hold its text, the form stays left to right', async () => {
    const arabic = await create({ title: 'الاجتماع السابع للدول الأطراف في جنيف', summary: 'تجتمع الدول الأطراف.', body: 'يُعقد الاجتماع.', language: 'ar', tags: ['report'], status: 'draft' });
    const { page, context } = await open(`#/a/${arabic.id}`);
    const title = page.getByRole('textbox', { name: 'Title' });
    await expect(title.inputValue()).resolves.toBe(arabic.title);
    for (const name of ['Title', 'Summary', 'Body (Markdown)']) {
      const field = page.getByRole('textbox', { name });
      expect(await field.evaluate(textDirection)).toEqual(['ar', 'rtl', 'rtl']);
    }
    expect((await page.getByRole('textbox', { name: 'Slug (URL name)' }).evaluate(textDirection))[2]).toBe('ltr');
    // Switching the language to English turns the text fields left to right.
    await page.getByRole('textbox', { name: 'Language' }).fill('en');
    expect((await title.evaluate(textDirection))[2]).toBe('ltr');
    await context.close();
  }, 60_000);

  itGated('chromium', hasChromium, 'shows the social post against its 280-character limit', async () => {
    // What the API answers for this form.
    const stored = await read(original.id);
    const body = { title: stored.title, summary: stored.summary, body: stored.body, language: stored.language, tags: stored.tags, status: 'draft' };
    const answer = await fetch(`${herald.base}/api/preview`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    expect(answer.status).toBe(200);
    const social = ((await answer.json()) as { socialText: string }).socialText;
    const n = [...social].length;
    const { page, context } = await open(`#/a/${original.id}`);
    await page.getByText(`${n} of 280 characters`).waitFor();
    expect(await page.getByText('Too long for a 280-character post').count()).toBe(n > 280 ? 1 : 0);
    await context.close();
  }, 60_000);
});
