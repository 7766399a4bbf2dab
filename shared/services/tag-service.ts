import type { TagCount, TagIndex } from '../ports/tag-index';

/**
 * `GET /api/tags`: the tags in use, most used first (then by name), so the
 * editor can suggest an existing tag rather than a near-duplicate.
 */
export function makeTagService(deps: { index: TagIndex }) {
  return async function tagsInUse(): Promise<TagCount[]> {
    const tags = await deps.index.tagsInUse();
    return [...tags].sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  };
}

/** Lists the tags in use (see makeTagService). */
export type TagService = ReturnType<typeof makeTagService>;
