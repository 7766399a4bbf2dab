import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

  /** Read then write (the fediverse function's grant has no UpdateItem): two failures at once may count as one, which only delays a drop. */
  async failure(inbox: string, at: string): Promise<InboxFailures> {
    const found = (await this.doc.send(new GetCommand({ TableName: this.table, Key: runKey(inbox), ConsistentRead: true }))).Item;
    const run = { since: (found?.since as string | undefined) ?? at, count: ((found?.count as number | undefined) ?? 0) + 1 };
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...runKey(inbox), type: 'fediverse-inbox-failures', ...run, [TABLE.ttlAttribute]: expiresAt() } }));
    return run;
  }

  async success(inbox: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: runKey(inbox) }));
  }
}
