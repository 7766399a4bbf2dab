import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3Emulator, type Emulator } from '../../infra/local/emulators';
import { cachedReader, type ObjectReader } from '../../infra/local/object-cache';
import { readWhole } from '../../infra/local/static-objects';
import { ensureBucket } from '../../infra/local/provision';
import { makeS3Client } from '../../shared/adapters/aws-clients';

/**
 * The local server's reads (infra/local/object-cache.ts), against s3rver on
 * its worker thread: no emulator round trip for a whole object, no write
 * hidden once it is complete, no torn object, and damage reported.
 */
const BUCKET = 'herald-cache';
const dir = mkdtempSync(join(tmpdir(), 'herald-object-cache-'));
let emulator: Emulator;
let s3: S3Client;
let emulatorReads = 0;
let read: ObjectReader;

beforeAll(async () => {
  emulator = await startS3Emulator({ dir, thread: true });
  s3 = makeS3Client({ region: 'us-east-1', s3Endpoint: emulator.endpoint });
  await ensureBucket(s3, BUCKET);
  read = cachedReader(dir, BUCKET, (key) => ((emulatorReads += 1), readWhole(s3, BUCKET, key)));
});
afterAll(async () => {
  s3.destroy();
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

const put = (key: string, body: string, cacheControl = 'max-age=60') =>
  s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'application/rss+xml', CacheControl: cacheControl }));
const text = async (key: string) => (await read(key))?.bytes.toString('utf8');

describe('the local read cache', () => {
  it('answers from s3rver\'s files, then from memory, with the stored headers and no emulator round trip', async () => {
    await put('feeds/rss.xml', '<rss>one</rss>');
    const before = emulatorReads;
    const first = await read('feeds/rss.xml');
    const second = await read('feeds/rss.xml');
    expect(emulatorReads).toBe(before);
    expect(first?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(second?.bytes.toString()).toBe('<rss>one</rss>');
    expect(second?.contentType).toBe('application/rss+xml');
    expect(second?.cacheControl).toBe('max-age=60');
    expect(second?.etag).toBe(first?.etag);
  });

  it('gives the new bytes after every overwrite, even ones a few milliseconds apart', async () => {
    for (let i = 0; i < 20; i++) {
      await put('feeds/atom.xml', `<feed>${i}</feed>`);
      expect(await text('feeds/atom.xml')).toBe(`<feed>${i}</feed>`);
      expect(await text('feeds/atom.xml')).toBe(`<feed>${i}</feed>`);
    }
  });

  it('gives new headers when only the metadata changed', async () => {
    await put('feeds/feed.json', '{}', 'max-age=60');
    await read('feeds/feed.json');
    await put('feeds/feed.json', '{}', 'no-store');
    expect((await read('feeds/feed.json'))?.cacheControl).toBe('no-store');
  });

  it('answers nothing once the object is deleted', async () => {
    await put('feeds/gone.xml', '<rss/>');
    await read('feeds/gone.xml');
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'feeds/gone.xml' }));
    expect(await read('feeds/gone.xml')).toBeUndefined();
  });

  it('answers the previous whole version while a write is under way', async () => {
    await put('news/busy.html', '<p>before</p>');
    await read('news/busy.html');
    // New bytes, their MD5 and metadata not yet written: s3rver's order of writes, caught in the middle.
    writeFileSync(join(dir, BUCKET, 'news', 'busy.html._S3rver_object'), '<p>aft');
    expect(await text('news/busy.html')).toBe('<p>before</p>');
  });

  it('reads through the emulator (which refuses it) when the bytes on disk disagree with their MD5 for longer', async () => {
    await put('news/page.html', '<p>before</p>');
    await read('news/page.html');
    // Same length, new bytes, MD5 file untouched, written a minute ago: damage, not a write under way.
    const damaged = join(dir, BUCKET, 'news', 'page.html._S3rver_object');
    writeFileSync(damaged, '<p>after!</p>');
    utimesSync(damaged, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const before = emulatorReads;
    await expect(read('news/page.html')).rejects.toThrow();
    expect(emulatorReads).toBeGreaterThan(before);
  });
});
