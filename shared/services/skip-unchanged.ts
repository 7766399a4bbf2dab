import { sha256Hex } from '../hash';
import type { ObjectStore } from '../ports/object-store';
import type { OutputFile } from '../render/output-file';

export type { OutputFile } from '../render/output-file';

/** Where a write went: rewritten, or skipped because the stored object is already this. */
export type WriteLog = { written: string[]; unchanged: string[] };

/**
 * Writes a file only when its bytes or headers differ from the stored
 * object's, compared by the sha256 recorded with it. The headers count too:
 * an archive whose month closes keeps its bytes but gains a long Cache-Control.
 */
export function makeSkipUnchanged(objects: ObjectStore) {
  return async function putIfChanged(file: OutputFile, log: WriteLog): Promise<void> {
    const hash = sha256Hex(`${file.contentType}\n${file.cacheControl}\n${file.body}`);
    if ((await objects.sha256Of(file.key)) === hash) {
      log.unchanged.push(file.key);
      return;
    }
    await objects.put(file.key, file.body, { contentType: file.contentType, cacheControl: file.cacheControl, sha256: hash });
    log.written.push(file.key);
  };
}
export type PutIfChanged = ReturnType<typeof makeSkipUnchanged>;
