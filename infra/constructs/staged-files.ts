import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A folder holding exactly these files, for an asset to deploy: named by
 * their content, so every synth of the same build reuses one folder
 * instead of leaving a new one in the temp directory each time.
 */
export function stagedFiles(prefix: string, files: readonly { path: string; bytes: Uint8Array }[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) hash.update(`${f.path}\n${f.bytes.length}\n`).update(f.bytes);
  const dir = join(tmpdir(), `${prefix}${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(dir)) return dir;
  // Written aside and renamed in whole, so a synth running beside this one never sees half a folder.
  const aside = mkdtempSync(join(tmpdir(), `${prefix}tmp-`));
  for (const f of files) {
    mkdirSync(dirname(join(aside, f.path)), { recursive: true });
    writeFileSync(join(aside, f.path), f.bytes);
  }
  try {
    renameSync(aside, dir);
  } catch {
    rmSync(aside, { recursive: true, force: true }); // another synth got there first, with the same files
  }
  return dir;
}
