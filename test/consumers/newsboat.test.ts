import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INPUTS } from '../standards/support/coalition';
import { describeWith, TOOLS } from '../standards/support/tools';
import { startCountingProxy, type Exchange } from '../support/counting-proxy';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';

/**
 * newsboat (Debian), a real feed reader, subscribes through Herald's OPML
 * list to the feeds the local runtime serves, stores every item in its
 * sqlite cache, and on a second reload is answered 304 for every feed.
 */
const dir = mkdtempSync(join(tmpdir(), 'herald-newsboat-'));
let herald: HeraldProcess | undefined;
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
const posted: Record<string, { id: string; title: string }> = {};
const POSTS = ['msp7', 'msp7fr', 'bangkok', 'rakitje', 'kampala'] as const;

/**
 * Runs newsboat on the urls and cache files of `home`, asynchronously: the
 * proxy it fetches through lives in this process. Stdin is closed (newsboat
 * waits on a terminal otherwise).
 */
function newsboat(home: string, ...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(TOOLS.newsboat, ['-u', join(home, 'urls'), '-c', join(home, 'cache.db'), '-C', join(dir, 'config'), '-q', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, LANG: 'C.UTF-8' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`newsboat ${args.join(' ')} exited ${code}: ${output}`));
    });
  });
}

const sql = (home: string, query: string): string[][] => {
  const r = spawnSync(TOOLS.sqlite3, ['-separator', '\t', join(home, 'cache.db'), query], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
};

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const feedRequests = (log: Exchange[]) => log.filter((x) => x.path.startsWith('/feeds/') && x.path.endsWith('.xml'));

describeWith('newsboat', 'newsboat against the local runtime', () => {
  beforeAll(async () => {
    proxy = await startCountingProxy();
    // The coalition's posts name canonical pages on its main site.
    herald = await startHerald(join(dir, 'data'), { SITE_URL: proxy.base, CANONICAL_HOSTS: 'www.example.org' });
    proxy.target(herald.base);
    try {
      await postAll();
    } catch (err) {
      throw new Error(`${String(err)}\nherald output:\n${herald.output().slice(-4000)}`);
    }
  }, 180_000);

  async function postAll() {
    for (const key of POSTS) {
      const res = await fetch(`${herald!.base}/api/announcements`, {
        signal: AbortSignal.timeout(15_000), // a stuck runtime fails here, with its output below
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...INPUTS[key], status: 'published' }),
      });
      expect(res.status).toBe(201);
      posted[key] = (await res.json()) as { id: string; title: string };
    }
    await eventually(async () => {
      const [rss, opml] = await Promise.all(
        ['/feeds/rss.xml', '/feeds/index.opml'].map((p) => fetch(`${herald!.base}${p}`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.text(), () => '')),
      );
      return POSTS.every((k) => rss!.includes(posted[k]!.id)) && opml!.includes('/feeds/tags/africa/rss.xml');
    }, 'every post in the site feed and the OPML list');
  }

  afterAll(async () => {
    await herald?.stop();
    await proxy?.stop();
  });

  const feedPaths = [
    '/feeds/rss.xml',
    '/feeds/en/rss.xml',
    '/feeds/es/rss.xml',
    '/feeds/fr/rss.xml',
    ...['7msp', 'africa', 'asia', 'meetings', 'seminar'].map((t) => `/feeds/tags/${t}/rss.xml`),
  ];
  const guid = (key: (typeof POSTS)[number]) => `urn:uuid:${posted[key]!.id}`;
  /** What each feed must hold, from the posts' languages and tags. */
  const expectedIn = (path: string) =>
    POSTS.filter((k) => {
      const m = /^\/feeds\/(?:tags\/([^/]+)\/|([a-z]{2})\/)?(?:rss|atom)\.xml$/.exec(path)!;
      return m[1] ? INPUTS[k]!.tags?.includes(m[1]) : m[2] ? INPUTS[k]!.language === m[2] : true;
    }).map(guid);

  it('serves the OPML list and the feed stylesheet with their types', async () => {
    const opml = await fetch(`${proxy.base}/feeds/index.opml`);
    expect([opml.status, opml.headers.get('content-type')]).toEqual([200, 'text/x-opml; charset=utf-8']);
    const xsl = await fetch(`${proxy.base}/feeds/feed.xsl`);
    expect([xsl.status, xsl.headers.get('content-type')]).toEqual([200, 'text/xsl; charset=utf-8']);
    expect(await fetch(`${proxy.base}/feeds/rss.xml`).then((r) => r.text())).toContain(
      `<?xml-stylesheet type="text/xsl" href="${proxy.base}/feeds/feed.xsl"?>`,
    );
    // The feed links its newest monthly archive (RFC 5005), served with the archive's headers.
    const archive = /<atom:link href="([^"]+)" rel="prev-archive"/.exec(await fetch(`${proxy.base}/feeds/rss.xml`).then((r) => r.text()))?.[1];
    expect(archive).toMatch(new RegExp(`^${proxy.base}/feeds/archive/\\d{4}-\\d{2}/rss\\.xml$`));
    const page = await fetch(archive!);
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'application/rss+xml; charset=utf-8']);
    expect(await page.text()).toContain('<fh:archive/>');
    proxy.log.length = 0; // what follows counts newsboat's requests only
  });

  it('subscribes to every feed from /feeds/index.opml and reloads them all without an error', async () => {
    writeFileSync(join(dir, 'config'), 'reload-threads 4\ndownload-retries 1\ndownload-timeout 20\n');
    writeFileSync(join(dir, 'urls'), '');
    const opml = await fetch(`${proxy.base}/feeds/index.opml`).then((r) => r.text());
    writeFileSync(join(dir, 'index.opml'), opml);
    await newsboat(dir, '-i', join(dir, 'index.opml'));
    const urls = readFileSync(join(dir, 'urls'), 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ')[0]!);
    expect(urls).toEqual(feedPaths.map((p) => `${proxy.base}${p}`));
    writeFileSync(join(dir, 'urls'), [...urls, `${proxy.base}/feeds/atom.xml`].join('\n') + '\n');
    await newsboat(dir, '-x', 'reload');
    const fetched = feedRequests(proxy.log);
    expect(fetched.map((x) => x.status)).toEqual(fetched.map(() => 200));
    expect(new Set(fetched.map((x) => x.path))).toEqual(new Set([...feedPaths, '/feeds/atom.xml']));
  }, 90_000);

  it('stores every posted item once (newsboat keys items by guid across feeds), with its title and link', () => {
    // The posts share a second, so pubDate cannot order them: compare by guid.
    const rows = new Map(sql(dir, 'select guid, title, url from rss_item').map(([g, t, u]) => [g!, [t, u]]));
    expect([...rows.keys()].sort()).toEqual(POSTS.map(guid).sort());
    for (const key of POSTS) expect(rows.get(guid(key))![0]).toBe(INPUTS[key]!.title);
    expect(rows.get(guid('msp7'))![1]).toBe(INPUTS.msp7!.canonicalUrl);
  });

  it('stores, feed by feed, exactly the items each RSS and Atom feed should hold', async () => {
    for (const path of [...feedPaths, '/feeds/atom.xml']) {
      const home = mkdtempSync(join(dir, 'one-'));
      writeFileSync(join(home, 'urls'), `${proxy.base}${path}\n`);
      await newsboat(home, '-x', 'reload');
      const guids = sql(home, 'select guid from rss_item').map((r) => r[0]).sort();
      expect({ path, guids }).toEqual({ path, guids: expectedIn(path).sort() });
    }
  }, 120_000);

  it('is answered 304 for every feed once it holds the validators', async () => {
    // newsboat 2.21 records Last-Modified only for a feed already in its cache,
    // so the reload after the first stores the validators and the next is conditional.
    await newsboat(dir, '-x', 'reload');
    const before = proxy.log.length;
    await newsboat(dir, '-x', 'reload');
    const again = feedRequests(proxy.log.slice(before));
    expect(again.length).toBe(feedPaths.length + 1);
    expect(again.map((x) => [x.path, x.conditional, x.status])).toEqual(again.map((x) => [x.path, true, 304]));
  }, 90_000);
});
