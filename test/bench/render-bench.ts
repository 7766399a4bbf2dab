import { Feed } from 'feed';
import { feedContext } from '../../shared/render/feed-context';
import { renderFeedFiles } from '../../shared/render/render-feed';
import { benchAnnouncement } from './corpus';
import { spread, median, timeRuns, type Row } from './stats';

/**
 * Herald's full render (RSS, Atom, JSON Feed) of 50 realistic announcements
 * against the bare `feed` package rendering the same items in the same run.
 */
export async function renderBench(runs = 7): Promise<Row> {
  const items = Array.from({ length: 50 }, (_, i) => benchAnnouncement(i));
  const ctx = feedContext(
    { siteUrl: 'https://news.example.org', siteTitle: 'Herald', siteDescription: 'News', hubs: ['https://hub.example.org/'] },
    'site',
  );
  const herald = () => renderFeedFiles(ctx, items);
  const bare = () => {
    const feed = new Feed({ title: 'Herald', id: ctx.urls.atom, link: ctx.urls.home, updated: new Date(items[49]!.updatedAt), feedLinks: { rss: ctx.urls.rss, atom: ctx.urls.atom, json: ctx.urls.json } });
    for (const a of items) {
      feed.addItem({
        title: a.title,
        id: `urn:uuid:${a.id}`,
        link: `https://news.example.org/news/${a.slug}/`,
        date: new Date(a.updatedAt),
        description: a.summary,
        content: a.bodyHtml,
        author: a.authors.map((p) => ({ name: p.name, email: p.email })),
        category: a.tags.map((name) => ({ name })),
      });
    }
    return [feed.rss2(), feed.atom1(), feed.json1()];
  };
  // Interleave the two so machine noise hits both alike; 20 renders per sample.
  const heraldMs: number[] = [];
  const bareMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    heraldMs.push(median(await timeRuns(herald, 20)));
    bareMs.push(median(await timeRuns(bare, 20)));
  }
  const ratio = median(heraldMs) / median(bareMs);
  return {
    benchmark: 'render 50 items, 3 formats',
    measured: `${spread(heraldMs)} ms`,
    limit: `bare feed ${spread(bareMs)} ms`,
    ratio,
    target: '<= 1.5x',
    met: ratio <= 1.5,
  };
}
