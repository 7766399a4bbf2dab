import { describe, expect, it } from '@jest/globals';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import { pageKeyOf, renderPage } from '../../shared/render/page';
import { makePublisherService } from '../../shared/services/publisher-service';
import { MemoryObjectStore, reachStore, SITE } from './support/reach-fixtures';

/**
 * Permalink pages and the home page, rendered by the publisher from the
 * coalition content: what a link preview, a search engine and a phone read.
 */
async function published() {
  const fixture = await reachStore();
  const objects = new MemoryObjectStore();
  const publisher = makePublisherService({ index: fixture.store, registry: fixture.store, notifyHubs: async () => undefined, objects, hashes: objects.hashes, site: SITE, pageSize: 50 });
  await publisher.publishChanges(Object.values(fixture.byKey).map((after) => ({ after })));
  return { ...fixture, objects, publisher };
}
const { byKey, objects, store, service, by, publisher } = await published();
const page = (key: string) => objects.body(pageKeyOf(byKey[key]!));
const metaOf = (html: string, name: string) =>
  [...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)].filter((m) => m[1] === name).map((m) => m[2]);
const jsonLdOf = (html: string) => JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as Record<string, unknown>;

describe('permalink pages', () => {
  it('are written for every published announcement at news/{slug}-{first 8 of id}/index.html, as HTML', () => {
    for (const a of Object.values(byKey)) {
      const key = `news/${a.slug}-${a.id.slice(0, 8)}/index.html`;
      expect(objects.objects.get(key)?.contentType).toBe('text/html; charset=utf-8');
    }
  });

  it('carry lang, viewport, title, date, body, images with alt, caption and credit, and documents', () => {
    const html = page('bangkok');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<h1>Regional seminar in Bangkok: universalising the ban</h1>');
    expect(html).toContain(`<time datetime="${byKey.bangkok!.publishedAt}">`);
    expect(html).toContain('<p>Delegates from twelve countries met in Bangkok.</p>');
    expect(html).toContain('alt="Delegates seated around a conference table"');
    expect(html).toContain('Participants at the regional seminar in Bangkok, 16–17 March. <span class="credit">(c) CMC</span>');
    expect(page('rakitje')).toContain('<span class="credit">(c) Loren Persi/ICBL-CMC</span>');
    expect(page('msp7')).toContain('<a href="https://www.example.org/docs/ccm-brochure.pdf?lang=en&amp;v=2" type="application/pdf">Brochure: the Convention at a glance</a>');
    for (const a of Object.keys(byKey)) expect([...page(a).matchAll(/<img\b(?![^>]*\balt=)[^>]*>/g)]).toEqual([]);
  });

  it('carry OpenGraph and Twitter card meta for link previews', () => {
    const html = page('msp7');
    const a = byKey.msp7!;
    const url = `${SITE.siteUrl}/news/${a.slug}-${a.id.slice(0, 8)}/`;
    expect(metaOf(html, 'og:title')).toEqual([a.title]);
    expect(metaOf(html, 'og:description')).toEqual([a.summary]);
    expect(metaOf(html, 'og:image')).toEqual(['https://www.example.org/img/7msp-logo.png']);
    expect(metaOf(html, 'og:image:alt')).toEqual(['Logo of the Seventh Meeting of States Parties']);
    expect(metaOf(html, 'og:url')).toEqual([url]);
    expect(metaOf(html, 'og:type')).toEqual(['article']);
    expect(metaOf(html, 'article:published_time')).toEqual([a.publishedAt]);
    expect(metaOf(html, 'twitter:card')).toEqual(['summary_large_image']);
    expect(metaOf(page('geneva'), 'twitter:card')).toEqual(['summary']);
  });

  it('carry schema.org JSON-LD: Event for the meeting (with its offset), NewsArticle otherwise', () => {
    const meeting = jsonLdOf(page('msp7'));
    expect(meeting).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: byKey.msp7!.title,
      startDate: '2017-09-04T10:00:00+02:00',
      endDate: '2017-09-06T18:00:00+02:00',
      eventStatus: 'https://schema.org/EventScheduled',
      location: [{ '@type': 'Place', name: 'Palais des Nations', address: { addressLocality: 'Geneva', addressCountry: 'Switzerland' } }],
    });
    expect(jsonLdOf(page('webinar'))).toMatchObject({ eventStatus: 'https://schema.org/EventCancelled', eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode' });
    expect(jsonLdOf(page('rakitje'))).toMatchObject({ '@type': 'NewsArticle', headline: byKey.rakitje!.title, datePublished: byKey.rakitje!.publishedAt });
  });

  it('escape every field: markup in a title stays text in HTML, attributes and JSON-LD', () => {
    const html = page('geneva');
    expect(html).toContain('<h1>What happens in &lt;Geneva&gt; next week &amp; why &quot;7MSP&quot; matters</h1>');
    expect(html).not.toContain('<Geneva>');
    expect(html).not.toContain('<short>');
    expect(jsonLdOf(html).headline).toBe('What happens in <Geneva> next week & why "7MSP" matters');
    const hostile = renderPage(SITE, { ...byKey.geneva!, title: '</script><script>alert(1)</script>' }).body;
    expect(hostile.match(/<script/g)).toHaveLength(1);
  });

  it('link the feeds (autodiscovery) and the other languages (hreflang), both ways', () => {
    const en = page('msp7');
    expect(en).toContain(`<link rel="alternate" type="application/rss+xml" title="Cluster Munition Coalition news (RSS)" href="${SITE.siteUrl}/feeds/rss.xml">`);
    expect(en).toContain(`<link rel="alternate" type="application/atom+xml" title="Cluster Munition Coalition news (en) (Atom)" href="${SITE.siteUrl}/feeds/en/atom.xml">`);
    const hreflangs = (html: string) => [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)].map((m) => [m[1], m[2]]);
    const urls = Object.fromEntries(['msp7', 'msp7fr', 'msp7es'].map((k) => [k, `${SITE.siteUrl}/${pageKeyOf(byKey[k]!).replace(/index\.html$/, '')}`]));
    const expected = [['en', urls.msp7], ['es', urls.msp7es], ['fr', urls.msp7fr]];
    for (const k of ['msp7', 'msp7fr', 'msp7es']) expect(hreflangs(page(k)).sort()).toEqual(expected);
    expect(page('fr' === 'fr' ? 'msp7fr' : '')).toMatch(/^<!doctype html>\n<html lang="fr" dir="ltr">/);
    expect(hreflangs(page('rakitje'))).toEqual([]);
  });
});

describe('the home page', () => {
  const home = objects.body('index.html');
  it('lists the latest announcements, newest first, linking their pages', () => {
    const titles = [...home.matchAll(/<h3><a href="([^"]+)">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);
    expect(titles[0]).toBe(`${SITE.siteUrl}/${pageKeyOf(byKey.geneva!).replace('index.html', '')}`);
    expect(titles).toHaveLength(Object.keys(byKey).length);
  });
  it('links every feed and calendar, and the OPML list', () => {
    for (const path of ['feeds/rss.xml', 'feeds/fr/atom.xml', 'feeds/tags/7msp/feed.json', 'feeds/tags/seminar/events.ics', 'feeds/index.opml']) {
      expect(home).toContain(`href="${SITE.siteUrl}/${path}"`);
    }
    expect(home).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
  });
});

describe('page lifecycle', () => {
  it('gives two announcements with the same slug two pages', async () => {
    const input = parseOrThrow(AnnouncementInput, { title: 'Statement', language: 'en', slug: 'statement', status: 'published' });
    const one = await service.create(input, by);
    const two = await service.create(input, by);
    await publisher.publishChanges([{ after: one }, { after: two }]);
    expect(pageKeyOf(one)).not.toBe(pageKeyOf(two));
    expect(objects.objects.has(pageKeyOf(one)) && objects.objects.has(pageKeyOf(two))).toBe(true);
  });

  it('deletes the page of a retracted announcement, and the old page when the slug changes', async () => {
    const before = (await store.get(byKey.rakitje!.id))!;
    const retracted = await service.retract(before.id, `"v${before.version}"`, by);
    const report = await publisher.publishChanges([{ before, after: retracted }]);
    expect(report.deleted).toEqual([pageKeyOf(before)]);
    expect(objects.objects.has(pageKeyOf(before))).toBe(false);
    expect(objects.body('index.html')).not.toContain(before.title);

    const old = (await store.get(byKey.bangkok!.id))!;
    const { id: _i, bodyHtml: _b, status: _s, createdAt: _c, updatedAt: _u, publishedAt: _p, version: _v, createdBy: _cb, updatedBy: _ub, ...fields } = old;
    const renamed = await service.update(old.id, parseOrThrow(AnnouncementInput, { ...fields, body: 'Delegates met.', slug: 'bangkok-seminar', status: 'published' }), `"v${old.version}"`, by);
    const moved = await publisher.publishChanges([{ before: old, after: renamed }]);
    expect(moved.deleted).toEqual([pageKeyOf(old)]);
    expect(objects.objects.has(`news/bangkok-seminar-${old.id.slice(0, 8)}/index.html`)).toBe(true);
  });

  it('updates the other languages\' pages and feeds when a translation comes and goes', async () => {
    const en = byKey.msp7!;
    const enPage = () => objects.body(pageKeyOf(en));
    const enJson = () => JSON.parse(objects.body('feeds/en/feed.json')) as { items: { id: string; _herald: { translations?: { language: string }[] } }[] };
    const enLinks = () => enJson().items.find((i) => i.id === `urn:uuid:${en.id}`)!._herald.translations?.map((t) => t.language);
    expect(enLinks()).toEqual(['es', 'fr']);

    const input = parseOrThrow(AnnouncementInput, { title: 'Abertura da Sétima Reunião dos Estados Partes', language: 'pt', tags: ['7msp'], translationOf: byKey.msp7es!.id, status: 'published' });
    const pt = await service.create(input, by);
    await publisher.publishChanges([{ after: pt }]);
    expect(enLinks()).toEqual(['es', 'fr', 'pt']);
    expect(enPage()).toContain(`hreflang="pt" href="${SITE.siteUrl}/${pageKeyOf(pt).replace('index.html', '')}"`);

    const fr = (await store.get(byKey.msp7fr!.id))!;
    const retracted = await service.retract(fr.id, `"v${fr.version}"`, by);
    await publisher.publishChanges([{ before: fr, after: retracted }]);
    expect(enLinks()).toEqual(['es', 'pt']);
    expect(enPage()).not.toContain('hreflang="fr"');
    expect(objects.body(pageKeyOf(pt))).not.toContain('hreflang="fr"');
  });

  it('rewrites nothing when nothing changed', async () => {
    const report = await publisher.publishChanges([{ after: (await store.get(byKey.msp7!.id))! }]);
    expect(report.written).toEqual([]);
    expect(report.deleted).toEqual([]);
  });
});
