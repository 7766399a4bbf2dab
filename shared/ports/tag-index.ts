/** A tag and how many published announcements carry it. */
export type TagCount = { tag: string; count: number };

/**
 * The tags in use, for the editor's suggestions: read from what the
 * publisher keeps (its feed registry and each tag feed's entries), never
 * from the announcements themselves.
 */
export interface TagIndex {
  /** Every tag with at least one published announcement, and its count. */
  tagsInUse(): Promise<TagCount[]>;
}
