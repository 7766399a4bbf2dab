import '../../shared/domain/zod-english';
import * as z from 'zod/mini';
import { MediaRequest } from '../../shared/domain/media';
import { MediaFetchRequest } from '../../shared/domain/media-fetch';
import type { Route } from '../admin/route-types';

/** The library's query string; a bad parameter is a 400 naming it. */
export const MediaListQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
  cursor: z.optional(z.string().check(z.maxLength(2000))),
});

/** What the OpenAPI document says about one media route (the media function serves them, the admin function documents them). */
export type MediaRouteDoc = Pick<Route, 'method' | 'path' | 'doc'>;

/**
 * The media routes' documentation, kept beside nothing but schemas so the admin
 * function can publish it in /api/openapi.json without bundling sharp.
 */
export const MEDIA_ROUTE_DOCS = {
  create: {
    method: 'POST',
    path: '/api/media',
    doc: {
      summary: 'Start an upload: a presigned S3 POST (key, content type and length range pinned), valid 1 hour',
      body: MediaRequest,
      responses: { 201: '{ id, upload: { url, fields } }: POST fields then the file as multipart/form-data to url', 400: 'bad filename, type or length', 413: 'length above the limit (images 25 MB, documents 50 MB)', 415: 'type or filename extension not accepted' },
    },
  },
  complete: {
    method: 'POST',
    path: '/api/media/{id}/complete',
    doc: {
      summary: 'Check the uploaded bytes, strip metadata, write the public files and variants',
      responses: { 200: '{ id, url, type, length, width, height, variants: { web, og } }', 400: 'uploaded length differs from the declared one', 404: 'no such media', 409: 'already complete, or nothing uploaded yet', 413: 'above the limit', 415: 'the bytes are not an accepted type (named by file)' },
    },
  },
  fetch: {
    method: 'POST',
    path: '/api/media/fetch',
    doc: {
      summary: 'Download a URL on the server (import --rehost) and process it as complete does: at most 3 redirects, a time limit, private addresses refused in the cloud',
      body: MediaFetchRequest,
      responses: {
        201: '{ id, url, type, length, width, height, variants: { web, og } } (as complete)',
        400: 'url not http(s), or a bad filename',
        403: 'the url or a redirect leads to a private, loopback or link-local address',
        413: 'above the limit (images 25 MB, documents 50 MB)',
        415: 'the bytes are not an accepted type',
        422: 'unreachable, no answer in time, too many redirects or an HTTP error (named with the URL and status)',
      },
    },
  },
  list: {
    method: 'GET',
    path: '/api/media',
    doc: { summary: 'The media library, newest first', query: MediaListQuery, responses: { 200: '{ items, cursor? }', 400: 'a bad query parameter, named' } },
  },
  remove: {
    method: 'DELETE',
    path: '/api/media/{id}',
    doc: { summary: 'Delete a media item and its files', responses: { 204: 'deleted', 404: 'no such media', 409: 'a published or scheduled announcement uses it' } },
  },
} as const satisfies Record<string, MediaRouteDoc>;
