import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { DynamoMediaStore } from '../../shared/adapters/dynamo-media-store';
import { countExternalMemoryInHeapLimit } from '../../shared/adapters/external-memory-gc';
import { sharpMediaProcessor, WEB_LONGEST_SIDE } from '../../shared/adapters/sharp-media-processor';
import { makeMediaService, uploadKey } from '../../shared/services/media-service';
import { startEmulators } from '../support/emulators';
import { StageClock } from './media-stages';
import { median, spread, type Row } from './stats';

/** A 12-megapixel (4000 x 3000) camera-like JPEG: smooth gradients with fine texture, quality 90. */
export async function twelveMegapixelJpeg(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const grain = ((x * 31 + y * 17) % 23) - 11;
      raw[i] = Math.max(0, Math.min(255, (x * 255) / width + grain));
      raw[i + 1] = Math.max(0, Math.min(255, (y * 255) / height + grain));
      raw[i + 2] = Math.max(0, Math.min(255, 128 + 100 * Math.sin((x + y) / 90) + grain));
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

/**
 * `complete` of a 12 MP JPEG through the media service with its real adapters
 * (DynamoDB Local, s3rver: read the upload, write three files, mark ready)
 * against sharp's own resize of the same bytes to the web size, interleaved in
 * the same run. A second row gives the processing alone (no emulators).
 */
export async function mediaBench(runs = 7): Promise<Row[]> {
  // The media function's wiring (wireMedia) sets this in Lambda and under npm start alike, for the
  // whole process; so here, for the suites after this one too (turned off and on again, V8 went back
  // to collecting on every call).
  countExternalMemoryInHeapLimit();
  const jpeg = await twelveMegapixelJpeg();
  const emu = await startEmulators();
  const stages = new StageClock();
  try {
    const objects = stages.objects(emu.s3, emu.bucket, `${emu.endpoints.s3}/${emu.bucket}`);
    const store = new DynamoMediaStore(emu.doc, emu.table);
    const service = makeMediaService({ store, objects, processor: sharpMediaProcessor, clock: () => new Date(), newId: randomUUID, siteUrl: 'https://news.example.org' });
    const principal = { subject: 'bench', role: 'editor' as const };
    const completeOnce = async () => {
      const { id } = await service.create({ filename: 'field.jpg', type: 'image/jpeg', length: jpeg.length }, principal);
      await emu.s3.send(new PutObjectCommand({ Bucket: emu.bucket, Key: uploadKey(id), Body: jpeg, ContentType: 'image/jpeg' }));
      stages.start();
      await service.complete(id);
      return stages.stop();
    };
    const timed = async (fn: () => Promise<unknown>) => {
      const start = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const resize = () => sharp(jpeg).resize(WEB_LONGEST_SIDE, WEB_LONGEST_SIDE, { fit: 'inside' }).jpeg({ quality: 85 }).toBuffer();
    const process_ = () => sharpMediaProcessor.process(jpeg, 'field.jpg', () => Promise.resolve());
    await completeOnce();
    await resize();
    stages.clear();
    const completeMs: number[] = [];
    const processMs: number[] = [];
    const resizeMs: number[] = [];
    for (let r = 0; r < runs; r++) {
      completeMs.push(await completeOnce());
      processMs.push(await timed(process_));
      resizeMs.push(await timed(resize));
    }
    const limit = `sharp resize to ${WEB_LONGEST_SIDE} px ${spread(resizeMs, 0)} ms`;
    const row = (benchmark: string, ms: number[]): Row => {
      const ratio = median(ms) / median(resizeMs);
      return { benchmark, measured: `${spread(ms, 0)} ms`, limit, ratio, target: '<= 1.5x', met: ratio <= 1.5 };
    };
    return [
      row(`media complete, 12 MP JPEG (${(jpeg.length / 2 ** 20).toFixed(1)} MB) via DynamoDB Local + s3rver`, completeMs),
      { ...row('media processing alone (type check, original + web + og)', processMs), target: '–', met: undefined },
      { benchmark: 'media complete, where its time goes (medians)', measured: stages.summary(), limit: '–', ratio: undefined, target: '–', met: undefined },
    ];
  } finally {
    stages.disconnect();
    await emu.stop();
  }
}
