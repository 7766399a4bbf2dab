import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { hashtagsOf, socialText } from '../../shared/render/social';
import { feedContext } from '../../shared/render/feed-context';
import { renderFeedFiles } from '../../shared/render/render-feed';
import { translationSets } from '../../shared/render/translations';
import { reachStore, SITE } from './support/reach-fixtures';

/** Social-ready items: post-sized text, hashtags, main image alt, and the `_herald` JSON Feed extension. */
describe('socialText', () => {
  const long = 'The Seventh Meeting of States Parties to the Convention on Cluster Munitions '.repeat(6).trim();

  it('keeps a short summary as it is, on one line', () => {
    expect(socialText({ title: 't', summary: 'States Parties meet\nin Geneva.' })).toBe('States Parties meet in Geneva.');
    expect(socialText({ title: 'Only a title', summary: '' })).toBe('Only a title');
  });

  it('cuts a long one at a word boundary, with an ellipsis, within 280 characters', () => {
    const text = socialText({ title: 't', summary: long });
    expect(Array.from(text).length).toBeLessThanOrEqual(280);
    expect(text.endsWith('…')).toBe(true);
    expect(long.startsWith(text.slice(0, -1))).toBe(true);
    expect(long[text.length - 1]).toBe(' ');
  });

  it('never cuts inside a word, an emoji or an entity-like sequence, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('&amp;', 'Genève', '👩🏽‍⚕️', '#7msp', 'A&B'), fc.string({ minLength: 1, maxLength: 12 })), { maxLength: 120 }), (words) => {
        const summary = words.map((w) => w.replace(/\s/g, '') || 'x').join(' ');
        const text = socialText({ title: 't', summary });
        const chars = Array.from(text);
        expect(chars.length).toBeLessThanOrEqual(280);
        if (text === summary) return;
        const kept = text.slice(0, -1);
        expect(summary.startsWith(kept)).toBe(true);
        expect(/\s/.test(summary[kept.length] ?? ' ') || kept.length === 0 || !kept.includes(' ')).toBe(true);
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('turns tags into hashtags, CamelCasing hyphenated ones', () => {
    expect(hashtagsOf({ tags: ['7msp', 'victim-assistance'] })).toEqual(['#7msp', '#VictimAssistance']);
  });
});

const { store, byKey } = await reachStore();
const window = await store.latestInFeed('site', 50);
const ctx = { ...feedContext(SITE, 'site'), translations: translationSets(SITE.siteUrl, window) };
const files = renderFeedFiles(ctx, window);
const json = JSON.parse(files.find((f) => f.key === 'feeds/feed.json')!.body) as { items: { id: string; _herald: Record<string, unknown> }[] };
const ext = (key: string) => json.items.find((i) => i.id === `urn:uuid:${byKey[key]!.id}`)!._herald;

describe('the _herald JSON Feed extension and Atom translations', () => {

  it('carries social_text, hashtags, image_alt and the event with offsets', () => {
    expect(ext('msp7')).toMatchObject({
      social_text: byKey.msp7!.summary,
      hashtags: ['#7msp', '#meetings'],
      image_alt: 'Logo of the Seventh Meeting of States Parties',
      event: { start: '2017-09-04T10:00:00+02:00', end: '2017-09-06T18:00:00+02:00', all_day: false, time_zone: 'Europe/Zurich', venue: 'Palais des Nations', city: 'Geneva', country: 'Switzerland', status: 'scheduled' },
    });
    expect(ext('webinar')).toMatchObject({ event: { status: 'cancelled', online_url: 'https://meet.example.org/cmc?room=1&lang=en' } });
  });

  it('links each translation both ways, in JSON and in Atom with hreflang', () => {
    const langs = (key: string) => (ext(key).translations as { language: string }[]).map((t) => t.language);
    expect(langs('msp7')).toEqual(['es', 'fr']);
    expect(langs('msp7fr')).toEqual(['en', 'es']);
    expect(ext('rakitje').translations).toBeUndefined();
    const atom = files.find((f) => f.key === 'feeds/atom.xml')!.body;
    const entry = atom.split('<entry').find((e) => e.includes(byKey.msp7fr!.id))!;
    expect(entry).toMatch(/<link rel="alternate" type="text\/html" hreflang="en" title="Seventh Meeting[^"]*" href="[^"]+"\/>/);
    expect(entry).toMatch(/<link rel="alternate" type="text\/html" hreflang="es" /);
  });
});
