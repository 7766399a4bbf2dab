import { Announce, Create, Endpoints, Image, Organization, PropertyValue } from '@fedify/vocab';
import type { webcrypto } from 'node:crypto';
import type { Announcement } from '../domain/announcement';
import { esc } from '../render/html';
import { actorOf, AP_PATHS, followersOf, noteOf, type FederationDeps, type HeraldFederation } from './routes';

/** Outbox page size. */
export const OUTBOX_PAGE = 20;

/** A link as Mastodon shows it in a profile field. */
const link = (url: string) => `<a href="${esc(url)}" rel="me nofollow noopener" target="_blank">${esc(url.replace(/^https?:\/\//, ''))}</a>`;

/** The Create of an announcement's Note, as the outbox lists and followers receive it. */
export function createOf(ctx: Parameters<typeof noteOf>[0], deps: Pick<FederationDeps, 'site' | 'handle'>, a: Announcement): Create {
  const note = noteOf(ctx, deps, a);
  return new Create({
    id: new URL(`${note.id!.href}#create`),
    actor: ctx.getActorUri(deps.handle),
    object: note,
    published: note.published,
    tos: note.toIds,
    ccs: note.ccIds,
  });
}

/** A language actor's boost of the site actor's Note: how its followers receive an announcement in their language. */
export function announceOf(ctx: Parameters<typeof noteOf>[0], deps: Pick<FederationDeps, 'site' | 'handle'>, a: Announcement): Announce {
  const note = noteOf(ctx, deps, a);
  const identifier = `${deps.handle}-${a.language}`;
  return new Announce({
    id: new URL(`${note.id!.href}#announce-${a.language}`),
    actor: ctx.getActorUri(identifier),
    object: note.id,
    published: note.published,
    tos: note.toIds,
    ccs: [ctx.getFollowersUri(identifier)],
  });
}

/**
 * The site actor (an Organization) with its key pairs, its outbox (newest
 * first, paged by page number) and its followers (the count, and the
 * recipients Fedify fans out to), and NodeInfo.
 */
export function registerActor(federation: HeraldFederation, deps: FederationDeps, keyPairs: () => Promise<webcrypto.CryptoKeyPair[]>): void {
  const { site, handle } = deps;
  federation
    .setActorDispatcher(AP_PATHS.actor, async (ctx, identifier) => {
      const actor = actorOf(deps, identifier);
      if (!actor) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      return new Organization({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: actor.language ? `${site.siteTitle} (${actor.language})` : site.siteTitle,
        summary: `<p>${esc(site.siteDescription)}</p>`,
        url: new URL(actor.language ? `${site.siteUrl}/feeds/${actor.language}/rss.xml` : `${site.siteUrl}/`),
        inbox: ctx.getInboxUri(identifier),
        outbox: ctx.getOutboxUri(identifier),
        followers: ctx.getFollowersUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: keys[0]?.cryptographicKey ?? null,
        assertionMethods: keys.map((k) => k.multikey),
        icon: deps.icon ? new Image({ url: new URL(deps.icon) }) : null,
        manuallyApprovesFollowers: false,
        discoverable: true,
        attachments: [
          new PropertyValue({ name: 'Website', value: link(`${site.siteUrl}/`) }),
          new PropertyValue({ name: 'RSS', value: link(`${site.siteUrl}/feeds/rss.xml`) }),
          new PropertyValue({ name: 'Atom', value: link(`${site.siteUrl}/feeds/atom.xml`) }),
          new PropertyValue({ name: 'JSON Feed', value: link(`${site.siteUrl}/feeds/feed.json`) }),
        ],
      });
    })
    // Every actor of the site signs with the site's key pairs (each under its own key id).
    .setKeyPairsDispatcher(async (_ctx, identifier) => (actorOf(deps, identifier) ? keyPairs() : []));

  federation
    .setOutboxDispatcher(AP_PATHS.outbox, async (ctx, identifier, cursor) => {
      const actor = actorOf(deps, identifier);
      if (!actor || cursor === null) return null;
      const page = Math.max(0, Number.parseInt(cursor, 10) || 0);
      const latest = await deps.announcements.latest((page + 1) * OUTBOX_PAGE + 1, actor.language);
      const items = latest.slice(page * OUTBOX_PAGE, (page + 1) * OUTBOX_PAGE).map((a) => (actor.language ? announceOf(ctx, deps, a) : createOf(ctx, deps, a)));
      return { items, nextCursor: latest.length > (page + 1) * OUTBOX_PAGE ? String(page + 1) : null };
    })
    .setFirstCursor(() => '0');

  federation
    .setFollowersDispatcher(AP_PATHS.followers, async (_ctx, identifier, cursor) => {
      const actor = actorOf(deps, identifier);
      if (!actor) return null;
      // Public pages list no one (the count is public, who follows is not); the whole list (no cursor) is for fan-out.
      if (cursor !== null) return { items: [], nextCursor: null };
      const followers = await followersOf(deps, actor).list();
      return {
        items: followers.map((f) => ({
          id: new URL(f.actorId),
          inboxId: new URL(f.inbox),
          endpoints: f.sharedInbox ? { sharedInbox: new URL(f.sharedInbox) } : null,
        })),
      };
    })
    .setCounter((_ctx, identifier) => {
      const actor = actorOf(deps, identifier);
      return actor ? followersOf(deps, actor).count() : null;
    })
    .setFirstCursor(() => '0');

  federation.setNodeInfoDispatcher(AP_PATHS.nodeinfo, async () => ({
    software: { name: 'herald', version: '0.1.0', homepage: new URL(`${site.siteUrl}/`) },
    protocols: ['activitypub'],
    openRegistrations: false,
    usage: { users: { total: 1, activeMonth: 1, activeHalfyear: 1 }, localPosts: (await deps.announcements.latest(1000)).length, localComments: 0 },
  }));
}
