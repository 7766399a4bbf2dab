import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import { KEY_PREFIXES } from '../table-definition';

/** Ends every key part in the sort key, so the prefix ['a','b'] never matches ['a','bc']. */
const SEP = '\u001f';
const FEDIVERSE_KV = 'fediverse-kv';

const keyOf = (key: KvKey) => ({ pk: `${KEY_PREFIXES.fediverseKv}${key[0]}`, sk: `K${key.slice(1).map((p) => p + SEP).join('')}` });
const keyFrom = (pk: string, sk: string): KvKey => [pk.slice(KEY_PREFIXES.fediverseKv.length), ...sk.slice(1).split(SEP).slice(0, -1)] as unknown as KvKey;
const expiryOf = (options?: KvStoreSetOptions) =>
  options?.ttl ? { expiresAt: Math.ceil((Date.now() + options.ttl.total('millisecond')) / 1000) } : {};

/**
 * Fedify's KvStore on Herald's table (as @fedify/redis and @fedify/postgres do
 * on theirs): a key's first part is the partition (`FEDKV#_fedify`), the rest
 * the sort key, so `list(prefix)` is one Query. Values are stored as JSON; a
 * TTL becomes the table's expiry attribute, and an expired item reads as absent
 * before DynamoDB's sweeper removes it. `list()` needs a prefix: a whole-table
 * scan is refused (Fedify always lists under its own prefix).
 */
export class DynamoKvStore implements KvStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: keyOf(key), ConsistentRead: true }));
    return out.Item && this.live(out.Item) ? (JSON.parse(out.Item.value as string) as T) : undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const Item = { ...keyOf(key), type: FEDIVERSE_KV, value: JSON.stringify(value ?? null), ...expiryOf(options) };
    await this.doc.send(new PutCommand({ TableName: this.table, Item }));
  }

  async delete(key: KvKey): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: keyOf(key) }));
  }

  /** Compare-and-swap by the stored JSON (absent and expired count as undefined). */
  cas = async (key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> => {
    const Item = { ...keyOf(key), type: FEDIVERSE_KV, value: JSON.stringify(newValue ?? null), ...expiryOf(options) };
    const condition =
      expectedValue === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now', ExpressionAttributeValues: { ':now': Math.floor(this.now() / 1000) } }
        : { ConditionExpression: '#v = :expected', ExpressionAttributeNames: { '#v': 'value' }, ExpressionAttributeValues: { ':expected': JSON.stringify(expectedValue) } };
    try {
      await this.doc.send(new PutCommand({ TableName: this.table, Item, ...condition }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  };

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    if (!prefix || prefix.length === 0) throw new Error('DynamoKvStore.list needs a key prefix: a whole-table scan is refused');
    const { pk, sk } = keyOf(prefix);
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
          ExpressionAttributeValues: { ':pk': pk, ':sk': sk },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      for (const item of out.Items ?? []) {
        if (this.live(item)) yield { key: keyFrom(item.pk as string, item.sk as string), value: JSON.parse(item.value as string) };
      }
      start = out.LastEvaluatedKey;
    } while (start);
  }

  private live(item: Record<string, unknown>): boolean {
    return typeof item.expiresAt !== 'number' || item.expiresAt * 1000 > this.now();
  }
}
