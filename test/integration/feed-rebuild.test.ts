import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePublisherApp } from '../../functions/publisher/app';
import { StreamPoller } from '../../infra/local/stream-poller';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { DynamoRebuildStore } from '../../shared/adapters/dynamo-rebuild-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import type { HeraldLogger } from '../../shared/logger';
import { makePublisherService } from '../../shared/services/publisher-service';
import { adminAppOn } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';
import { DynamoRebuildProgress } from '../../shared/adapters/dynamo-rebuild-progress';

const quiet: HeraldLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
let emu: Emulators;
let api: ReturnType<typeof adminAppOn>;
let poller: StreamPoller;

beforeAll(async () => {
  emu = await startEmulators();
  api = adminAppOn(emu);
  const publisher = makePublisherService({
    ...publisherPorts(emu.doc, emu.table),
    objects: new S3ObjectStore(emu.s3, emu.bucket),
    site: { siteUrl: 'https://news.example.org', siteTitle: 'Herald test', siteDescription: 'd', hubs: [] },
    pageSize: 50,
  });
  poller = new StreamPoller({
    streams: emu.streams,
    streamArn: emu.streamArn,
    checkpointFile: join(mkdtempSync(join(tmpdir(), 'herald-rebuild-')), 'checkpoint.json'),
    handler: makePublisherApp({ publisher, rebuilds: new DynamoRebuildStore(emu.doc, emu.table), progress: new DynamoRebuildProgress(emu.doc, emu.table), clock: () => new Date(), logger: quiet }),
    logger: quiet,
    idleMs: 20,
  });
  poller.start();
});
afterAll(async () => {
  await poller.stop();
  await emu.stop();
});

/** Requests a rebuild and polls its URL (the publisher runs it off the stream) until it is done. */
async function rebuild() {
  const accepted = await api.call('POST', '/api/feeds/rebuild');
  expect(accepted.status).toBe(202);
  expect(accepted.body).toMatchObject({ status: 'pending', requestedBy: 'bootstrap-admin' });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const res = await api.call('GET', accepted.headers.location!);
    expect(res.status).toBe(200);
    if (res.body.status === 'done') return res.body as { report: { feeds: string[]; written: string[]; unchanged: string[] } };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('rebuild never finished');
}

describe('POST /api/feeds/rebuild, run by the publisher from the stream', () => {
  it('re-renders every feed and reports what it wrote and what was already right', async () => {
    const posted = await api.call('POST', '/api/announcements', { body: { title: 'Statement', language: 'pt-BR', tags: ['statement'], status: 'published' } });
    expect(posted.status).toBe(201);
    // Lose one file behind Herald's back; the rebuild must put it back and touch nothing else.
    const first = await rebuild();
    expect(first.report.feeds).toEqual(['lang:pt-BR', 'site', 'tag:statement']);
    await emu.s3.send(new DeleteObjectCommand({ Bucket: emu.bucket, Key: 'feeds/tags/statement/atom.xml' }));
    const second = await rebuild();
    expect(second.report.written).toEqual(['feeds/tags/statement/atom.xml']);
    // The other eleven feed files (3 feeds x RSS, Atom, JSON, iCalendar), the twelve of
    // their archives of this month, the OPML index, the stylesheet, the home page and the
    // item's page were already right.
    expect(second.report.unchanged).toHaveLength(27);
  });

  it('is for admins only', async () => {
    const editor = (await api.call('POST', '/api/tokens', { body: { subject: 'ed', role: 'editor' } })).body.token as string;
    expect((await api.call('POST', '/api/feeds/rebuild', { token: editor })).status).toBe(403);
    expect((await api.call('GET', '/api/feeds/rebuilds/00000000-0000-4000-8000-000000000000', { token: editor })).status).toBe(403);
    expect((await api.call('GET', '/api/feeds/rebuilds/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
