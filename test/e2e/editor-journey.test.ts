import { afterAll, beforeAll, expect } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { describeGated, itGated } from '../standards/support/tool-gate';
import { toolPresent, TOOLS } from '../standards/support/tools';
import { axeViolations } from '../support/editor-browser';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { exifTags, jpegWithGps, revealing } from '../support/media-fixtures';
import { waitForBody } from '../support/wait-for-body';

/**
 * Issue 11's newcomer, end to end in Chromium against `npm start`, signed in
 * by a passkey on a CDP virtual authenticator: invitation -> passkey -> a
 * field photo carrying GPS and the report PDF -> alt text and credit ->
 * publish -> rss.xml with media:credit, the real fileSize and width, and no
 * GPS in the served image; an edit conflict from two browser contexts;
 * schedule; a review link that works signed out and dies when revoked; sign-out.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-journey-'));
const work = mkdtempSync(join(tmpdir(), 'herald-journey-files-'));
const shots = join(process.cwd(), 'test-output', 'editor');
const hasChromium = toolPresent('chromium');
const needs = 'chromium';
const bearer = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

let herald: HeraldProcess;
let site: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

const api = async (path: string) => (await (await fetch(`${herald.base}${path}`, { headers: bearer })).json()) as Record<string, unknown>;

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(shots, { recursive: true });
  // WebAuthn refuses an IP address as relying-party id, so the site is localhost.
  herald = await startHerald(dataDir, (port) => ({ SITE_URL: `http://localhost:${port}` }));
  site = `http://localhost:${herald.port}`;
  browser = await chromium.launch({ executablePath: TOOLS.chromium, args: ['--headless', '--no-sandbox'] });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Bangkok' });
  page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await herald?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}, 60_000);

describeGated(needs, hasChromium, 'a newcomer publishes a credited photo story with the editor', () => {
  let id = '';

  itGated(needs, hasChromium, 'accepts an invitation by registering a passkey, which signs them in', async () => {
    const res = await fetch(`${herald.base}/api/invitations`, { method: 'POST', headers: bearer, body: JSON.stringify({ name: 'Ana Pereira', role: 'admin' }) });
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(new RegExp(`^${site}/admin/#invitation=`));
    await page.goto(url);
    await page.getByRole('button', { name: 'Register a passkey' }).click();
    await page.getByRole('heading', { level: 1, name: 'Announcements' }).waitFor();
    await page.getByText('Signed in as Ana Pereira (admin)').waitFor();
    expect(page.url()).not.toContain('invitation=');
  }, 60_000);

  itGated(needs, hasChromium, 'uploads a GPS-tagged photo and the report, credits the photo and publishes', async () => {
    const photo = await jpegWithGps(work, 1600, 1200);
    expect(revealing(exifTags(photo)).length).toBeGreaterThan(0);
    const pdf = join(work, 'bangkok-report.pdf');
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await page.getByRole('link', { name: 'New announcement' }).click();
    await page.fill('#f-title', 'Bangkok seminar on the treaty');
    await page.fill('#f-summary', 'Partners met in Bangkok to launch the report.');
    await page.fill('#f-body', 'The **report** was launched at the seminar.');
    await page.fill('#f-tags', 'seminar');
    await page.setInputFiles('input[type=file]', [photo, pdf]);
    await page.locator('#f-images-0-alt').waitFor({ timeout: 60_000 });
    await page.locator('#f-attachments-0-title').waitFor({ timeout: 60_000 });
    await page.fill('#f-images-0-alt', 'Participants at the Bangkok seminar');
    await page.fill('#f-images-0-credit', 'Photo: Ana Pereira');
    await page.fill('#f-attachments-0-title', 'The Bangkok report');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.waitForURL(/#\/a\/[0-9a-f-]{36}$/);
    id = page.url().split('/a/')[1]!;
    await page.getByRole('heading', { level: 1, name: /Edit: Bangkok seminar/ }).waitFor();
    await page.screenshot({ path: join(shots, 'journey-published-1280.png'), fullPage: true });
    expect(await api(`/api/announcements/${id}`)).toMatchObject({ status: 'published', updatedBy: 'Ana Pereira' });
    expect(await api(`/api/announcements/${id}/history`)).toMatchObject({ items: [{ by: 'Ana Pereira', action: 'create' }] });
  }, 120_000);

  itGated(needs, hasChromium, 'reaches rss.xml with media:credit, the real fileSize and width, and the served photo has no GPS', async () => {
    const rss = await waitForBody(`${herald.base}/feeds/rss.xml`, (b) => b.includes('Bangkok seminar on the treaty'), 30_000);
    expect(rss).toContain('Photo: Ana Pereira</media:credit>');
    const media = /<media:content url="([^"]+)"[^>]*medium="image"[^>]*>/.exec(rss)?.[0] ?? '';
    const url = /url="([^"]+)"/.exec(media)![1]!;
    const fileSize = Number(/fileSize="(\d+)"/.exec(media)![1]);
    const width = Number(/width="(\d+)"/.exec(media)![1]);
    const served = Buffer.from(await (await fetch(url.replace(site, herald.base))).arrayBuffer());
    expect(fileSize).toBe(served.length);
    expect(width).toBe((await sharp(served).metadata()).width);
    const file = join(work, 'served.jpg');
    writeFileSync(file, served);
    expect(revealing(exifTags(file))).toEqual([]);
    expect(rss).toMatch(/medium="document"/);
  }, 60_000);

  itGated(needs, hasChromium, 'shows an edit conflict between two browser contexts, field by field', async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await other.addCookies(await context.cookies());
    const second = await other.newPage();
    await second.goto(`${site}/admin/#/a/${id}`);
    await page.goto(`${site}/admin/#/a/${id}`);
    await page.locator('#f-title').waitFor();
    await second.locator('#f-title').waitFor();
    await page.fill('#f-title', 'Bangkok seminar on the treaty: report launched');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await page.getByText('Saved.').waitFor();
    await second.fill('#f-summary', 'Edited in a second window.');
    await second.getByRole('button', { name: 'Publish now' }).click();
    const panel = second.getByRole('alertdialog', { name: 'Someone else saved this announcement' });
    await panel.waitFor();
    expect(await axeViolations(second)).toEqual([]);
    await second.screenshot({ path: join(shots, 'journey-conflict-1280.png'), fullPage: true });
    expect(await api(`/api/announcements/${id}`)).toMatchObject({ title: 'Bangkok seminar on the treaty: report launched', summary: 'Partners met in Bangkok to launch the report.' });
    await panel.getByRole('button', { name: 'Reapply all my changes' }).click();
    await panel.getByRole('button', { name: 'Continue editing' }).click();
    await second.getByRole('button', { name: 'Publish now' }).click();
    await second.getByText('Saved.').waitFor();
    expect(await api(`/api/announcements/${id}`)).toMatchObject({ title: 'Bangkok seminar on the treaty: report launched', summary: 'Edited in a second window.' });
    await other.close();
  }, 60_000);

  itGated(needs, hasChromium, 'schedules in the editor\'s zone; its review link works signed out and dies when revoked', async () => {
    await page.getByRole('link', { name: 'New announcement' }).click();
    await page.fill('#f-title', 'Treaty anniversary statement');
    await page.fill('#f-publishAt', '2031-07-07T09:00');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.waitForURL(/#\/a\/[0-9a-f-]{36}$/);
    const scheduled = page.url().split('/a/')[1]!;
    expect(await api(`/api/announcements/${scheduled}`)).toMatchObject({ status: 'scheduled', publishAt: '2031-07-07T02:00:00.000Z' });
    await page.getByRole('button', { name: 'Create a review link' }).click();
    const link = await page.getByRole('textbox', { name: 'Review links' }).inputValue();
    const anonymous = await browser.newContext();
    const reader = await anonymous.newPage();
    await reader.goto(link);
    expect(await reader.textContent('h1')).toContain('Treaty anniversary statement');
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No active review links.').waitFor();
    expect((await reader.goto(link))?.status()).toBe(404);
    await anonymous.close();
  }, 60_000);

  itGated(needs, hasChromium, 'People: invites an editor (the link shown once), revokes the invitation, lists own passkey and session', async () => {
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByLabel('Name').fill('Somchai K.');
    await page.getByRole('button', { name: 'Create invitation' }).click();
    const link = await page.getByRole('textbox', { name: /Invitation link/ }).inputValue();
    expect(link).toMatch(new RegExp(`^${site}/admin/#invitation=`));
    const invited = page.getByRole('listitem').filter({ hasText: 'Somchai K. (editor)' });
    await expect(invited.textContent()).resolves.toContain('open');
    await invited.getByRole('button', { name: /Revoke/ }).click();
    await page.getByRole('listitem').filter({ hasText: 'Somchai K. (editor)' }).filter({ hasText: 'revoked' }).waitFor();
    const me = page.getByRole('article', { name: 'Ana Pereira (admin)' });
    expect(await me.getByRole('button', { name: /Revoke Passkeys/ }).count()).toBe(1);
    expect(await me.getByRole('button', { name: /Revoke Sessions/ }).count()).toBeGreaterThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'journey-people-1280.png'), fullPage: true });
    const options = await fetch(`${herald.base}/api/auth/register/options`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ invitation: link.split('#invitation=')[1] }) });
    expect(options.status).toBe(410);
  }, 60_000);

  itGated(needs, hasChromium, 'a session revoked mid-edit leads to sign-in, and the unsaved edits come back after it', async () => {
    await page.goto(`${site}/admin/#/a/${id}`);
    await page.locator('#f-summary').waitFor();
    await page.fill('#f-summary', 'Typed before the session ended.');
    const users = (await api('/api/users')) as { items: { id: string; name: string; sessions: { id: string }[] }[] };
    const ana = users.items.find((u) => u.name === 'Ana Pereira')!;
    for (const s of ana.sessions) {
      expect((await fetch(`${herald.base}/api/users/${ana.id}/sessions/${s.id}`, { method: 'DELETE', headers: bearer })).status).toBe(204);
    }
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByText('Unsaved edits from this browser were restored.').waitFor();
    expect(await page.inputValue('#f-summary')).toBe('Typed before the session ended.');
    expect(await api(`/api/announcements/${id}`)).toMatchObject({ summary: 'Edited in a second window.' });
  }, 60_000);

  itGated(needs, hasChromium, 'signs out, which ends the session, and signs back in with the passkey', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect((await page.request.get(`${site}/api/auth/me`)).status()).toBe(401);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByText('Signed in as Ana Pereira (admin)').waitFor();
    expect((await page.request.get(`${site}/api/auth/me`)).status()).toBe(200);
  }, 60_000);
});
