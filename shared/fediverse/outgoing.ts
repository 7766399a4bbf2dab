import { Delete, PUBLIC_COLLECTION, Tombstone, Update, type Activity } from '@fedify/vocab';
import { Note } from '@fedify/vocab';
import type { HeraldLogger } from '../logger';
import type { SentLog } from '../ports/follower-store';
import { announceOf, createOf } from './actor';
import type { AnnouncementMessage } from './events';
import { followersOf, noteOf, type FederationDeps, type HeraldFederation } from './routes';

/** What happened to one announcement message. */
export type Outcome = 'sent' | 'duplicate' | 'not-public' | 'never-created' | 'superseded';

/**
 * Turns one announcement message into a signed activity to every follower
 * (once per shared inbox; Fedify queues one delivery per inbox). The
 * announcement is re-read: a Create or Update of something no longer public
 * sends nothing, a Delete of something never sent sends nothing, so a
 * retraction before the Create went out leaves followers with nothing. The
 * sent log makes a duplicate message a no-op.
 */
export async function deliverAnnouncement(
  federation: HeraldFederation,
  deps: Pick<FederationDeps, 'site' | 'handle' | 'announcements' | 'followers' | 'languages' | 'languageFollowers'> & { sent: SentLog; logger: HeraldLogger },
  m: AnnouncementMessage,
): Promise<Outcome> {
  const ctx = federation.createContext(new URL(deps.site.siteUrl), undefined);
  const current = await deps.announcements.get(m.id);
  let activity: Activity;
  if (m.activity === 'delete') {
    if (current?.status === 'published') return 'superseded';
    if (!(await deps.sent.created(m.id))) return 'never-created';
    const noteId = ctx.getObjectUri(Note, { id: m.id });
    activity = new Delete({
      id: new URL(`${noteId.href}#delete-v${m.version}`),
      actor: ctx.getActorUri(deps.handle),
      object: new Tombstone({ id: noteId }),
      to: PUBLIC_COLLECTION,
      cc: ctx.getFollowersUri(deps.handle),
    });
  } else {
    if (current?.status !== 'published') return 'not-public';
    if (m.activity === 'update' && current.version !== m.version) return 'superseded';
    if (m.activity === 'create') activity = createOf(ctx, deps, current);
    else {
      const note = noteOf(ctx, deps, current);
      activity = new Update({
        id: new URL(`${note.id!.href}#update-v${m.version}`),
        actor: ctx.getActorUri(deps.handle),
        object: note,
        to: PUBLIC_COLLECTION,
        cc: ctx.getFollowersUri(deps.handle),
      });
    }
  }
  if (!(await deps.sent.claim(m.id, m.activity, m.version))) return 'duplicate';
  // With a language actor, its followers get a boost of the Create, and the author's Update or Delete directly.
  const language = current && deps.languages?.includes(current.language) ? current.language : undefined;
  try {
    if (language === undefined) await ctx.sendActivity({ identifier: deps.handle }, 'followers', activity, { preferSharedInbox: true });
    else if (m.activity === 'create') {
      await ctx.sendActivity({ identifier: deps.handle }, 'followers', activity, { preferSharedInbox: true });
      await ctx.sendActivity({ identifier: `${deps.handle}-${language}` }, 'followers', announceOf(ctx, deps, current!), { preferSharedInbox: true });
    } else {
      const everyone = [...(await deps.followers.list()), ...(await followersOf(deps, { language }).list())];
      const recipients = [...new Map(everyone.map((f) => [f.actorId, f])).values()].map((f) => ({
        id: new URL(f.actorId),
        inboxId: new URL(f.inbox),
        endpoints: f.sharedInbox ? { sharedInbox: new URL(f.sharedInbox) } : null,
      }));
      if (recipients.length) await ctx.sendActivity({ identifier: deps.handle }, recipients, activity, { preferSharedInbox: true });
    }
  } catch (err) {
    await deps.sent.release(m.id, m.activity, m.version);
    throw err;
  }
  deps.logger.info('fediverse activity queued', { id: m.id, activity: m.activity, version: m.version });
  return 'sent';
}
