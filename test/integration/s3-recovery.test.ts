import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3Emulator, type Emulator } from '../../infra/local/emulators';
import { markOpen } from '../../infra/local/s3-recovery';
import { makeS3Client } from '../../shared/adapters/aws-clients';

/**
 * A kill -9 of `npm start` can stop s3rver in the middle of writing an
 * object's files. The next start must drop those torn objects instead of
 * answering 500 for them (and for every listing of the bucket) for ever.
 */
const BUCKET = 'herald-recovery';
const dir = mkdtempSync(join(tmpdir(), 'herald-s3-recovery-'));
let emulator: Emulator | undefined;
let s3: S3Client | undefined;
afterEach(async () => {
  s3?.destroy();
  await emulator?.stop();
  emulator = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(): Promise<S3Client> {
  emulator = await startS3Emulator({ dir, buckets: [BUCKET] });
  s3 = makeS3Client({ region: 'us-east-1', s3Endpoint: emulator.endpoint });
  return s3;
}
const file = (key: string, part: 'object' | 'metadata.json') => join(dir, BUCKET, ...key.split('/').slice(0, -1), `${key.split('/').pop()}._S3rver_${part}`);
const put = (client: S3Client, key: string, body: string) =>
  client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));

describe('the S3 emulator after an unclean stop', () => {
  it('removes objects whose metadata is cut short or missing, or whose bytes do not match their MD5, and keeps the rest', async () => {
    // Prepare: four whole objects, then tear three of them the ways a kill -9 can.
    const client = await start();
    await put(client, 'feeds/whole.xml', '<rss>Genève</rss>');
    await put(client, 'feeds/cut-metadata.json', '{"items":[]}');
    await put(client, 'feeds/no-metadata.json', '{"items":[1]}');
    await put(client, 'news/a/index.html', '<p>old</p>');
    await emulator!.stop();
    emulator = undefined;
    const cut = readFileSync(file('feeds/cut-metadata.json', 'metadata.json'), 'utf8');
    writeFileSync(file('feeds/cut-metadata.json', 'metadata.json'), cut.slice(0, Math.floor(cut.length / 2)));
    rmSync(file('feeds/no-metadata.json', 'metadata.json'));
    writeFileSync(file('news/a/index.html', 'object'), '<p>new, half wr');
    markOpen(dir); // as if the last run had died without stopping

    // Act
    const again = await start();

    // Assess: listing works and holds only the whole object, which is intact.
    const listed = await again.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    expect((listed.Contents ?? []).map((o) => o.Key)).toEqual(['feeds/whole.xml']);
    for (const key of ['feeds/cut-metadata.json', 'feeds/no-metadata.json', 'news/a/index.html']) {
      await expect(again.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({ name: 'NotFound' });
    }
    const whole = await again.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'feeds/whole.xml' }));
    expect(await whole.Body?.transformToString('utf-8')).toBe('<rss>Genève</rss>');
    expect(whole.ContentType).toBe('text/plain; charset=utf-8');
  });

  it('marks a clean stop, so the next start skips the check', async () => {
    await start();
    await emulator!.stop();
    emulator = undefined;
    expect(markOpen(dir)).toBe(false);
    expect(markOpen(dir)).toBe(true);
  });
});
