/**
 * The media allowlist, apart from the upload request schema (shared/domain/media.ts
 * re-exports it) so code that only asks "is this an image?" loads no zod.
 */

/** Images: re-encoded without metadata, at most 25 MB. */
export const IMAGE_TYPES = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/avif': ['avif'],
  'image/gif': ['gif'],
} as const;

/** Documents: stored as they are, at most 50 MB. Old binary Office files are not accepted (macros, no reliable detection). */
export const DOCUMENT_TYPES = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/vnd.oasis.opendocument.presentation': ['odp'],
} as const;

export type ImageType = keyof typeof IMAGE_TYPES;
export type MediaType = ImageType | keyof typeof DOCUMENT_TYPES;

export const IMAGE_LIMIT_BYTES = 25 * 1024 * 1024;
export const DOCUMENT_LIMIT_BYTES = 50 * 1024 * 1024;

/** Whether a MIME type is one Herald accepts as an image. */
export const isImageType = (type: string): type is ImageType => Object.hasOwn(IMAGE_TYPES, type);
/** Whether a MIME type is one Herald accepts at all. */
export const isMediaType = (type: string): type is MediaType => isImageType(type) || Object.hasOwn(DOCUMENT_TYPES, type);
/** The size limit of a type. */
export const limitOf = (type: MediaType) => (isImageType(type) ? IMAGE_LIMIT_BYTES : DOCUMENT_LIMIT_BYTES);
/** The extensions a type may carry. */
export const extensionsOf = (type: MediaType): readonly string[] =>
  isImageType(type) ? IMAGE_TYPES[type] : DOCUMENT_TYPES[type as keyof typeof DOCUMENT_TYPES];
