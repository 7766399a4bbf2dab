import { describe, expect, it } from '@jest/globals';
import { summaryOf } from '../../../cli/rebuild-progress';
import type { FeedKey } from '../../../shared/domain/feeds';
import type { RebuildProgressNote } from '../../../shared/ports/rebuild-store';
import { REBUILD_PAGE, makePublisherService } from '../../../shared/services/publisher-service';
import { InMemoryAnnouncementStore, InMemoryObjectStore, noHubs } from '../../support/fakes';
import { SITE } from '../../support/fixtures';

const TAGS: FeedKey[] = Array.from({ length: REBUILD_PAGE + 20 }, (_, i) => `tag:t${String(i).padStart(4, '0')}`);

describe('rebuild progress', () => {
  it('notes after each page of feeds how many of all the feeds are rendered and how many files were checked', async () => {
    // Prepare
    const store = new InMemoryAnnouncementStore();
    await store.register(['site', ...TAGS]);
    const objects = new InMemoryObjectStore();
    const publisher = makePublisherService({ index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 50, notifyHubs: noHubs });
    const notes: RebuildProgressNote[] = [];
    // Act
    const { report } = await publisher.rebuildFrom({ onProgress: async (n) => void notes.push(n) });
    // Assess: the site feed, the first registry page (which holds the site feed too), the rest; the total is every registered feed.
    expect(notes.map((n) => [n.feeds, n.total])).toEqual([
      [1, TAGS.length + 1],
      [REBUILD_PAGE, TAGS.length + 1],
      [TAGS.length + 1, TAGS.length + 1],
    ]);
    expect(notes.at(-1)!.written + notes.at(-1)!.unchanged).toBe(report.written.length + report.unchanged.length);
  });

  it('summarises a finished rebuild from its full counts, not its shortened lists', () => {
    const summary = summaryOf({
      status: 'done',
      requestedAt: '2026-11-30T03:00:00.000Z',
      finishedAt: '2026-11-30T03:00:02.500Z',
      report: { feeds: ['site'], written: ['feeds/rss.xml'], unchanged: [] },
      totals: { feeds: 9000, written: 40_000, unchanged: 12 },
    });
    expect(summary).toEqual({ feeds: 9000, written: 40_000, unchanged: 12, seconds: 2.5 });
  });
});
