import type { Announcement } from '../domain/announcement';
import { entrySortKey } from '../domain/archive-pages';
import { feedsOf, type FeedKey } from '../domain/feeds';
import type { FeedCorpus } from '../ports/feed-corpus';
import type { FeedEntries } from '../ports/feed-entries';

/** A feed's entry as the feed index would hand it out: sort key, and the snapshot without Markdown. */
export type DerivedEntry = { sk: string; item: Announcement };

/** Every feed's entries derived from the announcements, newest first, and the announcements by id. */
export type Derived = { feeds: Map<FeedKey, DerivedEntry[]>; byId: Map<string, Announcement>; rewritten: number; dropped: number };

/** Feeds whose entry keys are read at once. */
const FEEDS_AT_ONCE = 8;
/** Announcements whose entries are rewritten per step (about four entries each, a few transactions). */
const MOVES_AT_ONCE = 50;

/**
 * A rebuild's first step: every feed's entries as the announcements say they
 * should be, compared with the stored ones by key and version, and the
 * difference written (missing or older copies put, entries no announcement
 * accounts for deleted). The stream keeps the entries; a record it sent to
 * the dead-letter queue leaves one stale until this runs. The result holds
 * each announcement once, as the index's snapshot, shared by all its feeds.
 */
export async function rederiveEntries(corpus: FeedCorpus, entries: FeedEntries, known: FeedKey[]): Promise<Derived> {
  const feeds = new Map<FeedKey, DerivedEntry[]>(known.map((k) => [k, []]));
  const byId = new Map<string, Announcement>();
  for await (const page of corpus.announcements()) {
    for (const a of page) {
      byId.set(a.id, a);
      const keys = feedsOf(a);
      if (!keys.length) continue;
      // As DynamoFeedIndex reads an entry back: the snapshot, with an empty Markdown source.
      const { body: _body, ...snapshot } = a;
      const item: Announcement = { ...snapshot, body: '' };
      for (const key of keys) (feeds.get(key) ?? feeds.set(key, []).get(key)!).push({ sk: entrySortKey(a), item });
    }
  }
  const stale = new Set<string>();
  let dropped = 0;
  const all = [...feeds.keys()];
  for (let i = 0; i < all.length; i += FEEDS_AT_ONCE) {
    await Promise.all(
      all.slice(i, i + FEEDS_AT_ONCE).map(async (key) => {
        const want = feeds.get(key)!;
        want.sort((x, y) => (x.sk < y.sk ? 1 : x.sk > y.sk ? -1 : 0));
        const stored = new Map((await corpus.entries(key)).map((e) => [e.sk, e.version]));
        for (const e of want) if (stored.get(e.sk) !== e.item.version) stale.add(e.item.id);
        const wanted = new Set(want.map((e) => e.sk));
        const extra = [...stored].filter(([sk]) => !wanted.has(sk));
        dropped += extra.length;
        // Condition on the newer of the entry's and the item's version: a write after this read survives.
        await Promise.all(extra.map(([sk, v]) => corpus.dropEntry(key, sk, Math.max(v ?? 0, byId.get(sk.slice(sk.lastIndexOf('#') + 1))?.version ?? 0))));
      }),
    );
  }
  // In steps: entries written before they carried a version are all rewritten once, and
  // thousands of transactions at once time out on their locks (DynamoDB Local does).
  const moves = [...stale].map((id) => ({ current: byId.get(id)!, earlier: [] }));
  for (let i = 0; i < moves.length; i += MOVES_AT_ONCE) await entries.project(moves.slice(i, i + MOVES_AT_ONCE));
  return { feeds, byId, rewritten: stale.size, dropped };
}
