import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateBucketCommand, GetObjectCommand, ListObjectsCommand } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { makePublisherService } from '../../shared/services/publisher-service';
import { benchAnnouncement } from '../bench/corpus';
import { seedTable } from '../bench/seed-table';
import { startEmulators, type Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';

const SITE = { siteUrl: 'https://news.example.org', siteTitle: 'Herald test', siteDescription: 'd', hubs: [] };
let emu: Emulators;

beforeAll(async () => {
  emu = await startEmulators();
  // A busy month (500 items: archive pages split at 200) and two years of one a day.
  const busy = Array.from({ length: 500 }, (_, i) => benchAnnouncement(i, 'busy'));
  const spread = Array.from({ length: 300 }, (_, i) => ({ ...benchAnnouncement(100_000 + i * 24), id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}` }));
  await publisherPorts(emu.doc, emu.table).registry.register(await seedTable(emu, [...busy, ...spread]));
}, 120_000);
afterAll(() => emu.stop());

/** Every object of a bucket, key -> text. */
async function contents(bucket: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let marker: string | undefined;
  do {
    const page = await emu.s3.send(new ListObjectsCommand({ Bucket: bucket, Marker: marker }));
    for (const o of page.Contents ?? []) out.set(o.Key!, await (await emu.s3.send(new GetObjectCommand({ Bucket: bucket, Key: o.Key! }))).Body!.transformToString());
    marker = page.IsTruncated ? page.Contents?.at(-1)?.Key : undefined;
  } while (marker);
  return out;
}

describe('a rebuild rendered from the re-derived corpus', () => {
  it('writes byte for byte what a rebuild reading each feed from the table writes', async () => {
    const { corpus, ...ports } = publisherPorts(emu.doc, emu.table);
    const into = async (bucket: string, withCorpus: boolean) => {
      await emu.s3.send(new CreateBucketCommand({ Bucket: bucket }));
      const objects = new S3ObjectStore(emu.s3, bucket);
      await makePublisherService({ ...ports, ...(withCorpus ? { corpus } : {}), objects, site: SITE, pageSize: 50 }).rebuildAll({ rederive: withCorpus });
      return contents(bucket);
    };
    // The table's reads first: the page boundaries they store are then the ones the corpus reads.
    const fromTable = await into('from-table', false);
    const fromCorpus = await into('from-corpus', true);

    expect(fromTable.size).toBeGreaterThan(100);
    expect([...fromCorpus.keys()].sort()).toEqual([...fromTable.keys()].sort());
    for (const [key, text] of fromTable) expect({ key, text: fromCorpus.get(key) }).toEqual({ key, text });
  }, 300_000);
});
