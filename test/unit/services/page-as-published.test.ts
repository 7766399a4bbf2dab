import { describe, expect, it } from '@jest/globals';
import type { Announcement } from '../../../shared/domain/announcement';
import { SITE_FEED, feedsOf, type FeedKey } from '../../../shared/domain/feeds';
import { renderPage } from '../../../shared/render/page';
import { renderReviewPage, REVIEW_META } from '../../../shared/render/page-review';
import { translationSets } from '../../../shared/render/translations';
import { makePageAsPublished, type PageReads } from '../../../shared/services/page-as-published';
import { msp7En, msp7Es, msp7Fr, SITE, storeAll } from '../../support/fixtures';

/** The publisher's reads over a fixed set of announcements: each feed's published ones, newest first. */
function readsOver(all: Announcement[]): PageReads & { asked: FeedKey[] } {
  const asked: FeedKey[] = [];
  return {
    asked,
    latestInFeed: async (feed, limit) => {
      asked.push(feed);
      return all.filter((a) => feedsOf(a).includes(feed)).sort((x, y) => ((y.publishedAt ?? '') < (x.publishedAt ?? '') ? -1 : 1)).slice(0, limit);
    },
    get: async (id) => all.find((a) => a.id === id),
  };
}

const nav = (html: string) => /<nav aria-label="Translations">[\s\S]*?<\/nav>/.exec(html)?.[0];

describe('a page as the publisher would render it', () => {
  it('gives a draft translation the Other languages list its page will have once published', async () => {
    // Prepare: the English and French versions published, the Spanish one a draft.
    const { stored } = await storeAll([msp7En, msp7Fr, msp7Es]);
    const [en, fr, es] = stored.map((a, i) => (i === 0 ? a : { ...a, translationOf: stored[0]!.id })) as [Announcement, Announcement, Announcement];
    const pageInputsOf = makePageAsPublished({ index: readsOver([en, fr, es]), site: SITE, pageSize: 50 });

    // Act
    const { announcement, alternates } = await pageInputsOf(es);
    const review = renderReviewPage(SITE, announcement, alternates);

    // Assess: the same list the publisher links once the draft is published.
    const published = { ...es, status: 'published' as const, publishedAt: es.updatedAt };
    const expected = translationSets(SITE, [published, fr, en]).get(es.id);
    expect(alternates).toEqual(expected);
    expect(alternates.map((t) => t.language)).toEqual(['en', 'fr']);
    expect(nav(review)).toBe(nav(renderPage(SITE, published, expected).body));
    expect(nav(review)).toContain('>Septième Assemblée des États parties</a>');
    expect(review.replace(REVIEW_META, '')).toBe(renderPage(SITE, es, expected).body);
  });

  it('links a root that fell out of the site window, as the publisher does', async () => {
    const { stored } = await storeAll([msp7En, msp7Fr]);
    const [en, fr] = [stored[0]!, { ...stored[1]!, translationOf: stored[0]!.id, status: 'draft' as const }];
    const reads = readsOver([en]);
    const pageInputsOf = makePageAsPublished({ index: { ...reads, latestInFeed: async () => [] }, site: SITE, pageSize: 50 });

    const { alternates } = await pageInputsOf(fr);

    expect(alternates.map((t) => [t.id, t.language])).toEqual([[en.id, 'en']]);
  });

  it('reads only the site feed, and sanitises the stored body again as every publisher read does', async () => {
    const { stored } = await storeAll([msp7En]);
    const tampered = { ...stored[0]!, status: 'draft' as const, bodyHtml: '<p>ok</p><script>alert(1)</script><img src="x" onerror="alert(2)">' };
    const reads = readsOver([]);

    const { announcement, alternates } = await makePageAsPublished({ index: reads, site: SITE, pageSize: 50 })(tampered);

    expect(announcement.bodyHtml).not.toMatch(/<script|onerror/);
    expect(announcement.bodyHtml).toContain('<p>ok</p>');
    expect(alternates).toEqual([]);
    expect(reads.asked).toEqual([SITE_FEED]);
  });

  it('dates a scheduled announcement by its publishAt', async () => {
    const { stored } = await storeAll([{ ...msp7En, status: 'scheduled', publishAt: '2017-09-04T09:00:00+02:00' }]);
    const { announcement } = await makePageAsPublished({ index: readsOver([]), site: SITE, pageSize: 50 })(stored[0]!);
    expect(announcement.publishedAt).toBe('2017-09-04T07:00:00.000Z');
  });
});
