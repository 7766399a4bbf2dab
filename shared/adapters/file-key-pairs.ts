import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateJwkPairs } from '../fediverse/keys';
import type { JwkPairs, KeyPairSource } from '../ports/key-pair-source';

/**
 * The local runtime's keys: one file under DATA_DIR, created exclusively
 * (`wx`), so two starts racing keep the first file and a restart reads it back.
 */
export class FileKeyPairs implements KeyPairSource {
  private cached?: Promise<JwkPairs>;
  constructor(private readonly file: string) {}

  load(): Promise<JwkPairs> {
    this.cached ??= this.read();
    return this.cached;
  }

  private async read(): Promise<JwkPairs> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as JwkPairs;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    await mkdir(dirname(this.file), { recursive: true });
    try {
      await writeFile(this.file, JSON.stringify(await generateJwkPairs()), { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return JSON.parse(await readFile(this.file, 'utf8')) as JwkPairs;
  }
}
