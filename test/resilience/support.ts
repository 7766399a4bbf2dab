import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

/**
 * Helpers shared by the resilience suite: whole-table and whole-bucket
 * snapshots (to prove that nothing changed), a seeded PRNG (so fault
 * injection is repeatable), and an independent feed checker (libxml2 via
 * xmllint-wasm, JSON.parse) that never uses Herald's own code.
 */

/** Every item in the table, each as sorted JSON, sorted: equal snapshots mean an unchanged table. */
export async function tableSnapshot(doc: DynamoDBDocumentClient, table: string): Promise<string[]> {
  const rows: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) rows.push(stableStringify(item));
    start = out.LastEvaluatedKey;
  } while (start);
  return rows.sort();
}

/** Every item of the table (raw), for consistency checks. */
export async function scanAll(doc: DynamoDBDocumentClient, table: string): Promise<Record<string, any>[]> {
  const rows: Record<string, any>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    rows.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return rows;
}

function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Set) return [...(v as Set<unknown>)].map(String).sort();
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return v;
  });
}

/** Every object in a bucket: key -> body (UTF-8). */
export async function bucketContents(s3: S3Client, bucket: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let token: string | undefined;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of out.Contents ?? []) {
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key! }));
      found.set(o.Key!, (await got.Body?.transformToString('utf-8')) ?? '');
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return found;
}

/** key -> sha256 of the body, for compact comparisons in failure messages. */
export function digests(objects: Map<string, string>): Record<string, string> {
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 16);
  return Object.fromEntries([...objects].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sha(v)]));
}

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the required members and the URL-typed ones. */
const JSON_FEED_11 = {
  type: 'object',
  required: ['version', 'title', 'items'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string' },
    home_page_url: { type: 'string', format: 'uri' },
    feed_url: { type: 'string', format: 'uri' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
        properties: {
          id: { type: 'string', minLength: 1 },
          url: { type: 'string', format: 'uri' },
          external_url: { type: 'string', format: 'uri' },
          image: { type: 'string', format: 'uri' },
          content_html: { type: 'string' },
          date_published: { type: 'string', format: 'date-time' },
          date_modified: { type: 'string', format: 'date-time' },
          authors: { type: 'array', items: { type: 'object', properties: { url: { type: 'string', format: 'uri' } } } },
          attachments: {
            type: 'array',
            items: { type: 'object', required: ['url', 'mime_type'], properties: { url: { type: 'string', format: 'uri' } } },
          },
        },
      },
    },
  },
} as const;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validJsonFeed = ajv.compile(JSON_FEED_11);

/**
 * Problems with the feed files among `objects`: libxml2's complaints about
 * every .xml / .opml file and JSON.parse's about every .json file; empty when
 * all are well-formed.
 */
export async function feedProblems(objects: Map<string, string>): Promise<string[]> {
  const problems: string[] = [];
  const xml = [...objects].filter(([k]) => k.endsWith('.xml') || k.endsWith('.opml'));
  // One wasm call for all; only when it complains, one per file to name the culprit.
  const files = xml.map(([key, contents]) => ({ fileName: key.replace(/\//g, '_'), contents }));
  const all = files.length ? await validateXML({ xml: files, normalization: 'format' }) : { valid: true };
  for (const [key, contents] of all.valid ? [] : xml) {
    const result = await validateXML({ xml: [{ fileName: key.replace(/\//g, '_'), contents }], normalization: 'format' });
    if (!result.valid) problems.push(`${key}: ${result.errors.map((e) => e.rawMessage).join('; ')}`);
  }
  for (const [key, contents] of objects) {
    if (!key.endsWith('.json')) continue;
    try {
      const feed = JSON.parse(contents) as { items?: Record<string, unknown>[] };
      if (!validJsonFeed(feed)) {
        for (const e of validJsonFeed.errors ?? []) {
          const item = /^\/items\/(\d+)/.exec(e.instancePath)?.[1];
          const value = e.instancePath.split('/').slice(1).reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], feed);
          problems.push(`${key}: JSON Feed 1.1 ${e.instancePath} ${e.message} (${JSON.stringify(value)?.slice(0, 120)})${item ? ` in item ${String(feed.items?.[Number(item)]?.id)}` : ''}`);
        }
      }
    } catch (err) {
      problems.push(`${key}: ${(err as Error).message}`);
    }
  }
  return problems;
}

/** mulberry32: a tiny seeded PRNG, so "random" faults are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Polls `check` until it returns true, or fails with `describe()` after `ms`. */
export async function eventually(check: () => Promise<boolean>, ms: number, describe: () => Promise<string> | string = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms ${await describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
