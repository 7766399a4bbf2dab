import { describe, expect, it } from '@jest/globals';
import type { DynamoDBRecord } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { makePublisherApp } from '../../../functions/publisher/app';
import { makeReconcilerApp } from '../../../functions/reconciler/app';
import type { Announcement } from '../../../shared/domain/announcement';
import type { HeraldMetrics, MetricName } from '../../../shared/metrics';
import { makePublisherService } from '../../../shared/services/publisher-service';
import { InMemoryObjectStore, InMemoryRebuildProgress, noHubs, recordingLogger } from '../../support/fakes';
import { EDITOR, SITE, bangkokSeminar, msp7En, serviceWithFakes } from '../../support/fixtures';

/** Records every count and every flush, in order. */
function recordingMetrics() {
  const counts: [MetricName, number][] = [];
  let flushes = 0;
  const metrics: HeraldMetrics = { count: (n, v) => void counts.push([n, v]), flush: () => void (flushes += 1) };
  return { metrics, counts, flushes: () => flushes };
}

const record = (a: Announcement, seq: string): DynamoDBRecord => ({
  eventName: 'INSERT',
  dynamodb: {
    SequenceNumber: seq,
    NewImage: marshall({ pk: `ANN#${a.id}`, sk: 'A', type: 'announcement', ...a }, { removeUndefinedValues: true }) as never,
  },
});

async function setup() {
  const { service, store } = serviceWithFakes('2017-09-01T08:00:00.000Z');
  const objects = new InMemoryObjectStore();
  const publisher = makePublisherService({ index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 50, notifyHubs: noHubs });
  const msp = await service.create(msp7En, EDITOR);
  const bangkok = await service.create(bangkokSeminar, EDITOR);
  return { publisher, objects, msp, bangkok };
}

describe('publisher metrics', () => {
  it('counts published announcements, feeds written and writes skipped, and flushes once per batch', async () => {
    const { publisher, msp, bangkok, objects } = await setup();
    const m = recordingMetrics();
    const app = makePublisherApp({ publisher, rebuilds: { complete: async () => undefined }, progress: new InMemoryRebuildProgress(), clock: () => new Date(0), logger: recordingLogger(), metrics: m.metrics });

    await app({ Records: [record(msp, '1'), record(bangkok, '2')] });
    const written = objects.puts.length;
    await app({ Records: [record(msp, '1')] });

    expect(written).toBeGreaterThan(0);
    expect(m.counts.slice(0, 3)).toEqual([
      ['AnnouncementsPublished', 2],
      ['FeedsWritten', written],
      ['WritesSkippedUnchanged', 0],
    ]);
    // The replayed record changes nothing: every file is skipped, none written.
    expect(m.counts[4]).toEqual(['FeedsWritten', 0]);
    expect(m.counts[5]?.[0]).toBe('WritesSkippedUnchanged');
    expect(m.counts[5]?.[1]).toBeGreaterThan(0);
    expect(m.flushes()).toBe(2);
  });
});

describe('publisher metrics for a batch with changes and a rebuild request', () => {
  it('counts the files written by both the publish and the rebuild in FeedsWritten', async () => {
    // Prepare: one batch holds a new announcement and a rebuild request.
    const { publisher, msp, objects } = await setup();
    const m = recordingMetrics();
    const completed: string[] = [];
    const rebuilds = { complete: async (id: string) => void completed.push(id) };
    const app = makePublisherApp({ publisher, rebuilds, progress: new InMemoryRebuildProgress(), clock: () => new Date(0), logger: recordingLogger(), metrics: m.metrics });
    const request: DynamoDBRecord = {
      eventName: 'INSERT',
      dynamodb: { SequenceNumber: '2', NewImage: marshall({ pk: 'REBUILD#r1', sk: 'R', type: 'rebuild-request', id: 'r1', status: 'pending' }) as never },
    };
    // Act
    await app({ Records: [record(msp, '1'), request] });
    // Assess: every put was counted once, whichever of the two wrote it.
    const counted = m.counts.filter(([name]) => name === 'FeedsWritten').reduce((sum, [, v]) => sum + v, 0);
    expect(completed).toEqual(['r1']);
    expect(objects.puts.length).toBeGreaterThan(0);
    expect(counted).toBe(objects.puts.length);
  });
});

describe('nightly reconciliation', () => {
  it('reports as drift exactly the files it had to rewrite', async () => {
    const { publisher, objects } = await setup();
    const m = recordingMetrics();
    const logger = recordingLogger();
    const reconcile = makeReconcilerApp({ publisher, progress: new InMemoryRebuildProgress(), metrics: m.metrics, logger });
    await reconcile();
    // Someone (or a lost publish) left a stale copy of one feed in the bucket.
    const stale = objects.objects.get('feeds/rss.xml')!;
    objects.objects.set('feeds/rss.xml', { body: 'stale', options: { ...stale.options, sha256: 'stale' } });

    const report = await reconcile();
    const again = await reconcile();

    expect(report.written).toEqual(['feeds/rss.xml']);
    expect(objects.objects.get('feeds/rss.xml')?.body).toBe(stale.body);
    expect(again.written).toEqual([]);
    expect(m.counts.map(([, v]) => v).slice(1)).toEqual([1, 0]);
    expect(m.flushes()).toBe(3);
  });
});
