import { IMPORT_BATCH_MAX } from '../../shared/domain/import-limits';
import { NotFoundError } from '../../shared/domain/errors';
import { parseOrThrow } from '../../shared/domain/validation';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/responses';
import { requestSchemas } from './lazy-schemas';
import { who, type AdminRoute } from './route-types';

/**
 * Imports from an old site (what `herald import` sends): admins only, since
 * the writes are marked as imports and so reach no hub, follower or webhook.
 * A bad item is refused in its result, never failing the batch.
 */
export const importRoutes: AdminRoute[] = [
  {
    method: 'POST',
    path: '/api/import',
    role: 'admin',
    doc: {
      summary: `Import up to ${IMPORT_BATCH_MAX} items from an old site, keeping their ids, dates and credits; no ping, delivery or webhook`,
      body: 'ImportBodyDoc',
      query: 'ImportQuery',
      responses: {
        200: '{ results: [{ guid, id, path (the new page), outcome: created|updated|unchanged|refused, errors? }] }, in the order sent',
        400: `items missing, empty or more than ${IMPORT_BATCH_MAX}; a bad query parameter`,
        403: 'not an admin',
      },
    },
    async handle(ctx) {
      if (!ctx.imports) throw new NotFoundError('import is not available here');
      const { ImportQuery, ImportRequest } = await requestSchemas();
      const { dryRun } = parseOrThrow(ImportQuery, ctx.event.queryStringParameters ?? {}, 'query');
      const { items } = parseOrThrow(ImportRequest, jsonBody(ctx.event));
      const results = await ctx.imports.importItems(items, who(ctx), { dryRun: dryRun === 'true' });
      return json(200, { results });
    },
  },
];
