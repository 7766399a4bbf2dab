import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { makeReconcilerApp } from '../../functions/reconciler/app';
import { makeS3Client } from '../../shared/adapters/aws-clients';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { DynamoFileHashes } from '../../shared/adapters/dynamo-file-hashes';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { auditOf } from '../../shared/domain/audit';
import type { Announcement } from '../../shared/domain/announcement';
import { noMetrics } from '../../shared/metrics';
import { makePublisherService } from '../../shared/services/publisher-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { InMemoryRebuildProgress, recordingLogger, sha256 } from '../support/fakes';
import { bangkokSeminar, msp7En, stored } from '../support/fixtures';
import { publisherPorts } from '../support/publisher-ports';

const SITE = { siteUrl: 'https://news.example.org', siteTitle: 'Herald test', siteDescription: 'd', hubs: [] };
const RSS = 'feeds/rss.xml';
let emu: Emulators;
/** The fault to inject into the next PutObject of feeds/rss.xml, if any. */
let fault: 'before' | 'after' | undefined;

/** An S3 client whose PutObject of rss.xml fails once, before sending or after the write (the answer lost). */
function faultyS3(): S3Client {
  const s3 = makeS3Client({ region: 'us-east-1', s3Endpoint: emu.endpoints.s3 });
  s3.middlewareStack.add(
    (next, context) => async (args) => {
      const input = (args as { input: { Key?: string } }).input;
      if (context.commandName !== 'PutObjectCommand' || input.Key !== RSS || !fault) return next(args);
      const when = fault;
      fault = undefined;
      if (when === 'before') throw Object.assign(new Error('injected: PutObject failed before sending'), { name: 'InjectedFault' });
      await next(args);
      throw Object.assign(new Error('injected: PutObject answer lost after the write'), { name: 'InjectedFault' });
    },
    { step: 'initialize', name: 'injectRssFault' },
  );
  return s3;
}

let publisher: ReturnType<typeof makePublisherService>;
let store: DynamoAnnouncementStore;
beforeAll(async () => {
  emu = await startEmulators();
  store = new DynamoAnnouncementStore(emu.doc, emu.table);
  publisher = makePublisherService({ ...publisherPorts(emu.doc, emu.table), objects: new S3ObjectStore(faultyS3(), emu.bucket), site: SITE, pageSize: 50 });
});
afterAll(() => emu.stop());

const body = async (key: string) => {
  const out = await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: key })).catch(() => undefined);
  return out && (await out.Body!.transformToString());
};
const recorded = async (key: string) => (await new DynamoFileHashes(emu.doc, emu.table).getMany([`${emu.bucket}/${key}`])).get(`${emu.bucket}/${key}`);
const hashOfStored = async (key: string) => sha256(`application/rss+xml; charset=utf-8\n${(await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: key }))).CacheControl}\n${sha256((await body(key)) ?? '')}`);
const create = async (a: Announcement) => {
  await store.create(a, auditOf('create', undefined, a));
  return a;
};
const reconcile = () => makeReconcilerApp({ publisher, progress: new InMemoryRebuildProgress(), metrics: noMetrics, logger: recordingLogger() })();

describe('a skipped write is never a lost write', () => {
  let published: string;

  beforeAll(async () => {
    const a = await create(await stored(msp7En));
    await publisher.publishChanges([{ after: a }]);
    published = (await body(RSS))!;
  });

  it('repairs at the nightly reconciliation an object deleted by hand while its record says written', async () => {
    await emu.s3.send(new DeleteObjectCommand({ Bucket: emu.bucket, Key: RSS }));
    expect(await recorded(RSS)).toBeDefined();

    const report = await reconcile();
    expect(report.written).toContain(RSS);
    expect(await body(RSS)).toBe(published);
  });

  it('repairs at the nightly reconciliation an object whose bytes differ from its record', async () => {
    await emu.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: RSS, Body: '<rss>defaced</rss>', ContentType: 'application/rss+xml' }));

    const report = await reconcile();
    expect(report.written).toEqual([RSS]);
    expect(await body(RSS)).toBe(published);
  });

  it.each(['before', 'after'] as const)('records nothing for a PutObject that fails %s sending, and the retried publish writes it', async (when) => {
    const before = await recorded(RSS);
    const seminar = await stored({ ...bangkokSeminar, title: `Bangkok seminar (${when})` }, '2017-09-02T08:00:00.000Z');
    const b = await create({ ...seminar, id: randomUUID() });
    fault = when;
    await expect(publisher.publishChanges([{ after: b }])).rejects.toThrow('injected');
    // No false record: the record still names what was there before the failed write.
    expect(await recorded(RSS)).toBe(before);

    // The stream retries the record: the file is written and recorded.
    const retried = await publisher.publishChanges([{ after: b }]);
    expect(retried.written).toContain(RSS);
    expect(await body(RSS)).toContain(`Bangkok seminar (${when})`);
    expect(await recorded(RSS)).toBe(await hashOfStored(RSS));
  });
});
