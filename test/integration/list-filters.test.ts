import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { adminAppOn } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';

let emu: Emulators;
let api: ReturnType<typeof adminAppOn>;
let minute = 0;
/** Each request happens one minute after the previous one, from 2026-05-01T00:00Z. */
const clock = () => new Date(Date.UTC(2026, 4, 1, 0, minute++));

type Row = { id: string; title: string; createdAt: string };

async function post(title: string, language: string, tags: string[], status: string, extra: Record<string, unknown> = {}) {
  const res = await api.call('POST', '/api/announcements', { body: { title, language, tags, status, ...extra } });
  expect(res.status).toBe(201);
  return res.body as Row;
}

/** Every page of a listing, following cursors. */
async function all(query: Record<string, string>): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | undefined;
  do {
    const res = await api.call('GET', '/api/announcements', { query: { ...query, ...(cursor ? { cursor } : {}) } });
    expect(res.status).toBe(200);
    rows.push(...(res.body.items as Row[]));
    cursor = res.body.cursor as string | undefined;
  } while (cursor);
  return rows;
}
const titles = (rows: Row[]) => rows.map((r) => r.title);

beforeAll(async () => {
  emu = await startEmulators();
  api = adminAppOn(emu, { clock });
  await post('en draft msp', 'en', ['msp'], 'draft'); // 00:00
  await post('fr published msp', 'fr', ['msp', 'seminar'], 'published'); // 00:01
  await post('en published seminar', 'en', ['seminar'], 'published'); // 00:02
  await post('en scheduled msp', 'en', ['msp'], 'scheduled', { publishAt: '2030-01-01T09:00:00+01:00' }); // 00:03
  await post('es published', 'es', [], 'published'); // 00:04
  // Noise the filters must see past: 150 drafts in another language and tag.
  for (let i = 0; i < 150; i++) await post(`noise ${i}`, 'de', ['noise'], 'draft'); // 00:05 ...
});
afterAll(() => emu.stop());

describe('GET /api/announcements with filters, on DynamoDB Local', () => {
  it('filters by status, tag and language, newest first', async () => {
    expect(titles(await all({ status: 'published' }))).toEqual(['es published', 'en published seminar', 'fr published msp']);
    expect(titles(await all({ tag: 'msp' }))).toEqual(['en scheduled msp', 'fr published msp', 'en draft msp']);
    expect(titles(await all({ language: 'en' }))).toEqual(['en scheduled msp', 'en published seminar', 'en draft msp']);
    expect(titles(await all({ status: 'scheduled' }))).toEqual(['en scheduled msp']);
    expect(titles(await all({ language: 'en', tag: 'msp', status: 'draft' }))).toEqual(['en draft msp']);
    expect(await all({ tag: 'nothing-has-this' })).toEqual([]);
  });

  it('filters by an inclusive creation-time range given with offsets', async () => {
    // 00:01Z to 00:03Z, written in Geneva summer time.
    const rows = await all({ from: '2026-05-01T02:01:00+02:00', to: '2026-05-01T02:03:00+02:00' });
    expect(titles(rows)).toEqual(['en scheduled msp', 'en published seminar', 'fr published msp']);
    expect(titles(await all({ to: '2026-05-01T00:00:00Z' }))).toEqual(['en draft msp']);
    expect((await all({ from: '2026-05-01T00:05:00Z' })).length).toBe(150);
  });

  it('fills a filtered page past non-matching items, and pages through every match once', async () => {
    const first = await api.call('GET', '/api/announcements', { query: { language: 'en', limit: '2' } });
    expect(titles(first.body.items as Row[])).toEqual(['en scheduled msp', 'en published seminar']);
    expect(first.body.cursor).toEqual(expect.any(String));
    const second = await api.call('GET', '/api/announcements', { query: { language: 'en', limit: '2', cursor: first.body.cursor as string } });
    expect(titles(second.body.items as Row[])).toEqual(['en draft msp']);
  });

  it('keeps pages stable while announcements are created between them', async () => {
    const first = await api.call('GET', '/api/announcements', { query: { limit: '50' } });
    for (let i = 0; i < 5; i++) await post(`inserted ${i}`, 'de', ['noise'], 'draft');
    const rest = await all({ limit: '50', cursor: first.body.cursor as string });
    const seen = [...(first.body.items as Row[]), ...rest].map((r) => r.id);
    expect(seen.length).toBe(155);
    expect(new Set(seen).size).toBe(155);
    expect(titles(rest)).not.toContain('inserted 0');
  });

  it.each([
    [{ status: 'archived' }, 'status'],
    [{ tag: 'Not A Tag' }, 'tag'],
    [{ language: 'english' }, 'language'],
    [{ from: '2026-05-01T00:00:00' }, 'from'],
    [{ to: 'yesterday' }, 'to'],
    [{ from: '2026-05-02T00:00:00Z', to: '2026-05-01T00:00:00Z' }, 'to'],
    [{ limit: '0' }, 'limit'],
    [{ colour: 'red' }, 'colour'],
    [{ cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    [{ q: '   ' }, 'q'],
    [{ q: 'x'.repeat(201) }, 'q'],
  ])('answers 400 naming the bad query field for %j', async (query, field) => {
    const res = await api.call('GET', '/api/announcements', { query: query as Record<string, string> });
    expect(res.status).toBe(400);
    expect((res.body.details as { path: string }[]).map((d) => d.path)).toEqual([field]);
  });

  it('searches titles for every word, ignoring case and accents, past non-matching items, with the other filters', async () => {
    await post('Réunion des États parties à Genève', 'fr', ['msp'], 'published');
    await post('Geneva seminar report', 'en', ['seminar'], 'draft');
    for (let i = 0; i < 120; i++) await post(`more noise ${i}`, 'de', ['noise'], 'draft');
    await post('GENÈVE: closing statement', 'en', ['msp'], 'published');
    expect(titles(await all({ q: 'geneve' }))).toEqual(['GENÈVE: closing statement', 'Réunion des États parties à Genève']);
    expect(titles(await all({ q: 'reunion  etats' }))).toEqual(['Réunion des États parties à Genève']);
    expect(titles(await all({ q: 'geneve', language: 'en' }))).toEqual(['GENÈVE: closing statement']);
    expect(titles(await all({ q: 'GENEVA seminar' }))).toEqual(['Geneva seminar report']);
    expect(await all({ q: 'nothing like this' })).toEqual([]);
    // One match per page: the cursor walks past the noise to the older match.
    const first = await api.call('GET', '/api/announcements', { query: { q: 'genève', limit: '1' } });
    expect(titles(first.body.items as Row[])).toEqual(['GENÈVE: closing statement']);
    const second = await api.call('GET', '/api/announcements', { query: { q: 'genève', limit: '1', cursor: first.body.cursor as string } });
    expect(titles(second.body.items as Row[])).toEqual(['Réunion des États parties à Genève']);
  });
});
