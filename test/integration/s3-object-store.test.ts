import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { startEmulators, type Emulators } from '../support/emulators';

let emu: Emulators;
let objects: S3ObjectStore;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

beforeAll(async () => {
  emu = await startEmulators();
  objects = new S3ObjectStore(emu.s3, emu.bucket);
});
afterAll(() => emu.stop());

describe('S3ObjectStore on the S3 emulator', () => {
  it('stores the exact bytes with their content type, cache policy and hash', async () => {
    const body = '<?xml version="1.0"?>\n<rss>Genève — 日本 ✓</rss>\n';
    await objects.put('feeds/rss.xml', body, {
      contentType: 'application/rss+xml; charset=utf-8',
      cacheControl: 'public, max-age=60',
      sha256: sha(body),
    });
    const got = await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: 'feeds/rss.xml' }));
    expect(await got.Body?.transformToString('utf-8')).toBe(body);
    expect(got.ContentType).toBe('application/rss+xml; charset=utf-8');
    expect(got.CacheControl).toBe('public, max-age=60');
    expect(await objects.sha256Of('feeds/rss.xml')).toBe(sha(body));
  });

  it('reports no hash for a missing object and forgets a deleted one', async () => {
    expect(await objects.sha256Of('feeds/none.xml')).toBeUndefined();
    await objects.put('feeds/tmp.json', '{}', { contentType: 'application/json', cacheControl: 'no-cache', sha256: sha('{}') });
    await objects.delete('feeds/tmp.json');
    expect(await objects.sha256Of('feeds/tmp.json')).toBeUndefined();
  });

  it('lists a bucket of more than 1,000 objects page by page, every key once, with its MD5 ETag', async () => {
    const keys = Array.from({ length: 1203 }, (_, i) => `feeds/tags/t${String(i).padStart(4, '0')}/rss.xml`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(keys.slice(i, i + 50).map((k) => objects.put(k, k, { contentType: 'application/rss+xml', cacheControl: 'no-cache', sha256: sha(k) })));
    }
    const seen: { key: string; etag: string }[] = [];
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = await objects.list(cursor);
      seen.push(...page.items);
      cursor = page.cursor;
      pages++;
    } while (cursor);
    const listed = seen.filter((o) => o.key.startsWith('feeds/tags/'));
    expect(pages).toBe(2);
    expect(listed.map((o) => o.key)).toEqual(keys);
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    expect(listed.every((o) => o.etag === md5(o.key))).toBe(true);
  }, 120_000);
});
