import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import sharp from 'sharp';
import { securityHeaderFields } from '../../shared/http/security-headers';
import { describeGated, itGated } from '../standards/support/tool-gate';
import { toolPresent, TOOLS } from '../standards/support/tools';
import { axeViolations, cspViolations, editorOpener, focused, horizontalOverflow } from '../support/editor-browser';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { waitForBody } from '../support/wait-for-body';

/**
 * The editor (issue 11) in Debian's Chromium against `npm start`: every screen
 * loads under the admin CSP, axe-core finds no WCAG 2.2 AA violation, nothing
 * scrolls sideways at 360 px, and the editing paths work by keyboard: drafts,
 * schedule, field errors from the API's schema, conflicts, reload, retract,
 * upload, review links. Screenshots under test-output/editor/.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-editor-'));
const shots = join(process.cwd(), 'test-output', 'editor');
const hasChromium = toolPresent('chromium');
const json = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

let herald: HeraldProcess;
let browser: Browser;
let published: { id: string; title: string; slug: string };
let draft: { id: string; title: string };


const create = async (body: object) => {
  const res = await fetch(`${herald.base}/api/announcements`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; title: string; slug: string; version: number };
};
const read = async (id: string) => (await (await fetch(`${herald.base}/api/announcements/${id}`, { headers: json })).json()) as Record<string, unknown>;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  herald = await startHerald(dataDir);
  published = await create({ title: 'Seventh Meeting of States Parties', summary: 'Geneva, 4-6 September.', body: 'The **meeting**.', language: 'en', tags: ['msp'], status: 'published' });
  draft = await create({ title: 'Statement on the Bangkok seminar', body: 'Draft text.', language: 'en', tags: ['treaty'], status: 'draft' });
  await waitForBody(`${herald.base}/news/${published.slug}-${published.id.slice(0, 8)}/`, (b) => b.includes('<style>'), 30_000);
  if (hasChromium) browser = await chromium.launch({ executablePath: TOOLS.chromium, args: ['--headless', '--no-sandbox'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await herald?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** A signed-in page at `hash`, with its CSP refusals collected. */
const open = (hash: string, options: { width?: number; timezoneId?: string } = {}) => editorOpener(browser, herald.base, TEST_TOKEN)(hash, options);

describe('serving /admin/ from npm start', () => {
  it('serves index.html no-store with the admin security headers, uploads allowed to the emulator only', async () => {
    const res = await fetch(`${herald.base}/admin/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const s3 = /S3 (http:\/\/127\.0\.0\.1:\d+)/.exec(herald.output())![1]!;
    for (const [name, value] of Object.entries(securityHeaderFields('admin', herald.base, s3))) expect([name, res.headers.get(name)]).toEqual([name, value]);
    expect(res.headers.get('content-security-policy')).toContain(`connect-src 'self' ${s3};`);
  });

  it('serves the hashed files it names as immutable, with their types', async () => {
    const html = await (await fetch(`${herald.base}/admin/`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/admin\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toHaveLength(2);
    for (const path of assets) {
      const res = await fetch(`${herald.base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toMatch(path.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
    }
  });

  it('redirects /admin to /admin/', async () => {
    const res = await fetch(`${herald.base}/admin`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/admin/');
  });
});

describeGated('chromium', hasChromium, 'the editor in Chromium', () => {
  itGated('chromium', hasChromium, 'every screen loads under the admin CSP, passes axe (WCAG 2.2 AA) and fits 360 px', async () => {
    const screens: [string, string, RegExp][] = [
      ['list', '#/', /Announcements/],
      ['new', '#/new', /New announcement/],
      ['edit', `#/a/${published.id}`, /Edit: Seventh Meeting/],
      ['edit-draft', `#/a/${draft.id}`, /Edit: Statement/],
      ['translate', `#/new?translate=${published.id}`, /Translate: Seventh Meeting/],
      ['people', '#/people', /People/],
      ['embed', '#/embed', /Embed on other websites/],
    ];
    for (const width of [1280, 360]) {
      for (const [name, hash, heading] of screens) {
        const { page, csp, context } = await open(hash, { width });
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        // A blank form has no preview yet (the API refuses it: no title), only the reason.
        if (name.startsWith('edit')) {
          const frame = page.frameLocator('iframe[title="Page preview"]');
          // The page rendered inside the sandboxed frame (its heading is the announcement's title).
          await expect(frame.locator('h1').first().textContent()).resolves.toMatch(/\S/);
          await page.locator('iframe[title="Page preview"]').scrollIntoViewIfNeeded();
        }
        if (name === 'new' || name === 'translate') await page.getByText(/The preview follows once the form is valid|Preview/).first().waitFor();
        await page.waitForTimeout(800);
        expect({ name, width, violations: await axeViolations(page) }).toEqual({ name, width, violations: [] });
        expect({ name, width, overflow: await horizontalOverflow(page) }).toEqual({ name, width, overflow: 0 });
        expect(csp).toEqual([]);
        await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
        await context.close();
      }
    }
  }, 240_000);

  itGated('chromium', hasChromium, 'signed out, the sign-in screen and an invitation landing load and pass axe', async () => {
    for (const [name, hash, heading] of [['sign-in', '', /Sign in/], ['invitation', '#invitation=not-a-real-token', /Accept your invitation/]] as const) {
      const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
      const page = await context.newPage();
      const csp = cspViolations(page);
      await page.goto(`${herald.base}/admin/${hash}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      if (name === 'invitation') await page.getByRole('alert').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(csp).toEqual([]);
      await page.screenshot({ path: join(shots, `${name}-360.png`), fullPage: true });
      await context.close();
    }
  }, 60_000);

  itGated('chromium', hasChromium, 'keyboard alone creates a draft and reaches every action', async () => {
    const { page, context } = await open('#/new');
    expect(await focused(page)).toMatch(/^h1:/);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:f-title');
    await page.keyboard.type('Report launch in Bangkok');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/a\/[0-9a-f-]{36}$/);
    const id = page.url().split('/a/')[1]!;
    expect(await read(id)).toMatchObject({ title: 'Report launch in Bangkok', status: 'draft' });
    await page.getByRole('heading', { level: 1, name: /Edit: Report launch/ }).waitFor();
    await page.getByText('Saved.').waitFor();
    const reached = new Set<string>();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      reached.add(await focused(page));
    }
    for (const action of ['Save draft', 'Schedule', 'Publish now', 'Retract', 'Translate', 'Create a review link', 'Add an author']) {
      expect([...reached].some((r) => r.endsWith(`:${action}`))).toBe(true);
    }
    await context.close();
  }, 60_000);

  itGated('chromium', hasChromium, 'field errors are the API schema\'s, named beside the field, and nothing is sent', async () => {
    const { page, context } = await open('#/new');
    let posts = 0;
    page.on('request', (r) => r.method() === 'POST' && r.url().endsWith('/api/announcements') && posts++);
    await page.fill('#f-title', 'A title');
    await page.fill('#f-language', 'EN!');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.locator('#f-language-error').textContent()).resolves.toContain('must be a BCP 47 language tag');
    expect(await page.getAttribute('#f-language', 'aria-invalid')).toBe('true');
    expect(await focused(page)).toBe('input:f-language');
    expect(posts).toBe(0);
    await context.close();
  }, 60_000);

  itGated('chromium', hasChromium, 'unsaved edits survive a reload', async () => {
    const { page, context } = await open(`#/a/${draft.id}`);
    await page.fill('#f-summary', 'Typed but not saved');
    await page.waitForTimeout(200);
    await page.reload();
    await page.getByText('Unsaved edits from this browser were restored.').waitFor();
    expect(await page.inputValue('#f-summary')).toBe('Typed but not saved');
    expect(await page.textContent('#f-summary-hint')).toBe('19 of 2000 characters');
    await page.getByRole('button', { name: 'Discard them' }).click();
    expect(await page.inputValue('#f-summary')).toBe('');
    await context.close();
  }, 60_000);

  itGated('chromium', hasChromium, 'a stale save shows both versions field by field and overwrites nothing', async () => {
    const target = await create({ title: 'Seminar in Bangkok', language: 'en', status: 'draft' });
    const a = await open(`#/a/${target.id}`);
    const b = await open(`#/a/${target.id}`);
    await a.page.fill('#f-title', 'Seminar in Bangkok, 12 March');
    await a.page.getByRole('button', { name: 'Save draft' }).click();
    await a.page.getByText('Saved.').waitFor();
    await b.page.fill('#f-summary', 'Mine');
    await b.page.getByRole('button', { name: 'Save draft' }).click();
    const panel = b.page.getByRole('alertdialog', { name: 'Someone else saved this announcement' });
    await panel.waitFor();
    await b.page.screenshot({ path: join(shots, 'conflict-1280.png'), fullPage: true });
    // The form now holds the server's version; the editor's change is listed beside it, not lost.
    expect(await b.page.inputValue('#f-title')).toBe('Seminar in Bangkok, 12 March');
    expect(await b.page.inputValue('#f-summary')).toBe('');
    expect(await read(target.id)).toMatchObject({ title: 'Seminar in Bangkok, 12 March', summary: '' });
    const titleRow = panel.getByRole('row', { name: /Title/ });
    await expect(titleRow.textContent()).resolves.toContain('Changed on the server only.');
    const summaryRow = panel.getByRole('row', { name: /Summary/ });
    await expect(summaryRow.textContent()).resolves.toContain('You changed this.');
    await summaryRow.getByRole('button', { name: /Reapply mine/ }).click();
    expect(await b.page.inputValue('#f-summary')).toBe('Mine');
    await panel.getByRole('button', { name: 'Continue editing' }).click();
    await b.page.getByRole('button', { name: 'Save draft' }).click();
    await b.page.getByText('Saved.').waitFor();
    expect(await read(target.id)).toMatchObject({ title: 'Seminar in Bangkok, 12 March', summary: 'Mine', version: 3 });
    await a.context.close();
    await b.context.close();
  }, 60_000);

  itGated('chromium', hasChromium, 'schedule reads the time in the editor\'s zone and sends it with an offset', async () => {
    const target = await create({ title: 'Treaty anniversary', language: 'en', status: 'draft' });
    const { page, context } = await open(`#/a/${target.id}`, { timezoneId: 'Asia/Bangkok' });
    expect(await page.textContent('label[for="f-publishAt"]')).toContain('Asia/Bangkok');
    await page.fill('#f-publishAt', '2030-01-02T09:00');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByText('Saved.').waitFor();
    expect(await read(target.id)).toMatchObject({ status: 'scheduled', publishAt: '2030-01-02T02:00:00.000Z' });
    expect(await page.inputValue('#f-publishAt')).toBe('2030-01-02T09:00');
    await context.close();
  }, 60_000);

  itGated('chromium', hasChromium, 'retract asks first, naming what will disappear, and Escape keeps it', async () => {
    const target = await create({ title: 'Old statement', language: 'en', tags: ['msp', 'treaty'], status: 'published' });
    const { page, context } = await open(`#/a/${target.id}`);
    // Focus lands on the loaded screen's heading, not on the page body.
    expect(await focused(page)).toBe('h1:edit-title');
    await page.getByRole('button', { name: 'Retract' }).click();
    const dialog = page.getByRole('dialog', { name: 'Retract this announcement?' });
    const named = await dialog.textContent();
    expect(named).toContain('“Old statement” will disappear from');
    expect(named).toContain('the en feeds');
    expect(named).toContain('the tag feeds: msp, treaty');
    expect(named).toContain(`its page /news/${target.slug}-${target.id.slice(0, 8)}/`);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await read(target.id)).toMatchObject({ status: 'published' });
    await page.getByRole('button', { name: 'Retract' }).click();
    await dialog.getByRole('button', { name: 'Retract it' }).click();
    await page.locator('.badge.retracted').waitFor();
    expect(await read(target.id)).toMatchObject({ status: 'retracted' });
    await context.close();
  }, 60_000);

  itGated('chromium', hasChromium, 'an upload goes straight to the bucket with progress, and publishing waits for alt text', async () => {
    const target = await create({ title: 'Field photo', language: 'en', status: 'draft' });
    const { page, csp, context } = await open(`#/a/${target.id}`);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).png().toBuffer();
    await page.setInputFiles('input[type=file]', { name: 'field.png', mimeType: 'image/png', buffer: png });
    await page.locator('#f-images-0-alt').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect(page.locator('#f-images-0-alt-error').textContent()).resolves.toContain('required');
    expect(await read(target.id)).toMatchObject({ status: 'draft', images: [] });
    await page.fill('#f-images-0-alt', 'Blue field');
    await page.fill('#f-images-0-credit', 'Photo: Ana');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = await read(target.id);
    expect(saved).toMatchObject({ status: 'published', images: [{ alt: 'Blue field', credit: 'Photo: Ana', width: 64, height: 48, type: 'image/png' }] });
    expect(csp).toEqual([]);
    await context.close();
  }, 90_000);

  itGated('chromium', hasChromium, 'review links are created, shown once with copy, and revoked', async () => {
    const { page, context } = await open(`#/a/${draft.id}`);
    await page.getByRole('button', { name: 'Create a review link' }).click();
    const url = await page.getByRole('textbox', { name: 'Review links' }).inputValue();
    expect(url).toMatch(/\/review\/[A-Za-z0-9_-]+$/);
    expect((await fetch(url)).status).toBe(200);
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No active review links.').waitFor();
    expect((await fetch(url)).status).toBe(404);
    await context.close();
  }, 60_000);
});
