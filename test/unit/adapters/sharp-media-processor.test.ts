import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type OutputInfo } from 'sharp';
import { stripJpegMetadata } from '../../../shared/adapters/jpeg-strip';
import { sharpMediaProcessor } from '../../../shared/adapters/sharp-media-processor';
import { HeraldError } from '../../../shared/domain/errors';
import type { ProcessedFile } from '../../../shared/ports/media-store';
import { executable, exifTags, jpegWithGps, revealing, SVG_WITH_SCRIPT, writeTemp } from '../../support/media-fixtures';

const work = mkdtempSync(join(tmpdir(), 'herald-processor-'));

/** Runs the processor, collecting what it hands to the store. */
async function run(bytes: Buffer, name: string) {
  const stored: ProcessedFile[] = [];
  const processed = await sharpMediaProcessor.process(bytes, name, async (f) => void stored.push(f));
  return { processed, stored: stored.map((f) => f.name).sort() };
}

describe('an upright JPEG with GPS, a serial and a comment', () => {
  it('keeps its exact pixels in the original and loses every revealing tag', async () => {
    const source = await jpegWithGps(work, 1800, 1200);
    execFileSync('exiftool', ['-overwrite_original', '-Orientation#=1', '-Comment=shot at 13.75N 100.50E', source]);
    const bytes = readFileSync(source);
    expect(revealing(exifTags(source)).length).toBeGreaterThan(2);

    const { processed, stored } = await run(bytes, 'upright.jpg');

    expect(stored).toEqual(['og.jpg', 'original.jpg', 'web.jpg']);
    expect(processed.original).toMatchObject({ width: 1800, height: 1200, type: 'image/jpeg' });
    expect(processed.web).toMatchObject({ width: 1600, height: 1067 });
    expect(processed.og).toMatchObject({ width: 1200, height: 630 });
    const [before, after] = await Promise.all([sharp(bytes).raw().toBuffer(), sharp(processed.original.body).raw().toBuffer()]);
    expect(after.equals(before)).toBe(true);
    for (const f of [processed.original, processed.web!, processed.og!]) {
      const tags = exifTags(writeTemp(work, `out-${f.name}`, f.body));
      expect(revealing(tags)).toEqual([]);
      expect(Object.keys(tags).filter((k) => /Comment|Make/.test(k))).toEqual([]);
    }
  });
});

describe('the OpenGraph card', () => {
  /** A grey photo (4000 x 3000 unless told) with one red patch where the eye goes. */
  const withPatch = (left: number, top: number, width = 4000, height = 3000) =>
    sharp({ create: { width, height, channels: 3, background: { r: 120, g: 130, b: 140 } } })
      .composite([{ input: { create: { width: 500, height: 400, channels: 3, background: { r: 230, g: 40, b: 30 } } }, left, top }])
      .jpeg()
      .toBuffer();

  it.each([
    [2900, 2300],
    [200, 100],
  ])('is the crop libvips attention picks on the web-size pixels (patch at %i, %i)', async (left, top) => {
    const bytes = await withPatch(left, top);
    const { processed } = await run(bytes, 'patch.jpg');

    const { data, info } = await sharp(bytes).resize(1600, 1600, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
    const expected = await sharp(data, { raw: info }).resize(1200, 630, { fit: 'cover', position: 'attention' }).raw().toBuffer();
    const got = await sharp(processed.og!.body).raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < expected.length; i++) diff += Math.abs(expected[i]! - got[i]!);
    // JPEG loss only: a crop 3 pixels off would move the patch's edges and cost far more.
    expect(diff / expected.length).toBeLessThan(0.5);
  });

  /** The red patch's first column and row in an image. */
  async function patchCorner(image: Buffer | { data: Buffer; info: OutputInfo }) {
    const { data, info } = Buffer.isBuffer(image) ? await sharp(image).raw().toBuffer({ resolveWithObject: true }) : image;
    let [left, top] = [info.width, info.height];
    for (let y = 0; y < info.height; y++) {
      for (let x = 0; x < info.width; x++) {
        const i = (y * info.width + x) * info.channels;
        if (data[i]! - data[i + 1]! > 95) [left, top] = [Math.min(left, x), Math.min(top, y)];
      }
    }
    return { left, top };
  }

  it.each([
    [4000, 3000, 1800, 1200],
    [4000, 3000, 1800, 1600],
    [5000, 2000, 2000, 800],
    [5000, 2000, 3000, 800],
  ])('picks within 4 px of attention on the web-size pixels mid-frame (%i x %i, patch at %i, %i)', async (width, height, left, top) => {
    const bytes = await withPatch(left, top, width, height);
    const { processed } = await run(bytes, 'patch.jpg');

    const { data, info } = await sharp(bytes).resize(1600, 1600, { fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
    const full = await sharp(data, { raw: info }).resize(1200, 630, { fit: 'cover', position: 'attention' }).raw().toBuffer({ resolveWithObject: true });
    // The full-size pick is neither clamped to an edge nor centred by default: the crop's place is attention's doing.
    const offset = -(full.info.cropOffsetLeft ?? 0) - (full.info.cropOffsetTop ?? 0);
    expect(offset).toBeGreaterThan(20);
    const [expected, got] = await Promise.all([patchCorner(full), patchCorner(processed.og!.body)]);
    // The pick on a small copy; an eighth-size one is 5 to 7 px off in three of these.
    expect(Math.abs(got.left - expected.left)).toBeLessThanOrEqual(4);
    expect(Math.abs(got.top - expected.top)).toBeLessThanOrEqual(4);
  });

  it('stands upright for a photo whose EXIF says it is rotated, as do the other files', async () => {
    const source = await jpegWithGps(work, 1800, 1200);
    const { processed } = await run(readFileSync(source), 'rotated.jpg');
    expect([processed.original, processed.web, processed.og].map((f) => [f!.width, f!.height])).toEqual([[1200, 1800], [1067, 1600], [1200, 630]]);
  });
});

describe('stripJpegMetadata', () => {
  it('drops whatever follows the end of the image (an MPF preview, a trailer)', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).jpeg().toBuffer();
    const stripped = stripJpegMetadata(Buffer.concat([jpeg, Buffer.from('GPS 13.75N trailer')]));

    expect(stripped?.subarray(-2).toString('hex')).toBe('ffd9');
    expect(stripped?.toString('latin1')).not.toContain('GPS');
  });

  it('declines what is not a JPEG it can follow, so the caller re-encodes', () => {
    expect(stripJpegMetadata(Buffer.from('not a jpeg'))).toBeUndefined();
    expect(stripJpegMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff]))).toBeUndefined();
  });
});

describe('other accepted files', () => {
  it('re-encodes a PNG into all three sizes', async () => {
    const png = await sharp({ create: { width: 2000, height: 1000, channels: 4, background: '#336699' } }).png().toBuffer();
    const { processed } = await run(png, 'chart.png');

    expect([processed.type, processed.original.width, processed.web?.width, processed.og?.height]).toEqual(['image/png', 2000, 1600, 630]);
  });

  it('keeps a PDF byte for byte, with no variants', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const { processed, stored } = await run(pdf, 'report.pdf');

    expect(stored).toEqual(['original.pdf']);
    expect(processed.original.body.equals(pdf)).toBe(true);
    expect(processed.web).toBeUndefined();
  });
});

describe('refused files', () => {
  it.each([
    ['an executable renamed .jpg', executable(), 'photo.jpg'],
    ['an SVG with script', SVG_WITH_SCRIPT, 'logo.png'],
    ['a JPEG header with nothing after it', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]), 'cut.jpg'],
  ])('refuses %s with 415 naming the file, storing nothing', async (_what, bytes, name) => {
    const stored: ProcessedFile[] = [];
    const err = await sharpMediaProcessor.process(bytes, name, async (f) => void stored.push(f)).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(HeraldError);
    expect(err).toMatchObject({ status: 415, details: [{ path: name }] });
    expect(stored).toEqual([]);
  });
});

describe('a store that refuses a file', () => {
  it('passes its error on (a 413 stays a 413, not a decode error) once nothing can still be stored', async () => {
    const bytes = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: '#446' } }).jpeg().toBuffer();
    const calls: string[] = [];
    const tooLarge = new HeraldError(413, 'payload_too_large', 'length: above the limit');
    const store = async (f: ProcessedFile) => {
      calls.push(f.name);
      if (f.name.startsWith('web')) throw tooLarge;
    };

    const err = await sharpMediaProcessor.process(bytes, Promise.resolve('field.jpg'), store).catch((e: unknown) => e);

    expect(err).toBe(tooLarge);
    expect(calls.sort()).toEqual(['og.jpg', 'original.jpg', 'web.jpg']);
  });
});
