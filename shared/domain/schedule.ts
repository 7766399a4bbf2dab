import type { Announcement, AnnouncementInput } from './announcement';

/** A scheduled time already reached publishes now: the stored status says what the feeds should show. */
export function effectiveStatus(
  input: Pick<AnnouncementInput, 'status' | 'publishAt'>,
  now: string,
): Pick<Announcement, 'status' | 'publishAt'> {
  // The schema already gives UTC; normalising again keeps string comparison (and gsi1 order) sound.
  const publishAt = input.publishAt === undefined ? undefined : new Date(input.publishAt).toISOString();
  if (input.status === 'scheduled' && publishAt !== undefined && publishAt > now) {
    return { status: 'scheduled', publishAt };
  }
  return { status: input.status === 'scheduled' ? 'published' : input.status };
}
