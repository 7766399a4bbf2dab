import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { FormatEnum, Sharp } from 'sharp';
import { isImageType, isMediaType, UnsupportedMediaError, type ImageType } from '../domain/media';
import type { MediaProcessor, Processed, ProcessedFile } from '../ports/media-store';

/** Longest side of the web variant, and the OpenGraph card's size. */
export const WEB_LONGEST_SIDE = 1600;
export const OG_SIZE = { width: 1200, height: 630 } as const;

const EXTENSION: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/avif': 'avif', 'image/gif': 'gif' };

/**
 * file-type reads the real type from the bytes (an executable renamed .jpg is
 * not a JPEG; SVG, being text, is never detected, so it is refused); sharp
 * re-encodes images. sharp writes no metadata unless asked (no EXIF, GPS,
 * serials, XMP, IPTC), and `autoOrient` applies the EXIF orientation first, so
 * the picture stands as shot once the tag is gone.
 */
export const sharpMediaProcessor: MediaProcessor = {
  async process(bytes: Buffer, filename: string): Promise<Processed> {
    const detected = await fileTypeFromBuffer(bytes);
    const type = detected?.mime ?? 'unknown';
    if (!isMediaType(type)) {
      throw new UnsupportedMediaError(filename.slice(0, 200), `its bytes are ${detected ? type : 'of no accepted type'}, not JPEG, PNG, WebP, AVIF, GIF, PDF or an Office/OpenDocument file`);
    }
    if (!isImageType(type)) return { type, original: { name: `original.${detected!.ext}`, body: bytes, type } };
    const ext = EXTENSION[type];
    const input = () => sharp(bytes, { animated: type === 'image/gif', limitInputPixels: 100_000_000 }).autoOrient();
    const encode = (img: Sharp) => (type === 'image/jpeg' ? img.jpeg({ quality: 85, mozjpeg: false }) : img.toFormat(ext as keyof FormatEnum));
    const file = async (name: string, img: Sharp): Promise<ProcessedFile> => {
      const { data, info } = await encode(img).toBuffer({ resolveWithObject: true });
      return { name, body: data, type, width: info.width, height: info.pageHeight ?? info.height };
    };
    try {
      const [original, web, og] = await Promise.all([
        file(`original.${ext}`, input()),
        file(`web.${ext}`, input().resize(WEB_LONGEST_SIDE, WEB_LONGEST_SIDE, { fit: 'inside', withoutEnlargement: true })),
        file(`og.${ext}`, input().resize(OG_SIZE.width, OG_SIZE.height, { fit: 'cover', position: 'attention' })),
      ]);
      return { type, original, web, og };
    } catch (err) {
      throw new UnsupportedMediaError(filename.slice(0, 200), `the ${type} could not be decoded: ${(err as Error).message.slice(0, 120)}`);
    }
  },
};
