import { DeleteCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeliveryOutcomeStore, InboxFailures, InboxOutcome } from '../fediverse/delivery-outcomes';
import { KEY_PREFIXES, TABLE_DEFINITION as TABLE } from '../table-definition';
import { queryAll } from './dynamo-query-all';

/** How long an outcome or a failure run is kept (the table's TTL removes it). */
export const OUTCOME_TTL_SECONDS = 30 * 86_400;

/** Sort-key prefix of an outcome in the announcement's sent-log partition. */
export const OUTCOME_SK = 'out#';

const expiresAt = () => Math.floor(Date.now() / 1000) + OUTCOME_TTL_SECONDS;
/** A failure run's partition: in the fediverse-sent prefix (the function's grant), apart from any announcement id. */
const runKey = (inbox: string) => ({ pk: `${KEY_PREFIXES.fediverseSent}~inbox#${inbox}`, sk: 'failures' });

/**
 * Per-inbox delivery outcomes beside the sent log (`FEDSENT#{id}`, sk
 * `out#{activity}#{inbox}`), so the delivery record reads both in one Query;
 * each shared inbox's failure run in `FEDSENT#~inbox#{inbox}`.
 */
export class DynamoDeliveryOutcomes implements DeliveryOutcomeStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(o: InboxOutcome): Promise<void> {
    const item = { pk: `${KEY_PREFIXES.fediverseSent}${o.announcementId}`, sk: `${OUTCOME_SK}${o.activityKey}#${o.inbox}`, type: 'fediverse-outcome', ...o, [TABLE.ttlAttribute]: expiresAt() };
    // A late "pending" (the queue wrapper) never overwrites a final state.
    await this.doc
      .send(new PutCommand({ TableName: this.table, Item: item, ...(o.state === 'pending' && o.attempts === 0 ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}) }))
      .catch((err: Error) => {
        if (err.name !== 'ConditionalCheckFailedException') throw err;
      });
  }

  async list(announcementId: string): Promise<InboxOutcome[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :o)',
      ExpressionAttributeValues: { ':pk': `${KEY_PREFIXES.fediverseSent}${announcementId}`, ':o': OUTCOME_SK },
    });
    return items.map((i) => ({ announcementId, activityKey: i.activityKey as string, inbox: i.inbox as string, state: i.state as InboxOutcome['state'], attempts: i.attempts as number, ...(i.status !== undefined ? { status: i.status as number } : {}), at: i.at as string }));
  }

  async failure(inbox: string, at: string): Promise<InboxFailures> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: runKey(inbox),
        UpdateExpression: 'SET since = if_not_exists(since, :at), #t = :ttl ADD #c :one',
        ExpressionAttributeNames: { '#c': 'count', '#t': TABLE.ttlAttribute },
        ExpressionAttributeValues: { ':at': at, ':one': 1, ':ttl': expiresAt() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { since: out.Attributes!.since as string, count: out.Attributes!.count as number };
  }

  async success(inbox: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: runKey(inbox) }));
  }
}
