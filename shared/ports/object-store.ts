/** What the publisher writes: public objects in the bucket. */
/**
 * `sha256` is what is recorded with the object (the hash record's value);
 * `bodySha256`, when given, is the hex sha256 of exactly the bytes put, so
 * the adapter signs with it instead of hashing the body a second time.
 */
export type PutOptions = { contentType: string; cacheControl: string; sha256: string; bodySha256?: string };

/**
 * The bucket, seen as content-addressed objects: a write is skipped when the
 * stored object's recorded sha256 already matches.
 */
export interface ObjectStore {
  /** Which bucket: hash records are kept per bucket, so a second bucket on the same table starts with none. */
  readonly bucket: string;
  /** The sha256 recorded with the object, or undefined when it does not exist. */
  sha256Of(key: string): Promise<string | undefined>;
  /** A string is written as UTF-8; bytes as they are. */
  put(key: string, body: string | Uint8Array, options: PutOptions): Promise<void>;
  delete(key: string): Promise<void>;
  /** One page of the bucket's objects (up to 1,000) with their ETags: the reconciler's check of the hash records. */
  list(cursor?: string): Promise<{ items: { key: string; etag: string }[]; cursor?: string }>;
}
