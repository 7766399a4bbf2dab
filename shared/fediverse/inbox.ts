import { Accept, Create, Delete, Follow, isActor, Mention, Note, Undo } from '@fedify/vocab';
import { randomUUID } from 'node:crypto';
import { actorOf, allFollowerStores, AP_PATHS, followersOf, type FederationDeps, type HeraldFederation } from './routes';

/**
 * The inbox (the actor's and the shared one). Fedify has verified the HTTP
 * signature (draft-cavage or RFC 9421, digest, clock window) and that the
 * signer is the activity's actor before any listener runs; unsigned or
 * forged requests get 401 and reach none. Follow stores the follower and
 * answers with a signed Accept; Undo(Follow) and the actor's own Delete
 * remove it; a reply or a mention (Create of a Note) is kept for moderation;
 * anything else is acknowledged and ignored.
 */
export function registerInbox(federation: HeraldFederation, deps: FederationDeps): void {
  const { handle, logger } = deps;
  federation
    .setInboxListeners(AP_PATHS.inbox, AP_PATHS.sharedInbox)
    .on(Follow, async (ctx, follow) => {
      const target = follow.objectId && ctx.parseUri(follow.objectId);
      const mine = target?.type === 'actor' ? actorOf(deps, target.identifier) : undefined;
      if (!mine || target?.type !== 'actor' || !follow.actorId) return;
      const me = ctx.getActorUri(target.identifier);
      const actor = await follow.getActor(ctx);
      if (!actor || !isActor(actor) || !actor.id || !actor.inboxId || actor.id.href !== follow.actorId.href) return;
      await followersOf(deps, mine).add({
        actorId: actor.id.href,
        inbox: actor.inboxId.href,
        sharedInbox: actor.endpoints?.sharedInbox?.href,
        followedAt: new Date().toISOString(),
      });
      await ctx.sendActivity({ identifier: target.identifier }, actor, new Accept({ id: new URL(`#accepts/${randomUUID()}`, me), actor: me, object: follow }));
      logger.info('fediverse follower added', { actor: actor.id.href });
    })
    .on(Undo, async (ctx, undo) => {
      const object = await undo.getObject(ctx);
      if (!(object instanceof Follow) || !undo.actorId || object.actorId?.href !== undo.actorId.href) return;
      const target = object.objectId && ctx.parseUri(object.objectId);
      const mine = target?.type === 'actor' ? actorOf(deps, target.identifier) : undefined;
      if (!mine) return;
      await followersOf(deps, mine).remove(undo.actorId.href);
      logger.info('fediverse follower removed (undo)', { actor: undo.actorId.href });
    })
    .on(Delete, async (_ctx, del) => {
      // Only an actor deleting itself: other Deletes name notes Herald never stored.
      if (!del.actorId || del.objectId?.href !== del.actorId.href) return;
      for (const store of allFollowerStores(deps)) await store.remove(del.actorId.href);
      logger.info('fediverse follower removed (actor deleted)', { actor: del.actorId.href });
    })
    .on(Create, async (ctx, create) => {
      // A reply to an announcement or a mention of the actor is kept for moderation; nothing is ever published from it.
      const note = await create.getObject(ctx);
      if (!(note instanceof Note) || !note.id || !create.actorId || note.attributionId?.href !== create.actorId.href) return;
      const me = ctx.getActorUri(handle).href;
      const notes = ctx.getObjectUri(Note, { id: 'x' }).href.slice(0, -1);
      const replyTo = note.replyTargetId?.href;
      let mentioned = [...note.toIds, ...note.ccIds].some((id) => id.href === me);
      for await (const tag of note.getTags(ctx)) if (tag instanceof Mention && tag.href?.href === me) mentioned = true;
      if (!mentioned && !replyTo?.startsWith(notes)) return;
      const content = String(note.content ?? '').slice(0, 20_000);
      await deps.mentions.add({ noteId: note.id.href, actorId: create.actorId.href, inReplyTo: replyTo, content, receivedAt: new Date().toISOString() });
      logger.info('fediverse reply or mention kept', { note: note.id.href });
    })
    .onError((_ctx, error) => logger.warn('fediverse inbox listener failed', { error: error.message }));
}
