import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { DynamoFeedIndex } from '../../shared/adapters/dynamo-feed-index';
import type { Announcement } from '../../shared/domain/announcement';
import type { AuditEntry } from '../../shared/domain/audit';
import type { IdempotencyRecord } from '../../shared/ports/announcement-store';
import { projectEntries } from '../../shared/services/publish-entries';

/**
 * The store as the API uses it, each write followed by the publisher's first
 * step (the feed-entry projection) with the images the stream would carry:
 * for tests of what reads the feed index when no stream runs.
 */
export class ProjectingAnnouncementStore extends DynamoAnnouncementStore {
  private readonly entries: DynamoFeedIndex;
  constructor(doc: DynamoDBDocumentClient, table: string) {
    super(doc, table);
    this.entries = new DynamoFeedIndex(doc, table);
  }

  override async create(next: Announcement, audit: AuditEntry, idempotency?: IdempotencyRecord): Promise<void> {
    await super.create(next, audit, idempotency);
    await projectEntries(this.entries, [{ after: next }]);
  }

  override async replace(next: Announcement, prev: Announcement, audit: AuditEntry): Promise<void> {
    await super.replace(next, prev, audit);
    await projectEntries(this.entries, [{ before: prev, after: next }]);
  }
}
