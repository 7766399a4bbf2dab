import './zod-english';
import * as z from 'zod/mini';
import { HeraldError } from './errors';
import { IMAGE_TYPES, DOCUMENT_TYPES, IMAGE_LIMIT_BYTES, DOCUMENT_LIMIT_BYTES, isImageType, isMediaType, limitOf, extensionsOf, type ImageType, type MediaType } from './media-types';

/**
 * Media: photos and documents an editor uploads straight to the bucket and
 * Herald then checks, strips and re-hosts. The allowlist lives here once, so
 * the request check (by name and declared type) and the byte check (by the
 * detected type) cannot disagree.
 */

export { IMAGE_TYPES, DOCUMENT_TYPES, IMAGE_LIMIT_BYTES, DOCUMENT_LIMIT_BYTES, isImageType, isMediaType, limitOf, extensionsOf, type ImageType, type MediaType } from './media-types';

/** The upload request; the type and name are checked against the allowlist after this. */
export const MediaRequest = z.strictObject({
  filename: z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(200),
    z.refine((s) => !/[\u0000-\u001f/\\]/.test(s), 'must be a file name without slashes or control characters'),
  ),
  type: z.string().check(z.trim(), z.toLowerCase(), z.maxLength(200)),
  length: z.number().check(z.int(), z.minimum(1), z.maximum(DOCUMENT_LIMIT_BYTES)),
});
export type MediaRequest = z.output<typeof MediaRequest>;

/** One stored file of a media item: the original size or a variant. */
export type MediaFile = { name: string; url: string; type: string; length: number; width?: number; height?: number };

/** A media item as the API shows it. `pending` until `complete` has checked and re-hosted its bytes. */
export type Media = {
  id: string;
  status: 'pending' | 'ready';
  filename: string;
  /** Declared at upload; after `complete`, the detected type of the stored original. */
  type: string;
  length: number;
  createdAt: string;
  createdBy: string;
  url?: string;
  width?: number;
  height?: number;
  variants?: { web?: MediaFile; og?: MediaFile };
  completedAt?: string;
};

/** 415 naming the field or file that carries a type Herald does not take. */
export class UnsupportedMediaError extends HeraldError {
  constructor(path: string, message: string) {
    super(415, 'unsupported_media_type', `${path}: ${message}`, [{ path, message }]);
  }
}

/** 413 for an upload above its type's limit, naming `length`. */
export class MediaTooLargeError extends HeraldError {
  constructor(length: number, limit: number) {
    super(413, 'payload_too_large', `length: ${length} bytes is above the limit of ${limit} bytes`, [
      { path: 'length', message: `must be at most ${limit} bytes` },
    ]);
  }
}

/** Checks a request's name and declared type against the allowlist; returns the type. */
export function checkRequest(input: MediaRequest): MediaType {
  if (!isMediaType(input.type)) {
    throw new UnsupportedMediaError('type', `${input.type.slice(0, 100)} is not accepted; use JPEG, PNG, WebP, AVIF, GIF, PDF or an Office/OpenDocument file`);
  }
  const ext = input.filename.toLowerCase().split('.').pop() ?? '';
  if (!input.filename.includes('.') || !extensionsOf(input.type).includes(ext)) {
    throw new UnsupportedMediaError('filename', `${input.filename.slice(0, 100)} must end in .${extensionsOf(input.type).join(' or .')} for ${input.type}`);
  }
  const limit = limitOf(input.type);
  if (input.length > limit) throw new MediaTooLargeError(input.length, limit);
  return input.type;
}
