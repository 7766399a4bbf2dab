import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoRebuildStore } from '../../shared/adapters/dynamo-rebuild-store';
import type { PublishReport } from '../../shared/services/publisher-service';
import { startEmulators, type Emulators } from '../support/emulators';

let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(() => emu.stop());

/** What a rebuild at 10,000 tag feeds reports: eight files a feed, every one unchanged. */
function reportAt(feeds: number): PublishReport {
  const keys = Array.from({ length: feeds }, (_, i) => `tag:t${String(i).padStart(5, '0')}-${'x'.repeat(34)}`);
  const files = keys.flatMap((k) => ['rss.xml', 'atom.xml', 'feed.json', 'events.ics'].flatMap((f) => [`feeds/tags/${k.slice(4)}/${f}`, `feeds/tags/${k.slice(4)}/archive/2030-01/${f}`]));
  return { feeds: keys, written: files.slice(0, 3), unchanged: files.slice(3), deleted: [], pinged: [] };
}

describe('DynamoRebuildStore on DynamoDB Local', () => {
  it('records the outcome of a rebuild at 10,000 feeds: counts of everything, the first keys of each list', async () => {
    // Prepare
    const store = new DynamoRebuildStore(emu.doc, emu.table);
    const at = '2026-11-29T03:00:00.000Z';
    await store.request({ id: 'r-10k', requestedBy: 'admin', requestedAt: at, status: 'pending' });
    const report = reportAt(10_000);
    // Act
    await store.complete('r-10k', report, at, true);
    // Assess
    const done = await store.get('r-10k');
    expect(done).toMatchObject({ status: 'done', finishedAt: at, finished: true, totals: { feeds: 10_000, written: 3, unchanged: 79_997, deleted: 0, pinged: 0 } });
    expect(done?.report?.written).toEqual(report.written);
    expect(done?.report?.feeds).toEqual(report.feeds.slice(0, done?.report?.feeds.length));
    expect(done?.report?.unchanged.length).toBeGreaterThan(0);
    expect(done?.report?.unchanged.length).toBeLessThan(1_000);
  });
});
