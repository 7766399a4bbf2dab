import type { Media } from '../domain/media';

/** A page of media items, newest first, with the cursor of the next page. */
export type MediaPage = { items: Media[]; cursor?: string };

/** Media items in the table: pending ones expire by TTL, ready ones stay until deleted. */
export interface MediaStore {
  /** Records a pending upload that expires (TTL) at `expiresAt` unless completed. */
  createPending(media: Media, expiresAt: Date): Promise<void>;
  get(id: string): Promise<Media | undefined>;
  /** Marks a pending item ready; false when it is no longer pending (completed meanwhile). */
  markReady(media: Media): Promise<boolean>;
  list(options: { limit: number; cursor?: string }): Promise<MediaPage>;
  delete(id: string): Promise<void>;
  /** Whether a published announcement names this URL prefix among its images or attachments. */
  usedByPublished(urlPrefix: string): Promise<boolean>;
}

/** A presigned browser upload: POST these form fields (then the file) to `url`. */
export type PresignedUpload = { url: string; fields: Record<string, string> };

/** The bucket, as media see it: uploads/ in, media/ out. */
export interface MediaObjects {
  presignUpload(key: string, type: string, maxLength: number, expiresInSeconds: number): Promise<PresignedUpload>;
  /** The uploaded bytes, or undefined when nothing was uploaded. */
  readUpload(key: string): Promise<Buffer | undefined>;
  deleteUpload(key: string): Promise<void>;
  /** Puts the bytes of a deleted upload back (when marking its item ready failed after the delete), so `complete` can be retried. */
  restoreUpload(key: string, body: Buffer, contentType: string): Promise<void>;
  putPublic(key: string, body: Buffer, contentType: string): Promise<void>;
  deletePublic(keys: string[]): Promise<void>;
}

/** One output file of processing, before it is stored. */
export type ProcessedFile = { name: string; body: Buffer; type: string; width?: number; height?: number };

/** What `complete` learns from the bytes. */
export type Processed = { type: string; original: ProcessedFile; web?: ProcessedFile; og?: ProcessedFile };

/**
 * Checks the real type from the bytes and makes the stored files (re-encoded
 * images, documents as they are), handing each to `store` as soon as it is
 * made, so writing one overlaps making the next; resolves once all are stored.
 */
export interface MediaProcessor {
  /**
   * `filename` names the file in errors only, so it may still be on its way (the item's read)
   * while the bytes are checked; an error from `store` is passed on as it is.
   */
  process(bytes: Buffer, filename: string | Promise<string>, store: (file: ProcessedFile) => Promise<void>): Promise<Processed>;
}
