import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { join } from 'node:path';
import { loadConfig, ConfigError, type HeraldConfig } from '../config';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoFeedIndex } from '../adapters/dynamo-feed-index';
import { DynamoFollowerStore, DynamoMentionStore, DynamoSentLog } from '../adapters/dynamo-follower-store';
import { DynamoKvStore } from '../adapters/dynamo-kv-store';
import { FileKeyPairs } from '../adapters/file-key-pairs';
import { SendOnlyMessageQueue, sqsSend, type QueueSend } from '../adapters/queue-message-queue';
import { SecretKeyPairs } from '../adapters/secret-key-pairs';
import { feedKeyOf, SITE_FEED } from '../domain/feeds';
import { DynamoDeliveryOutcomes } from '../adapters/dynamo-delivery-outcomes';
import { recordingQueue, trackedTask } from '../fediverse/delivery-outcomes';
import { dropInbox, makeFederation, MAX_ATTEMPTS } from '../fediverse/federation';
import { deliverAnnouncement } from '../fediverse/outgoing';
import type { KeyPairSource } from '../ports/key-pair-source';
import { basics } from './basics';
import { siteInfoOf } from './site-info';

/** The key file under DATA_DIR (local runtime). */
export const LOCAL_KEY_FILE = 'activitypub-keys.json';

/**
 * The fediverse function's services: Fedify on Herald's table (KvStore,
 * followers, sent log), the delivery queue (SQS, or the local runtime's
 * in-process queue through `send`), the kept key pairs (DATA_DIR locally,
 * Secrets Manager in the cloud).
 */
export function wireFediverse(config: HeraldConfig = loadConfig(), local?: { send: QueueSend }) {
  const { doc, logger } = basics(config);
  const handle = config.activityPubHandle ?? 'news';
  const send = local?.send ?? (config.fediverseQueueUrl ? sqsSend(config.fediverseQueueUrl, new SQSClient({ region: config.region })) : undefined);
  if (!send) throw new ConfigError('invalid environment: HERALD_QUEUE_FEDIVERSE_URL: is required');
  let keys: KeyPairSource;
  if (config.dataDir) keys = new FileKeyPairs(join(config.dataDir, LOCAL_KEY_FILE));
  else if (config.activityPubKeySecret) keys = new SecretKeyPairs({ secretId: config.activityPubKeySecret, secrets: new SecretsManagerClient({ region: config.region }), doc, table: config.tableName });
  // Without either, the function still answers WebFinger and NodeInfo; the actor and signing fail, naming the variable.
  else keys = { load: () => Promise.reject(new ConfigError('invalid environment: ACTIVITYPUB_KEY_SECRET: is required')) };
  const index = new DynamoFeedIndex(doc, config.tableName);
  const announcements = {
    get: (id: string) => index.get(id),
    latest: (limit: number, language?: string) => index.latestInFeed(language ? feedKeyOf({ kind: 'lang', language }) : SITE_FEED, limit),
  };
  const languages = config.activityPubLanguages ?? [];
  const languageFollowers = (language: string) => new DynamoFollowerStore(doc, config.tableName, `${handle}-${language}`);
  const site = siteInfoOf(config);
  const followers = new DynamoFollowerStore(doc, config.tableName, handle);
  const outcomes = new DynamoDeliveryOutcomes(doc, config.tableName);
  const federation = makeFederation({
    site,
    handle,
    kv: new DynamoKvStore(doc, config.tableName),
    queue: recordingQueue(new SendOnlyMessageQueue(send), outcomes),
    keys,
    followers,
    mentions: new DynamoMentionStore(doc, config.tableName, handle),
    announcements,
    languages,
    languageFollowers,
    logger,
    icon: config.activityPubIcon,
    allowPrivateAddress: config.allowPrivateAddress,
  });
  const sent = new DynamoSentLog(doc, config.tableName);
  return {
    logger,
    federation,
    followers,
    siteUrl: config.siteUrl,
    track: (message: unknown, run: () => Promise<void>) =>
      trackedTask(
        {
          store: outcomes,
          maxAttempts: MAX_ATTEMPTS,
          drop: async (inbox) => logger.warn('fediverse inbox failing for days: followers dropped', { inbox, dropped: await dropInbox({ followers, languages, languageFollowers }, inbox) }),
        },
        message,
        run,
      ),
    deliver: (m: Parameters<typeof deliverAnnouncement>[2]) =>
      deliverAnnouncement(federation, { site, handle, announcements, followers, languages, languageFollowers, sent, logger }, m),
  };
}
