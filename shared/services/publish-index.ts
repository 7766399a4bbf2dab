import { SITE_FEED, type FeedKey } from '../domain/feeds';
import type { SiteInfo } from '../render/feed-context';
import { renderOpml } from '../render/opml';
import { renderHome } from '../render/page';
import { stylesheetFile } from '../render/stylesheet';
import type { Run } from './publish-run';

/**
 * The home-and-OPML step: the home page follows the site feed; the OPML list
 * of feeds and the stylesheet browsers use to show a feed as a page follow
 * the set of feeds. `feeds` is every registered feed.
 */
export async function writeIndex(run: Run, site: SiteInfo, what: { home: boolean; opml: boolean }, feeds: FeedKey[]): Promise<void> {
  if (what.home) await run.put(renderHome(site, await run.latest(SITE_FEED), feeds), run.report);
  if (what.opml) {
    await run.put(renderOpml(site, feeds), run.report);
    await run.put(stylesheetFile(), run.report);
  }
}
