import { loadConfig, type HeraldConfig } from '../config';
import { makeS3Client } from '../adapters/aws-clients';
import { DynamoFeedIndex } from '../adapters/dynamo-feed-index';
import { DynamoFeedRegistry } from '../adapters/dynamo-feed-registry';
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
import type { Change } from '../services/publisher-service';

/** The publisher's services: the feed index and registry in, the bucket out. */
export function wirePublisher(config: HeraldConfig = loadConfig(), local?: { send: QueueSend }) {
  const { doc, logger } = basics(config);
  // The fediverse delivery queue, when the stack (or the local runtime) gives one.
  const send = local?.send ?? (config.fediverseQueueUrl ? sqsSend(config.fediverseQueueUrl, new SQSClient({ region: config.region })) : undefined);
  const announce = send
    ? async (changes: Change[]) => {
        for (const m of activitiesOf(changes)) await send(JSON.stringify(m), 0);
      }
    : undefined;
  const metrics = config.metricsOff ? noMetrics : powertoolsMetrics();
  return {
    logger,
    metrics,
    announce,
    rebuilds: new DynamoRebuildStore(doc, config.tableName),
    progress: new DynamoRebuildProgress(doc, config.tableName),
    publisher: makePublisherService({
      index: new DynamoFeedIndex(doc, config.tableName),
      registry: new DynamoFeedRegistry(doc, config.tableName),
      objects: new S3ObjectStore(makeS3Client(config), config.bucketName),
      site: siteInfoOf(config),
      pageSize: config.feedPageSize,
      notifyHubs: makeWebSubNotifier({ hubs: config.hubs, logger, metrics }),
    }),
  };
}
