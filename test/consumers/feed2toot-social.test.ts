import { expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePublisherService } from '../../shared/services/publisher-service';
import { MemoryObjectStore, reachStore, SITE } from '../reach/support/reach-fixtures';
import { describeWith, TOOLS } from '../standards/support/tools';

/**
 * feed2toot (Debian) in dry-run mode on the seminar RSS feed Herald
 * publishes, with a "{summary} {link}" template: every post must equal the
 * item's `_herald.social_text`, its permalink page and its hashtags, exactly.
 */
const { store, byKey } = await reachStore();
const objects = new MemoryObjectStore();
await makePublisherService({ store, objects, site: SITE, pageSize: 50 }).publishChanges(Object.values(byKey).map((after) => ({ after })));

function dryRun(rss: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'herald-feed2toot-'));
  writeFileSync(join(dir, 'rss.xml'), rss);
  writeFileSync(
    join(dir, 'feed2toot.ini'),
    [
      '[mastodon]',
      'instance_url=https://mastodon.example.org',
      `user_credentials=${join(dir, 'user.secret')}`,
      `client_credentials=${join(dir, 'client.secret')}`,
      '[cache]',
      `cachefile=${join(dir, 'cache.db')}`,
      '[rss]',
      `uri=${join(dir, 'rss.xml')}`,
      'toot={summary} {link}',
      '',
    ].join('\n'),
  );
  const r = spawnSync(TOOLS.feed2toot, ['-c', join(dir, 'feed2toot.ini'), '--dry-run', '--all', '--lockfile', join(dir, 'lock')], {
    encoding: 'utf8',
    env: { ...process.env, HOME: dir },
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`feed2toot exited ${r.status}: ${r.stderr}`);
  return [...r.stderr.matchAll(/^Would toot with visibility "public":\s(.*)$/gm)].map((m) => m[1]!);
}

/** Text and link, and the hashtags as a set (feed2toot may reorder them). */
const parts = (toot: string) => {
  const at = toot.indexOf(' #');
  return { text: at < 0 ? toot : toot.slice(0, at), hashtags: at < 0 ? [] : toot.slice(at + 1).split(' ').sort() };
};

describeWith('feed2toot', 'feed2toot --dry-run posts the social text', () => {
  it('posts social_text, the permalink page and the hashtags of every seminar item', () => {
    const json = JSON.parse(objects.body('feeds/tags/seminar/feed.json')) as { items: { url: string; _herald: { social_text: string; hashtags: string[] } }[] };
    const expected = [...json.items].reverse().map((i) => ({ text: `${i._herald.social_text} ${i.url}`, hashtags: [...i._herald.hashtags].sort() }));
    expect(expected.length).toBe(3);
    expect(expected[0]!.text).toMatch(/^Report from the regional seminar held in Bangkok on 16-17 March\. https:\/\/news\.example\.org\/news\/regional-seminar-in-bangkok-universalising-the-ban-[0-9a-f]{8}\/$/);
    expect(dryRun(objects.body('feeds/tags/seminar/rss.xml')).map(parts)).toEqual(expected);
  });
});
