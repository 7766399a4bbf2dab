import type { HeraldConfig } from '../config';
import type { SiteInfo } from '../render/feed-context';

/** The site settings feeds and pages are rendered with: one mapping for the publisher and the review page. */
export const siteInfoOf = (config: HeraldConfig): SiteInfo => ({
  siteUrl: config.siteUrl,
  siteTitle: config.siteTitle,
  siteDescription: config.siteDescription,
  siteLanguage: config.siteLanguage,
  hubs: config.hubs,
  links: config.links,
});
