import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SessionRecord } from '../domain/identity';
import type { SessionStore } from '../ports/identity-store';
import { GSI1 } from '../table-definition';
import { SESSION, fieldsOf, sessionIndex, sessionKey } from './identity-keys';

/**
 * SessionStore on DynamoDB: `SESSION#{sha256 of the cookie}`, the one item the
 * authorizer reads and touches. The TTL attribute is the idle expiry; readers
 * check both expiries themselves (TTL deletion is late).
 */
export class DynamoSessionStore implements SessionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(record: SessionRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...sessionKey(record.sha256), ...sessionIndex(record.userId, record.id), type: SESSION, ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findBySha256(sha256: string): Promise<SessionRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: sessionKey(sha256), ConsistentRead: true }));
    return out.Item ? fieldsOf<SessionRecord>(out.Item) : undefined;
  }

  async touch(sha256: string, lastSeenAt: string, expiresAt: number): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: sessionKey(sha256),
          UpdateExpression: 'SET lastSeenAt = :l, expiresAt = :e',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':l': lastSeenAt, ':e': expiresAt },
        }),
      );
    } catch (err) {
      // Revoked between the read and the touch: nothing to refresh.
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  async revokeBySha256(sha256: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: sessionKey(sha256) }));
  }

  async revoke(userId: string, id: string): Promise<boolean> {
    const { gsi1pk, gsi1sk } = sessionIndex(userId, id);
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk = :s',
        ExpressionAttributeValues: { ':p': gsi1pk, ':s': gsi1sk },
      }),
    );
    const found = out.Items?.[0];
    if (!found) return false;
    await this.revokeBySha256(String(found.sha256));
    return true;
  }
}
