import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** An object as the local server answers it: its stored headers and its bytes, whole. */
export type WholeObject = { contentType?: string; etag?: string; lastModified?: Date; cacheControl?: string; bytes: Buffer };
/** Reads an object whole from the emulator; undefined when there is none. */
export type ObjectReader = (key: string) => Promise<WholeObject | undefined>;

const MAX_OBJECT = 1 << 20;
const MAX_TOTAL = 64 << 20;
const WRITE_MS = 2_000;

/**
 * Feed and page reads that do not wait on the S3 emulator. Each read checks
 * s3rver's own files for the key (the object's size and mtime, its MD5 file
 * and its metadata file: three small reads from the thread pool) and, when
 * they match what was cached, answers from memory; otherwise it reads those
 * files itself and checks the bytes against their MD5. While a write is under
 * way (the files disagree) it answers the previous whole version, as S3
 * does, or reads through the emulator when it has none. So a reader does not
 * wait behind the publisher's writes on s3rver's thread, and never gets a
 * torn object: a write changes the object file's size or mtime first.
 */
export function cachedReader(s3Dir: string, bucket: string, read: ObjectReader): ObjectReader {
  const cache = new Map<string, { stamp: string; object: WholeObject }>();
  let total = 0;
  const forget = (key: string) => {
    const old = cache.get(key);
    if (old) total -= old.object.bytes.length;
    cache.delete(key);
  };
  return async (key) => {
    const before = await stampOf(s3Dir, bucket, key);
    const hit = before && cache.get(key);
    if (hit && hit.stamp === before) {
      // Most recently used last, so the oldest is evicted first.
      cache.delete(key);
      cache.set(key, hit);
      return hit.object;
    }
    const direct = before ? await fromFiles(s3Dir, bucket, key) : undefined;
    // Files that disagree for a moment are a write under way; for longer, damage, which the emulator reports.
    if (hit && typeof direct === 'number' && Date.now() - direct < WRITE_MS) return hit.object;
    const object = typeof direct === 'object' ? direct : await read(key);
    forget(key);
    // Cached only when the files did not change around the read and describe these very bytes.
    if (!object || object.bytes.length > MAX_OBJECT || !before) return object;
    const after = await stampOf(s3Dir, bucket, key);
    if (after !== before || !before.includes(`|${object.etag?.replace(/"/g, '')}|`)) return object;
    cache.set(key, { stamp: before, object });
    total += object.bytes.length;
    for (const [oldest] of cache) {
      if (total <= MAX_TOTAL) break;
      forget(oldest);
    }
    return object;
  };
}

/** What s3rver's files say of a key (see its FilesystemStore), or undefined when they are not all there. */
async function stampOf(s3Dir: string, bucket: string, key: string): Promise<string | undefined> {
  const parts = key.split('/');
  const base = join(s3Dir, bucket, ...parts.slice(0, -1), `${parts[parts.length - 1]}._S3rver_`);
  try {
    const [s, md5, metadata] = await Promise.all([stat(`${base}object`), readFile(`${base}object.md5`, 'utf8'), readFile(`${base}metadata.json`, 'utf8')]);
    return `${s.size}|${s.mtimeMs}|${md5}|${metadata}`;
  } catch {
    return undefined;
  }
}

/** The object from s3rver's files when they agree with each other, else the object file's mtime (ms), or undefined. */
async function fromFiles(s3Dir: string, bucket: string, key: string): Promise<WholeObject | number | undefined> {
  const parts = key.split('/');
  const base = join(s3Dir, bucket, ...parts.slice(0, -1), `${parts[parts.length - 1]}._S3rver_`);
  try {
    const s = await stat(`${base}object`);
    if (s.size > MAX_OBJECT) return undefined;
    const [bytes, md5, metadata] = await Promise.all([readFile(`${base}object`), readFile(`${base}object.md5`, 'utf8'), readFile(`${base}metadata.json`, 'utf8')]);
    const meta = JSON.parse(metadata) as Record<string, string | undefined>;
    if (!meta['content-type']) return undefined;
    if (bytes.length !== s.size || createHash('md5').update(bytes).digest('hex') !== md5) return s.mtimeMs;
    return { contentType: meta['content-type'], etag: JSON.stringify(md5), lastModified: s.mtime, cacheControl: meta['cache-control'], bytes };
  } catch {
    return undefined;
  }
}
