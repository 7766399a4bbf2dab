import { afterAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../../infra/local/ports';
import { makeWebSubNotifier } from '../../shared/adapters/websub-notifier';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import type { HeraldLogger } from '../../shared/logger';
import { makePublisherService } from '../../shared/services/publisher-service';
import { startHubStandIn } from '../support/hub-stand-in';
import { MemoryObjectStore, REACH_INPUTS, reachStore, SITE } from './support/reach-fixtures';

/**
 * WebSub publish pings, through the real HTTP notifier to a hub stand-in on
 * loopback: one ping per changed feed file per change, none for unchanged
 * feeds; a flaky hub is retried, a dead one is logged, and publishing
 * carries on either way.
 */
const hub = await startHubStandIn();
const dead = `http://127.0.0.1:${await freePort()}/`;
const logs: { level: string; message: string; extra: Record<string, unknown> }[] = [];
const logger: HeraldLogger = {
  info: (message, extra) => logs.push({ level: 'info', message, extra }),
  warn: (message, extra) => logs.push({ level: 'warn', message, extra }),
  error: (message, extra) => logs.push({ level: 'error', message, extra }),
};
afterAll(() => hub.stop());

const { store, byKey, service, by } = await reachStore();
const objects = new MemoryObjectStore();
const hubs = [`${hub.base}/ok`, `${hub.base}/flaky`, dead];
const publisher = makePublisherService({
  index: store,
  registry: store,
  objects, hashes: objects.hashes,
  site: { ...SITE, hubs },
  pageSize: 50,
  notifyHubs: makeWebSubNotifier({ hubs, logger, baseDelayMs: 20, timeoutMs: 2000 }),
});
const topics = (h: string) => hub.pings.filter((p) => p.hub === h).map((p) => p.topic!).sort();
// Everything is already published (by a publisher with no hubs); the meeting is then edited.
await makePublisherService({ index: store, registry: store, objects, hashes: objects.hashes, site: { ...SITE, hubs }, pageSize: 50, notifyHubs: async () => undefined }).publishChanges(
  Object.values(byKey).map((after) => ({ after })),
);
const edit = async (key: string, changes: Record<string, unknown>) => {
  const prev = (await store.get(byKey[key]!.id))!;
  const input = parseOrThrow(AnnouncementInput, { ...REACH_INPUTS[key], ...changes, status: 'published' });
  return { before: prev, after: await service.update(prev.id, input, `"v${prev.version}"`, by) };
};

describe('WebSub publish pings', () => {
  it('pings every hub once for each changed RSS, Atom and JSON file, as a form POST', async () => {
    // The meeting's own feeds change; its translations' feeds (fr, es) link it
    // by title and URL, which did not change, so their bytes do not change.
    const report = await publisher.publishChanges([await edit('msp7', { summary: 'States Parties meet in Geneva: the agenda is out.' })]);
    const expected = ['feeds/', 'feeds/en/', 'feeds/tags/7msp/', 'feeds/tags/meetings/']
      .flatMap((p) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${SITE.siteUrl}/${p}${f}`))
      .sort();
    expect(report.pinged.sort()).toEqual(expected);
    expect(topics('ok')).toEqual(expected);
    expect(hub.pings.every((p) => p.mode === 'publish' && p.contentType === 'application/x-www-form-urlencoded')).toBe(true);
    // What each hub answered, per topic, for the delivery record: ok at once, flaky on its retry, dead never.
    const answers = (h: string) => (report.hubAnswers ?? []).filter((a) => a.hub === h).map((a) => [a.topic, a.outcome, a.attempts]).sort();
    expect(answers(`${hub.base}/ok`)).toEqual(expected.map((t) => [t, 'accepted', 1]));
    expect(answers(`${hub.base}/flaky`)).toEqual(expected.map((t) => [t, 'accepted', 2]));
    expect(answers(dead)).toEqual(expected.map((t) => [t, 'failed', 3]));
  });

  it('retries a hub that answered 503, once more per topic', () => {
    expect(topics('flaky')).toEqual([...topics('ok'), ...topics('ok')].sort());
    expect(logs.filter((l) => l.message === 'websub ping accepted' && l.extra.hub === `${hub.base}/flaky`).every((l) => l.extra.attempt === 2)).toBe(true);
  });

  it('logs a dead hub as failed and still publishes', () => {
    const failed = logs.filter((l) => l.message === 'websub ping failed');
    expect(failed).toHaveLength(12);
    expect(failed.every((l) => l.extra.hub === dead)).toBe(true);
    expect(objects.objects.has('feeds/rss.xml')).toBe(true);
  });

  it('sends nothing for a redelivered change whose feeds did not change', async () => {
    const before = hub.pings.length;
    const report = await publisher.publishChanges([{ after: (await store.get(byKey.msp7!.id))! }]);
    expect(report.written).toEqual([]);
    expect(hub.pings.length).toBe(before);
  });

  it('gives up on a hub that never answers within its bounded retries, and a refusing hub is not retried', async () => {
    const quiet: HeraldLogger = { info: () => undefined, warn: (m, x) => logs.push({ level: 'warn', message: m, extra: x }), error: () => undefined };
    const notify = makeWebSubNotifier({ hubs: [`${hub.base}/hang`, `${hub.base}/refuse`], logger: quiet, attempts: 2, baseDelayMs: 20, timeoutMs: 200 });
    hub.pings.length = 0;
    const started = Date.now();
    const answers = await notify(['https://news.example.org/feeds/rss.xml', 'https://news.example.org/feeds/atom.xml']);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((answers ?? []).map((a) => [a.hub.replace(hub.base, ''), a.outcome, a.attempts, a.detail]).sort()).toEqual([
      ['/hang', 'failed', 2, expect.any(String)],
      ['/hang', 'failed', 2, expect.any(String)],
      ['/refuse', 'refused', 1, expect.stringMatching(/^HTTP 4\d\d$/)],
      ['/refuse', 'refused', 1, expect.stringMatching(/^HTTP 4\d\d$/)],
    ]);
    expect(topics('hang')).toHaveLength(4);
    expect(topics('refuse')).toHaveLength(2);
  });

  it('pings only the feeds an edit changed, not the others', async () => {
    hub.pings.length = 0;
    await publisher.publishChanges([await edit('rakitje', { summary: 'Regional seminar in Rakitje, Croatia, 10-11 June.' })]);
    const changed = ['feeds/', 'feeds/en/', 'feeds/tags/seminar/'].flatMap((p) => ['rss.xml', 'atom.xml', 'feed.json'].map((f) => `${SITE.siteUrl}/${p}${f}`)).sort();
    expect(topics('ok')).toEqual(changed);
    expect(topics('ok').some((t) => t.includes('/7msp/') || t.includes('/fr/'))).toBe(false);
  });
});
