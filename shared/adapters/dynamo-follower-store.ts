import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Follower, FollowerStore, Mention, MentionStore, SentLog } from '../ports/follower-store';
import { KEY_PREFIXES } from '../table-definition';
import { queryAll } from './dynamo-query-all';

const FOLLOWER = 'follower';
const SENT = 'fediverse-sent';

/**
 * The followers of one actor in one partition (`FOLLOWER#{handle}`, sk the
 * follower's actor id), so the delivery fan-out and the count are one Query.
 */
export class DynamoFollowerStore implements FollowerStore {
  private readonly pk: string;
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    handle: string,
  ) {
    this.pk = `${KEY_PREFIXES.follower}${handle}`;
  }

  async add(f: Follower): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: this.pk, sk: f.actorId, type: FOLLOWER, ...f } }));
  }

  async remove(actorId: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: this.pk, sk: actorId } }));
  }

  async removeByInbox(inbox: string): Promise<number> {
    const gone = (await this.list()).filter((f) => f.inbox === inbox || f.sharedInbox === inbox);
    for (const f of gone) await this.remove(f.actorId);
    return gone.length;
  }

  async list(): Promise<Follower[]> {
    const items = await queryAll(this.doc, { TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': this.pk }, ConsistentRead: true });
    return items.map((i) => ({ actorId: i.actorId as string, inbox: i.inbox as string, sharedInbox: i.sharedInbox as string | undefined, followedAt: i.followedAt as string }));
  }

  async count(): Promise<number> {
    let n = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': this.pk }, Select: 'COUNT', ExclusiveStartKey: start }),
      );
      n += out.Count ?? 0;
      start = out.LastEvaluatedKey;
    } while (start);
    return n;
  }
}

/** The sent log in the announcement's own partition of records (`FEDSENT#{id}`, sk `{activity}#v{version}`). */
export class DynamoSentLog implements SentLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async claim(id: string, activity: string, version: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `${KEY_PREFIXES.fediverseSent}${id}`, sk: `${activity}#v${version}`, type: SENT, at: new Date().toISOString() },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async release(id: string, activity: string, version: number): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: `${KEY_PREFIXES.fediverseSent}${id}`, sk: `${activity}#v${version}` } }));
  }

  async created(id: string): Promise<boolean> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: { ':pk': `${KEY_PREFIXES.fediverseSent}${id}`, ':c': 'create#' },
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    return (out.Items?.length ?? 0) > 0;
  }
}

/** Replies and mentions of one actor, newest last by receipt time (`FEDMENTION#{handle}`, sk `{receivedAt}#{note id}`). */
export class DynamoMentionStore implements MentionStore {
  private readonly pk: string;
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    handle: string,
  ) {
    this.pk = `${KEY_PREFIXES.fediverseMention}${handle}`;
  }

  async add(m: Mention): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: this.pk, sk: `${m.receivedAt}#${m.noteId}`, type: 'fediverse-mention', ...m } }));
  }

  async list(limit: number): Promise<Mention[]> {
    const out = await this.doc.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': this.pk }, ScanIndexForward: false, Limit: limit }),
    );
    return (out.Items ?? []).map((i) => ({ noteId: i.noteId as string, actorId: i.actorId as string, inReplyTo: i.inReplyTo as string | undefined, content: i.content as string, receivedAt: i.receivedAt as string }));
  }
}
