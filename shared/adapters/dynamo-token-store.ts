import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TokenRecord, TokenStore } from '../ports/token-store';
import { tokenKey } from './table-keys';

/** TokenStore on DynamoDB: one strongly consistent GetItem by the token's hash. */
export class DynamoTokenStore implements TokenStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async findBySha256(sha256: string): Promise<TokenRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: tokenKey(sha256), ConsistentRead: true }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _t, ...record } = out.Item;
    return record as TokenRecord;
  }
}
