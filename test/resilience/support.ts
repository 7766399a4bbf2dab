import { jsonFeedErrors } from '../standards/support/json-schema';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
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
    // The project's JSON Feed 1.1 schema (test/standards/schemas), as every other suite uses it.
    for (const e of jsonFeedErrors(contents)) problems.push(`${key}: JSON Feed 1.1 ${e}`);
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
