import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FileHashes } from '../ports/file-hashes';
import { KEY_PREFIXES } from '../table-definition';
import { untilProcessed } from './dynamo-unprocessed';

/** Items per BatchWriteItem: DynamoDB's limit. */
const WRITE_BATCH = 25;
const FILE_HASH = 'file-hash';

/** The item that records one object's hash (`name` is `{bucket}/{key}`). */
export const fileHashKey = (name: string) => ({ pk: `${KEY_PREFIXES.fileHash}${name}`, sk: 'F' });
const keyOf = (pk: string) => pk.slice(KEY_PREFIXES.fileHash.length);

/**
 * FileHashes on DynamoDB: one small item per object, read with
 * BatchGetItem and written with BatchWriteItem, so a publish's many files cost
 * a few calls. Consistent reads: a record written by the last publish is seen.
 */
export class DynamoFileHashes implements FileHashes {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async getMany(keys: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    await untilProcessed(
      'file-hash reads',
      keys.map(fileHashKey),
      async (Keys) => {
        const out = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys, ProjectionExpression: 'pk, sha256', ConsistentRead: true } } }),
        );
        for (const item of out.Responses?.[this.table] ?? []) found.set(keyOf(String(item.pk)), String(item.sha256));
        return (out.UnprocessedKeys?.[this.table]?.Keys ?? []) as ReturnType<typeof fileHashKey>[];
      },
    );
    return found;
  }

  async putMany(hashes: Map<string, string>): Promise<void> {
    const requests = [...hashes].map(([key, sha256]) => ({ PutRequest: { Item: { ...fileHashKey(key), type: FILE_HASH, sha256 } } }));
    await this.write(requests);
  }

  async deleteMany(keys: string[]): Promise<void> {
    await this.write([...new Set(keys)].map((key) => ({ DeleteRequest: { Key: fileHashKey(key) } })));
  }

  private async write(requests: object[]): Promise<void> {
    const batches: object[][] = [];
    for (let i = 0; i < requests.length; i += WRITE_BATCH) batches.push(requests.slice(i, i + WRITE_BATCH));
    await Promise.all(
      batches.map((batch) =>
        untilProcessed('file-hash writes', batch, async (left) => {
          const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: left as never } }));
          return (out.UnprocessedItems?.[this.table] ?? []) as object[];
        }),
      ),
    );
  }
}
