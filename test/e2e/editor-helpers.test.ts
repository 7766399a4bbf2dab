import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { pageKeyOf } from '../../shared/render/page';
import { PREVIEW_ID } from '../../shared/wiring/review';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { postUpload } from '../support/media-fixtures';
import { waitForBody } from '../support/wait-for-body';

/**
 * The editor helpers against `npm start`: POST /api/preview renders the page
 * the publisher then writes, byte for byte but for the id and the time, which
 * a preview cannot know; GET /api/tags counts published announcements per tag.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-editor-helpers-'));
let herald: HeraldProcess;
const ADMIN = `Bearer ${TEST_TOKEN}`;
let EDITOR = '';

type Answer = { status: number; json: Record<string, any> };
async function api(method: string, path: string, body?: unknown, authorization = EDITOR): Promise<Answer> {
  const res = await fetch(`${herald.base}${path}`, {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, any>) : {} };
}
const pageOf = (a: { slug: string; id: string }) => waitForBody(`${herald.base}/${pageKeyOf(a)}`, (b) => b.includes('</html>'));
const count = async () => (await api('GET', '/api/announcements?limit=100')).json.items.length as number;

/**
 * The preview's html with what only a stored announcement has put in: its id
 * (the preview's is PREVIEW_ID) and its time (the preview's is the moment it
 * was rendered, read from its article:published_time). Nothing else changes.
 */
function asStored(html: string, a: { id: string; publishedAt: string }): string {
  const at = /<meta property="article:published_time" content="([^"]+)">/.exec(html)?.[1];
  expect(at).toMatch(/^\d{4}-\d\d-\d\dT/);
  return html.replaceAll(PREVIEW_ID, a.id).replaceAll(`-${PREVIEW_ID.slice(0, 8)}/`, `-${a.id.slice(0, 8)}/`).replaceAll(at!, a.publishedAt);
}

type TagCount = { tag: string; count: number };
/** GET /api/tags until its counts satisfy `predicate` (the publisher updates what it reads after the API answers). */
async function tagsWhen(predicate: (counts: Record<string, number>) => boolean): Promise<TagCount[]> {
  let items: TagCount[] = [];
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 150))) {
    const answer = await api('GET', '/api/tags');
    expect(answer.status).toBe(200);
    items = answer.json.items as TagCount[];
    if (predicate(Object.fromEntries(items.map((t) => [t.tag, t.count])))) return items;
  }
  throw new Error(`GET /api/tags never matched: ${JSON.stringify(items)}`);
}

let photo = '';
beforeAll(async () => {
  herald = await startHerald(dataDir);
  EDITOR = `Bearer ${(await api('POST', '/api/tokens', { subject: 'press@example.org', role: 'editor' }, ADMIN)).json.token as string}`;
  const jpeg = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: { r: 40, g: 90, b: 160 } } }).jpeg().toBuffer();
  const created = await api('POST', '/api/media', { filename: 'bangkok.jpg', type: 'image/jpeg', length: jpeg.length });
  expect((await postUpload(created.json.upload, jpeg, 'bangkok.jpg', herald.base)).status).toBe(204);
  photo = (await api('POST', `/api/media/${created.json.id}/complete`)).json.variants.web.url as string;
}, 120_000);
afterAll(async () => {
  await herald?.stop();
}, 60_000);

const seminar = () => ({
  title: 'Bangkok regional seminar on victim assistance',
  summary: 'Thirty delegates from eleven countries met in Bangkok, 16-17 March, to plan assistance for survivors.',
  body: 'The seminar was opened by an **ambassador**. See [the programme](programme.pdf) and <a href="https://example.org/r">the report</a>.',
  language: 'en',
  tags: ['seminar', 'victim-assistance'],
  authors: [{ name: 'Press office', url: 'https://example.org/press' }],
  // Wrong numbers on purpose: the stored facts of the upload replace them.
  images: [{ url: photo, alt: 'Delegates in the meeting room', caption: 'Opening session', credit: '(c) CMC', width: 1, height: 1 }],
  attachments: [{ url: 'https://example.org/report.pdf', title: 'Seminar report', type: 'application/pdf', length: 204800 }],
  event: { start: '2026-03-16', end: '2026-03-17', allDay: true, timeZone: 'Asia/Bangkok', venue: 'UN Conference Centre', city: 'Bangkok', country: 'Thailand' },
  status: 'published',
});

describe('POST /api/preview under npm start', () => {
  it('renders the page the publisher then writes for the same body, with its social text and link card', async () => {
    const before = await count();
    const preview = await api('POST', '/api/preview', seminar());
    expect(preview.status).toBe(200);
    expect(await count()).toBe(before);

    const created = await api('POST', '/api/announcements', seminar());
    expect(created.status).toBe(201);
    const page = await pageOf(created.json as { slug: string; id: string });

    expect(asStored(preview.json.html, created.json as { id: string; publishedAt: string })).toBe(page);
    // The image carries the upload's stored facts, not the numbers sent.
    expect(preview.json.html).toMatch(/<img src="[^"]+\/web\.jpg" alt="Delegates in the meeting room" width="1600" height="1067"/);
    const feed = await waitForBody(`${herald.base}/feeds/feed.json`, (b) => b.includes(created.json.id));
    const item = (JSON.parse(feed) as { items: { id: string; _herald: { social_text: string } }[] }).items.find((i) => i.id.endsWith(created.json.id));
    expect(preview.json.socialText).toBe(item?._herald.social_text);
    expect(preview.json.card).toEqual({
      title: seminar().title,
      description: item?._herald.social_text,
      url: `${herald.base}/news/${created.json.slug}-${PREVIEW_ID.slice(0, 8)}/`,
      image: { url: photo.replace('/web.jpg', '/og.jpg'), width: 1200, height: 630, alt: 'Delegates in the meeting room' },
    });
    expect(page).toContain(`<meta property="og:image" content="${photo.replace('/web.jpg', '/og.jpg')}">`);
    // Nothing was written for the preview's own page.
    expect((await fetch(`${herald.base}/news/${created.json.slug}-${PREVIEW_ID.slice(0, 8)}/`)).status).toBe(404);
  });

  it('previews a stored announcement under its own id: the page URL and link card are its permalink; a bad id is a 400 naming it', async () => {
    const stored = (await api('POST', '/api/announcements', { ...seminar(), title: 'Report launch in Geneva', images: [], status: 'draft' })).json as { id: string; slug: string };
    const own = await api('POST', `/api/preview?id=${stored.id}`, { ...seminar(), title: 'Report launch in Geneva', images: [], slug: stored.slug });
    expect(own.status).toBe(200);
    const permalink = `${herald.base}/news/${stored.slug}-${stored.id.slice(0, 8)}/`;
    expect(own.json.card.url).toBe(permalink);
    expect(own.json.html).toContain(`<link rel="canonical" href="${permalink}">`);
    const bad = await api('POST', '/api/preview?id=not-an-id', { ...seminar(), images: [] });
    expect(bad.status).toBe(400);
    expect((bad.json.details as { path: string }[]).map((d) => d.path)).toEqual(['id']);
  });

  it('lists the translations a translation will link once published ("Other languages")', async () => {
    const root = (await api('POST', '/api/announcements', { ...seminar(), title: 'Kampala seminar report', images: [] })).json;
    await pageOf(root as { slug: string; id: string });
    const french = { ...seminar(), title: 'Rapport du séminaire de Kampala', language: 'fr', images: [], translationOf: root.id };

    const preview = await api('POST', '/api/preview', french);
    const created = (await api('POST', '/api/announcements', french)).json;
    const page = await pageOf(created as { slug: string; id: string });

    expect(preview.json.html).toContain(`<h2>Other languages</h2><ul>\n<li><a href="${herald.base}/news/${root.slug}-${root.id.slice(0, 8)}/" hreflang="en" lang="en" dir="ltr">Kampala seminar report</a></li>`);
    expect(asStored(preview.json.html, created as { id: string; publishedAt: string })).toBe(page);
  });

  it('answers a bad body exactly as POST /api/announcements does, and stores nothing', async () => {
    const before = await count();
    const bad: unknown[] = [
      { title: '', language: 'en' },
      { ...seminar(), colour: 'red' },
      { ...seminar(), language: 'not a tag', tags: ['Bad Tag'] },
      { ...seminar(), images: [{ url: `${herald.base}/media/01234567-89ab-4def-8123-456789abcdef/web.jpg`, alt: 'x' }] },
      { ...seminar(), status: 'scheduled' },
      { ...seminar(), event: { ...seminar().event, timeZone: 'CEST' } },
      [],
    ];
    for (const body of bad) {
      const [preview, create] = [await api('POST', '/api/preview', body), await api('POST', '/api/announcements', body)];
      expect(preview.status).toBe(400);
      expect(preview.json.details.length).toBeGreaterThan(0);
      expect(preview.json).toEqual(create.json);
    }
    const notJson = await fetch(`${herald.base}/api/preview`, { method: 'POST', headers: { authorization: EDITOR, 'content-type': 'text/plain' }, body: 'title' });
    expect(notJson.status).toBe(415);
    expect(await count()).toBe(before);
  });
});

describe('who may use the editor helpers', () => {
  it.each([
    ['POST', '/api/preview'],
    ['GET', '/api/tags'],
  ])('%s %s: 401 without a token or with a bad or revoked one; editors and admins alike may', async (method, path) => {
    const body = method === 'POST' ? seminar() : undefined;
    const issued = (await api('POST', '/api/tokens', { subject: 'leaver@example.org', role: 'editor' }, ADMIN)).json;
    expect((await api(method, path, body, `Bearer ${issued.token as string}`)).status).toBe(200);
    expect((await api('DELETE', `/api/tokens/${issued.id as string}`, undefined, ADMIN)).status).toBe(200);

    expect((await api(method, path, body, '')).status).toBe(401);
    expect((await api(method, path, body, 'Bearer not-a-token-0123456789abcdef')).status).toBe(401);
    expect((await api(method, path, body, `Bearer ${issued.token as string}`)).status).toBe(401);
    expect((await api(method, path, body, EDITOR)).status).toBe(200);
    expect((await api(method, path, body, ADMIN)).status).toBe(200);
  });
});

describe('GET /api/tags under npm start', () => {
  it('counts the published announcements per tag, most used first, and forgets retracted ones', async () => {
    const post = async (tags: string[], status = 'published') => (await api('POST', '/api/announcements', { title: `On ${tags.join(', ')}`, language: 'en', tags, status })).json;
    await post(['msp', 'geneva']);
    const second = await post(['msp']);
    await post(['embargoed'], 'draft');
    // The publisher registers a new feed after writing it: wait for the registry, not the file.
    const tags = await tagsWhen((t) => t.msp === 2 && t.geneva === 1);
    expect(tags.find((t) => t.tag === 'embargoed')).toBeUndefined();
    expect(tags.map((t) => t.count)).toEqual([...tags.map((t) => t.count)].sort((a, b) => b - a));
    const msp = tags.findIndex((t) => t.tag === 'msp');
    expect(tags.slice(msp + 1).every((t) => t.count < 2 || (t.count === 2 && t.tag > 'msp'))).toBe(true);

    const retracted = await fetch(`${herald.base}/api/announcements/${second.id}`, { method: 'DELETE', headers: { authorization: EDITOR, 'if-match': '*' } });
    expect(retracted.status).toBe(200);
    const after = await tagsWhen((t) => t.msp === 1);
    expect(after.find((t) => t.tag === 'geneva')?.count).toBe(1);
  });
});

describe('the review page of a translated draft under npm start', () => {
  const nav = (html: string) => /<nav aria-label="Translations">[\s\S]*?<\/nav>/.exec(html)?.[0];

  it('lists the same Other languages as the page the draft gets once published', async () => {
    const root = (await api('POST', '/api/announcements', { title: 'Rakitje seminar', language: 'en', tags: ['seminar'], status: 'published' })).json;
    await pageOf(root as { slug: string; id: string });
    const draft = { title: 'Séminaire de Rakitje', language: 'fr', tags: ['seminar'], translationOf: root.id, status: 'draft' };
    const fr = (await api('POST', '/api/announcements', draft)).json;
    const link = (await api('POST', `/api/announcements/${fr.id as string}/review-links`)).json;

    const review = await (await fetch(link.url as string)).text();
    const put = await fetch(`${herald.base}/api/announcements/${fr.id as string}`, {
      method: 'PUT',
      headers: { authorization: EDITOR, 'content-type': 'application/json', 'if-match': '"v1"' },
      body: JSON.stringify({ ...draft, status: 'published' }),
    });
    expect(put.status).toBe(200);
    const page = await pageOf(fr as { slug: string; id: string });

    expect(nav(review)).toContain(`<a href="${herald.base}/news/${root.slug}-${root.id.slice(0, 8)}/" hreflang="en" lang="en" dir="ltr">Rakitje seminar</a>`);
    expect(nav(review)).toBe(nav(page));
    expect(review).toContain(`<link rel="alternate" hreflang="en" href="${herald.base}/news/${root.slug}-${root.id.slice(0, 8)}/">`);
  });
});
