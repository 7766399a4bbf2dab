import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PasskeyRecord, SessionRecord, UserListing, UserRecord } from '../domain/identity';
import { RegistrationRaced, type Registration, type UserStore } from '../ports/identity-store';
import { GSI1, INDEX_PARTITIONS } from '../table-definition';
import { queryAll } from './dynamo-query-all';
import { TransactionConditionFailed, transactWrite } from './dynamo-transact';
import { PASSKEY, SESSION, USER, challengeKey, fieldsOf, invitationKey, passkeyIndex, passkeyKey, userIndex, userKey } from './identity-keys';

/**
 * UserStore on DynamoDB. A passkey is `PASSKEY#{credential id}` (what sign-in
 * reads); users, passkeys and sessions are all under gsi1 'USER' so the admin's
 * list is one Query. Registration is one transaction.
 */
export class DynamoUserStore implements UserStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async register(r: Registration): Promise<void> {
    const T = this.table;
    try {
      await transactWrite(this.doc, [
        {
          Update: {
            TableName: T,
            Key: invitationKey(r.invitationSha256),
            UpdateExpression: 'SET usedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND attribute_not_exists(revokedAt) AND expiresAt > :now',
            ExpressionAttributeValues: { ':at': r.at, ':now': r.nowSeconds },
          },
        },
        {
          Delete: {
            TableName: T,
            Key: challengeKey(r.challenge.id),
            ConditionExpression: 'challenge = :c AND expiresAt > :now',
            ExpressionAttributeValues: { ':c': r.challenge.challenge, ':now': r.nowSeconds },
          },
        },
        { Put: { TableName: T, Item: { ...userKey(r.user.id), ...userIndex(r.user.id), type: USER, ...r.user }, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Put: {
            TableName: T,
            Item: { ...passkeyKey(r.passkey.id), ...passkeyIndex(r.user.id, r.passkey.id), type: PASSKEY, ...r.passkey },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]);
    } catch (err) {
      if (err instanceof TransactionConditionFailed) throw new RegistrationRaced(err.message);
      throw err;
    }
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: userKey(id), ConsistentRead: true }));
    return out.Item ? fieldsOf<UserRecord>(out.Item) : undefined;
  }

  async getPasskey(credentialId: string): Promise<PasskeyRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: passkeyKey(credentialId), ConsistentRead: true }));
    return out.Item ? fieldsOf<PasskeyRecord>(out.Item) : undefined;
  }

  async recordUse(credentialId: string, previous: number, next: number, at: string): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.table,
        Key: passkeyKey(credentialId),
        UpdateExpression: 'SET #c = :next, lastUsedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND #c = :previous',
        ExpressionAttributeNames: { '#c': 'counter' },
        ExpressionAttributeValues: { ':next': next, ':previous': previous, ':at': at },
      }),
    );
  }

  async removePasskey(userId: string, credentialId: string): Promise<boolean> {
    return this.conditional(
      new DeleteCommand({ TableName: this.table, Key: passkeyKey(credentialId), ConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } }),
    );
  }

  async list(): Promise<UserListing[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': INDEX_PARTITIONS.users },
    });
    const users = new Map<string, UserListing>();
    for (const item of items) if (item.type === USER) users.set(String(item.id), { ...fieldsOf<UserRecord>(item), passkeys: [], sessions: [] });
    for (const item of items) {
      const owner = users.get(String(item.userId));
      if (owner && item.type === PASSKEY) owner.passkeys.push(fieldsOf<PasskeyRecord>(item));
      if (owner && item.type === SESSION) owner.sessions.push(fieldsOf<SessionRecord>(item));
    }
    return [...users.values()];
  }

  /** Runs a conditional write: false when its condition failed. */
  private async conditional(command: UpdateCommand | DeleteCommand): Promise<boolean> {
    try {
      await this.doc.send(command as UpdateCommand);
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}

