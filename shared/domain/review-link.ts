import * as z from 'zod';

/** A week: long enough for a partner to read a draft, short enough to forget about. */
export const DEFAULT_REVIEW_HOURS = 168;

/** What an editor may send to make a review link: its lifetime, 1 hour to 30 days. */
export const ReviewLinkInput = z.strictObject({
  expiresInHours: z
    .number({ error: 'must be a whole number of hours from 1 to 720' })
    .int('must be a whole number of hours from 1 to 720')
    .min(1, 'must be at least 1')
    .max(720, 'must be at most 720 (30 days)')
    .default(DEFAULT_REVIEW_HOURS),
});
export type ReviewLinkInput = z.output<typeof ReviewLinkInput>;
