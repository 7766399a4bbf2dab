import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOLS } from '../standards/support/tools';

/**
 * Runs Debian's feed2toot in dry-run mode on one RSS document with a toot
 * template such as "{title} {link}", and returns the posts it would make.
 */
export function feed2tootDryRun(rss: string, template: string): string[] {
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
      `toot=${template}`,
      '',
    ].join('\n'),
  );
  const r = spawnSync(TOOLS.feed2toot, ['-c', join(dir, 'feed2toot.ini'), '--dry-run', '--all', '--lockfile', join(dir, 'lock')], {
    encoding: 'utf8',
    env: { ...process.env, HOME: dir },
    timeout: 60_000,
  });
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`feed2toot exited ${r.status}: ${r.stderr}`);
  // feed2toot writes a no-break space (U+00A0) after the colon; \s matches it.
  return [...r.stderr.matchAll(/^Would toot with visibility "public":\s(.*)$/gm)].map((m) => m[1]!);
}

/** A toot as its text and link, and its hashtags as a sorted list (feed2toot may reorder them). */
export function tootParts(toot: string): { text: string; hashtags: string[] } {
  const at = toot.indexOf(' #');
  return { text: at < 0 ? toot : toot.slice(0, at), hashtags: at < 0 ? [] : toot.slice(at + 1).split(' ').sort() };
}
