import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChallengeRecord } from '../domain/identity';
import type { ChallengeStore } from '../ports/identity-store';
import { CHALLENGE, challengeKey, fieldsOf } from './identity-keys';

/** ChallengeStore on DynamoDB: one item per challenge with a TTL; consuming is a conditional delete, so only one caller wins. */
export class DynamoChallengeStore implements ChallengeStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(record: ChallengeRecord): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...challengeKey(record.id), type: CHALLENGE, ...record } }));
  }

  async get(id: string): Promise<ChallengeRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: challengeKey(id), ConsistentRead: true }));
    return out.Item ? fieldsOf<ChallengeRecord>(out.Item) : undefined;
  }

  async consume(id: string): Promise<ChallengeRecord | undefined> {
    try {
      const out = await this.doc.send(
        new DeleteCommand({ TableName: this.table, Key: challengeKey(id), ConditionExpression: 'attribute_exists(pk)', ReturnValues: 'ALL_OLD' }),
      );
      return out.Attributes ? fieldsOf<ChallengeRecord>(out.Attributes) : undefined;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }
}
