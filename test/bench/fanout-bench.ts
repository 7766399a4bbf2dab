import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoFollowerStore, DynamoMentionStore, DynamoSentLog } from '../../shared/adapters/dynamo-follower-store';
import { DynamoKvStore } from '../../shared/adapters/dynamo-kv-store';
import { FileKeyPairs } from '../../shared/adapters/file-key-pairs';
import { SendOnlyMessageQueue } from '../../shared/adapters/queue-message-queue';
import { activitiesOf } from '../../shared/fediverse/events';
import { makeFederation } from '../../shared/fediverse/federation';
import { deliverAnnouncement } from '../../shared/fediverse/outgoing';
import { KEY_PREFIXES } from '../../shared/table-definition';
import { startEmulators } from '../support/emulators';
import { msp7En, SITE, stored } from '../support/fixtures';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { auditOf } from '../../shared/domain/audit';
import { makePublisherService } from '../../shared/services/publisher-service';
import { publisherPorts } from '../support/publisher-ports';
import { benchAnnouncement } from './corpus';
import { median, spread, timeRuns, type Row } from './stats';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The fan-out of one announcement: `followers` followers on `servers` shared
 * inboxes (loopback HTTP servers' paths) make exactly one signed delivery per
 * shared inbox. Runs the fediverse function's work in process: the Create,
 * Fedify's fan-out task, then one outbox task per inbox, on DynamoDB Local.
 */
export async function fanoutBench(followers = 10_000, servers = 500): Promise<Row[]> {
  const emu = await startEmulators();
  const hits = new Map<string, number>();
  const inboxes = createServer((req, res) => {
    req.resume();
    req.on('end', () => (hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1), res.writeHead(202).end()));
  });
  await new Promise<void>((r) => inboxes.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(inboxes.address() as AddressInfo).port}`;
  try {
    // The publish path's share: a change's publish plus handing it to the fediverse queue, before any follower is stored.
    const publishOne = publishWithAnnounce(emu);
    const withoutFollowers = await timeRuns(publishOne, 15);
    const items = Array.from({ length: followers }, (_, i) => ({
      pk: `${KEY_PREFIXES.follower}news`,
      sk: `${base}/s${i % servers}/users/u${i}`,
      type: 'follower',
      actorId: `${base}/s${i % servers}/users/u${i}`,
      inbox: `${base}/s${i % servers}/users/u${i}/inbox`,
      sharedInbox: `${base}/s${i % servers}/inbox`,
      followedAt: '2026-11-29T10:00:00.000Z',
    }));
    for (let i = 0; i < items.length; i += 25) {
      await emu.doc.send(new BatchWriteCommand({ RequestItems: { [emu.table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
    }
    // The same with 10,000 followers stored: the publisher never reads them (the fan-out is the fediverse function's).
    const withFollowers = await timeRuns(publishOne, 15);
    const queued: string[] = [];
    let largest = 0;
    const a = { ...(await stored(msp7En)), id: randomUUID() };
    const announcements = { get: async () => a, latest: async () => [a] };
    const followerStore = new DynamoFollowerStore(emu.doc, emu.table, 'news');
    const federation = makeFederation({
      site: SITE,
      handle: 'news',
      kv: new DynamoKvStore(emu.doc, emu.table),
      queue: new SendOnlyMessageQueue(async (body) => {
        largest = Math.max(largest, Buffer.byteLength(body));
        queued.push(body);
      }),
      keys: new FileKeyPairs(join(mkdtempSync(join(tmpdir(), 'herald-bench-keys-')), 'keys.json')),
      followers: followerStore,
      mentions: new DynamoMentionStore(emu.doc, emu.table, 'news'),
      announcements,
      logger: quiet,
      allowPrivateAddress: true,
    });
    const started = performance.now();
    await deliverAnnouncement(federation, { site: SITE, handle: 'news', announcements, followers: followerStore, sent: new DynamoSentLog(emu.doc, emu.table), logger: quiet }, activitiesOf([{ after: a }])[0]!);
    let tasks = 0;
    while (queued.length) {
      // The queue consumer runs messages in batches of 10, concurrently.
      await Promise.all(queued.splice(0, 10).map((m) => federation.processQueuedTask(undefined, JSON.parse(m) as never)));
      tasks += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    const deliveries = [...hits.values()].reduce((n, v) => n + v, 0);
    return [
      {
        benchmark: `fediverse fan-out: requests for one Create to ${followers.toLocaleString('en')} followers on ${servers} shared inboxes`,
        measured: `${deliveries} requests (${hits.size} inboxes, each ${Math.max(...hits.values())} at most)`,
        limit: `${servers} (one per shared inbox)`,
        ratio: deliveries / servers,
        target: '≤ 1.00x',
        met: deliveries <= servers,
      },
      {
        benchmark: 'fediverse fan-out: time to sign and send them all, in process (DynamoDB Local, loopback inboxes)',
        measured: `${seconds.toFixed(1)} s (${Math.round(deliveries / seconds)} deliveries/s, ${tasks} batches of 10 messages, largest ${Math.round(largest / 1024)} KB: SQS takes 256)`,
        limit: '–',
        ratio: undefined,
        target: 'off the publish path (its own queue and function)',
        met: undefined,
      },
      {
        benchmark: `publish one change and hand it to the fediverse queue, ${followers.toLocaleString('en')} followers stored`,
        measured: `${spread(withFollowers)} ms`,
        limit: `no followers: ${spread(withoutFollowers)} ms`,
        ratio: median(withFollowers) / median(withoutFollowers),
        target: '≤ 1.2x',
        met: median(withFollowers) / median(withoutFollowers) <= 1.2,
      },
    ];
  } finally {
    await new Promise<void>((r) => (inboxes.closeAllConnections(), inboxes.close(() => r())));
    await emu.stop();
  }
}

/**
 * One new announcement published as the publisher function does it: stored,
 * its feeds, pages and archives rendered and written, then its activity
 * handed to the fediverse queue (a message per change, as shared/wiring/publisher.ts sends).
 */
function publishWithAnnounce(emu: Awaited<ReturnType<typeof startEmulators>>) {
  const store = new DynamoAnnouncementStore(emu.doc, emu.table);
  const publisher = makePublisherService({ ...publisherPorts(emu.doc, emu.table), objects: new S3ObjectStore(emu.s3, emu.bucket), site: SITE, pageSize: 50 });
  const sent: string[] = [];
  let n = 0;
  return async () => {
    n += 1;
    const at = new Date(Date.UTC(2030, 0, 2, 0, 0, n)).toISOString();
    const after = { ...benchAnnouncement(n), id: `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`, createdAt: at, updatedAt: at, publishedAt: at };
    await store.create(after, auditOf('create', undefined, after));
    await publisher.publishChanges([{ after }]);
    for (const m of activitiesOf([{ after }])) sent.push(JSON.stringify(m));
  };
}
