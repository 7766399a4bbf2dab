import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../domain/errors';
import type { Media } from '../domain/media';
import type { MediaPage, MediaStore } from '../ports/media-store';
import { GSI1, INDEX_PARTITIONS, KEY_PREFIXES } from '../table-definition';

/** One item per media upload; the library is gsi1 'MEDIA', newest first. */
export const mediaKey = (id: string) => ({ pk: `${KEY_PREFIXES.media}${id}`, sk: 'M' });
const mediaIndexKeys = (m: Media) => ({ gsi1pk: INDEX_PARTITIONS.media, gsi1sk: `${m.createdAt}#${m.id}` });
const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;
const MEDIA = 'media';

/**
 * MediaStore on DynamoDB. A pending item carries `expiresAt` (the table's TTL
 * attribute) so an upload never completed disappears from the table, as its
 * bytes do from uploads/ by the bucket's lifecycle rule; `markReady` removes it.
 */
export class DynamoMediaStore implements MediaStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async createPending(media: Media, expiresAt: Date): Promise<void> {
    const Item = { ...mediaKey(media.id), ...mediaIndexKeys(media), type: MEDIA, media, expiresAt: Math.floor(expiresAt.getTime() / 1000) };
    await this.doc.send(new PutCommand({ TableName: this.table, Item, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async get(id: string): Promise<Media | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: mediaKey(id), ConsistentRead: true }));
    // TTL deletion lags expiry by up to days: an expired pending item is gone already.
    if (!out.Item || (typeof out.Item.expiresAt === 'number' && out.Item.expiresAt * 1000 < Date.now())) return undefined;
    return out.Item.media as Media;
  }

  async markReady(media: Media): Promise<boolean> {
    try {
      const Item = { ...mediaKey(media.id), ...mediaIndexKeys(media), type: MEDIA, media };
      await this.doc.send(new PutCommand({ TableName: this.table, Item, ConditionExpression: 'attribute_exists(pk) AND #m.#s = :pending', ExpressionAttributeNames: { '#m': 'media', '#s': 'status' }, ExpressionAttributeValues: { ':pending': 'pending' } }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async list(options: { limit: number; cursor?: string }): Promise<MediaPage> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': INDEX_PARTITIONS.media },
        ScanIndexForward: false,
        Limit: options.limit,
        ExclusiveStartKey: options.cursor ? decodeCursor(options.cursor) : undefined,
      }),
    );
    const items = (out.Items ?? []).map((i) => i.media as Media);
    const last = out.LastEvaluatedKey;
    return { items, ...(last ? { cursor: Buffer.from(JSON.stringify(last)).toString('base64url') } : {}) };
  }

  async delete(id: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: mediaKey(id) }));
  }

  /**
   * Reads the images and attachments of published and scheduled announcements
   * (a scheduled one will publish them by itself) a page at a time (gsi1 'ANN',
   * filtered on status). A delete is rare, so a read proportional
   * to the number of announcements is acceptable there and nothing else has to
   * keep a usage count in step with every edit.
   */
  async usedByPublished(urlPrefix: string): Promise<boolean> {
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: GSI1,
          KeyConditionExpression: 'gsi1pk = :p',
          FilterExpression: '#status IN (:published, :scheduled)',
          ProjectionExpression: 'images, attachments',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':p': INDEX_PARTITIONS.list, ':published': 'published', ':scheduled': 'scheduled' },
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        const files = [...((item.images as { url?: string }[] | undefined) ?? []), ...((item.attachments as { url?: string }[] | undefined) ?? [])];
        if (files.some((f) => typeof f.url === 'string' && f.url.startsWith(urlPrefix))) return true;
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return false;
  }
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const ok = Object.keys(key).length === KEY_ATTRIBUTES.length && KEY_ATTRIBUTES.every((k) => typeof key[k] === 'string' && key[k] !== '' && (key[k] as string).length <= 1024) && key.gsi1pk === INDEX_PARTITIONS.media;
    if (ok) return key;
  } catch {
    // fall through
  }
  throw new ValidationError('invalid cursor', [{ path: 'cursor', message: 'not a cursor this API issued' }]);
}
