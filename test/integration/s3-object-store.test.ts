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

  it('signs a PUT with the body hash it is given, over the exact bytes stored', async () => {
    // The signed request as it leaves the client (the deserialize step wraps the send itself).
    const sent: { hash?: string; signed?: string; bytes?: Buffer }[] = [];
    emu.s3.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string>; body?: Uint8Array };
        if (request.body) sent.push({ hash: request.headers['x-amz-content-sha256'], signed: request.headers.authorization, bytes: Buffer.from(request.body) });
        return next(args);
      },
      { step: 'deserialize', name: 'testCaptureSigned' },
    );
    try {
      const bytes = Buffer.from('<rss>Kampala — 2019</rss>', 'utf8');
      const bodySha256 = createHash('sha256').update(bytes).digest('hex');
      await objects.put('feeds/signed.xml', bytes, { contentType: 'application/rss+xml', cacheControl: 'no-cache', sha256: 'r', bodySha256 });
      // A hash that is not the body's is still what is signed (S3 itself refuses such a PUT;
      // the emulator does not check), which shows the SDK did not hash the body again.
      await objects.put('feeds/other.xml', bytes, { contentType: 'application/rss+xml', cacheControl: 'no-cache', sha256: 'r', bodySha256: 'f'.repeat(64) });
      await objects.put('feeds/plain.xml', 'plain', { contentType: 'application/rss+xml', cacheControl: 'no-cache', sha256: 'r' });
      expect(sent.map((s) => s.hash)).toEqual([bodySha256, 'f'.repeat(64), sha('plain')]);
      expect(sent[0]!.bytes!.equals(bytes)).toBe(true);
      expect(sent[0]!.signed).toMatch(/SignedHeaders=[^,]*x-amz-content-sha256/);
      const got = await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: 'feeds/signed.xml' }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes)).toBe(true);
    } finally {
      emu.s3.middlewareStack.remove('testCaptureSigned');
    }
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
