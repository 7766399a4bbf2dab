import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../domain/errors';
import type { RebuildRequest, RebuildStore } from '../ports/rebuild-store';
import type { Clock } from '../clock';
import type { Principal } from '../principal';

/**
 * The admin's side of a rebuild: record the request and read its outcome.
 * The rebuild itself runs in the publisher, which alone may write the bucket;
 * a rebuild can outlast an API request, so the answer is 202 and a URL to poll.
 */
export function makeRebuildService(deps: { rebuilds: RebuildStore; clock: Clock; newId?: () => string }) {
  const newId = deps.newId ?? randomUUID;
  return {
    async request(by: Principal): Promise<RebuildRequest> {
      const request: RebuildRequest = {
        id: newId(),
        requestedBy: by.subject,
        requestedAt: deps.clock().toISOString(),
        status: 'pending',
      };
      await deps.rebuilds.request(request);
      return request;
    },

    async get(id: string): Promise<RebuildRequest> {
      const found = await deps.rebuilds.get(id);
      if (!found) throw new NotFoundError(`no rebuild with id ${id.slice(0, 64)}`);
      return found;
    },
  };
}
export type RebuildService = ReturnType<typeof makeRebuildService>;
