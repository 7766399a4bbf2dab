import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { InvitationRecord } from '../domain/identity';
import type { InvitationStore } from '../ports/identity-store';
import { GSI1, INDEX_PARTITIONS } from '../table-definition';
import { queryAll } from './dynamo-query-all';
import { INVITATION, fieldsOf, invitationIndex, invitationKey } from './identity-keys';

/**
 * InvitationStore on DynamoDB: `INVITE#{sha256 of the token}` with the TTL at its
 * expiry, listed under gsi1 'INVITE' newest first. Revocation marks the item, so
 * the list and a late sign-up both say it was revoked.
 */
export class DynamoInvitationStore implements InvitationStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(record: InvitationRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...invitationKey(record.sha256), ...invitationIndex(record.createdAt, record.id), type: INVITATION, ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findBySha256(sha256: string): Promise<InvitationRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: invitationKey(sha256), ConsistentRead: true }));
    return out.Item ? fieldsOf<InvitationRecord>(out.Item) : undefined;
  }

  async list(): Promise<InvitationRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': INDEX_PARTITIONS.invitations },
      ScanIndexForward: false,
    });
    return items.map((i) => fieldsOf<InvitationRecord>(i));
  }

  async revoke(id: string, at: string): Promise<boolean> {
    const found = (await this.list()).find((i) => i.id === id);
    if (!found) return false;
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: invitationKey(found.sha256),
        // Revoking twice keeps the first time.
        UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  }
}
