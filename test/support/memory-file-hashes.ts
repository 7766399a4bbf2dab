import { createHash } from 'node:crypto';
import { FILE_HASH_READ_BATCH, type FileHashes } from '../../shared/ports/file-hashes';

/** The MD5 hex a single PUT of these bytes gets as its ETag, as the fake buckets list it. */
export const etagOf = (body: string): string => createHash('md5').update(body, 'utf8').digest('hex');

/** FileHashes in memory: counts batch calls and refuses batches DynamoDB would refuse. */
export class InMemoryFileHashes implements FileHashes {
  readonly records = new Map<string, string>();
  readonly calls = { getMany: 0, putMany: 0, deleteMany: 0 };

  async getMany(keys: string[]): Promise<Map<string, string>> {
    this.calls.getMany += 1;
    if (keys.length > FILE_HASH_READ_BATCH) throw new Error(`BatchGetItem of ${keys.length} keys`);
    return new Map(keys.flatMap((k) => (this.records.has(k) ? [[k, this.records.get(k)!] as const] : [])));
  }

  async putMany(hashes: Map<string, string>): Promise<void> {
    this.calls.putMany += 1;
    if (hashes.size > 25) throw new Error(`BatchWriteItem of ${hashes.size} items`);
    for (const [k, v] of hashes) this.records.set(k, v);
  }

  async deleteMany(keys: string[]): Promise<void> {
    this.calls.deleteMany += 1;
    for (const k of keys) this.records.delete(k);
  }
}
