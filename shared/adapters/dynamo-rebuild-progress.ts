import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RebuildProgress } from '../ports/rebuild-progress';
import { rebuildProgressKey } from './table-keys';

/** RebuildProgress on DynamoDB: one small item, written with UpdateItem (the reconciler's grant). */
export class DynamoRebuildProgress implements RebuildProgress {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async load(): Promise<string | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: rebuildProgressKey, ConsistentRead: true }));
    return typeof out.Item?.cursor === 'string' ? out.Item.cursor : undefined;
  }

  async save(cursor: string | undefined): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: rebuildProgressKey,
        ...(cursor === undefined
          ? { UpdateExpression: 'REMOVE #cursor', ExpressionAttributeNames: { '#cursor': 'cursor' } }
          : { UpdateExpression: 'SET #cursor = :c', ExpressionAttributeNames: { '#cursor': 'cursor' }, ExpressionAttributeValues: { ':c': cursor } }),
      }),
    );
  }
}
