import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoFeedIndex } from '../../shared/adapters/dynamo-feed-index';
import { DynamoFeedRegistry } from '../../shared/adapters/dynamo-feed-registry';
import { DynamoRebuildProgress } from '../../shared/adapters/dynamo-rebuild-progress';
import { legacyFeedRegistryKey } from '../../shared/adapters/table-keys';
import type { FeedKey } from '../../shared/domain/feeds';
import type { FeedRegistry } from '../../shared/ports/feed-registry';
import { REBUILD_PAGE, makePublisherService } from '../../shared/services/publisher-service';
import { InMemoryObjectStore, noHubs } from '../support/fakes';
import { startEmulators, type Emulators } from '../support/emulators';

/** Cheap tag feeds (no items: four small files each), enough for many registry and rebuild pages. */
const TAG_FEEDS = 3_000;
const SITE = { siteUrl: 'https://news.example.org', siteTitle: 'Herald test', siteDescription: 'd', hubs: [] };
/** Tags as long as the API allows (40 characters): at 10,000 of these the former one-item registry passed 400 KB. */
const tagOf = (i: number) => `t${String(i).padStart(5, '0')}-${'x'.repeat(34)}`;
const tags = Array.from({ length: TAG_FEEDS }, (_, i) => `tag:${tagOf(i)}`);

let emu: Emulators;
let registry: DynamoFeedRegistry;
beforeAll(async () => {
  emu = await startEmulators();
  registry = new DynamoFeedRegistry(emu.doc, emu.table);
});
afterAll(() => emu.stop());

/** The registry partition's items, every page of them. */
async function registryItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await emu.doc.send(
      new QueryCommand({ TableName: emu.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'META#feeds' }, ExclusiveStartKey: start }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Wraps a registry so the test can count the pages a rebuild asked for. */
function countingPages(inner: FeedRegistry) {
  const pages: number[] = [];
  const wrapped: FeedRegistry = {
    known: (f) => inner.known(f),
    register: (f) => inner.register(f),
    page: async (o) => {
      const page = await inner.page(o);
      pages.push(page.items.length);
      return page;
    },
  };
  return { wrapped, pages };
}

describe('the feed registry on DynamoDB Local', () => {
  it('reads a registry in the former one-item layout and moves it into one item per feed', async () => {
    // Prepare: what a deployment before this change left behind.
    await emu.doc.send(new PutCommand({ TableName: emu.table, Item: { ...legacyFeedRegistryKey, feeds: new Set(['site', 'lang:en', 'tag:old']) } }));
    expect(await registry.known(['tag:old'])).toEqual(new Set());
    // Act
    const page = await registry.page({ limit: 100 });
    // Assess
    expect(page).toEqual({ items: ['lang:en', 'site', 'tag:old'] });
    expect(await registry.known(['site', 'lang:en', 'tag:old', 'tag:never'])).toEqual(new Set(['site', 'lang:en', 'tag:old']));
    const legacy = await emu.doc.send(new GetCommand({ TableName: emu.table, Key: legacyFeedRegistryKey }));
    expect(legacy.Item?.feeds).toBeUndefined();
    expect((await registry.page({ limit: 100 })).items).toEqual(['lang:en', 'site', 'tag:old']);
  });

  it("keeps a stopped rebuild's cursor beside the registry without listing it as a feed", async () => {
    // Prepare
    const progress = new DynamoRebuildProgress(emu.doc, emu.table);
    const first = await registry.page({ limit: 1 });
    expect(first.cursor).toBeDefined();
    // Act
    await progress.save(first.cursor);
    // Assess
    expect(await progress.load()).toBe(first.cursor);
    expect((await registry.page({ limit: 100 })).items).toEqual(['lang:en', 'site', 'tag:old']);
    expect(await registry.page({ limit: 100, cursor: first.cursor })).toEqual({ items: ['site', 'tag:old'] });
    await progress.save(undefined);
    expect(await progress.load()).toBeUndefined();
  });

  it(`keeps ${TAG_FEEDS} tag feeds as one small item each, and a rebuild visits every one across pages`, async () => {
    // Prepare
    const started = Date.now();
    await registry.register(tags);
    const registered = Date.now() - started;
    const { wrapped, pages } = countingPages(registry);
    const objects = new InMemoryObjectStore();
    const publisher = makePublisherService({ index: new DynamoFeedIndex(emu.doc, emu.table), registry: wrapped, objects, hashes: objects.hashes, site: SITE, pageSize: 50, notifyHubs: noHubs });
    // Act
    const rebuildStart = Date.now();
    const report = await publisher.rebuildAll();
    const rebuilt = Date.now() - rebuildStart;
    // Assess: no item holds the list, each is tiny, and the feeds are all there.
    const items = await registryItems();
    const sizes = items.map((i) => JSON.stringify(i).length);
    expect(items.filter((i) => i.type === 'feed-registration')).toHaveLength(TAG_FEEDS + 3);
    expect(Math.max(...sizes)).toBeLessThan(200);
    const everyFeed: FeedKey[] = ['lang:en', 'site', 'tag:old', ...tags].sort();
    expect(report.feeds).toEqual(everyFeed);
    for (const tag of [tagOf(0), tagOf(1234), tagOf(TAG_FEEDS - 1)]) {
      expect(objects.objects.has(`feeds/tags/${tag}/rss.xml`)).toBe(true);
    }
    // The OPML list names them all; the rebuild read the registry in pages, its own at REBUILD_PAGE.
    expect(objects.bodyOf('feeds/index.opml').match(/<outline /g)?.length).toBeGreaterThanOrEqual(everyFeed.length);
    expect(pages.filter((n) => n === REBUILD_PAGE).length).toBeGreaterThanOrEqual(Math.floor(everyFeed.length / REBUILD_PAGE) - 1);
    console.log(`registry: ${TAG_FEEDS} feeds registered in ${registered} ms; rebuild of ${everyFeed.length} empty feeds (bucket in memory) in ${rebuilt} ms, ${pages.length} registry pages`);
  });
});
