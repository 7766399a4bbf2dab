import type { Clock } from '../clock';
import { renderMarkdownOnDemand } from '../content/markdown-on-demand';
import type { Announcement } from '../domain/announcement';
import { auditOf, stableJson } from '../domain/audit';
import { HeraldError, type ErrorDetail } from '../domain/errors';
import { importIdOf, parseImportItem, storedGuidOf, type ImportItem, type ImportResult } from '../domain/import-item';
import type { LinkPolicy } from '../domain/link-policy';
import { effectiveStatus } from '../domain/schedule';
import { slugify } from '../domain/text';
import { pageDirOf } from '../render/feed-context';
import { VersionConflict, type AnnouncementStore } from '../ports/announcement-store';
import { displayName, type Principal } from '../principal';
import { refuseBadLinks } from './announcement-draft';
import type { MediaFacts } from './media-facts';

/** Fields that say how a version was written, not what it says: ignored when deciding "unchanged". */
const BOOKKEEPING = ['version', 'createdBy', 'updatedBy', 'createdAt', 'imported'] as const;
const contentOf = (a: Announcement) => stableJson({ ...a, ...Object.fromEntries(BOOKKEEPING.map((k) => [k, undefined])) });

/** A refusal as an item's result; anything that is not a client's mistake is rethrown. */
function refusal(guid: string, id: string | undefined, err: unknown): ImportResult {
  if (err instanceof HeraldError && err.status < 500) {
    const details: ErrorDetail[] = err.details.length ? err.details : [{ path: 'item', message: err.message }];
    return { guid, ...(id ? { id } : {}), outcome: 'refused', errors: details };
  }
  throw err;
}

/**
 * `POST /api/import`: old items written with their own ids, dates and guids.
 * Idempotent: an item's id is a function of its guid, an item whose stored
 * content is the same is `unchanged`, one changed at the source is `updated`;
 * a stored item that editors changed in Herald since its import is refused,
 * never overwritten. Every version written here carries `imported`, which the
 * publisher and the fediverse and webhook channels read as "tell nobody".
 * Bad items are refused one by one with their reasons; the rest go on.
 */
export function makeImportService(deps: { store: AnnouncementStore; clock: Clock; links?: LinkPolicy; facts?: MediaFacts }) {
  const withFacts = deps.facts ?? (async <T>(input: T) => input);

  async function nextOf(item: ImportItem, id: string, prev: Announcement | undefined, by: Principal): Promise<Announcement> {
    refuseBadLinks(item.input, deps.links);
    const input = await withFacts(item.input);
    const { slug, status, publishAt, ...fields } = input;
    const state = effectiveStatus({ status, publishAt }, deps.clock().toISOString());
    const guid = storedGuidOf(item.guid, id);
    return {
      ...fields,
      id,
      slug: slug ?? prev?.slug ?? (slugify(input.title) || item.publishedAt.slice(0, 10)),
      bodyHtml: await renderMarkdownOnDemand(input.body),
      ...state,
      createdAt: prev?.createdAt ?? item.createdAt ?? item.publishedAt,
      updatedAt: item.updatedAt,
      // Still waiting to go public: it has no first publication yet.
      ...(state.status === 'scheduled' ? {} : { publishedAt: item.publishedAt }),
      version: (prev?.version ?? 0) + 1,
      createdBy: prev?.createdBy ?? displayName(by),
      updatedBy: displayName(by),
      ...(guid ? { guid } : {}),
      imported: true,
    };
  }

  async function importOne(item: ImportItem, by: Principal, dryRun: boolean): Promise<ImportResult> {
    const id = importIdOf(item.guid);
    const result = (outcome: ImportResult['outcome'], at?: Announcement): ImportResult => ({ guid: item.guid, id, ...(at ? { path: `/${pageDirOf(at)}` } : {}), outcome });
    try {
      const prev = await deps.store.get(id);
      const next = await nextOf(item, id, prev, by);
      const ok = (outcome: 'created' | 'updated' | 'unchanged') => result(outcome, next);
      if (prev && contentOf(prev) === contentOf(next)) return ok('unchanged');
      if (prev && !prev.imported) {
        return { ...result('refused'), errors: [{ path: 'guid', message: `announcement ${id} was changed in Herald since it was imported (version ${prev.version}); it is not overwritten` }] };
      }
      if (dryRun) return ok(prev ? 'updated' : 'created');
      // The audit record says when the import happened; the item keeps its source's dates.
      const audit = { ...auditOf(prev ? 'update' : 'create', prev, next), at: deps.clock().toISOString() };
      if (prev) await deps.store.replace(next, prev, audit);
      else await deps.store.create(next, audit);
      return ok(prev ? 'updated' : 'created');
    } catch (err) {
      if (err instanceof VersionConflict) {
        return { ...result('refused'), errors: [{ path: 'guid', message: 'the announcement changed while it was imported; import again' }] };
      }
      return refusal(item.guid, id, err);
    }
  }

  return {
    /** Checks and writes a batch, items in parallel; results in the request's order. */
    async importItems(raw: unknown[], by: Principal, options: { dryRun: boolean }): Promise<ImportResult[]> {
      const firstAt = new Map<string, number>();
      // The HTML sanitiser and Markdown stack load with the first import, not with the admin function.
      const { bodyOfHtml } = await import('../content/html-body');
      return Promise.all(
        raw.map(async (r, i): Promise<ImportResult> => {
          const parsed = parseImportItem(r, bodyOfHtml);
          if ('errors' in parsed) return { guid: parsed.guid, outcome: 'refused', errors: parsed.errors };
          const id = importIdOf(parsed.item.guid);
          const first = firstAt.get(id);
          if (first !== undefined) return { guid: parsed.item.guid, id, outcome: 'refused', errors: [{ path: 'guid', message: `same id as items.${first} (a duplicate guid)` }] };
          firstAt.set(id, i);
          return importOne(parsed.item, by, options.dryRun);
        }),
      ).then((results) => results.map((r, i) => (r.errors ? { ...r, errors: r.errors.map((e) => ({ ...e, path: `items.${i}.${e.path}` })) } : r)));
    },
  };
}
export type ImportService = ReturnType<typeof makeImportService>;
