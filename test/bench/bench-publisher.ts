import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { makePublisherService } from '../../shared/services/publisher-service';
import type { Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';

/** The publisher the publish benches time: real ports on the emulators, the bench site, 50 items a page. */
export const benchPublisher = (emu: Emulators) =>
  makePublisherService({
    ...publisherPorts(emu.doc, emu.table),
    objects: new S3ObjectStore(emu.s3, emu.bucket),
    site: { siteUrl: 'https://news.example.org', siteTitle: 'Herald', siteDescription: 'News', hubs: [] },
    pageSize: 50,
  });

/** The change the publish benches make: in January 2030, after every stored item. */
export const BENCH_CHANGE_AT = '2030-01-15T12:00:00.000Z';
