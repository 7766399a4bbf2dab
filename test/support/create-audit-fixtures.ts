import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient, makeDynamoClient } from '../../shared/adapters/aws-clients';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import type { Announcement } from '../../shared/domain/announcement';
import type { Emulators } from './emulators';

let n = 0;

/** A stored-shape announcement with a fresh id, version 1 unless told otherwise. */
export function announcement(over: Partial<Announcement> = {}): Announcement {
  const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  return {
    id, slug: 'kampala', title: 'Regional seminar in Kampala', summary: '29-30 May.', body: 'Opened by the minister.',
    bodyHtml: '<p>Opened by the minister.</p>', language: 'en', tags: ['seminar'], authors: [], images: [], attachments: [],
    status: 'published', publishedAt: '2026-03-16T08:00:00.000Z', createdAt: '2026-03-16T08:00:00.000Z', updatedAt: '2026-03-16T08:00:00.000Z',
    createdBy: 'ana', updatedBy: 'ana', version: 1, ...over,
  } as Announcement;
}

/** The next version of `a`, edited by `by`. */
export const edited = (a: Announcement, by: string, over: Partial<Announcement> = {}): Announcement => ({
  ...a, version: a.version + 1, updatedBy: by, updatedAt: `2026-03-16T09:00:0${a.version}.000Z`, ...over,
});

/** A store on its own client that records the name of every command it sends. */
export function countingStore(emu: Emulators) {
  const sent: string[] = [];
  const client = makeDynamoClient({ region: 'us-east-1', dynamoEndpoint: emu.endpoints.dynamo });
  client.middlewareStack.add((next, context) => (args) => (sent.push(context.commandName ?? '?'), next(args)), { step: 'initialize', name: 'countCommands' });
  return { store: new DynamoAnnouncementStore(makeDocumentClient(client), emu.table), sent, stop: () => client.destroy() };
}

/** Every item of one announcement's partition, read raw, in sort-key order. */
export async function partitionOf(emu: Emulators, id: string): Promise<Record<string, unknown>[]> {
  const out = await emu.doc.send(
    new QueryCommand({ TableName: emu.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `ANN#${id}` }, ConsistentRead: true }),
  );
  return out.Items ?? [];
}
