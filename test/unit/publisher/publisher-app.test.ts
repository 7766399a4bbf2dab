import { InMemoryFileHashes } from '../../support/memory-file-hashes';
import { describe, expect, it } from '@jest/globals';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { makePublisherApp } from '../../../functions/publisher/app';
import { changeOf } from '../../../shared/adapters/dynamo-stream';
import type { Announcement } from '../../../shared/domain/announcement';
import { REBUILD_PAGE, REBUILD_STOP_MARGIN_MS, makePublisherService } from '../../../shared/services/publisher-service';
import { InMemoryObjectStore, InMemoryRebuildProgress, InMemoryRebuildStore, noHubs, recordingLogger } from '../../support/fakes';
import { EDITOR, SITE, bangkokSeminar, msp7En, serviceWithFakes } from '../../support/fixtures';

type StreamImage = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;
const image = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true }) as unknown as StreamImage;

/** The table item of an announcement, keys and all, as the stream carries it. */
const announcementItem = (a: Announcement) => ({
  pk: `ANN#${a.id}`,
  sk: 'A',
  gsi1pk: 'ANN',
  gsi1sk: `${a.createdAt}#${a.id}`,
  type: 'announcement',
  ...a,
});

function record(seq: string, before?: Record<string, unknown>, after?: Record<string, unknown>): DynamoDBRecord {
  return {
    eventName: before && after ? 'MODIFY' : after ? 'INSERT' : 'REMOVE',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      SequenceNumber: seq,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      ...(before ? { OldImage: image(before) } : {}),
      ...(after ? { NewImage: image(after) } : {}),
    },
  };
}

async function setup() {
  const { service, store } = serviceWithFakes('2017-09-01T08:00:00.000Z');
  const objects = new InMemoryObjectStore();
  const logger = recordingLogger();
  const publisher = makePublisherService({ index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 50, notifyHubs: noHubs });
  const app = makePublisherApp({ publisher, rebuilds: new InMemoryRebuildStore(), progress: new InMemoryRebuildProgress(), clock: () => new Date(0), logger });
  const msp = await service.create(msp7En, EDITOR);
  const bangkok = await service.create(bangkokSeminar, EDITOR);
  return { app, objects, logger, msp, bangkok };
}

describe('publisher app: which records count', () => {
  it('ignores feed entries, tokens and the feed registry, and writes nothing', async () => {
    // Prepare
    const { app, objects, msp } = await setup();
    const event: DynamoDBStreamEvent = {
      Records: [
        record('1', undefined, { pk: 'FEED#site', sk: `${msp.publishedAt}#${msp.id}`, type: 'feed-entry', announcement: msp }),
        record('2', undefined, { pk: 'TOKEN#ab12', sk: 'T', type: 'token', subject: 'x', role: 'editor' }),
        record('3', undefined, { pk: 'META#feeds', sk: 'M', feeds: new Set(['site', 'tag:msp']) }),
        record('4', undefined, { pk: 'META#feeds', sk: 'F#tag:msp', type: 'feed-registration', feed: 'tag:msp' }),
        record('5', undefined, { pk: 'META#feeds', sk: 'C#rebuild', cursor: 'RiN0YWc6bXNw' }),
        // A completed document as DynamoDB Local's stream delivers it: its empty `variants`
        // map arrives as {} (no type), which unmarshall refuses; it must not wedge the stream.
        { eventName: 'MODIFY', eventSource: 'aws:dynamodb', dynamodb: { SequenceNumber: '6', StreamViewType: 'NEW_AND_OLD_IMAGES', NewImage: { ...image({ pk: 'MEDIA#1', sk: 'M', type: 'media' }), media: { M: { variants: {} } } } as unknown as StreamImage } },
      ],
    };
    // Act
    const result = await app(event);
    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    expect(objects.calls).toEqual({ sha256Of: 0, put: 0, delete: 0 });
  });

  it('turns an announcement record into the domain object, without the table keys', async () => {
    const { msp } = await setup();
    expect(changeOf(record('7', undefined, announcementItem(msp)))).toEqual({ before: undefined, after: msp });
  });

  it('publishes the feeds of every announcement in the batch as one publish', async () => {
    // Prepare
    const { app, objects, logger, msp, bangkok } = await setup();
    const event = { Records: [record('10', undefined, announcementItem(msp)), record('11', undefined, announcementItem(bangkok))] };
    // Act
    const result = await app(event);
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(result.report?.feeds).toEqual(['lang:en', 'site', 'tag:7msp', 'tag:msp', 'tag:seminar']);
    // 5 feeds x 4 files (RSS, Atom, JSON, iCalendar), each again in its archive of the
    // month, the OPML index, the stylesheet, the home page and the two announcements' pages.
    expect(objects.calls.put).toBe(45);
    expect(logger.entries.map((e) => e.message)).toEqual(['published']);
  });

  it('publishes the feeds an item was in when its record is a removal', async () => {
    const { app, msp } = await setup();
    const result = await app({ Records: [record('20', announcementItem(msp), undefined)] });
    expect(result.report?.feeds).toEqual(['lang:en', 'site', 'tag:7msp', 'tag:msp']);
  });
});

describe('publisher app: failures', () => {
  it("reports the first record's sequence number when the publish fails", async () => {
    // Prepare
    const { app, objects, logger, msp, bangkok } = await setup();
    objects.failPutsWith = new Error('SlowDown: please reduce your request rate');
    const event = {
      Records: [
        record('49581739201', undefined, { pk: 'TOKEN#ab12', sk: 'T', type: 'token' }),
        record('49581739202', undefined, announcementItem(msp)),
        record('49581739203', announcementItem(bangkok), announcementItem(bangkok)),
      ],
    };
    // Act
    const result = await app(event);
    // Assess
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '49581739201' }] });
    expect(logger.entries).toEqual([
      { level: 'error', message: 'publish failed', extra: { error: 'SlowDown: please reduce your request rate' } },
    ]);
  });
});

describe('publisher app: a rebuild request near the timeout', () => {
  it('stops between pages, leaves the rest to the nightly rebuild, and completes the request as unfinished', async () => {
    // Prepare: more feeds than one rebuild page, and a function with less than the margin left.
    const { service, store } = serviceWithFakes('2017-09-01T08:00:00.000Z');
    await store.register(Array.from({ length: REBUILD_PAGE + 20 }, (_, i) => `tag:t${String(i).padStart(4, '0')}`));
    const publisher = makePublisherService({ index: store, registry: store, objects: new InMemoryObjectStore(), hashes: new InMemoryFileHashes(), site: SITE, pageSize: 50, notifyHubs: noHubs });
    const rebuilds = new InMemoryRebuildStore();
    const progress = new InMemoryRebuildProgress();
    const app = makePublisherApp({ publisher, rebuilds, progress, clock: () => new Date(0), logger: recordingLogger() });
    await rebuilds.request({ id: 'r1', requestedBy: 'admin', requestedAt: '2017-09-01T08:00:00.000Z', status: 'pending' });
    await service.create(msp7En, EDITOR);
    const request = record('30', undefined, { pk: 'REBUILD#r1', sk: 'R', type: 'rebuild-request', id: 'r1', status: 'pending' });
    // Act
    const result = await app({ Records: [request] }, () => REBUILD_STOP_MARGIN_MS - 1);
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(progress.cursor).toBeDefined();
    const done = await rebuilds.get('r1');
    expect(done).toMatchObject({ status: 'done', finished: false });
    expect(done?.report?.feeds.length).toBeLessThan(REBUILD_PAGE + 20);
    expect(done?.report?.feeds).toContain('site');
  });
});

describe('publisher app: after the files', () => {
  it('keeps the delivery record and sends the messages side by side, not one after the other', async () => {
    // Prepare: each side finishes only once the other has started (one after the other, it waits out the timeout).
    const { service, store } = serviceWithFakes('2017-09-01T08:00:00.000Z');
    const objects = new InMemoryObjectStore();
    const publisher = makePublisherService({ index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 50, notifyHubs: noHubs });
    const started = { record: false, announce: false };
    const logger = recordingLogger();
    const other = (side: 'record' | 'announce') =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${side} waited for the other side`)), 1_000);
        const poll = setInterval(() => started[side] && (clearTimeout(timer), clearInterval(poll), resolve()), 5);
      });
    const app = makePublisherApp({
      publisher,
      rebuilds: new InMemoryRebuildStore(),
      progress: new InMemoryRebuildProgress(),
      clock: () => new Date(0),
      logger,
      record: async () => ((started.record = true), other('announce')),
      announce: async () => ((started.announce = true), other('record')),
    });
    const msp = await service.create(msp7En, EDITOR);
    // Act
    const result = await app({ Records: [record('30', undefined, announcementItem(msp))] });
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(started).toEqual({ record: true, announce: true });
    // A record that waited in vain is only logged (it never fails the batch): no such line.
    expect(logger.entries.filter((e) => e.level !== 'info')).toEqual([]);
  });
});
