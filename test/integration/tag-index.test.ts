import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { DynamoFeedRegistry } from '../../shared/adapters/dynamo-feed-registry';
import { DynamoTagIndex } from '../../shared/adapters/dynamo-tag-index';
import { legacyFeedRegistryKey } from '../../shared/adapters/table-keys';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { feedsOf } from '../../shared/domain/feeds';
import { parseOrThrow } from '../../shared/domain/validation';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { makeTagService } from '../../shared/services/tag-service';
import { EDITOR } from '../support/fixtures';
import { startEmulators, type Emulators } from '../support/emulators';
import { ProjectingAnnouncementStore } from '../support/projecting-store';

/**
 * The tags in use, read from what the publisher keeps on DynamoDB Local: its
 * registry says which tag feeds exist, each tag feed's entries are counted.
 */
let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(() => emu.stop());

describe('DynamoTagIndex', () => {
  it('counts published announcements per registered tag feed, leaving out empty feeds and site or language feeds', async () => {
    // Prepare: announcements stored as the API stores them (with their feed entries, as the publisher keeps them), feeds registered as the publisher registers them.
    const service = makeAnnouncementService({ store: new ProjectingAnnouncementStore(emu.doc, emu.table), clock: () => new Date(), newId: randomUUID });
    const registry = new DynamoFeedRegistry(emu.doc, emu.table);
    const post = async (tags: string[], status = 'published', register = true) => {
      const a = await service.create(parseOrThrow(AnnouncementInput, { title: tags.join(' '), language: 'fr', tags, status }), EDITOR);
      if (register) await registry.register(feedsOf(a));
      return a;
    };
    await post(['msp', 'geneva']);
    await post(['msp']);
    const gone = await post(['msp', 'retracted-only']);
    await service.retract(gone.id, '*', EDITOR);
    await post(['embargoed'], 'draft');
    await registry.register(['tag:never-used']);
    // A registry still in the former one-item layout is read too (left for the publisher to move).
    await emu.doc.send(new PutCommand({ TableName: emu.table, Item: { ...legacyFeedRegistryKey, feeds: new Set(['site', 'tag:geneva', 'tag:legacy']) } }));
    await post(['legacy'], 'published', false);

    // Act
    const tags = await makeTagService({ index: new DynamoTagIndex(emu.doc, emu.table) })();

    // Assess: the retracted announcement's entries left its feeds (the publisher's projection removes them).
    expect(tags).toEqual([
      { tag: 'msp', count: 2 },
      { tag: 'geneva', count: 1 },
      { tag: 'legacy', count: 1 },
    ]);
  }, 60_000);
});
