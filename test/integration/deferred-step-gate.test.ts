import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePublisherApp } from '../../functions/publisher/app';
import { EditorGate } from '../../infra/local/editor-gate';
import { LOCAL_FUNCTIONS } from '../../infra/local/local-functions';
import { StreamPoller } from '../../infra/local/stream-poller';
import { makeDocumentClient, makeDynamoClient, makeS3Client } from '../../shared/adapters/aws-clients';
import { DynamoDeferredRenders } from '../../shared/adapters/dynamo-deferred-renders';
import { recordKindOf } from '../../shared/adapters/dynamo-stream';
import { DynamoRebuildProgress } from '../../shared/adapters/dynamo-rebuild-progress';
import { DynamoRebuildStore } from '../../shared/adapters/dynamo-rebuild-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { loadLocalConfig } from '../../shared/config';
import type { HeraldLogger } from '../../shared/logger';
import { sha256Hex } from '../../shared/services/token-verifier';
import { makeDeferredRender } from '../../shared/services/deferred-render';
import { makePublisherService } from '../../shared/services/publisher-service';
import { adminAppOn } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';
import { eventually } from '../resilience/support';

/**
 * The local runtime's editor gate on the emulators: the stream poller holds
 * it while it publishes an editor's change, and the deferred step (an
 * import's renders, on clients whose every request passes the gate first,
 * as infra/local/local-functions.ts wires it) sends nothing meanwhile.
 * Shown by the order of events, not by timing.
 */
const quiet: HeraldLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SITE = { siteUrl: 'https://news.example.org', siteTitle: 'Herald gate test', siteDescription: 'd', hubs: [] };
const IMPORTED = 50;
const TITLE = 'Editor news while the import renders';
let emu: Emulators;

beforeAll(async () => {
  emu = await startEmulators();
}, 120_000);
afterAll(() => emu.stop());

const itemOf = (i: number) => ({
  guid: `https://old.example.org/?p=${i}`,
  title: `Archived report ${i}`,
  html: `<p>Report ${i}.</p>`,
  language: 'en',
  tags: ['archive'],
  publishedAt: new Date(Date.UTC(2019, -Math.floor(i / 4), 20 - (i % 4))).toISOString(),
});

describe('the deferred step on npm start yields to an editor\'s publish', () => {
  it('holds the step\'s storage requests while an editor\'s change is published, then finishes the step', async () => {
    // Prepare: the stream side (editors' changes published, imports recorded) with the gate.
    const gate = new EditorGate(undefined, 60_000);
    const order: string[] = [];
    let editorStarted = () => undefined as void;
    const editorStarts = new Promise<void>((resolve) => (editorStarted = resolve));
    const held = {
      hold: <T>(work: () => Promise<T>) =>
        gate.hold(async () => {
          order.push('editor publish starts');
          editorStarted();
          try {
            return await work();
          } finally {
            order.push('editor publish ends');
          }
        }),
    };
    const publisher = makePublisherService({ ...publisherPorts(emu.doc, emu.table), objects: new S3ObjectStore(emu.s3, emu.bucket), site: SITE, pageSize: 50 });
    const renders = new DynamoDeferredRenders(emu.doc, emu.table);
    const deferred = makeDeferredRender({ publisher, index: publisherPorts(emu.doc, emu.table).index, window: 50, renders, signal: async () => undefined });
    const app = makePublisherApp({ publisher, rebuilds: new DynamoRebuildStore(emu.doc, emu.table), progress: new DynamoRebuildProgress(emu.doc, emu.table), clock: () => new Date(), logger: quiet, deferred });
    const poller = new StreamPoller({
      streams: emu.streams,
      streamArn: emu.streamArn,
      checkpointFile: join(mkdtempSync(join(tmpdir(), 'herald-gate-')), 'checkpoint.json'),
      handler: app,
      logger: quiet,
      idleMs: 20,
      kindOf: recordKindOf,
      gate: held,
    });
    // The step on clients of its own whose requests pass the gate; after its first few, the test keeps
    // them back until the editor's publish has started, so the step is surely mid-way when it does.
    let sent = 0;
    const beforeRequest = async () => {
      if (sent >= 3) await editorStarts;
      if (gate.held) order.push('step request held');
      await gate.pass();
      sent += 1;
      order.push('step request sent');
    };
    const stepConfig = { region: 'us-east-1', dynamoEndpoint: emu.endpoints.dynamo, s3Endpoint: emu.endpoints.s3, beforeRequest };
    const stepDoc = makeDocumentClient(makeDynamoClient(stepConfig));
    const stepPublisher = makePublisherService({ ...publisherPorts(stepDoc, emu.table), objects: new S3ObjectStore(makeS3Client(stepConfig), emu.bucket), site: SITE, pageSize: 50 });
    const step = makeDeferredRender({ publisher: stepPublisher, index: publisherPorts(stepDoc, emu.table).index, window: 50, renders: new DynamoDeferredRenders(stepDoc, emu.table), signal: async () => undefined });
    const api = adminAppOn(emu);
    const siteRss = () => emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: 'feeds/rss.xml' })).then((o) => o.Body!.transformToString('utf-8'), () => '');

    poller.start();
    try {
      // Act: an import, recorded; its step starts; an editor posts while it runs.
      for (let i = 0; i < IMPORTED; i += 25) {
        const res = await api.call('POST', '/api/import', { body: { items: Array.from({ length: 25 }, (_, k) => itemOf(i + k)) } });
        expect(res.status).toBe(200);
      }
      await eventually(async () => new Set((await renders.pending(100)).batches.flatMap((b) => b.work.ids)).size === IMPORTED, 60_000);
      const stepping = (async () => {
        let s = await step.step();
        while (s.more) s = await step.step();
      })();
      await eventually(async () => sent >= 3, 30_000);
      const posted = await api.call('POST', '/api/announcements', { body: { title: TITLE, language: 'en', tags: ['archive'], status: 'published' } });
      expect(posted.status).toBe(201);
      await stepping;

      // Assess: while the editor's change was published, step requests waited and none was sent.
      const starts = order.indexOf('editor publish starts');
      const ends = order.indexOf('editor publish ends');
      expect(starts).toBeGreaterThan(order.indexOf('step request sent'));
      expect(ends).toBeGreaterThan(starts);
      const during = order.slice(starts + 1, ends);
      expect(during.filter((e) => e === 'step request held').length).toBeGreaterThan(0);
      expect(during.filter((e) => e === 'step request sent')).toEqual([]);
      expect(order.slice(ends + 1)).toContain('step request sent');
      // The step still did all its work, and the editor's change is in the feed it rendered last.
      expect((await renders.pending(100)).batches).toEqual([]);
      expect(await siteRss()).toContain(TITLE);
    } finally {
      await poller.stop();
    }
  }, 180_000);

  it('is wired into the publisher\'s deferred step as npm start builds it (local-functions.ts)', async () => {
    // Prepare: the publisher function's local handlers, with a gate the test holds shut.
    const config = loadLocalConfig({}, { tableName: emu.table, bucketName: emu.bucket, siteUrl: SITE.siteUrl, adminTokenSha256: sha256Hex('unused-token'), hubs: [], dynamoEndpoint: emu.endpoints.dynamo, s3Endpoint: emu.endpoints.s3 });
    let asked = 0;
    let open = () => undefined as void;
    const shut = new Promise<void>((resolve) => (open = resolve));
    const handlers = LOCAL_FUNCTIONS.publisher(config, { send: async () => undefined, beforeStep: async () => void (asked += 1, await shut) });
    // Act: a step (nothing recorded: its one read of the records is the request that waits).
    let finished = false;
    const stepping = handlers.queue!(sqsEvent('{"deferred":true}')).then((r) => ((finished = true), r));
    await eventually(async () => asked > 0, 10_000);
    await new Promise((r) => setTimeout(r, 50));
    // Assess: the step waits at the gate until it opens, then ends normally.
    expect(finished).toBe(false);
    open();
    expect(await stepping).toEqual({ batchItemFailures: [] });
  }, 60_000);
});

/** One message as the local queue (and SQS) delivers it. */
function sqsEvent(body: string): SQSEvent {
  const at = String(Date.now());
  return {
    Records: [
      {
        messageId: 'm-1',
        receiptHandle: 'm-1#1',
        body,
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: at, SenderId: 'local', ApproximateFirstReceiveTimestamp: at },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:deferred-renders',
        awsRegion: 'us-east-1',
      },
    ],
  };
}
