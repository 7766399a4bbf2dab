import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Change } from '../services/publisher-service';
import { toAnnouncement } from './dynamo-announcement-items';
import { ANNOUNCEMENT, REBUILD_REQUEST } from './table-keys';

type Image = Record<string, AttributeValue> | undefined;

/** What one stream batch asks of the publisher: announcement changes and rebuild requests. */
export type StreamBatch = { changes: Change[]; rebuilds: string[] };

/**
 * A stream record's images as a Change, or undefined for records that are not
 * announcements. The kind is read before anything is decoded: other items need
 * not decode at all (DynamoDB Local streams an empty map, such as a document's
 * `variants`, as `{}`, which unmarshall refuses), and must not stop the stream.
 */
export function changeOf(record: DynamoDBRecord): Change | undefined {
  const raw = (record.dynamodb?.NewImage ?? record.dynamodb?.OldImage) as Image;
  if (raw?.type?.S !== ANNOUNCEMENT) return undefined;
  const image = (i: Image) => (i ? unmarshall(i) : undefined);
  const before = image(record.dynamodb?.OldImage as Image);
  const after = image(record.dynamodb?.NewImage as Image);
  return { before: before && toAnnouncement(before), after: after && toAnnouncement(after) };
}

/** The id of a newly recorded rebuild request, or undefined for any other record. */
export function rebuildRequestOf(record: DynamoDBRecord): string | undefined {
  if (record.eventName !== 'INSERT') return undefined;
  const image = record.dynamodb?.NewImage as Image;
  return image?.type?.S === REBUILD_REQUEST ? image.id?.S : undefined;
}

/**
 * Decodes a DynamoDB stream batch (the table's own item layout) into domain
 * terms, so the publisher's handler never reads table keys or item types.
 * Feed entries, tokens, registry and audit records are dropped.
 */
export function decodeStreamBatch(records: DynamoDBRecord[]): StreamBatch {
  return {
    changes: records.map(changeOf).filter((c): c is Change => c !== undefined),
    rebuilds: records.map(rebuildRequestOf).filter((id): id is string => id !== undefined),
  };
}

/** What a record is to the local stream poller: an editor's change (may overtake), an import's (may be overtaken), or neither. */
export type RecordKind = 'editor' | 'import' | 'other';

/**
 * A record's kind: an announcement change written by an import (`imported`
 * on the new version), one written by anyone else (which may be published
 * ahead of an import's backlog), or another item.
 */
export function recordKindOf(record: DynamoDBRecord): RecordKind {
  const raw = (record.dynamodb?.NewImage ?? record.dynamodb?.OldImage) as Image;
  if (raw?.type?.S !== ANNOUNCEMENT) return 'other';
  return (record.dynamodb?.NewImage as Image)?.imported?.BOOL === true ? 'import' : 'editor';
}
