import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { pathToFileURL } from 'node:url';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import type { FeedIndex } from '../../shared/ports/feed-index';
import type { ObjectStore } from '../../shared/ports/object-store';
import { makePublisherService } from '../../shared/services/publisher-service';
import { startEmulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';
import { benchAnnouncement } from './corpus';
import { seedTable } from './seed-table';

type Put = { key: string; bytes: number; contentType: string; cacheControl: string };
type Read = { method: string; args: unknown[] };

/** Runs `tasks` at most `width` at a time. */
async function bounded(tasks: (() => Promise<unknown>)[], width: number): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < tasks.length) await tasks[next++]!();
  }));
}

/**
 * The floor under a full rebuild: one rebuild records every PUT (key, size,
 * headers) and every feed-index read; then the same PUTs (same count and
 * bytes, no rendering) are replayed into an empty bucket, and the same reads
 * replayed with no rendering, each at a few concurrencies. Says how far
 * rendering can go and whether storage bounds it.
 */
export async function rebuildFloor(count: number): Promise<Record<string, unknown>> {
  const emu = await startEmulators();
  try {
    const ports = publisherPorts(emu.doc, emu.table);
    await ports.registry.register(await seedTable(emu, Array.from({ length: count }, (_, i) => benchAnnouncement(i))));
    const puts: Put[] = [];
    const reads: Read[] = [];
    await emu.s3.send(new CreateBucketCommand({ Bucket: 'floor-rebuild' }));
    const s3 = new S3ObjectStore(emu.s3, 'floor-rebuild');
    const objects: ObjectStore = Object.assign(Object.create(s3) as ObjectStore, {
      put: (key: string, body: string, o: { contentType: string; cacheControl: string; sha256: string }) => (puts.push({ key, bytes: Buffer.byteLength(body), ...o }), s3.put(key, body, o)),
    });
    const index = new Proxy(ports.index, {
      get(target, p, r) {
        const v = Reflect.get(target, p, r) as unknown;
        return typeof v === 'function' ? (...args: unknown[]) => (reads.push({ method: String(p), args }), (v as (...a: unknown[]) => unknown).apply(target, args)) : v;
      },
    }) as FeedIndex;
    const site = { siteUrl: 'https://news.example.org', siteTitle: 'Herald', siteDescription: 'News', hubs: [] };
    const publisher = makePublisherService({ ...ports, index, objects, site, pageSize: 50 });
    let t = performance.now();
    await publisher.rebuildAll();
    const rebuildMs = performance.now() - t;
    const out: Record<string, unknown> = { count, rebuildMs: Math.round(rebuildMs), puts: puts.length, mb: +(puts.reduce((n, p) => n + p.bytes, 0) / 1e6).toFixed(1), reads: reads.length };
    const byMethod: Record<string, number> = {};
    for (const r of reads) byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
    out.readsByMethod = byMethod;
    for (const width of [16, 64]) {
      const bucket = `floor-${width}`;
      await emu.s3.send(new CreateBucketCommand({ Bucket: bucket }));
      const store = new S3ObjectStore(emu.s3, bucket);
      t = performance.now();
      await bounded(puts.map((p) => () => store.put(p.key, 'x'.repeat(p.bytes), { contentType: p.contentType, cacheControl: p.cacheControl, sha256: '0'.repeat(64) })), width);
      out[`writesOnlyMs@${width}`] = Math.round(performance.now() - t);
      t = performance.now();
      await bounded(reads.filter((r) => r.method !== 'addPageBoundaries').map((r) => () => (ports.index as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[r.method]!(...r.args)), width);
      out[`readsOnlyMs@${width}`] = Math.round(performance.now() - t);
    }
    return out;
  } finally {
    await emu.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await rebuildFloor(Number(process.argv[2] ?? 10_000)), null, 2));
}
