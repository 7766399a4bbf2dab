import { ApiError, type Client } from '../../../cli/client';
import { makeRehoster } from '../../../cli/import/rehost';
import { redirectFrom, saveRedirects } from '../../../cli/import/redirects';

/** A client stand-in answering POST /api/media/fetch (and PUT /api/redirects) as the contract says. */
function fakeApi(answer: (path: string, body: Record<string, unknown>) => Record<string, unknown> | ApiError) {
  const calls: { method: string; path: string; body: Record<string, unknown> }[] = [];
  const api = (async (method: string, path: string, init: { body?: unknown } = {}) => {
    const body = (init.body ?? {}) as Record<string, unknown>;
    calls.push({ method, path, body });
    const out = answer(path, body);
    if (out instanceof ApiError) throw out;
    return { status: 201, headers: new Headers(), body: out };
  }) as Client;
  return { api, calls };
}

const item = {
  images: [{ url: 'https://old.example.org/img/a.jpg', alt: 'A' }, { url: 'https://old.example.org/img/gone.jpg', alt: 'B' }],
  attachments: [{ url: 'https://old.example.org/img/a.jpg', title: 'same file twice', type: 'image/jpeg' }],
};

describe('re-hosting media through POST /api/media/fetch', () => {
  it('replaces what downloads, keeps the original URL of what fails with the reason, fetches a URL once', async () => {
    const { api, calls } = fakeApi((_p, b) => (String(b.url).includes('gone') ? new ApiError(422, 'unreachable', 'https://old.example.org/img/gone.jpg answered 404') : { url: 'http://localhost:3000/media/1/a.jpg' }));
    const r = makeRehoster(api, 10);
    const out = await r.item(item, undefined);
    expect((out.images as { url: string }[]).map((i) => i.url)).toEqual(['http://localhost:3000/media/1/a.jpg', 'https://old.example.org/img/gone.jpg']);
    expect((out.attachments as { url: string }[])[0]!.url).toBe('http://localhost:3000/media/1/a.jpg');
    expect(calls.map((c) => c.body.url)).toEqual(['https://old.example.org/img/a.jpg', 'https://old.example.org/img/gone.jpg']);
    expect(r.tally).toEqual({ rehosted: 1, kept: [{ url: 'https://old.example.org/img/gone.jpg', reason: '422 https://old.example.org/img/gone.jpg answered 404' }] });
  });

  it('reuses the stored announcement\'s re-hosted file at the same place, so a re-import downloads nothing', async () => {
    const { api, calls } = fakeApi(() => ({ url: 'never' }));
    const stored = { images: [{ url: 'http://localhost:3000/media/1/a.jpg' }, { url: 'http://localhost:3000/media/2/b.jpg' }], attachments: [{ url: 'http://localhost:3000/media/1/a.jpg' }] };
    const out = await makeRehoster(api, 10).item(item, stored);
    expect(out).toEqual({ ...item, images: [{ ...item.images[0], url: stored.images[0]!.url }, { ...item.images[1], url: stored.images[1]!.url }], attachments: [{ ...item.attachments[0], url: stored.attachments[0]!.url }] });
    expect(calls).toEqual([]);
  });

  it('stops downloading past --max-media and says so', async () => {
    const { api, calls } = fakeApi(() => ({ url: 'http://localhost:3000/media/1/a.jpg' }));
    const r = makeRehoster(api, 1);
    await r.item(item, undefined);
    expect(calls).toHaveLength(1);
    expect(r.tally.kept).toEqual([{ url: 'https://old.example.org/img/gone.jpg', reason: 'more than --max-media 1 files' }]);
  });
});

describe('redirects from old URLs', () => {
  it('take the path and query of the old link; the bare site root is none', () => {
    expect(redirectFrom('https://old.example.org/?p=95&lang=es')).toBe('/?p=95&lang=es');
    expect(redirectFrom('https://old.example.org/news/kampala/#top')).toBe('/news/kampala/');
    expect(redirectFrom('https://old.example.org/')).toBeUndefined();
    expect(redirectFrom(`https://old.example.org/${'x'.repeat(600)}`)).toBeUndefined();
  });

  it('are saved 100 a request, each old path once; a server without the route is reported, not fatal', async () => {
    const { api, calls } = fakeApi((_p, b) => ({ saved: (b.redirects as unknown[]).length }));
    const pairs = Array.from({ length: 150 }, (_, i) => ({ link: `https://old.example.org/?p=${i}`, to: `/news/x-${i}/` }));
    expect(await saveRedirects(api, [...pairs, pairs[0]!])).toEqual({ saved: 150 });
    expect(calls.map((c) => (c.body.redirects as unknown[]).length)).toEqual([100, 50]);
    const missing = fakeApi(() => new ApiError(404, 'not_found', 'no route'));
    expect(await saveRedirects(missing.api, pairs.slice(0, 1))).toEqual({ saved: 0, error: '404 no route' });
  });
});
