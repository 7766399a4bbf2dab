/** A rendered file on its way to the bucket: what renderers return and skip-unchanged writes. */
export type OutputFile = { key: string; body: string; contentType: string; cacheControl: string };

/** Feeds change often; readers revalidate with the ETag after a minute. */
export const FEED_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

/** A closed month's archive changes only when one of its items is edited or retracted. */
export const ARCHIVE_CACHE_CONTROL = 'public, max-age=604800';

/** Pages may be cached a little longer than feeds: people, not pollers, read them. */
export const PAGE_CACHE_CONTROL = 'public, max-age=300, must-revalidate';
