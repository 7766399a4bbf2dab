import { describe, expect, it } from '@jest/globals';
import type { OutputFile } from '../../../shared/render/output-file';
import { listBucket, makeSkipUnchanged, type WriteLog } from '../../../shared/services/skip-unchanged';
import { InMemoryObjectStore, sha256 } from '../../support/fakes';

const file = (key: string, body = `<rss>${key}</rss>`, cacheControl = 'max-age=60'): OutputFile => ({ key, body, contentType: 'application/rss+xml', cacheControl });
const log = (): WriteLog => ({ written: [], unchanged: [] });
// The record: headers and the body's sha256 (which also signs the PUT).
const hashOf = (f: OutputFile) => sha256(`${f.contentType}\n${f.cacheControl}\n${sha256(f.body)}`);

function setup() {
  const objects = new InMemoryObjectStore();
  return { objects, hashes: objects.hashes, writer: makeSkipUnchanged(objects, objects.hashes) };
}

describe('skip-unchanged: deciding from the hash records', () => {
  it('writes a new file, then records its hash after the PUT', async () => {
    const { objects, hashes, writer } = setup();
    const f = file('feeds/rss.xml');
    const l = log();
    await writer.put(f, l);
    await writer.settle();
    expect(l).toEqual({ written: ['feeds/rss.xml'], unchanged: [] });
    expect(objects.bodyOf('feeds/rss.xml')).toBe(f.body);
    expect(hashes.records.get('memory/feeds/rss.xml')).toBe(hashOf(f));
  });

  it('writes the gathered records when settle() is called, without waiting out the gathering window', async () => {
    const { hashes, writer } = setup();
    await writer.put(file('feeds/rss.xml'), log());
    const settled = writer.settle();
    // One turn of the loop: far less than the window, after which the timer alone would have sent them.
    await new Promise((resolve) => setImmediate(resolve));
    expect(hashes.records.has('memory/feeds/rss.xml')).toBe(true);
    await settled;
  });

  it('skips a file whose bytes and headers are recorded, with no call to the bucket', async () => {
    const { objects, writer } = setup();
    await writer.put(file('feeds/rss.xml'), log());
    await writer.settle();
    const l = log();
    await writer.put(file('feeds/rss.xml'), l);
    expect(l).toEqual({ written: [], unchanged: ['feeds/rss.xml'] });
    expect(objects.calls).toEqual({ sha256Of: 0, put: 1, delete: 0 });
  });

  it('rewrites a file whose bytes or only whose headers changed', async () => {
    const { objects, writer } = setup();
    for (const f of [file('feeds/rss.xml', 'a'), file('feeds/rss.xml', 'b'), file('feeds/rss.xml', 'b', 'max-age=31536000, immutable')]) {
      await writer.put(f, log());
      await writer.settle();
    }
    expect(objects.puts.map((p) => [p.body, p.options.cacheControl])).toEqual([
      ['a', 'max-age=60'],
      ['b', 'max-age=60'],
      ['b', 'max-age=31536000, immutable'],
    ]);
  });

  it('reads the records of files asked for in the same turn in batches of at most 100, and writes them in batches of 25', async () => {
    const { hashes, writer } = setup();
    const files = Array.from({ length: 130 }, (_, i) => file(`feeds/tags/t${i}/rss.xml`));
    await Promise.all(files.map((f) => writer.put(f, log())));
    await writer.settle();
    expect(hashes.calls.getMany).toBe(2);
    expect(hashes.calls.putMany).toBe(Math.ceil(130 / 25));
    expect(hashes.records.size).toBe(130);
  });

  it('records nothing for a PUT that fails, so the next publish writes the file', async () => {
    const { objects, hashes, writer } = setup();
    objects.failPutsWith = new Error('S3 outage');
    await expect(writer.put(file('feeds/rss.xml'), log())).rejects.toThrow('S3 outage');
    expect(hashes.records.has('memory/feeds/rss.xml')).toBe(false);
    objects.failPutsWith = undefined;
    const l = log();
    await writer.put(file('feeds/rss.xml'), l);
    expect(l.written).toEqual(['feeds/rss.xml']);
  });

  it('keeps records per bucket: a second bucket on the same records starts with none', async () => {
    const { hashes, writer } = setup();
    await writer.put(file('feeds/rss.xml'), log());
    await writer.settle();
    const other = Object.assign(new InMemoryObjectStore(), { bucket: 'other' });
    const l = log();
    await makeSkipUnchanged(other, hashes).put(file('feeds/rss.xml'), l);
    expect(l.written).toEqual(['feeds/rss.xml']);
    expect(other.bodyOf('feeds/rss.xml')).toBe(file('feeds/rss.xml').body);
  });

  it('fails settle() when a record could not be written, once', async () => {
    const { hashes, writer } = setup();
    hashes.putMany = async () => Promise.reject(new Error('throttled'));
    await writer.put(file('feeds/rss.xml'), log());
    await expect(writer.settle()).rejects.toThrow('throttled');
    await expect(writer.settle()).resolves.toBeUndefined();
  });

  it('fails every put waiting on a batch read that fails', async () => {
    const { hashes, writer } = setup();
    hashes.getMany = async () => Promise.reject(new Error('throttled'));
    const results = await Promise.allSettled([writer.put(file('a'), log()), writer.put(file('b'), log())]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('forgets the record before deleting the object', async () => {
    const { objects, hashes, writer } = setup();
    await writer.put(file('news/x/index.html'), log());
    await writer.settle();
    hashes.deleteMany = async () => Promise.reject(new Error('throttled'));
    await expect(writer.remove('news/x/index.html')).rejects.toThrow('throttled');
    // The object stays while its record does: nothing claims a file that is gone.
    expect(objects.objects.has('news/x/index.html')).toBe(true);
  });
});

describe('skip-unchanged: a verifying writer repairs what the records get wrong', () => {
  it('rewrites a file recorded as written whose object was deleted or edited by hand', async () => {
    const { objects, writer } = setup();
    const [gone, edited, intact] = [file('feeds/rss.xml'), file('feeds/atom.xml'), file('feeds/feed.json')];
    for (const f of [gone, edited, intact]) await writer.put(f, log());
    await writer.settle();
    objects.objects.delete(gone.key);
    objects.objects.set(edited.key, { body: 'defaced', options: objects.objects.get(edited.key)!.options });

    const l = log();
    const verifying = writer.verifying(await listBucket(objects));
    for (const f of [gone, edited, intact]) await verifying(f, l);
    expect(l).toEqual({ written: [gone.key, edited.key], unchanged: [intact.key] });
    expect(objects.bodyOf(gone.key)).toBe(gone.body);
    expect(objects.bodyOf(edited.key)).toBe(edited.body);
  });
});
