import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { makePublisherApp } from '../../functions/publisher/app';
import { StreamPoller } from '../../infra/local/stream-poller';
import { ensureBucket } from '../../infra/local/provision';
import { makeS3Client } from '../../shared/adapters/aws-clients';
import { DynamoRebuildStore } from '../../shared/adapters/dynamo-rebuild-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import type { HeraldLogger } from '../../shared/logger';
import { makePublisherService } from '../../shared/services/publisher-service';
import { adminAppOn } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';
import { bucketContents, digests, eventually, feedProblems, seededRandom } from './support';
import { publisherPorts } from '../support/publisher-ports';
import { DynamoRebuildProgress } from '../../shared/adapters/dynamo-rebuild-progress';

/**
 * S3 PutObject fails 30% of the time (seeded): half before the request is
 * sent, half after the object landed but before the answer (the ambiguous
 * case). The publisher also crashes after 10% of its batches. 100
 * announcements are posted, edited and retracted through the admin app, the
 * stream poller and the publisher app; once the retries settle, every feed
 * object must equal what a fault-free full rebuild renders into a second bucket.
 */
const quiet: HeraldLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SITE = { siteUrl: 'https://news.example.org', siteTitle: 'Herald fault test', siteDescription: 'd', hubs: [] };
const CLEAN_BUCKET = 'herald-clean';
let emu: Emulators;
const faults = { before: 0, after: 0, crashes: 0, batches: 0, puts: 0 };
const delivered: DynamoDBRecord[] = [];

/** An S3 client on the emulator whose PutObject fails at the seeded rate. */
function faultyS3(seed: number, rate: number): S3Client {
  const rng = seededRandom(seed);
  const s3 = makeS3Client({ region: 'us-east-1', s3Endpoint: emu.endpoints.s3 });
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'PutObjectCommand') return next(args);
      faults.puts += 1;
      const roll = rng();
      if (roll < rate / 2) {
        faults.before += 1;
        throw Object.assign(new Error('injected: PutObject failed before sending'), { name: 'InjectedFault' });
      }
      const out = await next(args);
      if (roll < rate) {
        faults.after += 1;
        throw Object.assign(new Error('injected: PutObject answer lost after the write'), { name: 'InjectedFault' });
      }
      return out;
    },
    { step: 'initialize', name: 'injectPutObjectFaults' },
  );
  return s3;
}

/** Counts PutObject calls on a client (fault-free). */
function countingS3(counter: { puts: number }): S3Client {
  const s3 = makeS3Client({ region: 'us-east-1', s3Endpoint: emu.endpoints.s3 });
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'PutObjectCommand') counter.puts += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countPutObject' },
  );
  return s3;
}

const publisherOn = (s3: S3Client, bucket: string) =>
  makePublisherService({ ...publisherPorts(emu.doc, emu.table), objects: new S3ObjectStore(s3, bucket), site: SITE, pageSize: 50 });

const appOn = (s3: S3Client, bucket: string) =>
  makePublisherApp({ publisher: publisherOn(s3, bucket), rebuilds: new DynamoRebuildStore(emu.doc, emu.table), progress: new DynamoRebuildProgress(emu.doc, emu.table), clock: () => new Date(), logger: quiet });

/** key -> ETag for a whole bucket, one List call (cheap enough to poll). */
async function etags(bucket: string): Promise<Record<string, string>> {
  const out = await emu.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  return Object.fromEntries((out.Contents ?? []).map((o) => [o.Key!, o.ETag!]).sort(([a], [b]) => a!.localeCompare(b!)));
}

beforeAll(async () => {
  emu = await startEmulators();
  await ensureBucket(emu.s3, CLEAN_BUCKET);
}, 120_000);
afterAll(() => emu.stop());

/**
 * A full rebuild re-renders only the pages of the site feed's newest items, so
 * pages of older announcements exist only where they were published one by
 * one. Drops those (and only those: news/ pages the clean bucket lacks).
 */
function beyondWindow<T>(faulty: Record<string, T>, clean: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(faulty).filter(([k]) => k in clean || !k.startsWith('news/')));
}

describe('publishing under S3 faults (DynamoDB Local stream -> poller -> publisher -> s3rver)', () => {
  it('converges on exactly the feeds a clean full rebuild renders, after 30% of PutObjects fail', async () => {
    // Prepare
    const api = adminAppOn(emu);
    const app = appOn(faultyS3(7, 0.3), emu.bucket);
    const crash = seededRandom(11);
    /** The publisher's last batch: settled once it succeeded and nothing new came for a while. */
    const idle = { busy: false, ok: true, since: Date.now() };
    const settled = () => !idle.busy && idle.ok && Date.now() - idle.since > 750;
    const poller = new StreamPoller({
      streams: emu.streams,
      streamArn: emu.streamArn,
      checkpointFile: join(mkdtempSync(join(tmpdir(), 'herald-faults-')), 'checkpoint.json'),
      handler: async (event: DynamoDBStreamEvent) => {
        faults.batches += 1;
        idle.busy = true;
        delivered.push(...event.Records);
        try {
          const result = await app(event);
          // A crash after publishing, before the checkpoint: the batch comes again.
          if (result.batchItemFailures.length === 0 && crash() < 0.1) {
            faults.crashes += 1;
            throw new Error('injected: publisher crashed after its writes');
          }
          idle.ok = result.batchItemFailures.length === 0;
          return result;
        } catch (err) {
          idle.ok = false;
          throw err;
        } finally {
          idle.busy = false;
          idle.since = Date.now();
        }
      },
      logger: quiet,
      idleMs: 20,
    });
    const tags = ['msp', 'seminar', 'statement', 'report', 'bangkok', 'kampala'];
    let edits = 0;
    let retractions = 0;
    const retracted: string[] = [];
    /** One of four concurrent editors: posts every fourth announcement, edits and retracts its own (seeded). */
    async function lane(l: number): Promise<void> {
      const rng = seededRandom(2017 + l);
      const pick = <T>(xs: T[]): T => xs[Math.floor(rng() * xs.length)]!;
      const input = (i: number, edit = 0) => ({
        title: `Announcement ${i}${edit ? ` (edit ${edit})` : ''} & <friends>`,
        summary: `Summary ${i}: ]]> "quoted"`,
        body: `Body of **${i}**, edit ${edit}`,
        language: pick(['en', 'fr', 'es']),
        tags: [...new Set([pick(tags), pick(tags)])],
        status: rng() < 0.85 ? 'published' : 'draft',
      });
      const live: { id: string; etag: string; n: number }[] = [];
      for (let i = l; i < 100; i += 4) {
        const created = await api.call('POST', '/api/announcements', { body: input(i) });
        expect(created.status).toBe(201);
        live.push({ id: created.body.id, etag: created.headers.etag!, n: i });
        if (i % 3 === 2) {
          const target = pick(live);
          const edited = await api.call('PUT', `/api/announcements/${target.id}`, { body: input(target.n, ++edits), headers: { 'if-match': target.etag } });
          expect(edited.status).toBe(200);
          target.etag = edited.headers.etag!;
        }
        if (i % 7 === 6) {
          const target = live.splice(Math.floor(rng() * live.length), 1)[0]!;
          const gone = await api.call('DELETE', `/api/announcements/${target.id}`, { headers: { 'if-match': target.etag } });
          expect(gone.status).toBe(200);
          retracted.push(target.id);
          retractions += 1;
        }
      }
    }

    // Act
    poller.start();
    try {
      await Promise.all([0, 1, 2, 3].map(lane));
      // A last word in feeds of its own: no later batch re-renders them, so only a retry can.
      const last = await api.call('POST', '/api/announcements', {
        body: { title: 'The last word', language: 'de', tags: ['last-word'], status: 'published' },
      });
      expect(last.status).toBe(201);
      // Assess: wait for the faulty pipeline to settle on what a clean rebuild writes.
      const clean = publisherOn(emu.s3, CLEAN_BUCKET);
      await eventually(
        async () => {
          if (!settled()) return false;
          await clean.rebuildAll();
          return JSON.stringify(beyondWindow(await etags(emu.bucket), await etags(CLEAN_BUCKET))) === JSON.stringify(await etags(CLEAN_BUCKET));
        },
        // Every publish also writes its RFC 5005 archives (as in production), about twice the
        // PutObjects of the feeds alone: 33 s alone on this machine, up to 60 s beside the other jest worker.
        90_000,
        async () => `faults ${JSON.stringify(faults)}\nfaulty ${JSON.stringify(await etags(emu.bucket))}\nclean ${JSON.stringify(await etags(CLEAN_BUCKET))}`,
      );
    } finally {
      await poller.stop();
    }
    expect(edits).toBeGreaterThanOrEqual(30);
    expect(retractions).toBeGreaterThanOrEqual(10);
    // The faults really happened, of both kinds, and batches were redelivered.
    expect(faults.before).toBeGreaterThan(5);
    expect(faults.after).toBeGreaterThan(5);
    expect(faults.crashes + faults.before + faults.after).toBeGreaterThan(10);
    const faulty = await bucketContents(emu.s3, emu.bucket);
    const expected = await bucketContents(emu.s3, CLEAN_BUCKET);
    expect(faulty.size).toBeGreaterThan(20);
    expect(beyondWindow(digests(faulty), digests(expected))).toEqual(digests(expected));
    // What only the incremental path wrote: pages of announcements older than the rebuild's window.
    const extra = Object.keys(digests(faulty)).filter((k) => !(k in digests(expected)));
    expect(extra.every((k) => /^news\/[a-z0-9-]+\/index\.html$/.test(k))).toBe(true);
    expect(await feedProblems(faulty)).toEqual([]);
    // An ambiguous failure never leaves metadata that lies about the bytes (it would stop a later rewrite).
    for (const [key, body] of faulty) {
      const head = await emu.s3.send(new HeadObjectCommand({ Bucket: emu.bucket, Key: key }));
      // The recorded hash covers the headers that were written with the bytes (and the bytes' own sha256).
      const written = `${head.ContentType}\n${head.CacheControl}\n${createHash('sha256').update(body, 'utf8').digest('hex')}`;
      expect(`${key} ${head.Metadata?.sha256}`).toBe(`${key} ${createHash('sha256').update(written, 'utf8').digest('hex')}`);
    }
    // Independently of the rebuild: no retracted announcement is left in any feed file.
    const leaked = [...faulty].flatMap(([key, body]) => retracted.filter((id) => body.includes(id)).map((id) => `${key}: ${id}`));
    expect(leaked).toEqual([]);
    expect(retracted.length).toBe(retractions);
    expect(faulty.get('feeds/tags/last-word/feed.json')).toContain('The last word');
  }, 180_000);

  it('changes nothing when the stream redelivers records duplicated, reversed or shuffled', async () => {
    // Prepare: a fault-free publisher app that counts its writes, over the converged bucket.
    expect(delivered.length).toBeGreaterThan(100);
    const counter = { puts: 0 };
    const app = appOn(countingS3(counter), emu.bucket);
    const before = digests(await bucketContents(emu.s3, emu.bucket));
    const rng = seededRandom(42);
    const shuffled = [...delivered, ...delivered].map((r) => ({ r, k: rng() })).sort((a, b) => a.k - b.k).map((x) => x.r);
    const batches: DynamoDBRecord[][] = [
      delivered,
      [...delivered].reverse(),
      ...Array.from({ length: 4 }, (_, i) => shuffled.slice((i * shuffled.length) / 4, ((i + 1) * shuffled.length) / 4)),
    ];
    // Act
    const written: string[] = [];
    for (const Records of batches) {
      const result = await app({ Records });
      expect(result.batchItemFailures).toEqual([]);
      written.push(...(result.report?.written ?? []));
    }
    // Assess
    expect(written).toEqual([]);
    expect(counter.puts).toBe(0);
    expect(digests(await bucketContents(emu.s3, emu.bucket))).toEqual(before);
  }, 60_000);
});
