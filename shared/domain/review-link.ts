import './zod-english';
import * as z from 'zod/mini';

/** A week: long enough for a partner to read a draft, short enough to forget about. */
export const DEFAULT_REVIEW_HOURS = 168;

/** What an editor may send to make a review link: its lifetime, 1 hour to 30 days. */
export const ReviewLinkInput = z.strictObject({
  expiresInHours: z._default(
    z.number({ error: 'must be a whole number of hours from 1 to 720' }).check(
      z.int('must be a whole number of hours from 1 to 720'),
      z.minimum(1, 'must be at least 1'),
      z.maximum(720, 'must be at most 720 (30 days)'),
    ),
    DEFAULT_REVIEW_HOURS,
  ),
});
export type ReviewLinkInput = z.output<typeof ReviewLinkInput>;
