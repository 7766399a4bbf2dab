import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoFeedCorpus } from '../../shared/adapters/dynamo-feed-corpus';
import { DynamoFeedIndex } from '../../shared/adapters/dynamo-feed-index';
import { DynamoFeedRegistry } from '../../shared/adapters/dynamo-feed-registry';
import { DynamoFileHashes } from '../../shared/adapters/dynamo-file-hashes';
import type { HubNotifier } from '../../shared/ports/hub-notifier';

/** The publisher's table ports on DynamoDB Local, and no hubs: what most emulator tests build a publisher from. */
export function publisherPorts(doc: DynamoDBDocumentClient, table: string): {
  index: DynamoFeedIndex;
  registry: DynamoFeedRegistry;
  hashes: DynamoFileHashes;
  corpus: DynamoFeedCorpus;
  notifyHubs: HubNotifier;
} {
  return { index: new DynamoFeedIndex(doc, table), corpus: new DynamoFeedCorpus(doc, table), registry: new DynamoFeedRegistry(doc, table), hashes: new DynamoFileHashes(doc, table), notifyHubs: async () => undefined };
}
