import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { FormatEnum, Sharp } from 'sharp';
import { isImageType, isMediaType, UnsupportedMediaError, type ImageType } from '../domain/media';
import type { MediaProcessor, Processed, ProcessedFile } from '../ports/media-store';
import { stripJpegMetadata } from './jpeg-strip';

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
  async process(bytes: Buffer, filename: string | Promise<string>, store: (file: ProcessedFile) => Promise<void>): Promise<Processed> {
    const named = async () => (await filename).slice(0, 200);
    const detected = await fileTypeFromBuffer(bytes);
    const type = detected?.mime ?? 'unknown';
    if (!isMediaType(type)) {
      throw new UnsupportedMediaError(await named(), `its bytes are ${detected ? type : 'of no accepted type'}, not JPEG, PNG, WebP, AVIF, GIF, PDF or an Office/OpenDocument file`);
    }
    if (!isImageType(type)) {
      const original = { name: `original.${detected!.ext}`, body: bytes, type };
      await store(original);
      return { type, original };
    }
    const ext = EXTENSION[type];
    const animated = type === 'image/gif';
    const encode = (img: Sharp) => (type === 'image/jpeg' ? img.jpeg({ quality: 85 }) : img.toFormat(ext as keyof FormatEnum));
    // A refusal or failure of the store (a limit, the bucket) is not a decode error.
    const storeFailures = new Set<unknown>();
    const stored = async (f: ProcessedFile) => {
      await store(f).catch((err: unknown) => {
        storeFailures.add(err);
        throw err;
      });
      return f;
    };
    const file = async (name: string, img: Sharp): Promise<ProcessedFile> => {
      const { data, info } = await encode(img).toBuffer({ resolveWithObject: true });
      return stored({ name, body: data, type, width: info.width, height: info.pageHeight ?? info.height });
    };
    try {
      // autoOrient applies the EXIF orientation; for an upright picture it is a no-op,
      // so the decode need not wait for the header to be read.
      const input = () => sharp(bytes, { animated, limitInputPixels: 100_000_000 }).autoOrient();
      // The web size is decoded once (JPEG shrink-on-load) and, when it is wide and tall
      // enough, the OpenGraph card is cut from its pixels rather than from a second
      // full-size decode; portraits (and animations) take the card from the upload itself.
      const og = (img: Sharp) => file(`og.${ext}`, img.resize(OG_SIZE.width, OG_SIZE.height, { fit: 'cover', position: 'attention' }));
      const variants = async (): Promise<[ProcessedFile, ProcessedFile]> => {
        const web = input().resize(WEB_LONGEST_SIDE, WEB_LONGEST_SIDE, { fit: 'inside', withoutEnlargement: true });
        if (animated) return settled(file(`web.${ext}`, web), og(input()));
        const { data, info } = await web.raw().toBuffer({ resolveWithObject: true });
        const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
        const wideEnough = info.width >= OG_SIZE.width && info.height >= OG_SIZE.height;
        const card = async () => (wideEnough ? file(`og.${ext}`, await cardOf(pixels, info)) : og(input()));
        return settled(file(`web.${ext}`, pixels()), card());
      };
      // The decode starts first (sharp works off the main thread); the header is read meanwhile.
      const scaled = variants();
      // Its failure is reported below, once; whatever fails, nothing is left running that could still store a file.
      const settledScaled = scaled.then(() => undefined, () => undefined);
      const meta = await sharp(bytes).metadata().catch(async (err: unknown) => {
        await settledScaled;
        throw err;
      });
      // An upright JPEG keeps its exact pixels: only its metadata segments are cut out
      // (rotating one would cost a full-size pass and a re-encode).
      const lossless = type === 'image/jpeg' && (meta.orientation ?? 1) <= 1 ? stripJpegMetadata(bytes) : undefined;
      const originalFile = lossless
        ? stored({ name: `original.${ext}`, body: lossless, type, width: meta.width, height: meta.height })
        : file(`original.${ext}`, input());
      const [first, second] = await Promise.allSettled([originalFile, scaled]);
      if (first.status === 'rejected') throw first.reason;
      if (second.status === 'rejected') throw second.reason;
      const [web, ogFile] = second.value;
      return { type, original: first.value, web, og: ogFile };
    } catch (err) {
      if (storeFailures.has(err)) throw err;
      throw new UnsupportedMediaError(await named(), `the ${type} could not be decoded: ${(err as Error).message.slice(0, 120)}`);
    }
  },
};

/** Both files, once neither can still be stored: a failure of one waits for the other. */
async function settled<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'rejected') throw x.reason;
  if (y.status === 'rejected') throw y.reason;
  return [x.value, y.value];
}

/**
 * How much smaller the copy is on which the card's crop is chosen (200 x 105).
 * Attention's saliency map is 32 x 32 whatever its input, so a sixth-size copy
 * places the crop as a third-size one did (within 4 px of the full-size pick
 * in 35 of 36 sampled photos; both about 50 px off in the 36th, a near tie),
 * for 3 ms less CPU per card.
 */
const PICK_SCALE = 6;

/**
 * The OpenGraph card cut from the web-size pixels: covered to the card's
 * width or height, then cropped where libvips' attention strategy puts the
 * most salient area. That strategy shrinks its input a long way before
 * analysing it, so it is asked on a copy PICK_SCALE times smaller and its
 * offset scaled up: within a few pixels of the same crop (test/unit/adapters),
 * without holding the full-size cover image in memory for the analysis.
 */
async function cardOf(pixels: () => Sharp, size: { width: number; height: number }): Promise<Sharp> {
  const scale = Math.max(OG_SIZE.width / size.width, OG_SIZE.height / size.height);
  const cover = { width: Math.max(OG_SIZE.width, Math.round(size.width * scale)), height: Math.max(OG_SIZE.height, Math.round(size.height * scale)) };
  const small = { width: Math.round(OG_SIZE.width / PICK_SCALE), height: Math.round(OG_SIZE.height / PICK_SCALE) };
  const { info } = await pixels().resize(small.width, small.height, { fit: 'cover', position: 'attention' }).raw().toBuffer({ resolveWithObject: true });
  const at = (offset: number | undefined, room: number) => Math.min(room, Math.max(0, Math.round(-(offset ?? 0) * PICK_SCALE)));
  return pixels()
    .resize(cover.width, cover.height, { fit: 'fill' })
    .extract({ left: at(info.cropOffsetLeft, cover.width - OG_SIZE.width), top: at(info.cropOffsetTop, cover.height - OG_SIZE.height), ...OG_SIZE });
}
