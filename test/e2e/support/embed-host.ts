import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from '@jest/globals';
import { HOSTILE_STRINGS } from '../../resilience/hostile-corpus';
import { INPUTS } from '../../standards/support/coalition';
import { TEST_TOKEN, type HeraldProcess } from '../../support/local-process';
import { waitForBody } from '../../support/wait-for-body';

/**
 * A partner site for the news-box tests: a second 127.0.0.1 server (another
 * origin) whose pages carry a strict CSP naming Herald's origin as the only
 * script source, plus the seed announcements posted to `npm start`.
 */
export type HostSite = { origin: string; pages: Map<string, { body: string; type?: string }>; server: Server; close(): Promise<void> };

/** The host page's CSP: scripts only from Herald, no inline anything. */
export const hostCsp = (herald: string) =>
  [`default-src 'none'`, `script-src ${herald}`, `connect-src 'self' ${herald} http://127.0.0.1:*`, `img-src ${herald} https://www.example.org`, `style-src 'self'`, `frame-src ${herald}`].join('; ');

/** Starts the partner site; pages are added to `pages` by path. */
export async function startHost(herald: string): Promise<HostSite> {
  const pages = new Map<string, { body: string; type?: string }>();
  const server = createServer((req, res) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': page.type ?? 'text/html; charset=utf-8', 'content-security-policy': hostCsp(herald), 'cache-control': 'no-store' }).end(page.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, pages, server, close: () => new Promise((r) => server.close(() => r())) };
}

/** A host page with the README's two lines (plus any extra boxes). */
export function hostPage(herald: string, boxes: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner site</title>
<script type="module" src="${herald}/embed/herald-news.js"></script></head>
<body><main><h1>Partner site</h1>${boxes}</main></body></html>`;
}

/** A JSON Feed with a hostile string in every field, javascript: and data: links included. */
export function hostileFeed(): string {
  const s = (i: number) => HOSTILE_STRINGS[i % HOSTILE_STRINGS.length]!;
  const items = HOSTILE_STRINGS.slice(0, 12).map((text, i) => ({
    id: `hostile-${i}`,
    url: i % 3 === 0 ? 'javascript:alert(1)' : i % 3 === 1 ? 'data:text/html,<script>alert(1)</script>' : `https://www.example.org/${i}`,
    title: text,
    summary: s(i + 1),
    date_published: s(i + 2),
    language: i === 5 ? '"><script>alert(1)</script>' : 'en',
    _herald: { images: [{ url: i % 2 ? 'javascript:alert(1)' : 'https://www.example.org/img/x.png', alt: s(i + 3), credit: s(i + 4) }], event: { start: s(i), end: s(i + 1), all_day: false, time_zone: s(i + 5) } },
  }));
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: '<script>alert("title")</script>', home_page_url: 'javascript:alert(1)', language: 'en', items });
}

const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

/** Posts an announcement as an editor would. */
export async function post(herald: HeraldProcess, body: unknown): Promise<{ id: string; slug: string }> {
  const res = await fetch(`${herald.base}/api/announcements`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; slug: string };
}

const MEETING = { start: '2017-09-04T10:00', end: '2017-09-06T18:00', timeZone: 'Europe/Zurich', venue: 'Palais des Nations', city: 'Geneva', country: 'Switzerland' };
const BANGKOK = { start: '2017-03-16', end: '2017-03-17', allDay: true, timeZone: 'Asia/Bangkok', city: 'Bangkok', country: 'Thailand' };

/** The seed announcements (7MSP, Bangkok with its credited photo) in English and French, and one in Arabic; waits for their feeds. */
export async function seed(herald: HeraldProcess) {
  const { msp7, msp7fr, bangkok } = INPUTS as Record<string, Record<string, unknown>>;
  const published = { status: 'published' };
  await post(herald, { ...bangkok, event: BANGKOK, ...published });
  await post(herald, { ...msp7, canonicalUrl: undefined, event: MEETING, ...published });
  await post(herald, { ...bangkok, title: 'Séminaire régional à Bangkok : universaliser l’interdiction', summary: 'Compte rendu du séminaire de Bangkok.', body: 'Des délégués de douze pays.', language: 'fr', event: BANGKOK, tags: ['seminar'], ...published });
  await post(herald, { ...msp7fr, event: MEETING, ...published });
  await post(herald, { title: 'الاجتماع السابع للدول الأطراف في جنيف', summary: 'تجتمع الدول الأطراف في قصر الأمم.', language: 'ar', tags: ['7msp'], ...published });
  for (const [lang, count] of [['en', 2], ['fr', 2], ['ar', 1]] as const) {
    await waitForBody(`${herald.base}/feeds/${lang}/feed.json`, (b) => b.length > 0 && (JSON.parse(b) as { items: unknown[] }).items.length === count, 30_000);
  }
}
