import type { Announcement, Attachment, Image } from '../domain/announcement';
import { parentEl, textEl } from './xml-writer';

/**
 * Media facts shared by every format: the MIME type of an image (given, or
 * derived from its URL's extension; never the non-type image/jpg), and the
 * single file that RSS may carry as its <enclosure>.
 */
const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
};

/** The image's MIME type, or undefined when neither given nor derivable. */
export function imageType(image: Pick<Image, 'url' | 'type'>): string | undefined {
  if (image.type) return image.type;
  let path: string;
  try {
    path = new URL(image.url).pathname;
  } catch {
    return undefined;
  }
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  return ext ? IMAGE_TYPES[ext] : undefined;
}

/** A file of an item with everything a format needs to link it. */
export type MediaFile = { url: string; type?: string; length?: number; title?: string };

/**
 * RSS 2.0 allows one enclosure and requires its true length, so Herald picks
 * the first document with a known length, else the first such image; none
 * when no length is known (a fake 0 would make readers misreport the size).
 */
export function rssEnclosure(a: Pick<Announcement, 'images' | 'attachments'>): Required<Omit<MediaFile, 'title'>> | undefined {
  const doc = a.attachments.find((f: Attachment) => f.length !== undefined);
  if (doc?.length !== undefined) return { url: doc.url, type: doc.type, length: doc.length };
  for (const image of a.images) {
    const type = imageType(image);
    if (image.length !== undefined && type) return { url: image.url, type, length: image.length };
  }
  return undefined;
}

/** A Media RSS `media:content` for an image, with its alt text, caption and credit (RSS and Atom alike). */
export function imageMediaContent(image: Image, indent: string): string {
  return parentEl(
    'media:content',
    { url: image.url, type: imageType(image), medium: 'image', fileSize: image.length, width: image.width, height: image.height },
    [
      textEl('media:text', image.alt || undefined, { type: 'plain' }),
      textEl('media:description', image.caption, { type: 'plain' }),
      textEl('media:credit', image.credit),
    ],
    indent,
  );
}
