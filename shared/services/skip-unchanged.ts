import { createHash } from 'node:crypto';
import { FILE_HASH_READ_BATCH, type FileHashes } from '../ports/file-hashes';
import type { ObjectStore } from '../ports/object-store';
import type { OutputFile } from '../render/output-file';
import { makeBatchLoader, makeBatchWriter } from './batch-loader';

export type { OutputFile } from '../render/output-file';

/** Where a write went: rewritten, or skipped because the stored object is already this. */
export type WriteLog = { written: string[]; unchanged: string[] };

/**
 * Writes one file unless the record says its bytes and headers are already
 * there; `recorded` is that record when the caller asked for it ahead (lookup).
 */
export type PutIfChanged = ((file: OutputFile, log: WriteLog, recorded?: Promise<string | undefined>) => Promise<void>) & {
  /** A verifying writer's listing, as the months each feed prefix has archive files for (archivedMonths). */
  archived?: (prefix: string) => ReadonlySet<string>;
};

/** The bucket's objects as listed: key -> ETag (the MD5 of a single PUT's bytes). */
export type Listing = Map<string, string>;

/** Hash records written per BatchWriteItem. */
const RECORD_BATCH = 25;
/** How long records of finished PUTs are gathered before they are written (each publish waits at most this). */
const RECORD_WINDOW_MS = 5;

const md5Hex = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** A file's bytes (encoded once), their sha256 (which also signs the PUT) and its record: the headers and that sha256. */
function encode(file: OutputFile) {
  const bytes = Buffer.from(file.body, 'utf8');
  const bodySha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, bodySha256, record: recordOf(file, bodySha256) };
}

/**
 * What a hash record holds: the sha256 of the headers and the body's sha256.
 * The headers count: an archive whose month closes keeps its bytes but
 * gains a long Cache-Control.
 */
const recordOf = (file: Pick<OutputFile, 'contentType' | 'cacheControl'>, bodySha256: string) =>
  createHash('sha256').update(`${file.contentType}\n${file.cacheControl}\n${bodySha256}`, 'utf8').digest('hex');

/** An archive page's files: `{feed prefix}archive/{YYYY-MM}[/{page}]/{name}` (the last `archive/`, so a tag named archive is no trouble). */
const ARCHIVE_KEY = /^(.*\/)archive\/(\d{4}-\d{2})\//;

/** The months a listing holds archive files for, by feed prefix (`feeds/`, `feeds/en/`, `feeds/tags/x/`). */
export function archivedMonths(listing: Listing): (prefix: string) => ReadonlySet<string> {
  const months = new Map<string, Set<string>>();
  for (const key of listing.keys()) {
    const m = ARCHIVE_KEY.exec(key);
    if (!m) continue;
    let set = months.get(m[1]!);
    if (!set) months.set(m[1]!, (set = new Set()));
    set.add(m[2]!);
  }
  return (prefix) => months.get(prefix) ?? new Set();
}

/** Every object in the bucket with its ETag, a page (1,000 keys) per call. */
export async function listBucket(objects: ObjectStore): Promise<Listing> {
  const listing: Listing = new Map();
  let cursor: string | undefined;
  do {
    const page = await objects.list(cursor);
    for (const o of page.items) listing.set(o.key, o.etag);
    cursor = page.cursor;
  } while (cursor);
  return listing;
}

/**
 * Writes a file only when its bytes or headers differ from what was last
 * written there, as the hash records say: no round trip to the bucket to
 * decide. The headers count too: an archive whose month closes keeps its
 * bytes but gains a long Cache-Control. Records are read in batches (the keys
 * asked for in one turn of the event loop) and written after their PUT
 * succeeds, so a failed or interrupted PUT leaves no record and is retried;
 * a publish calls settle() before it reports success.
 *
 * A record can still be wrong about the bucket (an object deleted or edited
 * by hand, two publishers racing): `verifying(listing)` gives a writer that
 * also requires the listed ETag to be the MD5 of the bytes, which the nightly
 * reconciliation and every rebuild use to repair such drift.
 */
export function makeSkipUnchanged(objects: ObjectStore, hashes: FileHashes) {
  // Records are named by bucket and key: another bucket on the same table has records of its own.
  const scoped = (key: string) => `${objects.bucket}/${key}`;
  const recorded = makeBatchLoader((keys) => hashes.getMany(keys), FILE_HASH_READ_BATCH);
  const record = makeBatchWriter((batch: Map<string, string>) => hashes.putMany(batch), RECORD_BATCH, RECORD_WINDOW_MS);

  const writer =
    (listing?: Listing): PutIfChanged =>
    async (file, log, known) => {
      const { bytes, bodySha256, record: hash } = encode(file);
      const same = (await (known ?? recorded(scoped(file.key)))) === hash && (!listing || listing.get(file.key) === md5Hex(bytes));
      if (same) {
        log.unchanged.push(file.key);
        return;
      }
      await objects.put(file.key, bytes, { contentType: file.contentType, cacheControl: file.cacheControl, sha256: hash, bodySha256 });
      // The record is written behind the PUT, off the caller's path; settle() waits for it.
      const recording: Promise<void> = record(scoped(file.key), hash).then(
        () => void inflight.delete(recording),
        (err: unknown) => {
          inflight.delete(recording);
          failures.push(err);
        },
      );
      inflight.add(recording);
      log.written.push(file.key);
    };
  const inflight = new Set<Promise<void>>();
  const failures: unknown[] = [];

  return {
    put: writer(),
    /** A writer that also checks the listing's ETags, and knows which archive months the bucket holds. */
    verifying: (listing: Listing): PutIfChanged => Object.assign(writer(listing), { archived: archivedMonths(listing) }),
    /** The hash record of one bucket key, batched with the others asked in the same turn: a run asks ahead for files it will render. */
    lookup: (key: string): Promise<string | undefined> => recorded(scoped(key)),
    /** Waits for the records of every finished PUT; fails if one could not be written (the file is then rewritten next time). */
    async settle(): Promise<void> {
      record.flush();
      while (inflight.size) await Promise.all([...inflight]);
      if (failures.length) throw failures.splice(0)[0];
    },
    /** Deletes an object, its record first: a failure between the two leaves no false record. */
    async remove(key: string): Promise<void> {
      await hashes.deleteMany([scoped(key)]);
      await objects.delete(key);
    },
  };
}
export type SkipUnchanged = ReturnType<typeof makeSkipUnchanged>;
