import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARCHIVE_PAGE_MAX } from '../../shared/domain/archive-pages';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { waitForBody } from '../support/wait-for-body';

/**
 * A busy month under `npm start`: 250 announcements posted through the API in
 * the current month (more than one archive page holds). The month's archive
 * URL keeps its oldest page, the rest are further pages, and walking
 * prev-archive from the feed over HTTP finds every item exactly once.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-archive-pages-'));
let herald: HeraldProcess;
const COUNT = 250;
const ids: string[] = [];
let month = '';

async function post(i: number): Promise<void> {
  const res = await fetch(`${herald.base}/api/announcements`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: `Busy month item ${i}`, body: `Item ${i}.`, language: 'en', tags: ['busy'], status: 'published' }),
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { id: string; publishedAt: string };
  ids.push(`urn:uuid:${created.id}`);
  month ||= created.publishedAt.slice(0, 7);
}

const idsIn = (atom: string) => [...atom.matchAll(/<id>(urn:uuid:[^<]+)<\/id>/g)].map((m) => m[1]!);
const link = (atom: string, rel: string) => new RegExp(`<link rel="${rel}" type="application/atom\\+xml" href="([^"]+)"`).exec(atom)?.[1];

beforeAll(async () => {
  herald = await startHerald(dataDir);
  for (let i = 0; i < COUNT; i += 5) await Promise.all([0, 1, 2, 3, 4].map((n) => post(i + n)));
}, 300_000);
afterAll(async () => {
  await herald?.stop();
});

describe('a busy month posted through the API', () => {
  it('pages its archive and keeps every item on the chain from the feed exactly once', async () => {
    const last = ids.at(-1)!;
    for (const feed of ['/feeds/atom.xml', '/feeds/tags/busy/atom.xml']) {
      await waitForBody(`${herald.base}${feed}`, (b) => b.includes(last), 120_000);
      // The stream may still be publishing: walk until the chain has settled on every item.
      const deadline = Date.now() + 120_000;
      let found: string[] = [];
      let pages: string[] = [];
      do {
        found = [];
        pages = [];
        for (let url = link(await fetch(`${herald.base}${feed}`).then((r) => r.text()), 'prev-archive'); url; ) {
          const res = await fetch(url);
          expect(res.status).toBe(200);
          const atom = await res.text();
          pages.push(new URL(url).pathname);
          found.push(...idsIn(atom));
          expect(idsIn(atom).length).toBeLessThanOrEqual(ARCHIVE_PAGE_MAX);
          url = link(atom, 'prev-archive');
        }
      } while (found.length !== COUNT && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 500)), true));
      expect(found.sort()).toEqual([...ids].sort());
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages.at(-1)).toBe(`${feed.replace('atom.xml', '')}archive/${month}/atom.xml`);
      for (const page of pages.slice(0, -1)) expect(page).toMatch(new RegExp(`/archive/${month}/\\d{8}T\\d{9}Z-[0-9a-f-]{36}/atom\\.xml$`));
    }
  }, 300_000);
});
