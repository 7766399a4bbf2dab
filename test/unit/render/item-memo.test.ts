import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { feedContext, type Alternate } from '../../../shared/render/feed-context';
import { renderFeedFiles } from '../../../shared/render/render-feed';
import { HOSTILE_STRINGS } from '../../resilience/hostile-corpus';
import { SITE, bangkokSeminar, msp7En, msp7Fr, storeAll } from '../../support/fixtures';

/** Fresh copies: what a run that does not share objects across feeds would render. */
const copies = (items: Announcement[]) => items.map((a) => structuredClone(a));

describe('each item rendered once per run', () => {
  it('writes the same bytes when every item comes from the memo as when none does, in every format', async () => {
    // Prepare: real items and hostile titles and summaries, in three feeds
    const { store } = await storeAll([msp7En, msp7Fr, bangkokSeminar]);
    const base = await store.latestInFeed('site', 50);
    const items = [...base, ...HOSTILE_STRINGS.slice(0, 20).map((s, i) => ({ ...base[i % base.length]!, id: `${i}`.padStart(8, '0'), title: s, summary: s }))];
    const translations = new Map<string, Alternate[]>([[items[0]!.id, [{ id: 'x', language: 'fr', title: 'Titre', url: 'https://news.example.org/news/x/' }]]]);
    for (const key of ['site', 'lang:fr', 'tag:seminar']) {
      const ctx = { ...feedContext(SITE, key), translations };
      // Act: the same objects twice (the second from the memo), and fresh copies
      const first = renderFeedFiles(ctx, items);
      const again = renderFeedFiles(ctx, items);
      const fresh = renderFeedFiles(ctx, copies(items));
      // Assess
      expect(again).toEqual(first);
      expect(fresh).toEqual(first);
    }
  });

  it('lays out JSON Feed exactly as one JSON.stringify of the whole document', async () => {
    const { store } = await storeAll([msp7En, msp7Fr, bangkokSeminar]);
    const items = await store.latestInFeed('site', 50);
    for (const list of [items, [], items.slice(0, 1)]) {
      const json = renderFeedFiles(feedContext(SITE, 'site'), list).find((f) => f.key.endsWith('feed.json'))!.body;
      expect(json).toBe(JSON.stringify(JSON.parse(json), null, 2));
    }
  });

  it("follows a change of the item's translations, though the item object is the same", async () => {
    const { store } = await storeAll([msp7En]);
    const items = await store.latestInFeed('site', 50);
    const ctx = feedContext(SITE, 'site');
    const without = renderFeedFiles({ ...ctx, translations: new Map() }, items);
    const alt: Alternate = { id: 'y', language: 'es', title: 'Reunión', url: 'https://news.example.org/news/y/' };
    const withOne = renderFeedFiles({ ...ctx, translations: new Map([[items[0]!.id, [alt]]]) }, items);
    const atom = (files: typeof without) => files.find((f) => f.key.endsWith('atom.xml'))!.body;
    expect(atom(without)).not.toContain('hreflang="es"');
    expect(atom(withOne)).toContain('hreflang="es"');
    expect(renderFeedFiles({ ...ctx, translations: new Map([[items[0]!.id, [alt]]]) }, copies(items))).toEqual(withOne);
  });
});
