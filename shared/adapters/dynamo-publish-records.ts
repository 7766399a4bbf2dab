import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HubAnswer } from '../ports/hub-notifier';
import { KEY_PREFIXES } from '../table-definition';

/** What one publish wrote for one announcement version: the publisher knows it, the delivery record shows it. */
export type PublishRecord = {
  id: string;
  version: number;
  at: string;
  feedsWritten: string[];
  feedsUnchanged: number;
  feedsDeleted: string[];
  hubs: string[];
  topicsPinged: string[];
  /** Per hub: how many topics it accepted, refused or never answered, and its last error. */
  hubAnswers?: HubSummary[];
};

/** One hub's answers to a publish's pings, summarised. */
export type HubSummary = { hub: string; accepted: number; refused: number; failed: number; lastError?: string };

/** Hub answers summarised per hub (a publish may ping many topics). */
export function summariseHubAnswers(answers: readonly HubAnswer[]): HubSummary[] {
  const byHub = new Map<string, HubSummary>();
  for (const a of answers) {
    const s = byHub.get(a.hub) ?? { hub: a.hub, accepted: 0, refused: 0, failed: 0 };
    s[a.outcome] += 1;
    if (a.outcome !== 'accepted' && a.detail) s.lastError = a.detail;
    byHub.set(a.hub, s);
  }
  return [...byHub.values()].sort((x, y) => x.hub.localeCompare(y.hub));
}

/** At most this many keys are kept per list (a rebuild-sized publish is summarised, not stored whole). */
const MAX_KEYS = 200;

/** Publish records in the announcement's own partition (`PUBREC#{id}`, sk `v{version}`), kept 90 days. */
export class DynamoPublishRecords {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async put(r: PublishRecord): Promise<void> {
    const cut = (keys: string[]) => keys.slice(0, MAX_KEYS);
    const expiresAt = Math.floor(Date.parse(r.at) / 1000) + 90 * 86400;
    // UpdateItem, not PutItem: the publisher's grant writes items only by update.
    const values = { type: 'publish-record', ...r, feedsWritten: cut(r.feedsWritten), feedsDeleted: cut(r.feedsDeleted), topicsPinged: cut(r.topicsPinged), expiresAt };
    const names = Object.keys(values);
    await this.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `${KEY_PREFIXES.publishRecord}${r.id}`, sk: `v${r.version}` },
        UpdateExpression: `SET ${names.map((n, i) => `#n${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#n${i}`, n])),
        ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, values[n as keyof typeof values]])),
      }),
    );
  }

  async get(id: string, version: number): Promise<PublishRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `${KEY_PREFIXES.publishRecord}${id}`, sk: `v${version}` } }));
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, type: _t, expiresAt: _e, ...r } = out.Item;
    return r as PublishRecord;
  }
}
