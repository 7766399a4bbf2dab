import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DynamoDBRecord } from 'aws-lambda';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EditorGate } from '../../infra/local/editor-gate';
import { LOCAL_FUNCTIONS } from '../../infra/local/local-functions';
import { StreamPoller } from '../../infra/local/stream-poller';
import { DynamoDeferredRenders } from '../../shared/adapters/dynamo-deferred-renders';
import { recordKindOf } from '../../shared/adapters/dynamo-stream';
import { loadLocalConfig } from '../../shared/config';
import type { HeraldLogger } from '../../shared/logger';
import { sha256Hex } from '../../shared/services/token-verifier';
import { adminAppOn } from '../support/admin-app';
import { startEmulators, type Emulators } from '../support/emulators';
import { eventually } from '../resilience/support';

/**
 * The stream's own import batches (projection and `META#deferred` record) on
 * npm start pass the editor gate, as local-functions.ts wires them: a batch
 * that asks for storage while an editor's change is published sends nothing
 * until that publish ends; a batch the holder itself publishes (an editor's
 * change with imports) never waits on its own hold. Shown by the order of
 * events, not by timing.
 */
const quiet: HeraldLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const SITE_URL = 'https://news.example.org';
let emu: Emulators;
/** Every stream record so far, read by a poller that only collects. */
const seen: DynamoDBRecord[] = [];
let collector: StreamPoller;

beforeAll(async () => {
  emu = await startEmulators();
  collector = new StreamPoller({
    streams: emu.streams,
    streamArn: emu.streamArn,
    checkpointFile: join(mkdtempSync(join(tmpdir(), 'herald-import-gate-')), 'checkpoint.json'),
    handler: async (event) => (seen.push(...event.Records), { batchItemFailures: [] }),
    logger: quiet,
    idleMs: 20,
  });
  collector.start();
}, 120_000);
afterAll(async () => {
  await collector.stop();
  await emu.stop();
});

const itemOf = (run: string, i: number) => ({
  guid: `https://old.example.org/${run}/?p=${i}`,
  title: `Archived ${run} ${i}`,
  html: `<p>Report ${i}.</p>`,
  language: 'en',
  tags: ['archive'],
  publishedAt: new Date(Date.UTC(2019, 0, 20 - i)).toISOString(),
});

const titleOf = (r: DynamoDBRecord) => (r.dynamodb?.NewImage as Record<string, { S?: string }> | undefined)?.title?.S ?? '';

/** Imports `n` items and returns their stream records once all are read. */
async function importedRecords(run: string, n: number): Promise<DynamoDBRecord[]> {
  const res = await adminAppOn(emu).call('POST', '/api/import', { body: { items: Array.from({ length: n }, (_, i) => itemOf(run, i)) } });
  expect(res.status).toBe(200);
  const ours = () => seen.filter((r) => recordKindOf(r) === 'import' && titleOf(r).startsWith(`Archived ${run} `));
  await eventually(async () => ours().length === n, 30_000);
  return ours();
}

/** The publisher's local handlers with `gate` passed before each import-batch request, logging to `order`. */
function publisherWith(gate: EditorGate, order: string[]) {
  const config = loadLocalConfig({}, { tableName: emu.table, bucketName: emu.bucket, siteUrl: SITE_URL, adminTokenSha256: sha256Hex('unused-token'), hubs: [], dynamoEndpoint: emu.endpoints.dynamo, s3Endpoint: emu.endpoints.s3 });
  const beforeImport = async () => {
    order.push('import request issued');
    await gate.pass();
    order.push('import request sent');
  };
  return LOCAL_FUNCTIONS.publisher(config, { send: async () => undefined, beforeImport }).stream!;
}

const pendingIds = async () => new Set((await new DynamoDeferredRenders(emu.doc, emu.table).pending(100)).batches.flatMap((b) => b.work.ids));

describe('the stream\'s import batches on npm start yield to an editor\'s publish', () => {
  it('sends nothing of an import batch while an editor\'s change is published, then records it', async () => {
    // Prepare: an import's records, and the publisher's stream handler as npm start wires it.
    const records = await importedRecords('held', 5);
    const ids = records.map((r) => (r.dynamodb?.NewImage as Record<string, { S?: string }>).id!.S!);
    const gate = new EditorGate(undefined, 60_000);
    const order: string[] = [];
    const stream = publisherWith(gate, order);
    let recordedMeanwhile: Set<string> | undefined;
    // Act: an editor's publish holds the gate; the import batch starts beside it.
    const editor = gate.hold(async () => {
      order.push('editor publish starts');
      await eventually(async () => order.includes('import request issued'), 20_000);
      // A real round trip here: an ungated request would have been answered by its end.
      recordedMeanwhile = await pendingIds();
      order.push('editor publish ends');
    });
    const batch = stream({ Records: records }).then((r) => (order.push('import batch done'), r));
    const [, result] = await Promise.all([editor, batch]);
    // Assess: the batch's requests waited for the publish to end, then it finished and recorded its work.
    expect(result.batchItemFailures).toEqual([]);
    expect((result as { report?: { deferred?: number } }).report?.deferred).toBe(records.length);
    const ends = order.indexOf('editor publish ends');
    expect(order.slice(0, ends)).not.toContain('import request sent');
    expect(order.slice(ends + 1)).toContain('import request sent');
    expect(order[order.length - 1]).toBe('import batch done');
    expect(ids.some((id) => recordedMeanwhile!.has(id))).toBe(false);
    const recorded = await pendingIds();
    expect(ids.filter((id) => !recorded.has(id))).toEqual([]);
  }, 60_000);

  it('publishes a batch mixing an editor\'s change with imports under its own hold without waiting on it', async () => {
    // Prepare: imports and an editor's change in one batch; a gate whose cap outlasts the test.
    const imports = await importedRecords('mixed', 3);
    const posted = await adminAppOn(emu).call('POST', '/api/announcements', { body: { title: 'Editor news in a mixed batch', language: 'en', status: 'published' } });
    expect(posted.status).toBe(201);
    await eventually(async () => seen.some((r) => titleOf(r) === 'Editor news in a mixed batch'), 30_000);
    const editorRecord = seen.find((r) => titleOf(r) === 'Editor news in a mixed batch')!;
    const gate = new EditorGate(undefined, 600_000);
    const order: string[] = [];
    const stream = publisherWith(gate, order);
    // Act: the whole batch published with the gate held, as the poller publishes editors' batches.
    const result = await gate.hold(() => stream({ Records: [...imports, editorRecord] }));
    // Assess: its import half went through the gate (and was recorded) inside the hold.
    expect(result.batchItemFailures).toEqual([]);
    expect(order).toContain('import request sent');
    const recorded = await pendingIds();
    const ids = imports.map((r) => (r.dynamodb?.NewImage as Record<string, { S?: string }>).id!.S!);
    expect(ids.filter((id) => !recorded.has(id))).toEqual([]);
  }, 30_000);
});
