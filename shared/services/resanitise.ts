import { sanitizeBodyHtml } from '../content/sanitize';
import type { Announcement } from '../domain/announcement';

/**
 * Distinct bodies remembered before the memo starts afresh (bounds a
 * rebuild's memory: a clean body is remembered as the stored string itself,
 * about 2 KB each). A rebuild reads every body once per feed it is in, and
 * concurrently across feeds and months: 2,000 was cleared so often at 10,000
 * stored that most bodies were sanitised four times (a CPU profile's largest
 * share of the rebuild).
 */
const MEMO_SIZE = 20_000;

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
