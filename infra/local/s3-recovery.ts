import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * s3rver writes an object as three files, in this order: the bytes
 * (`name._S3rver_object`), their MD5 (`…object.md5`), then the metadata
 * (`name._S3rver_metadata.json`). A kill -9 between or during those writes
 * leaves an object whose metadata is missing or cut short, or whose bytes do
 * not match their MD5; s3rver then answers 500 for it and for every listing
 * of its bucket, for ever. After an unclean stop, such objects are removed:
 * whatever was writing them is redone (the stream redelivers the unfinished
 * batch, and the start re-renders every document).
 */
const OBJECT = '._S3rver_object';
const METADATA = '._S3rver_metadata.json';
const DIRTY_MARKER = '.herald-running';

/** Marks the store as in use; true when the previous run did not stop cleanly. */
export function markOpen(root: string): boolean {
  const marker = join(root, DIRTY_MARKER);
  const wasOpen = existsSync(marker);
  writeFileSync(marker, String(process.pid));
  return wasOpen;
}

/** Marks a clean stop: the next start skips the check. */
export function markClosed(root: string): void {
  rmSync(join(root, DIRTY_MARKER), { force: true });
}

/** Removes every torn object under `root`; returns the files of those removed. */
export async function removeTornObjects(root: string): Promise<string[]> {
  const removed: string[] = [];
  for (const objectPath of objectFiles(root)) {
    const base = objectPath.slice(0, -OBJECT.length);
    if (await isWhole(objectPath, `${base}${METADATA}`)) continue;
    for (const f of [objectPath, `${objectPath}.md5`, `${base}${METADATA}`]) rmSync(f, { force: true });
    removed.push(objectPath);
  }
  return removed;
}

async function isWhole(objectPath: string, metadataPath: string): Promise<boolean> {
  try {
    JSON.parse(readFileSync(metadataPath, 'utf8'));
  } catch {
    return false; // missing (never finished) or cut short
  }
  let recorded: string;
  try {
    recorded = readFileSync(`${objectPath}.md5`, 'utf8');
  } catch {
    return false; // the MD5 is written before the metadata, so it must be there
  }
  return recorded === (await md5Of(objectPath));
}

function md5Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('md5');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function* objectFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* objectFiles(path);
    else if (entry.name.endsWith(OBJECT)) yield path;
  }
}
