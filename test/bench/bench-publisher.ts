import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import type { Announcement } from '../../shared/domain/announcement';
import type { ObjectStore } from '../../shared/ports/object-store';
import { makePublisherService } from '../../shared/services/publisher-service';
import type { Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';
import { benchAnnouncement, type Distribution } from './corpus';

/** The publisher the publish benches time: real ports on the emulators (or `objects` for the bucket), the bench site, 50 items a page. */
export const benchPublisher = (emu: Emulators, objects: ObjectStore = new S3ObjectStore(emu.s3, emu.bucket)) =>
  makePublisherService({
    ...publisherPorts(emu.doc, emu.table),
    objects,
    site: { siteUrl: 'https://news.example.org', siteTitle: 'Herald', siteDescription: 'News', hubs: [] },
    pageSize: 50,
  });

/** The change the publish benches make: in January 2030, after every stored item. */
export const BENCH_CHANGE_AT = '2030-01-15T12:00:00.000Z';

/** The `v`-th new announcement a publish bench stores and publishes: dated BENCH_CHANGE_AT, after every stored item. */
export const benchChange = (v: number, distribution: Distribution): Announcement => ({
  ...benchAnnouncement(10_000_000, distribution),
  createdAt: BENCH_CHANGE_AT,
  publishedAt: BENCH_CHANGE_AT,
  updatedAt: new Date(Date.UTC(2030, 0, 16, 0, 0, v)).toISOString(),
  id: `10000000-0000-4000-8000-${String(v).padStart(12, '0')}`,
});
