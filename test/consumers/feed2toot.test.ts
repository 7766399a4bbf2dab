import { expect, it } from '@jest/globals';
import { permalinkOf } from '../../shared/render/feed-context';
import { coalitionFeeds, SITE } from '../standards/support/coalition';
import { describeWith } from '../standards/support/tools';
import { feed2tootDryRun, tootParts } from './feed2toot-run';

/**
 * feed2toot (Debian), the bot that posts a feed to Mastodon, in dry-run mode:
 * from Herald's RSS it must compose "title link #tag #tag" for every item.
 */
const { files, items } = await coalitionFeeds();

/** The posts feed2toot would make from one of the feeds, as "title link #tags". */
function dryRun(_feedKey: string, feedFile: string): string[] {
  const file = files.find((f) => f.key === feedFile);
  if (!file) throw new Error(`no feed file ${feedFile}`);
  return feed2tootDryRun(file.body, '{title} {link}');
}
const parts = tootParts;

describeWith('feed2toot', 'feed2toot --dry-run on the RSS feeds', () => {
  it('composes title, link and a hashtag per tag for every seminar report, oldest first', () => {
    const expected = [...items.get('tag:seminar')!]
      .reverse()
      .map((a) => ({ text: `${a.title} ${permalinkOf(SITE, a)}`, hashtags: a.tags.map((t) => `#${t}`).sort() }));
    expect(dryRun('tag:seminar', 'feeds/tags/seminar/rss.xml').map(parts)).toEqual(expected);
  });

  it('keeps accented titles intact; its HTML stripping is what mangles "&lang" and "<Geneva>"', () => {
    const toots = dryRun('tag:7msp', 'feeds/tags/7msp/rss.xml').map(parts);
    const linkOf = (title: string) => permalinkOf(SITE, items.get('tag:7msp')!.find((a) => a.title.startsWith(title))!);
    expect(toots).toContainEqual({
      text: `Ouverture de la septième Assemblée des États parties à Genève ${linkOf('Ouverture')}`,
      hashtags: ['#7msp'],
    });
    // feed2toot runs its final text through BeautifulSoup's HTML parser, so the
    // "&lang" of a link (correct in the feed, as feedparser shows) becomes the
    // entity U+27E8 and a literal "<Geneva>" in a title disappears. Pinned here
    // so a change in the consumer, or in Herald, is noticed.
    expect(toots).toContainEqual({
      text: 'Seventh Meeting of States Parties opens at the Palais des Nations https://www.example.org/news?id=7msp\u27e8=en',
      hashtags: ['#7msp', '#meetings'],
    });
    expect(toots).toContainEqual({
      text: `What happens in  next week & why "7MSP" matters ${linkOf('What happens')}`,
      hashtags: ['#7msp'],
    });
  });
});
