import '../../shared/domain/zod-english';
import * as z from 'zod/mini';
import { AnnouncementId, AnnouncementInput } from '../../shared/domain/announcement';

/** The preview's query: the id of the announcement being edited, so its page URL and link card are its own. */
export const PreviewQuery = z.strictObject({ id: z.optional(AnnouncementId) });
import type { Route } from '../admin/route-types';

/** What the OpenAPI document says about one editor helper route (the review function serves them, the admin function documents them). */
export type EditorRouteDoc = Pick<Route, 'method' | 'path' | 'doc'>;

/**
 * The editor helpers' documentation: schemas only, so the admin function can
 * publish it in /api/openapi.json without bundling the page renderer.
 */
export const EDITOR_ROUTE_DOCS = {
  preview: {
    method: 'POST',
    path: '/api/preview',
    doc: {
      summary: 'Render an announcement as its permalink page will be once published; writes nothing',
      body: AnnouncementInput,
      query: PreviewQuery,
      responses: {
        200: '{ html, socialText, card: { title, description, url, image?: { url, width, height, alt } } }',
        400: 'invalid body, as POST /api/announcements answers it (fields named)',
        413: 'body too large',
        415: 'not JSON',
      },
    },
  },
  tags: {
    method: 'GET',
    path: '/api/tags',
    doc: { summary: 'The tags in use and how many published announcements carry each, most used first', responses: { 200: '{ items: [{ tag, count }] }' } },
  },
} as const satisfies Record<string, EditorRouteDoc>;
