import type { Announcement } from '../../../shared/domain/announcement';
import { activitiesOf } from '../../../shared/fediverse/events';
import { webhookEventsOf } from '../../../shared/webhooks/events';
import { feedContext, entryIdOf } from '../../../shared/render/feed-context';
import { renderRss } from '../../../shared/render/rss';
import { renderAtom } from '../../../shared/render/atom';
import { renderJsonFeed } from '../../../shared/render/json-feed';
import { makePublisherService } from '../../../shared/services/publisher-service';
import { InMemoryObjectStore } from '../../support/fakes';
import { EDITOR, SITE, bangkokSeminar, serviceWithFakes } from '../../support/fixtures';

const GUID = 'https://old.example.org/?p=88';

async function setup() {
  const { service, store } = serviceWithFakes('2017-09-01T08:00:00.000Z');
  const objects = new InMemoryObjectStore();
  const pinged: string[][] = [];
  const publisher = makePublisherService({ index: store, registry: store, objects, hashes: objects.hashes, site: SITE, pageSize: 50, notifyHubs: async (topics) => { pinged.push([...topics]); return undefined; } });
  const editors = await service.create({ ...bangkokSeminar, status: 'published' }, EDITOR);
  const imported: Announcement = { ...editors, id: '00000000-0000-8000-8000-000000000088', guid: GUID, imported: true };
  await store.create(imported, { announcementId: imported.id, version: 1, action: 'create', by: 'admin', at: imported.updatedAt, changed: [] });
  return { publisher, editors, imported, pinged, objects };
}

describe('an imported version tells nobody', () => {
  it('the publisher writes its feeds but pings no WebSub hub', async () => {
    const { publisher, imported, pinged, objects } = await setup();
    const report = await publisher.publishChanges([{ after: imported }]);
    expect(report.written).toContain('feeds/rss.xml');
    expect(objects.bodyOf('feeds/rss.xml')).toContain(GUID);
    expect([report.pinged, pinged]).toEqual([[], []]);
  });

  it('a batch with an editor\'s change pings as always', async () => {
    const { publisher, imported, editors, pinged } = await setup();
    const report = await publisher.publishChanges([{ after: imported }, { after: editors }]);
    expect(report.pinged).toContain('https://news.example.org/feeds/rss.xml');
    expect(pinged).toHaveLength(1);
  });

  it('no fediverse activity and no webhook event for a created or updated imported version', async () => {
    const { imported, editors } = await setup();
    const updated = { ...imported, version: 2 };
    const changes = [{ after: imported }, { before: imported, after: updated }];
    expect(activitiesOf(changes)).toEqual([]);
    expect(webhookEventsOf(changes)).toEqual([]);
    // The same changes by an editor are announced: the rule is the mark, not the shape.
    expect(activitiesOf([{ after: editors }]).map((m) => m.activity)).toEqual(['create']);
    expect(webhookEventsOf([{ after: editors }]).map((m) => m.event)).toEqual(['announcement.published']);
  });

  it('an editor\'s later retraction of an imported item is announced (the mark is on the imported version only)', async () => {
    const { imported } = await setup();
    const { imported: _m, ...rest } = imported;
    const retracted: Announcement = { ...rest, status: 'retracted', version: 2 };
    expect(activitiesOf([{ before: imported, after: retracted }]).map((m) => m.activity)).toEqual(['delete']);
  });
});

describe('the original guid in every format', () => {
  it('is the RSS guid, the Atom id and the JSON Feed id; without one, urn:uuid of the id', async () => {
    const { imported, editors } = await setup();
    const ctx = feedContext(SITE, 'site');
    expect(renderRss(ctx, [imported])).toContain(`<guid isPermaLink="false">${GUID.replace(/&/g, '&amp;')}</guid>`);
    expect(renderAtom(ctx, [imported])).toContain(`<id>${GUID}</id>`);
    expect((JSON.parse(renderJsonFeed(ctx, [imported])) as { items: { id: string }[] }).items[0]!.id).toBe(GUID);
    expect(entryIdOf(editors)).toBe(`urn:uuid:${editors.id}`);
  });
});
