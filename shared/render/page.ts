/**
 * Herald's static HTML pages: an announcement's permalink page
 * (page-article.ts, with its head and JSON-LD in page-head.ts) and the home
 * page (page-home.ts). One import for the publisher and tests.
 */
export { PAGE_CACHE_CONTROL } from './output-file';
export { pageCardOf, renderPage } from './page-article';
export { renderHome } from './page-home';
export { HOME_KEY, pageKeyOf, type PageFile } from './page-keys';
