import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';
import type { ReviewLinkRecord, ReviewLinkStore } from '../ports/review-link-store';
import { REVIEW_LINK, reviewLinkKey, reviewListKey, reviewListPartition } from './table-keys';
import { queryAll } from './dynamo-query-all';

const FIELDS = ['id', 'announcementId', 'sha256', 'createdBy', 'createdAt', 'expiresAt'] as const;

/**
 * ReviewLinkStore on DynamoDB: the link under `REVIEW#{sha256}` (what the public
 * page reads) and a copy under `REVIEWS#{announcement}` (what editors list and
 * revoke by id), written and deleted together in one transaction. Both carry
 * the TTL attribute, so expired links leave the table on their own.
 */
export class DynamoReviewLinkStore implements ReviewLinkStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(record: ReviewLinkRecord): Promise<void> {
    const put = (key: { pk: string; sk: string }) => ({
      Put: { TableName: this.table, Item: { ...key, type: REVIEW_LINK, ...record }, ConditionExpression: 'attribute_not_exists(pk)' },
    });
    try {
      await this.doc.send(
        new TransactWriteCommand({ TransactItems: [put(reviewLinkKey(record.sha256)), put(reviewListKey(record.announcementId, record.id))] }),
      );
    } catch (err) {
      if (err instanceof TransactionCanceledException) throw new ConflictError('a review link with this id or token exists');
      throw err;
    }
  }

  async findBySha256(sha256: string): Promise<ReviewLinkRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: reviewLinkKey(sha256), ConsistentRead: true }));
    return out.Item ? toRecord(out.Item) : undefined;
  }

  async list(announcementId: string): Promise<ReviewLinkRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': reviewListPartition(announcementId) },
      ConsistentRead: true,
    });
    return items.map(toRecord);
  }

  async revoke(announcementId: string, id: string): Promise<boolean> {
    const listed = await this.doc.send(new GetCommand({ TableName: this.table, Key: reviewListKey(announcementId, id), ConsistentRead: true }));
    if (!listed.Item) return false;
    const { sha256 } = toRecord(listed.Item);
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.table, Key: reviewLinkKey(sha256) } },
          { Delete: { TableName: this.table, Key: reviewListKey(announcementId, id) } },
        ],
      }),
    );
    return true;
  }
}

/** Only the record's own fields: never the keys or the item type. */
function toRecord(item: Record<string, unknown>): ReviewLinkRecord {
  return Object.fromEntries(FIELDS.map((f) => [f, item[f]])) as ReviewLinkRecord;
}
