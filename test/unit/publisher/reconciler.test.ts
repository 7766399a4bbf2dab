import { describe, expect, it } from '@jest/globals';
import { makeReconcilerApp } from '../../../functions/reconciler/app';
import type { FeedKey } from '../../../shared/domain/feeds';
import type { HeraldMetrics } from '../../../shared/metrics';
import { REBUILD_PAGE, REBUILD_STOP_MARGIN_MS, makePublisherService } from '../../../shared/services/publisher-service';
import { InMemoryAnnouncementStore, InMemoryObjectStore, InMemoryRebuildProgress, noHubs, recordingLogger } from '../../support/fakes';
import { SITE } from '../../support/fixtures';
import { InMemoryFileHashes } from '../../support/memory-file-hashes';

const quietMetrics: HeraldMetrics = { count: () => undefined, flush: () => undefined };
/** More than two rebuild pages of (empty) tag feeds. */
const TAGS: FeedKey[] = Array.from({ length: REBUILD_PAGE * 2 + 50 }, (_, i) => `tag:t${String(i).padStart(4, '0')}`);

async function setup() {
  const store = new InMemoryAnnouncementStore();
  await store.register(['site', ...TAGS]);
  const objects = new InMemoryObjectStore();
  const publisher = makePublisherService({ index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 50, notifyHubs: noHubs });
  const progress = new InMemoryRebuildProgress();
  const logger = recordingLogger();
  return { objects, progress, logger, reconcile: makeReconcilerApp({ publisher, progress, metrics: quietMetrics, logger }) };
}

describe('nightly reconciliation near its timeout', () => {
  it('stops between pages when time is short, and the next runs continue until every feed was visited once', async () => {
    // Prepare: a function that always has less than the margin left, so each run does one page.
    const { progress, logger, reconcile } = await setup();
    const short = () => REBUILD_STOP_MARGIN_MS - 1;
    // Act
    const runs = [await reconcile(short), await reconcile(short), await reconcile(short)];
    // Assess
    // The registry's first page holds the site feed ('site' sorts before 'tag:'), rendered once.
    expect(runs.map((r) => r.feeds.length)).toEqual([REBUILD_PAGE, REBUILD_PAGE, 51]);
    expect(runs.flatMap((r) => r.feeds).sort()).toEqual(['site', ...TAGS].sort());
    expect(progress.saves.map((c) => c !== undefined)).toEqual([true, true, false]);
    expect(logger.entries.map((e) => [e.extra?.resumed, e.extra?.finished])).toEqual([[false, false], [true, false], [true, true]]);
  });

  it('visits every feed in one run when time allows, and starts over the night after', async () => {
    const { progress, reconcile } = await setup();
    const first = await reconcile(() => 10 * 60_000);
    const second = await reconcile(() => 10 * 60_000);
    expect(first.feeds).toEqual(['site', ...TAGS].sort());
    expect(second.feeds).toEqual(first.feeds);
    expect(progress.saves).toEqual([undefined, undefined]);
  });
});

describe('nightly reconciliation after a failed resume', () => {
  it('forgets the cursor when the resumed run fails, so the next run starts over', async () => {
    // Prepare: a cursor the registry rejects.
    const store = new InMemoryAnnouncementStore();
    await store.register(['site', ...TAGS]);
    const registry = { known: store.known.bind(store), register: store.register.bind(store), page: (o: { limit: number; cursor?: string }) => (o.cursor === 'bad' ? Promise.reject(new Error('not a feed registry cursor')) : store.page(o)) };
    const publisher = makePublisherService({ index: store, registry, objects: new InMemoryObjectStore(), hashes: new InMemoryFileHashes(), site: SITE, pageSize: 50, notifyHubs: noHubs });
    const progress = new InMemoryRebuildProgress();
    progress.cursor = 'bad';
    const reconcile = makeReconcilerApp({ publisher, progress, metrics: quietMetrics, logger: recordingLogger() });
    // Act and assess
    await expect(reconcile()).rejects.toThrow('not a feed registry cursor');
    expect(progress.cursor).toBeUndefined();
    expect((await reconcile()).feeds).toEqual(['site', ...TAGS].sort());
  });
});

describe('which rebuild re-derives the feed entries', () => {
  it('the nightly reconciliation asks for it; herald rebuild (the publisher app) does not', async () => {
    const asked: { cursor?: string; rederive?: boolean }[] = [];
    const progress = new InMemoryRebuildProgress();
    const empty = { feeds: [], written: [], unchanged: [], deleted: [], pinged: [] };
    const publisher = { rebuildFrom: async (o: { cursor?: string; rederive?: boolean }) => (asked.push({ cursor: o.cursor, rederive: o.rederive }), { report: empty }) };
    const reconcile = makeReconcilerApp({ publisher: publisher as never, progress, metrics: quietMetrics, logger: recordingLogger() });
    await reconcile();
    await progress.save('page-2');
    await reconcile();
    // With a cursor the publisher skips the re-derivation (fromStart); the flag is always passed.
    expect(asked).toEqual([{ cursor: undefined, rederive: true }, { cursor: 'page-2', rederive: true }]);
  });
});
