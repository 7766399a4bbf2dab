import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signRequest } from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoFollowerStore, DynamoMentionStore } from '../../shared/adapters/dynamo-follower-store';
import { DynamoKvStore } from '../../shared/adapters/dynamo-kv-store';
import { FileKeyPairs } from '../../shared/adapters/file-key-pairs';
import { SendOnlyMessageQueue } from '../../shared/adapters/queue-message-queue';
import { makeFederation, type HeraldFederation } from '../../shared/fediverse/federation';
import { startEmulators, type Emulators } from '../support/emulators';
import { recordingLogger } from '../support/fakes';
import { SITE } from '../support/fixtures';
import { startRemoteServer } from '../support/remote-fediverse';

/**
 * Replies and mentions reach the inbox as a signed Create(Note): kept for a
 * moderation view (DynamoDB Local), never published; other notes are
 * acknowledged and dropped.
 */
let emu: Emulators;
let remote: Awaited<ReturnType<typeof startRemoteServer>>;
let federation: HeraldFederation;
let mentions: DynamoMentionStore;
const ME = `${SITE.siteUrl}/ap/actors/news`;

beforeAll(async () => {
  emu = await startEmulators();
  remote = await startRemoteServer();
  mentions = new DynamoMentionStore(emu.doc, emu.table, 'news');
  federation = makeFederation({
    site: SITE,
    handle: 'news',
    kv: new DynamoKvStore(emu.doc, emu.table),
    queue: new SendOnlyMessageQueue(async () => undefined),
    keys: new FileKeyPairs(join(mkdtempSync(join(tmpdir(), 'herald-keys-')), 'keys.json')),
    followers: new DynamoFollowerStore(emu.doc, emu.table, 'news'),
    mentions,
    announcements: { get: async () => undefined, latest: async () => [] },
    logger: recordingLogger(),
    allowPrivateAddress: true,
  });
}, 120_000);
afterAll(async () => {
  await remote.stop();
  await emu.stop();
});

/** A Create(Note) by alice, signed with her key, to Herald's shared inbox. */
async function post(n: number, note: Record<string, unknown>): Promise<number> {
  const actor = remote.actorUri.href;
  const activity = {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: `${actor}/statuses/${n}/activity`,
    type: 'Create',
    actor,
    object: { id: `${actor}/statuses/${n}`, type: 'Note', attributedTo: actor, to: 'https://www.w3.org/ns/activitystreams#Public', ...note },
  };
  const request = new Request(`${SITE.siteUrl}/ap/inbox`, { method: 'POST', headers: { 'content-type': 'application/activity+json' }, body: JSON.stringify(activity) });
  const signed = await signRequest(request, remote.keys()[0]!.privateKey as never, new URL(`${actor}#main-key`), { spec: 'draft-cavage-http-signatures-12', currentTime: Temporal.Now.instant() });
  return (await federation.fetch(signed, { contextData: undefined })).status;
}

describe('replies and mentions', () => {
  it('keeps a reply to an announcement and a mention, and drops a note that is neither', async () => {
    expect(await post(1, { content: '<p>Will there be a livestream?</p>', inReplyTo: `${SITE.siteUrl}/ap/notes/0b5f6c2e-1111-4222-8333-444455556666` })).toBe(202);
    expect(await post(2, { content: '<p>@news thanks</p>', cc: ME, tag: [{ type: 'Mention', href: ME, name: '@news' }] })).toBe(202);
    expect(await post(3, { content: '<p>Unrelated</p>' })).toBe(202);
    const kept = await mentions.list(10);
    expect(kept.map((m) => m.noteId).sort()).toEqual([`${remote.actorUri.href}/statuses/1`, `${remote.actorUri.href}/statuses/2`]);
    expect(kept.find((m) => m.noteId.endsWith('/1'))).toMatchObject({ actorId: remote.actorUri.href, inReplyTo: `${SITE.siteUrl}/ap/notes/0b5f6c2e-1111-4222-8333-444455556666`, content: '<p>Will there be a livestream?</p>' });
  });
});
