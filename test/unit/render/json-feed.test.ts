import { describe, expect, it } from '@jest/globals';
import { feedContext } from '../../../shared/render/feed-context';
import { renderJsonFeed } from '../../../shared/render/json-feed';
import { jsonFeedErrors } from '../../standards/support/json-schema';
import { SITE, bangkokSeminar, msp7En, msp7Fr, stored, storeAll } from '../../support/fixtures';


type Item = Record<string, unknown> & { id: string; authors?: { name: string }[]; attachments?: unknown[] };

describe('JSON Feed 1.1', () => {
  it('validates against the JSON Feed 1.1 shape for the site and per-language feeds', async () => {
    // Prepare
    const { store } = await storeAll([msp7En, msp7Fr, bangkokSeminar]);
    const items = await store.latestInFeed('site', 50);
    // Act
    const docs = ['site', 'lang:fr', 'tag:seminar'].map((k) => JSON.parse(renderJsonFeed(feedContext(SITE, k), items)));
    // Assess
    // The project's JSON Feed 1.1 schema (test/standards/schemas), as every other suite uses it.
    for (const doc of docs) expect(jsonFeedErrors(JSON.stringify(doc))).toEqual([]);
  });

  it('declares version 1.1, the feed URL, the WebSub hubs and items with urn:uuid ids', async () => {
    const { store, stored: all } = await storeAll([msp7En, bangkokSeminar]);
    const doc = JSON.parse(renderJsonFeed(feedContext(SITE, 'site'), await store.latestInFeed('site', 50)));
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1');
    expect(doc.feed_url).toBe('https://news.example.org/feeds/feed.json');
    expect(doc.hubs).toEqual(SITE.hubs.map((url) => ({ type: 'WebSub', url })));
    expect((doc.items as Item[]).map((i) => i.id).sort()).toEqual(all.map((a) => `urn:uuid:${a.id}`).sort());
  });

  it('sets the feed language on a per-language feed only', async () => {
    const items = [await stored(msp7Fr)];
    expect(JSON.parse(renderJsonFeed(feedContext(SITE, 'lang:fr'), items)).language).toBe('fr');
    expect(JSON.parse(renderJsonFeed(feedContext(SITE, 'site'), items))).toHaveProperty('language', 'en');
  });

  it('writes an authors array, never the 1.0 author object', async () => {
    const a = await stored({ ...msp7En, authors: [{ name: 'Loren Persi' }, { name: 'CMC', url: 'https://www.example.org/' }] });
    const [item] = JSON.parse(renderJsonFeed(feedContext(SITE, 'site'), [a])).items as Item[];
    expect(item?.authors).toEqual([{ name: 'Loren Persi' }, { name: 'CMC', url: 'https://www.example.org/' }]);
    expect(item).not.toHaveProperty('author');
  });

  it('writes documents and images as attachments with mime_type, and size_in_bytes when known', async () => {
    const [item] = JSON.parse(renderJsonFeed(feedContext(SITE, 'site'), [await stored(msp7En)])).items as Item[];
    expect(item?.attachments).toEqual([
      { url: 'https://www.example.org/7msp/agenda.pdf', mime_type: 'application/pdf', title: 'Provisional agenda', size_in_bytes: 182_044 },
      { url: 'https://www.example.org/7msp/brochure.pdf', mime_type: 'application/pdf', title: 'Campaigner brochure', size_in_bytes: 2_412_554 },
      // The logo image: its type derived from the .png extension, no length was posted.
      { url: 'https://www.example.org/img/7msp-logo.png', mime_type: 'image/png', title: 'The logo of the Seventh Meeting of States Parties' },
    ]);
  });

  it('keeps hostile text exactly as JSON strings', async () => {
    const title = '<Geneva> & "7MSP" ]]> 🇨🇭 مؤتمر';
    const [item] = JSON.parse(renderJsonFeed(feedContext(SITE, 'site'), [await stored({ ...msp7En, title })])).items as Item[];
    expect(item?.title).toBe(title);
  });

  it('drops the characters XML cannot carry, as the RSS and Atom feeds do', async () => {
    const a = await stored({ ...msp7En, title: 'Geneva\u0001\uD800 meeting' });
    const [item] = JSON.parse(renderJsonFeed(feedContext(SITE, 'site'), [a])).items as Item[];
    expect(item?.title).toBe('Geneva meeting');
  });
});
