import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';
import type { TokenRecord, TokenStore, TokenSummary } from '../ports/token-store';
import { TOKEN, TOKEN_ID, tokenIdKey, tokenKey, tokenListKeys } from './table-keys';
import { GSI1 } from '../table-definition';
import { queryAll } from './dynamo-query-all';

/**
 * TokenStore on DynamoDB. Authentication is one strongly consistent GetItem by
 * the token's hash, so a revocation is seen by the very next request. A small
 * pointer item maps the public id to the hash for revocation.
 */
export class DynamoTokenStore implements TokenStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async findBySha256(sha256: string): Promise<TokenRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: tokenKey(sha256), ConsistentRead: true }),
    );
    return out.Item ? toRecord(out.Item) : undefined;
  }

  async create(record: TokenRecord): Promise<void> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...tokenKey(record.sha256), ...tokenListKeys(record), type: TOKEN, ...record },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: { ...tokenIdKey(record.id), type: TOKEN_ID, sha256: record.sha256 },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (err) {
      if (err instanceof TransactionCanceledException) throw new ConflictError('a token with this id or secret exists');
      throw err;
    }
  }

  async list(): Promise<TokenSummary[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': 'TOKEN' },
      ScanIndexForward: false,
    });
    return items.map((i) => summary(toRecord(i)));
  }

  async revoke(id: string, at: string): Promise<TokenSummary | undefined> {
    const pointer = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: tokenIdKey(id), ConsistentRead: true }),
    );
    const sha256 = pointer.Item?.sha256 as string | undefined;
    if (!sha256) return undefined;
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: tokenKey(sha256),
        // The first revocation time stands; a second DELETE changes nothing.
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? summary(toRecord(out.Attributes)) : undefined;
  }
}

function toRecord(item: Record<string, unknown>): TokenRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...record } = item;
  return record as TokenRecord;
}

function summary(record: TokenRecord): TokenSummary {
  const { sha256: _hash, ...rest } = record;
  return rest;
}
