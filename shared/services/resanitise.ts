import { sanitizeBodyHtml } from '../content/sanitize';
import type { Announcement } from '../domain/announcement';

/** Distinct bodies remembered before the memo starts afresh (bounds a rebuild's memory). */
const MEMO_SIZE = 2_000;

/**
 * Defence in depth: stored body HTML is sanitised again, with the API's own
 * allowlist, before anything renders it, so whatever can write the table
 * (a bug, a migration, a stolen role) still cannot publish script. The same
 * body sits in many feeds, so results are remembered by the HTML itself.
 */
export function makeResanitiser(): (a: Announcement) => Announcement {
  const memo = new Map<string, string>();
  return (a) => {
    let clean = memo.get(a.bodyHtml);
    if (clean === undefined) {
      if (memo.size >= MEMO_SIZE) memo.clear();
      clean = sanitizeBodyHtml(a.bodyHtml);
      memo.set(a.bodyHtml, clean);
    }
    return clean === a.bodyHtml ? a : { ...a, bodyHtml: clean };
  };
}
