import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../domain/errors';
import type { RedirectPage, RedirectStore } from '../ports/redirect-store';
import { FROM_MAX_BYTES, type Redirect, type RedirectPair } from '../redirects/redirect';
import { KEY_PREFIXES } from '../table-definition';
import { queryAll } from './dynamo-query-all';

/** Every redirect in one partition, sorted by its old path: few writes, listed in pages. */
const PARTITION = `${KEY_PREFIXES.redirect}all`;
const toRedirect = (i: Record<string, unknown>): Redirect => ({ from: String(i.sk), to: String(i.to), updatedAt: String(i.updatedAt) });

/** The cursor is the last `from` returned; anything else is a 400, never a DynamoDB error. */
function decodeCursor(cursor: string): string {
  const from = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!from.startsWith('/') || Buffer.byteLength(from) > FROM_MAX_BYTES) {
    throw new ValidationError('invalid cursor', [{ path: 'cursor', message: 'not a cursor this API issued' }]);
  }
  return from;
}

/** Redirects as items `REDIRECT#all` / {from}, with `to` and `updatedAt`. */
export class DynamoRedirectStore implements RedirectStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(pair: RedirectPair, at: Date): Promise<boolean> {
    try {
      // The same pair again writes nothing: its updatedAt stays, and no stream record is made.
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: PARTITION, sk: pair.from, type: 'redirect', to: pair.to, updatedAt: at.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR #to <> :to',
          ExpressionAttributeNames: { '#to': 'to' },
          ExpressionAttributeValues: { ':to': pair.to },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async list(options: { limit: number; cursor?: string }): Promise<RedirectPage> {
    const start = options.cursor === undefined ? undefined : { pk: PARTITION, sk: decodeCursor(options.cursor) };
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': PARTITION },
        Limit: options.limit,
        ExclusiveStartKey: start,
      }),
    );
    const items = (out.Items ?? []).map(toRedirect);
    const last = out.LastEvaluatedKey?.sk;
    return { items, ...(typeof last === 'string' ? { cursor: Buffer.from(last, 'utf8').toString('base64url') } : {}) };
  }

  async all(): Promise<Redirect[]> {
    const items = await queryAll(this.doc, { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': PARTITION } });
    return items.map(toRedirect);
  }

  async delete(from: string): Promise<boolean> {
    const out = await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: PARTITION, sk: from }, ReturnValues: 'ALL_OLD' }));
    return out.Attributes !== undefined;
  }
}
