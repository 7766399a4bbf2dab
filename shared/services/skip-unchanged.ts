import { createHash } from 'node:crypto';
import type { ObjectStore } from '../ports/object-store';

/** A rendered file on its way to the bucket. */
export type OutputFile = { key: string; body: string; contentType: string; cacheControl: string };

/** Where a write went: rewritten, or skipped because the stored object is already this. */
export type WriteLog = { written: string[]; unchanged: string[] };

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/**
 * Writes a file only when its bytes or headers differ from the stored
 * object's, compared by the sha256 recorded with it. The headers count too:
 * an archive whose month closes keeps its bytes but gains a long Cache-Control.
 */
export function makeSkipUnchanged(objects: ObjectStore) {
  return async function putIfChanged(file: OutputFile, log: WriteLog): Promise<void> {
    const hash = sha256(`${file.contentType}\n${file.cacheControl}\n${file.body}`);
    if ((await objects.sha256Of(file.key)) === hash) {
      log.unchanged.push(file.key);
      return;
    }
    await objects.put(file.key, file.body, { contentType: file.contentType, cacheControl: file.cacheControl, sha256: hash });
    log.written.push(file.key);
  };
}
export type PutIfChanged = ReturnType<typeof makeSkipUnchanged>;
