/**
 * What the publisher last wrote to each object (named `{bucket}/{key}`): the sha256 of its content
 * type, cache headers and bytes. Kept beside the objects so that deciding to
 * skip an unchanged file costs no round trip to the bucket.
 */
export interface FileHashes {
  /** The recorded hashes of these keys (at most FILE_HASH_READ_BATCH); keys never recorded are absent. */
  getMany(keys: string[]): Promise<Map<string, string>>;
  /** Records these hashes (written after their objects, so a crash leaves no false record). */
  putMany(hashes: Map<string, string>): Promise<void>;
  /** Forgets these keys (before their objects are deleted). */
  deleteMany(keys: string[]): Promise<void>;
}

/** Keys per read: DynamoDB's BatchGetItem limit. */
export const FILE_HASH_READ_BATCH = 100;
