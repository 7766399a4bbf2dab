import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePublisherApp } from '../../functions/publisher/app';
import { ensureBucket } from '../../infra/local/provision';
import { StreamPoller } from '../../infra/local/stream-poller';
import { makeS3Client } from '../../shared/adapters/aws-clients';
import { DynamoDeferredRenders } from '../../shared/adapters/dynamo-deferred-renders';
import { DynamoRebuildProgress } from '../../shared/adapters/dynamo-rebuild-progress';
import { DynamoRebuildStore } from '../../shared/adapters/dynamo-rebuild-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import type { HeraldLogger } from '../../shared/logger';
import type { DeferredRenders } from '../../shared/ports/deferred-renders';
import { makeDeferredRender } from '../../shared/services/deferred-render';
import { makePublisherService } from '../../shared/services/publisher-service';
import { adminAppOn } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';
import { bucketContents, digests, eventually, feedProblems } from './support';

/**
 * Imports whose renders are deferred (shared/services/deferred-render.ts),
 * through the admin API, the stream poller and the publisher app on the
 * emulators: the record of what to render survives a failed write of that
 * record (the batch is retried) and a step that dies half-way (nothing is
 * forgotten), the finished result is what a clean full rebuild writes, and
 * an editor's change is published while the import's renders still wait.
 */
const quiet: HeraldLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SITE = { siteUrl: 'https://news.example.org', siteTitle: 'Herald deferred test', siteDescription: 'd', hubs: [] };
const CLEAN_BUCKET = 'herald-clean-deferred';
const IMPORTED = 60;
let emu: Emulators;

beforeAll(async () => {
  emu = await startEmulators();
  await ensureBucket(emu.s3, CLEAN_BUCKET);
}, 120_000);
afterAll(() => emu.stop());

/**
 * An S3 client whose PutObject fails from the `after`-th call on (a step that
 * dies half-way); `inFlight` counts requests sent and not answered, so the
 * test can wait for a dead step's last writes as a process's death would end them.
 */
function dyingS3(after: number): { s3: S3Client; inFlight: () => number } {
  const s3 = makeS3Client({ region: 'us-east-1', s3Endpoint: emu.endpoints.s3 });
  let puts = 0;
  let sent = 0;
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutObjectCommand' && ++puts >= after) throw Object.assign(new Error('injected: step died'), { name: 'InjectedFault' });
      sent += 1;
      try {
        return await next(args);
      } finally {
        sent -= 1;
      }
    },
    { step: 'initialize', name: 'dieAfterPuts' },
  );
  return { s3, inFlight: () => sent };
}

const publisherOn = (s3: S3Client, bucket: string, pinged: string[] = []) =>
  makePublisherService({ ...publisherPorts(emu.doc, emu.table), notifyHubs: async (topics) => void pinged.push(...topics), objects: new S3ObjectStore(s3, bucket), site: SITE, pageSize: 50 });

/** Old items, four a month back from January 2019 (the bucket stays under one List page), two tags. */
const itemOf = (i: number) => ({
  guid: `https://old.example.org/?p=${i}`,
  title: `Archived report ${i}`,
  html: `<p>Report ${i} from the <strong>seminar</strong>.</p>`,
  language: i % 3 ? 'en' : 'fr',
  tags: ['archive', `year-${2019 - Math.floor(i / 48)}`],
  publishedAt: new Date(Date.UTC(2019, -Math.floor(i / 4), 20 - (i % 4))).toISOString(),
});

describe('deferred renders of an import (DynamoDB Local stream -> poller -> publisher -> s3rver)', () => {
  it('lose nothing when recording fails or a step dies, publish an editor\'s change without waiting, and end as a clean rebuild', async () => {
    // Prepare: the record's first write fails (the batch is retried); no step runs until the test says so.
    const table = new DynamoDeferredRenders(emu.doc, emu.table);
    let failMark = 1;
    const renders: Pick<DeferredRenders, 'mark' | 'pending' | 'done' | 'touch' | 'touchedSince'> = {
      mark: async (batch) => {
        if (failMark-- > 0) throw new Error('injected: record not written');
        return table.mark(batch);
      },
      pending: (limit) => table.pending(limit),
      done: (ids) => table.done(ids),
      touch: (note) => table.touch(note),
      touchedSince: (since) => table.touchedSince(since),
    };
    const pinged: string[] = [];
    const publisher = publisherOn(emu.s3, emu.bucket, pinged);
    let signals = 0;
    const deferredOf = (p: typeof publisher) => makeDeferredRender({ publisher: p, index: publisherPorts(emu.doc, emu.table).index, window: 50, renders, signal: async () => void (signals += 1) });
    const app = makePublisherApp({ publisher, rebuilds: new DynamoRebuildStore(emu.doc, emu.table), progress: new DynamoRebuildProgress(emu.doc, emu.table), clock: () => new Date(), logger: quiet, deferred: deferredOf(publisher) });
    const idle = { busy: false, ok: true, since: Date.now() };
    const settled = () => !idle.busy && idle.ok && Date.now() - idle.since > 750;
    const poller = new StreamPoller({
      streams: emu.streams,
      streamArn: emu.streamArn,
      checkpointFile: join(mkdtempSync(join(tmpdir(), 'herald-deferred-')), 'checkpoint.json'),
      handler: async (event: DynamoDBStreamEvent) => {
        idle.busy = true;
        try {
          const result = await app(event);
          idle.ok = result.batchItemFailures.length === 0;
          return result;
        } finally {
          idle.busy = false;
          idle.since = Date.now();
        }
      },
      logger: quiet,
      idleMs: 20,
    });
    const api = adminAppOn(emu);
    const siteRss = () => emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: 'feeds/rss.xml' })).then((o) => o.Body!.transformToString('utf-8'), () => '');
    // s3rver answers a List now and then with a 500 on a loaded machine: read the bucket again.
    const contents = (bucket: string) => bucketContents(emu.s3, bucket).catch(() => bucketContents(emu.s3, bucket));

    poller.start();
    try {
      // Act 1: the import, in batches of 25; then an editor's announcement.
      for (let i = 0; i < IMPORTED; i += 25) {
        const res = await api.call('POST', '/api/import', { body: { items: Array.from({ length: Math.min(25, IMPORTED - i) }, (_, k) => itemOf(i + k)) } });
        expect(res.status).toBe(200);
      }
      const posted = await api.call('POST', '/api/announcements', { body: { title: 'Editor news during the import', language: 'en', tags: ['archive'], status: 'published' } });
      expect(posted.status).toBe(201);
      await eventually(async () => settled() && (await siteRss()).includes('Editor news during the import'), 60_000);

      // Assess 1: the editor's change is out (its feeds read what of the imports was projected by then); the imports' pages wait, recorded.
      const waiting = await table.pending(100);
      expect(waiting.batches.length).toBeGreaterThan(0);
      expect(new Set(waiting.batches.flatMap((b) => b.work.ids)).size).toBe(IMPORTED);
      expect(signals).toBeGreaterThan(0);
      expect([...(await contents(emu.bucket)).keys()].filter((k) => k.includes('archived-report'))).toEqual([]);

      // Act 2: a step that dies after a few writes; then one on a fresh publisher, as after a restart.
      const dead = dyingS3(5);
      await expect(deferredOf(publisherOn(dead.s3, emu.bucket, pinged)).step()).rejects.toThrow('injected');
      await eventually(async () => dead.inFlight() === 0, 30_000);
      expect((await table.pending(100)).batches.length).toBe(waiting.batches.length);
      const fresh = deferredOf(publisherOn(emu.s3, emu.bucket, pinged));
      const pingedBefore = pinged.length;
      let step = await fresh.step();
      while (step.more) step = await fresh.step();

      // Assess 2: nothing left; every imported page written; no hub told; the bucket is a clean rebuild's.
      expect((await table.pending(100)).batches).toEqual([]);
      expect(pinged.length).toBe(pingedBefore);
      const objects = await contents(emu.bucket);
      expect([...objects.keys()].filter((k) => k.startsWith('news/archived-report')).length).toBe(IMPORTED);
      expect(await feedProblems(objects)).toEqual([]);
      await publisherOn(emu.s3, CLEAN_BUCKET).rebuildAll();
      const clean = digests(await contents(CLEAN_BUCKET));
      // A rebuild renders the site window's pages only: compare everything it wrote.
      const ours = digests(objects);
      expect(Object.fromEntries(Object.keys(clean).map((k) => [k, ours[k]]))).toEqual(clean);
      expect(Object.keys(ours).filter((k) => !(k in clean) && !k.startsWith('news/'))).toEqual([]);
    } finally {
      await poller.stop();
    }
  }, 180_000);
});
