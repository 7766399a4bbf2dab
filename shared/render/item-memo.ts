import type { Announcement } from '../domain/announcement';
import type { Alternate, FeedContext } from './feed-context';

type Format = 'rss' | 'atom' | 'json';
type Memo = { alternates: readonly Alternate[] | undefined; out: Partial<Record<Format, string>> };

/** By the object syndicated() returned, which stands for one item under one site's link policy. */
const memo = new WeakMap<Announcement, Memo>();

/**
 * One item's entry in one format, rendered once however many documents carry
 * it: a rebuild writes each item into its site, language and tag feeds and
 * their archive pages. An entry depends only on the item as syndicated (the
 * object is the key, and syndicated() hands out one per item and link
 * policy) and on the item's translations in `ctx` (compared by identity, as a
 * run passes one map to every feed); everything else about the feed is
 * outside the entry. Nothing is kept once the item object is dropped.
 */
export function itemOnce(ctx: Pick<FeedContext, 'translations'>, a: Announcement, format: Format, render: () => string): string {
  const alternates = ctx.translations?.get(a.id);
  let m = memo.get(a);
  if (!m || m.alternates !== alternates) memo.set(a, (m = { alternates, out: {} }));
  return (m.out[format] ??= render());
}
