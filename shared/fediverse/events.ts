import type { Announcement } from '../domain/announcement';

/** What a follower must be told about one announcement version. */
export type FediverseActivity = 'create' | 'update' | 'delete';

/** The delivery queue's message asking for one activity (Fedify's own messages share the queue). */
export type AnnouncementMessage = { kind: 'herald-announcement'; id: string; version: number; activity: FediverseActivity };

const published = (a: Announcement | undefined) => a?.status === 'published';

/**
 * The activities one stored change calls for: a first publication a Create,
 * a new version of a published announcement an Update, a published one
 * retracted (or taken back to draft) a Delete; an imported version nothing. Pure; the publisher sends the
 * result to the delivery queue, no Fedify in its bundle.
 */
export function activitiesOf(changes: readonly { before?: Announcement; after?: Announcement }[]): AnnouncementMessage[] {
  const out: AnnouncementMessage[] = [];
  for (const { before, after } of changes) {
    const a = after ?? before;
    // A version written by an import is history arriving, not news: nobody is told.
    if (!a || after?.imported) continue;
    const message = (activity: FediverseActivity, version: number): AnnouncementMessage => ({ kind: 'herald-announcement', id: a.id, version, activity });
    if (published(after) && !published(before)) out.push(message('create', after!.version));
    else if (published(after) && published(before) && after!.version !== before!.version) out.push(message('update', after!.version));
    else if (published(before) && !published(after)) out.push(message('delete', after?.version ?? before!.version + 1));
  }
  return out;
}

/** Whether a queue message body is Herald's (else it is Fedify's own task). */
export function isAnnouncementMessage(body: unknown): body is AnnouncementMessage {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'herald-announcement';
}
