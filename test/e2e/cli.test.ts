import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/run-cli';
import { startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';

const dataDir = mkdtempSync(join(tmpdir(), 'herald-cli-'));
const files = mkdtempSync(join(tmpdir(), 'herald-cli-files-'));
let herald: HeraldProcess;

/** Runs the installed `herald` command against this test's Herald. */
const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCli(herald.base, args, env);

function file(name: string, text: string): string {
  const path = join(files, name);
  writeFileSync(path, text);
  return path;
}

const seminar = `---
title: Bangkok seminar on victim assistance
summary: Delegations from 12 countries met in Bangkok, 16-17 March.
language: en
tags: [seminar, bangkok]
status: published
images:
  - url: https://example.org/bangkok.jpg
    alt: Delegates in session
    caption: Opening session
    credit: (c) Loren Persi/ICBL-CMC
attachments:
  - url: https://example.org/report.pdf
    title: Seminar report
    type: application/pdf
---

The seminar was opened by the **minister**.
`;

async function feed(path: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  let body = '';
  while (Date.now() < deadline) {
    body = await fetch(`${herald.base}${path}`).then((r) => (r.ok ? r.text() : ''));
    if (body.includes('Bangkok seminar')) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  return body;
}

beforeAll(async () => {
  herald = await startHerald(dataDir);
}, 120_000);
afterAll(async () => {
  await herald?.stop();
});

describe('the herald command against npm start', () => {
  let id = '';

  it('posts a Markdown file with front matter, end to end into the feed', async () => {
    const res = await cli(['post', file('seminar.md', seminar)]);
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    const match = /^created ([0-9a-f-]{36}) \(published, v1\) bangkok-seminar-on-victim-assistance$/m.exec(res.out);
    expect(match).not.toBeNull();
    id = match![1]!;
    const shown = await cli(['show', id]);
    const stored = JSON.parse(shown.out) as Record<string, any>;
    expect(stored).toMatchObject({
      title: 'Bangkok seminar on victim assistance',
      tags: ['seminar', 'bangkok'],
      images: [{ caption: 'Opening session', credit: '(c) Loren Persi/ICBL-CMC' }],
      attachments: [{ title: 'Seminar report', type: 'application/pdf' }],
    });
    expect(stored.bodyHtml).toContain('<strong>minister</strong>');
    // How images and credits are rendered is the renderers' business; here: it reached its tag feed.
    expect(await feed('/feeds/tags/bangkok/rss.xml')).toContain(`urn:uuid:${id}`);
  });

  it('lists, edits, shows the history and retracts', async () => {
    expect((await cli(['list', '--tag', 'bangkok'])).out).toContain(`${id}\tpublished\tv1`);
    const edited = await cli(['edit', id, file('edit.md', seminar.replace('Bangkok seminar on', 'Bangkok seminar report on'))]);
    expect(edited).toMatchObject({ code: 0, out: `updated ${id} to v2 (published)\n` });
    const stale = await cli(['edit', id, file('stale.md', seminar), '--if-match', '"v1"']);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('412 precondition_failed');
    const history = await cli(['history', id]);
    expect(history.out.split('\n')[0]).toMatch(/^v2\t\S+\tupdate\tbootstrap-admin\ttitle$/);
    expect(await cli(['retract', id])).toMatchObject({ code: 0, out: `retracted ${id} (v3)\n` });
  });

  it('creates, lists and revokes tokens; a revoked token is refused', async () => {
    const created = await cli(['tokens', 'create', 'press-office', '--role', 'editor']);
    expect(created.code).toBe(0);
    const [head, secret] = created.out.trim().split('\n');
    const tokenId = /^token (\S+) for press-office \(editor\)/.exec(head!)![1]!;
    expect((await cli(['list'], { HERALD_TOKEN: secret })).code).toBe(0);
    expect((await cli(['tokens', 'list'], { HERALD_TOKEN: secret })).err).toContain('403 forbidden');
    expect((await cli(['tokens', 'list'])).out).toContain(`${tokenId}\teditor\tactive\tpress-office`);
    expect((await cli(['tokens', 'revoke', tokenId])).code).toBe(0);
    const refused = await cli(['list'], { HERALD_TOKEN: secret });
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.err).toContain('401 unauthorized');
    expect((await cli(['tokens', 'create', 'x', '--role', 'owner'])).err).toContain('  role: must be editor or admin');
  });

  it('rebuilds and reports what changed', async () => {
    const res = await cli(['rebuild']);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/^rebuilt \d+ feeds: \d+ files written, \d+ unchanged$/m);
  });

  it('names the bad field of a file and exits non-zero, writing nothing', async () => {
    const before = (await cli(['list', '--all'])).out;
    const bad = await cli(['post', file('bad.md', seminar.replace('language: en', 'language: English').replace('status: published', 'status: scheduled\npublishAt: tomorrow'))]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('400 validation_failed');
    expect(bad.err).toContain('  language: must be a BCP 47 language tag');
    expect(bad.err).toContain('  publishAt: must be an ISO 8601 time with an offset');
    expect((await cli(['list', '--all'])).out).toBe(before);
    expect(await cli(['post', join(files, 'missing.md')])).toMatchObject({ code: 1, err: expect.stringContaining('cannot read') });
  });

  it('explains missing configuration, unknown commands and an unreachable server', async () => {
    expect(await cli(['list'], { HERALD_TOKEN: undefined })).toMatchObject({ code: 2, err: expect.stringContaining('set HERALD_TOKEN') });
    expect(await cli(['publish'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "publish"') });
    const down = await cli(['list'], { HERALD_URL: 'http://127.0.0.1:9' });
    expect(down.code).toBe(1);
    expect(down.err).toContain('cannot reach http://127.0.0.1:9');
  });
});
