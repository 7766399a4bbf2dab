import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { ANNOUNCEMENT, FEED_ENTRY, announcementKey, feedEntryKeys, feedEntrySnapshot, listIndexKeys } from '../../shared/adapters/table-keys';
import type { Announcement } from '../../shared/domain/announcement';
import { makePublisherService } from '../../shared/services/publisher-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(() => emu.stop());

/** Stored HTML that never went through the API's Markdown sanitiser: a table writer gone wrong. */
const HOSTILE = [
  '<p>Visible paragraph survives</p>',
  '<script>alert(1)</script>',
  '<img src="https://img.example.org/a.png" onerror="alert(2)">',
  '<a href="javascript:alert(3)">click</a>',
  '<p onclick="alert(4)">second paragraph</p>',
].join('');

const hostile: Announcement = {
  id: '00000000-0000-4000-8000-00000000dead',
  slug: 'hostile-body',
  title: 'Hostile body',
  summary: 'A stored body nobody sanitised',
  body: '',
  bodyHtml: HOSTILE,
  language: 'en',
  tags: ['hostile'],
  authors: [],
  images: [],
  attachments: [],
  status: 'published',
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  publishedAt: '2026-03-01T10:00:00.000Z',
  version: 1,
  createdBy: 'someone-with-table-access',
  updatedBy: 'someone-with-table-access',
};

async function bucketBodies(): Promise<Map<string, string>> {
  const listed = await emu.s3.send(new ListObjectsV2Command({ Bucket: emu.bucket }));
  const bodies = new Map<string, string>();
  for (const { Key } of listed.Contents ?? []) {
    const got = await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key }));
    bodies.set(Key!, (await got.Body!.transformToString('utf-8')).toLowerCase());
  }
  return bodies;
}

describe('the publisher re-sanitises stored body HTML', () => {
  it('publishes no script, event handler or javascript: URL written straight into the table', async () => {
    // Prepare: the announcement and its feed entries, put into DynamoDB Local with no API in between.
    await emu.doc.send(new PutCommand({ TableName: emu.table, Item: { ...announcementKey(hostile.id), ...listIndexKeys(hostile), type: ANNOUNCEMENT, ...hostile } }));
    for (const key of feedEntryKeys(hostile)) {
      await emu.doc.send(new PutCommand({ TableName: emu.table, Item: { ...key, type: FEED_ENTRY, announcement: feedEntrySnapshot(hostile) } }));
    }
    const publisher = makePublisherService({
      ...publisherPorts(emu.doc, emu.table),
      objects: new S3ObjectStore(emu.s3, emu.bucket),
      site: { siteUrl: 'https://news.example.org', siteTitle: 'Herald test', siteDescription: 'd', hubs: [] },
      pageSize: 50,
    });
    // Act
    await publisher.publishChanges([{ after: (await new DynamoAnnouncementStore(emu.doc, emu.table).get(hostile.id))! }]);
    // Assess
    const bodies = await bucketBodies();
    const formats = ['feeds/rss.xml', 'feeds/atom.xml', 'feeds/feed.json', 'feeds/tags/hostile/rss.xml', 'feeds/en/atom.xml', 'news/hostile-body-00000000/index.html'];
    for (const key of formats) expect(bodies.get(key)).toContain('visible paragraph survives');
    for (const [key, body] of bodies) {
      for (const bad of ['alert(', 'onerror', 'onclick', 'javascript:']) expect({ key, found: body.includes(bad) }).toEqual({ key, found: false });
    }
  });
});
