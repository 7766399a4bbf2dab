import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { announcementItem } from '../../shared/adapters/dynamo-announcement-items';
import { DynamoDeferredRenders } from '../../shared/adapters/dynamo-deferred-renders';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { workOf } from '../../shared/services/deferred-render';
import { projectEntries } from '../../shared/services/publish-entries';
import { makePublisherService } from '../../shared/services/publisher-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { bangkokSeminar, stored } from '../support/fixtures';
import { publisherPorts } from '../support/publisher-ports';

/**
 * `herald rebuild` right after an import, before the deferred step ran: the
 * imported items' new feeds are not registered yet (the step registers them
 * when it renders them), yet the rebuild renders them and lists them.
 */
const SITE = { siteUrl: 'https://news.example.org', siteTitle: 'Herald test', siteDescription: 'd', hubs: [] };
let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(() => emu.stop());

const bodyOf = async (key: string): Promise<string | undefined> => {
  try {
    return await (await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: key }))).Body!.transformToString();
  } catch (err) {
    if (err instanceof NoSuchKey) return undefined;
    throw err;
  }
};

describe('a rebuild while imports wait for their deferred render', () => {
  it('renders and lists the feeds only the recorded batches name (and without them, does not: the gap this closes)', async () => {
    // Prepare: an imported item in a tag no one used, projected and recorded, its render not run.
    const item = { ...(await stored({ ...bangkokSeminar, tags: ['kampala-archive'] })), imported: true as const };
    await emu.doc.send(new PutCommand({ TableName: emu.table, Item: announcementItem(item) }));
    const ports = publisherPorts(emu.doc, emu.table);
    await projectEntries(ports.index, [{ after: item }]);
    const renders = new DynamoDeferredRenders(emu.doc, emu.table);
    await renders.mark({ id: 'batch-1', work: workOf([{ after: item }]) });
    const publisher = (deferred?: DynamoDeferredRenders) =>
      makePublisherService({ ...ports, objects: new S3ObjectStore(emu.s3, emu.bucket), site: SITE, pageSize: 50, ...(deferred ? { deferred } : {}) });
    expect(await renders.feeds()).toEqual(['lang:en', 'site', 'tag:kampala-archive']);

    // Act 1: a rebuild that does not look at the recorded batches.
    await publisher().rebuildAll();
    // Assess 1: the tag feed is neither rendered nor listed.
    expect(await bodyOf('feeds/tags/kampala-archive/rss.xml')).toBeUndefined();
    expect(await bodyOf('feeds/index.opml')).not.toContain('kampala-archive');
    expect(await ports.registry.known(['tag:kampala-archive'])).toEqual(new Set());

    // Act 2: the rebuild as the publisher is wired.
    await publisher(renders).rebuildAll();
    // Assess 2: rendered with its item, listed, registered; the records stay for the step.
    expect(await bodyOf('feeds/tags/kampala-archive/rss.xml')).toContain(item.title.replace(/&/g, '&amp;'));
    expect(await bodyOf('feeds/index.opml')).toContain('feeds/tags/kampala-archive/');
    expect(await ports.registry.known(['tag:kampala-archive'])).toEqual(new Set(['tag:kampala-archive']));
    expect((await renders.pending(10)).batches.map((b) => b.id)).toEqual(['batch-1']);
  });
});
