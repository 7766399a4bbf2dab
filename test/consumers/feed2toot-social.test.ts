import { expect, it } from '@jest/globals';
import { makePublisherService } from '../../shared/services/publisher-service';
import { MemoryObjectStore, reachStore, SITE } from '../reach/support/reach-fixtures';
import { describeWith } from '../standards/support/tools';
import { feed2tootDryRun, tootParts } from './feed2toot-run';

/**
 * feed2toot (Debian) in dry-run mode on the seminar RSS feed Herald
 * publishes, with a "{summary} {link}" template: every post must equal the
 * item's `_herald.social_text`, its permalink page and its hashtags, exactly.
 */
const { store, byKey } = await reachStore();
const objects = new MemoryObjectStore();
await makePublisherService({ index: store, registry: store, notifyHubs: async () => undefined, objects, hashes: objects.hashes, site: SITE, pageSize: 50 }).publishChanges(Object.values(byKey).map((after) => ({ after })));

const dryRun = (rss: string) => feed2tootDryRun(rss, '{summary} {link}');
const parts = tootParts;

describeWith('feed2toot', 'feed2toot --dry-run posts the social text', () => {
  it('posts social_text, the permalink page and the hashtags of every seminar item', () => {
    const json = JSON.parse(objects.body('feeds/tags/seminar/feed.json')) as { items: { url: string; _herald: { social_text: string; hashtags: string[] } }[] };
    const expected = [...json.items].reverse().map((i) => ({ text: `${i._herald.social_text} ${i.url}`, hashtags: [...i._herald.hashtags].sort() }));
    expect(expected.length).toBe(3);
    expect(expected[0]!.text).toMatch(/^Report from the regional seminar held in Bangkok on 16-17 March\. https:\/\/news\.example\.org\/news\/regional-seminar-in-bangkok-universalising-the-ban-[0-9a-f]{8}\/$/);
    expect(dryRun(objects.body('feeds/tags/seminar/rss.xml')).map(parts)).toEqual(expected);
  });
});
