import { loadConfig, type HeraldConfig } from '../config';
import { makeDocumentClient, makeDynamoClient, makeS3Client } from '../adapters/aws-clients';
import { DynamoFeedCorpus } from '../adapters/dynamo-feed-corpus';
import { DynamoFeedIndex } from '../adapters/dynamo-feed-index';
import { DynamoFeedRegistry } from '../adapters/dynamo-feed-registry';
import { DynamoFileHashes } from '../adapters/dynamo-file-hashes';
import { DynamoRebuildProgress } from '../adapters/dynamo-rebuild-progress';
import { DynamoRebuildStore } from '../adapters/dynamo-rebuild-store';
import { S3ObjectStore } from '../adapters/s3-object-store';
import { powertoolsMetrics } from '../adapters/powertools-metrics';
import { noMetrics } from '../metrics';
import { makeWebSubNotifier } from '../adapters/websub-notifier';
import { makePublisherService } from '../services/publisher-service';
import { basics } from './basics';
import { siteInfoOf } from './site-info';
import { SQSClient } from '@aws-sdk/client-sqs';
import { sqsSend, type QueueSend } from '../adapters/queue-message-queue';
import { activitiesOf } from '../fediverse/events';
import { webhookEventsOf } from '../webhooks/events';
import { DynamoPublishRecords, summariseHubAnswers } from '../adapters/dynamo-publish-records';
import type { PublishReport } from '../services/publish-run';
import type { Change } from '../services/publisher-service';
import { makeDeferredRender } from '../services/deferred-render';
import { DynamoDeferredRenders } from '../adapters/dynamo-deferred-renders';
import type { DeferredBatch, TouchedPlaces } from '../ports/deferred-renders';

/**
 * The publisher's services: the feed index and registry in, the bucket out.
 * Locally, `beforeImport` gates the stream's import batches (editor-gate.ts).
 */
export function wirePublisher(config: HeraldConfig = loadConfig(), local?: { send: (queue: 'fediverse' | 'webhooks' | 'deferred-renders', body: string, delaySeconds: number) => Promise<void>; beforeImport?: () => Promise<void> }) {
  const { doc, logger } = basics(config);
  // The fediverse and webhooks queues, when the stack (or the local runtime) gives them.
  const queue = (name: 'fediverse' | 'webhooks' | 'deferred-renders', url: string | undefined): QueueSend | undefined =>
    local ? (body, delay) => local.send(name, body, delay) : url ? sqsSend(url, new SQSClient({ region: config.region })) : undefined;
  const toFediverse = queue('fediverse', config.fediverseQueueUrl);
  const toWebhooks = queue('webhooks', config.webhooksQueueUrl);
  const toDeferred = queue('deferred-renders', config.deferredRendersQueueUrl);
  const announce =
    toFediverse || toWebhooks
      ? async (changes: Change[]) => {
          // Sent side by side: a standard SQS queue keeps no order between messages anyway.
          await Promise.all([
            ...(toFediverse ? activitiesOf(changes).map((m) => toFediverse(JSON.stringify(m), 0)) : []),
            ...(toWebhooks ? webhookEventsOf(changes).map((m) => toWebhooks(JSON.stringify(m), 0)) : []),
          ]);
        }
      : undefined;
  const records = new DynamoPublishRecords(doc, config.tableName);
  // What this publish wrote, kept per announcement version for the delivery record.
  const record = async (changes: Change[], report: PublishReport) => {
    const at = new Date().toISOString();
    await Promise.all(changes.map(async (c) => {
      if (!c.after) return;
      await records.put({ id: c.after.id, version: c.after.version, at, feedsWritten: report.written, feedsUnchanged: report.unchanged.length, feedsDeleted: report.deleted, hubs: config.hubs, topicsPinged: report.pinged, ...(report.hubAnswers ? { hubAnswers: summariseHubAnswers(report.hubAnswers) } : {}) });
    }));
  };
  const metrics = config.metricsOff ? noMetrics : powertoolsMetrics();
  const index = new DynamoFeedIndex(doc, config.tableName);
  const deferredRenders = new DynamoDeferredRenders(doc, config.tableName);
  // An import batch's projection and record: on a client of their own when gated (locally), else the same.
  const importDoc = local?.beforeImport && makeDocumentClient(makeDynamoClient({ ...config, beforeRequest: local.beforeImport }));
  const importRenders = importDoc ? new DynamoDeferredRenders(importDoc, config.tableName) : deferredRenders;
  const imports = {
    index: importDoc ? new DynamoFeedIndex(importDoc, config.tableName) : index,
    // An editor's notes of its places go on the editor's client: only the import's own writes wait at the gate.
    renders: {
      mark: (b: DeferredBatch) => importRenders.mark(b),
      pending: (limit: number) => importRenders.pending(limit),
      done: (ids: string[]) => importRenders.done(ids),
      touch: (note: TouchedPlaces) => deferredRenders.touch(note),
      touchedSince: (since: string) => deferredRenders.touchedSince(since),
    },
  };
  const publisher = makePublisherService({
    index,
    deferred: deferredRenders,
    // A rebuild re-derives the feed entries from the announcements and renders from what it read.
    corpus: new DynamoFeedCorpus(doc, config.tableName),
    registry: new DynamoFeedRegistry(doc, config.tableName),
    objects: new S3ObjectStore(makeS3Client(config), config.bucketName),
    hashes: new DynamoFileHashes(doc, config.tableName),
    site: siteInfoOf(config),
    pageSize: config.feedPageSize,
    notifyHubs: makeWebSubNotifier({ hubs: config.hubs, logger, metrics }),
  });
  // Imports' renders deferred to the queue's step, when there is a queue (else published at once).
  // A one-second delay lets a step find several batches recorded.
  const deferral = toDeferred && ((signal: () => Promise<void>) => ({ signal, deferred: makeDeferredRender({ publisher, ...imports, window: config.feedPageSize, signal }) }))(() => toDeferred(JSON.stringify({ deferred: true }), 1));
  return {
    logger,
    metrics,
    announce,
    record,
    rebuilds: new DynamoRebuildStore(doc, config.tableName),
    progress: new DynamoRebuildProgress(doc, config.tableName),
    publisher,
    ...deferral,
  };
}
