import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../domain/errors';
import type { ListFilter } from '../ports/announcement-store';
import { searchFold } from '../domain/text';
import { GSI1 } from '../table-definition';

const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk'] as const;
/** With a filter, DynamoDB reads this many index entries per round before filtering. */
const FILTERED_READ = 100;
/** A filtered page stops after this many rounds, returning what it has and a cursor. */
const MAX_ROUNDS = 10;

/**
 * The editors' list: one Query on gsi1 'ANN' (newest created first), the date
 * range as a key condition, the other filters as a filter expression. The
 * cursor is the index key of the last item returned (keyset pagination), so
 * items created meanwhile never shift or repeat later pages.
 */
export async function queryAnnouncements(
  doc: DynamoDBDocumentClient,
  table: string,
  options: { limit: number; cursor?: string; filter?: ListFilter },
): Promise<{ items: Record<string, unknown>[]; cursor?: string }> {
  const f = options.filter ?? {};
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':p': 'ANN' };
  let keyCondition = 'gsi1pk = :p';
  if (f.from !== undefined) values[':from'] = f.from;
  if (f.to !== undefined) values[':to'] = `${f.to}#~`;
  if (f.from !== undefined && f.to !== undefined) keyCondition += ' AND gsi1sk BETWEEN :from AND :to';
  else if (f.from !== undefined) keyCondition += ' AND gsi1sk >= :from';
  else if (f.to !== undefined) keyCondition += ' AND gsi1sk <= :to';
  const filters: string[] = [];
  if (f.status !== undefined) {
    names['#status'] = 'status';
    values[':status'] = f.status;
    filters.push('#status = :status');
  }
  if (f.language !== undefined) {
    names['#language'] = 'language';
    values[':language'] = f.language;
    filters.push('#language = :language');
  }
  if (f.tag !== undefined) {
    names['#tags'] = 'tags';
    values[':tag'] = f.tag;
    filters.push('contains(#tags, :tag)');
  }
  // DynamoDB compares case and accents exactly, so the title search folds and filters here, per page read.
  const words = f.q === undefined ? [] : searchFold(f.q).split(' ').filter(Boolean);
  const titleMatches = (item: Record<string, unknown>) => {
    const title = searchFold(String(item.title ?? ''));
    return words.every((w) => title.includes(w));
  };
  const filtered = filters.length > 0 || words.length > 0;

  const items: Record<string, unknown>[] = [];
  let start = options.cursor ? decodeCursor(options.cursor) : undefined;
  const at = start?.gsi1sk as string | undefined;
  if (at !== undefined && ((f.from !== undefined && at < f.from) || (f.to !== undefined && at > `${f.to}#~`))) {
    throw new ValidationError('invalid cursor', [{ path: 'cursor', message: 'outside the from/to range of this query' }]);
  }
  for (let round = 0; round < MAX_ROUNDS && items.length < options.limit; round++) {
    const wanted = options.limit - items.length;
    const out = await doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: GSI1,
        KeyConditionExpression: keyCondition,
        ...(filters.length > 0 ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: filtered ? Math.max(wanted, FILTERED_READ) : wanted,
        ExclusiveStartKey: start,
      }),
    );
    const found = (out.Items ?? []).filter(titleMatches);
    if (found.length > wanted) {
      // Read past the page: resume after the last item returned, not after the last one read.
      items.push(...found.slice(0, wanted));
      start = keyOf(items[items.length - 1]!);
      break;
    }
    // Every match read is kept; the next page resumes after the last item DynamoDB read.
    items.push(...found);
    start = out.LastEvaluatedKey;
    if (!start) break;
  }
  return { items, cursor: start ? encodeCursor(start) : undefined };
}

function keyOf(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(KEY_ATTRIBUTES.map((k) => [k, item[k]]));
}

const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    // DynamoDB refuses (500) a start key missing any of the table's and the index's keys, or with a key above its size limit.
    const ok =
      typeof key === 'object' && key !== null &&
      Object.keys(key).length === KEY_ATTRIBUTES.length &&
      Object.entries(key).every(([k, v]) => (KEY_ATTRIBUTES as readonly string[]).includes(k) && typeof v === 'string' && v !== '' && Buffer.byteLength(v) <= 1024) &&
      (key as Record<string, unknown>).gsi1pk === 'ANN';
    if (ok) return key as Record<string, unknown>;
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('invalid cursor', [{ path: 'cursor', message: 'not a cursor this API issued' }]);
}
