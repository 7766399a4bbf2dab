import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { ProjectingAnnouncementStore } from '../support/projecting-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { makePublisherService } from '../../shared/services/publisher-service';
import { makeScheduleService } from '../../shared/services/schedule-service';
import { adminAppOn } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';

let emu: Emulators;
let api: ReturnType<typeof adminAppOn>;
/** The one clock of this file: requests and the job read it, tests move it. No sleeps. */
let now = Date.UTC(2026, 2, 16, 7, 0);
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 16, 7, 0) + minutes * 60_000);
const sent: string[] = [];

beforeAll(async () => {
  emu = await startEmulators();
  api = adminAppOn(emu, { clock: () => new Date(now), projecting: true });
});
afterAll(() => emu.stop());

/** The job and the publisher on the emulators, with every DynamoDB command they send recorded. */
function rig() {
  const doc = new Proxy(emu.doc, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return (command: { constructor: { name: string }; input: { IndexName?: string } }) => {
        sent.push(`${command.constructor.name}${command.input.IndexName ? `:${command.input.IndexName}` : ''}`);
        return target.send(command as never);
      };
    },
  });
  const store = new ProjectingAnnouncementStore(doc, emu.table);
  const publisher = makePublisherService({
    ...publisherPorts(doc, emu.table),
    objects: new S3ObjectStore(emu.s3, emu.bucket),
    site: { siteUrl: 'https://news.example.org', siteTitle: 'Herald test', siteDescription: 'd', hubs: [] },
    pageSize: 50,
  });
  return { schedule: makeScheduleService({ store }), publisher };
}

async function siteFeed(): Promise<string> {
  await rig().publisher.rebuildAll();
  const out = await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: 'feeds/feed.json' }));
  return (await out.Body?.transformToString('utf-8')) ?? '';
}

const release = (title: string, extra: Record<string, unknown>) => ({ title, language: 'en', tags: ['press'], ...extra });

describe('scheduled publishing with an injected clock', () => {
  it('keeps a scheduled item out of the feed before its time and publishes it at its time', async () => {
    now = at(0).getTime();
    // 09:00 Geneva (UTC+1 in March) is 08:00Z, an hour from now.
    const created = await api.call('POST', '/api/announcements', {
      body: release('Press release at nine, Geneva time', { status: 'scheduled', publishAt: '2026-03-16T09:00:00+01:00' }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'scheduled', publishAt: '2026-03-16T08:00:00.000Z' });
    expect(created.body.publishedAt).toBeUndefined();
    const { schedule } = rig();

    const early = await schedule.publishDue(at(59));
    expect(early.published).toEqual([]);
    expect(await siteFeed()).not.toContain('Press release at nine');

    now = at(60).getTime();
    const due = await schedule.publishDue(at(60));
    expect(due.published).toEqual([created.body.id]);
    expect(await siteFeed()).toContain('Press release at nine');
    const stored = await api.call('GET', `/api/announcements/${created.body.id}`);
    expect(stored.body).toMatchObject({ status: 'published', version: 2, updatedBy: 'scheduler', publishedAt: at(60).toISOString() });
    expect(stored.body.publishAt).toBeUndefined();
    const history = await api.call('GET', `/api/announcements/${created.body.id}/history`);
    expect(history.body.items[0]).toMatchObject({ action: 'publish', by: 'scheduler', version: 2, changed: ['publishAt', 'publishedAt', 'status'] });

    // A second run finds nothing left to do.
    expect(await schedule.publishDue(at(61))).toEqual({ published: [], skipped: [] });
  });

  it('finds due items with a Query on gsi1, never a Scan', async () => {
    sent.length = 0;
    await rig().schedule.publishDue(at(120));
    expect(sent).toContain('QueryCommand:gsi1');
    expect(sent.some((c) => c.startsWith('Scan'))).toBe(false);
  });

  it('publishes at once an item scheduled for a time already past', async () => {
    now = at(200).getTime();
    const res = await api.call('POST', '/api/announcements', {
      body: release('Late schedule', { status: 'scheduled', publishAt: '2026-03-16T07:00:00Z' }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'published', publishedAt: at(200).toISOString() });
    expect(res.body.publishAt).toBeUndefined();
    expect(await siteFeed()).toContain('Late schedule');
  });

  it('follows a reschedule and a change back to draft', async () => {
    now = at(300).getTime();
    const a = await api.call('POST', '/api/announcements', {
      body: release('Moved', { status: 'scheduled', publishAt: at(310).toISOString() }),
    });
    const b = await api.call('POST', '/api/announcements', {
      body: release('Withdrawn', { status: 'scheduled', publishAt: at(310).toISOString() }),
    });
    const moved = await api.call('PUT', `/api/announcements/${a.body.id}`, {
      body: release('Moved', { status: 'scheduled', publishAt: at(330).toISOString() }),
      headers: { 'if-match': '"v1"' },
    });
    expect(moved.status).toBe(200);
    const withdrawn = await api.call('PUT', `/api/announcements/${b.body.id}`, {
      body: release('Withdrawn', { status: 'draft' }),
      headers: { 'if-match': '"v1"' },
    });
    expect(withdrawn.status).toBe(200);
    const { schedule } = rig();
    expect((await schedule.publishDue(at(320))).published).toEqual([]);
    expect((await schedule.publishDue(at(330))).published).toEqual([a.body.id]);
    expect((await api.call('GET', `/api/announcements/${b.body.id}`)).body.status).toBe('draft');
  });

  it('never publishes a scheduled item that was retracted before its time', async () => {
    now = at(350).getTime();
    const d = await api.call('POST', '/api/announcements', {
      body: release('Called off', { status: 'scheduled', publishAt: at(355).toISOString() }),
    });
    expect((await api.call('DELETE', `/api/announcements/${d.body.id}`, { headers: { 'if-match': '"v1"' } })).status).toBe(200);
    expect((await rig().schedule.publishDue(at(356))).published).toEqual([]);
    expect((await api.call('GET', `/api/announcements/${d.body.id}`)).body).toMatchObject({ status: 'retracted', version: 2 });
    expect((await api.call('GET', `/api/announcements/${d.body.id}`)).body.publishAt).toBeUndefined();
  });

  it('publishes once when two runs of the job overlap', async () => {
    now = at(400).getTime();
    const c = await api.call('POST', '/api/announcements', {
      body: release('Overlap', { status: 'scheduled', publishAt: at(401).toISOString() }),
    });
    const [x, y] = await Promise.all([rig().schedule.publishDue(at(401)), rig().schedule.publishDue(at(401))]);
    expect([...x.published, ...y.published]).toEqual([c.body.id]);
    const history = await api.call('GET', `/api/announcements/${c.body.id}/history`);
    expect((history.body.items as { action: string }[]).map((h) => h.action)).toEqual(['publish', 'create']);
  });

  it.each([
    [{ status: 'scheduled' }, 'is required when status is scheduled'],
    [{ status: 'scheduled', publishAt: '2026-03-16T09:00:00' }, 'must be an ISO 8601 time with an offset, such as 2026-03-16T09:00:00+01:00'],
    [{ status: 'scheduled', publishAt: 'tomorrow at nine' }, 'must be an ISO 8601 time with an offset, such as 2026-03-16T09:00:00+01:00'],
    [{ status: 'draft', publishAt: '2026-03-16T09:00:00Z' }, 'is only allowed when status is scheduled'],
  ])('answers 400 naming publishAt for %j, writing nothing', async (extra, message) => {
    const before = (await api.call('GET', '/api/announcements', { query: { limit: '100' } })).body.items.length;
    const res = await api.call('POST', '/api/announcements', { body: release('Bad schedule', extra) });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ path: 'publishAt', message }]);
    expect((await api.call('GET', '/api/announcements', { query: { limit: '100' } })).body.items.length).toBe(before);
  });
});
