import type { Clock } from '../clock';
import { renderMarkdownOnDemand } from '../content/markdown-on-demand';
import type { Announcement, AnnouncementInput } from '../domain/announcement';
import { ValidationError } from '../domain/errors';
import { linkProblems, type LinkPolicy } from '../domain/link-policy';
import { effectiveStatus } from '../domain/schedule';
import { slugify } from '../domain/text';
import { displayName, type Principal } from '../principal';
import type { MediaFacts } from './media-facts';

/** What turning an input into an announcement needs: no store, so the preview can share it. */
export type DraftDeps = { clock: Clock; newId: () => string; links?: LinkPolicy; facts?: MediaFacts };

/** A 400 naming every link the site's policy would not publish (none checked without a policy). */
export function refuseBadLinks(input: AnnouncementInput, links: LinkPolicy | undefined): void {
  const problems = links ? linkProblems(input, links) : [];
  if (problems.length) throw new ValidationError(`invalid body: ${problems.map((p) => p.path).join(', ')}`, problems);
}

/**
 * The new announcement an input describes, not yet stored: links checked
 * against the site's policy, media facts filled in, Markdown rendered and
 * sanitised, slug, status and timestamps set. One function for
 * `POST /api/announcements` and `POST /api/preview`, so a preview fails with
 * the same 400s and shows what a create would store.
 */
export function makeDraftOf(deps: DraftDeps) {
  const withFacts = deps.facts ?? (async (input: AnnouncementInput) => input);
  return async function draftOf(given: AnnouncementInput, by: Principal): Promise<Announcement> {
    refuseBadLinks(given, deps.links);
    const input = await withFacts(given);
    const now = deps.clock().toISOString();
    const id = deps.newId();
    const { slug, status, publishAt, ...fields } = input;
    const state = effectiveStatus({ status, publishAt }, now);
    return {
      ...fields,
      id,
      // A title with nothing to slug (emoji only) gets its date: never the id prefix twice.
      slug: slug ?? (slugify(input.title) || now.slice(0, 10)),
      bodyHtml: await renderMarkdownOnDemand(input.body),
      ...state,
      createdAt: now,
      updatedAt: now,
      ...(state.status === 'published' ? { publishedAt: now } : {}),
      version: 1,
      createdBy: displayName(by),
      updatedBy: displayName(by),
    };
  };
}

/** Builds an announcement from an input (see makeDraftOf). */
export type DraftOf = ReturnType<typeof makeDraftOf>;
