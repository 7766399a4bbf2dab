import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { DynamoDeferredRenders } from '../../shared/adapters/dynamo-deferred-renders';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import type { Announcement } from '../../shared/domain/announcement';
import { auditOf } from '../../shared/domain/audit';
import type { ObjectStore } from '../../shared/ports/object-store';
import { makeDeferredRender } from '../../shared/services/deferred-render';
import { makePublisherService } from '../../shared/services/publisher-service';
import { benchAnnouncement } from '../bench/corpus';
import { startEmulators, type Emulators } from '../support/emulators';
import { publisherPorts } from '../support/publisher-ports';

/**
 * The race a step's checked pass does not cover: an import's step reads an
 * old month's archive page, an editor retracts one of its items and
 * publishes that page, then the step writes its older render over it. The
 * editor's publish notes its places; the step, after its writes, renders
 * them again. On DynamoDB Local and s3rver, the step held at the exact
 * moment by its bucket.
 */
let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
}, 120_000);
afterAll(() => emu.stop());

/** An object's body as the bucket holds it now. */
const bodyOf = async (key: string) => (await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: key }))).Body!.transformToString();

const NOW = '2026-11-30T12:00:00.000Z';
const SITE = { siteUrl: 'https://news.example.org', siteTitle: 'Herald race test', siteDescription: 'd', hubs: [] };
const dated = (i: number, at: string, imported?: true): Announcement => ({ ...benchAnnouncement(i), title: `Item ${i}`, createdAt: at, updatedAt: at, publishedAt: at, ...(imported ? { imported } : {}) });

describe('an editor\'s retraction in a month an import\'s step is rendering', () => {
  it('ends with the retracted item gone from that month\'s archive page, though the step wrote its older read last', async () => {
    // Prepare: an editor's item this month (the feeds' newest), and three imported items of March 2019, deferred.
    const ports = publisherPorts(emu.doc, emu.table);
    const store = new DynamoAnnouncementStore(emu.doc, emu.table);
    const renders = new DynamoDeferredRenders(emu.doc, emu.table);
    const bucket = new S3ObjectStore(emu.s3, emu.bucket);
    let hold: { reached: () => void; release: Promise<void> } | undefined;
    let held = 0;
    // The step's bucket: its first PUT of March 2019's site archive page waits until the editor has published.
    const stepBucket: ObjectStore = Object.assign(Object.create(bucket) as ObjectStore, {
      put: async (key: string, body: string | Uint8Array, options: Parameters<ObjectStore['put']>[2]) => {
        if (hold && key.startsWith('feeds/archive/2019-03')) {
          const h = hold;
          hold = undefined;
          held += 1;
          h.reached();
          await h.release;
        }
        return bucket.put(key, body, options);
      },
    });
    const side = (objects: ObjectStore) =>
      makeDeferredRender({
        publisher: makePublisherService({ ...ports, objects, site: SITE, pageSize: 50 }),
        index: ports.index,
        window: 50,
        renders,
        signal: async () => undefined,
        clock: () => new Date(NOW),
      });
    const editor = side(bucket);
    const step = side(stepBucket);
    const newest = dated(1, '2026-11-29T09:00:00.000Z');
    await store.create(newest, auditOf('create', undefined, newest));
    await editor.publish([{ after: newest }]);
    const imported = [2, 3, 4].map((i) => dated(i, `2019-03-1${i}T09:00:00.000Z`, true));
    for (const a of imported) await store.create(a, auditOf('create', undefined, a));
    await editor.publish(imported.map((after) => ({ after })), '1');
    // Act: the step runs; when it is about to write March's page (read before the retraction), the editor retracts item 2.
    let reached!: () => void;
    let release!: () => void;
    const atWrite = new Promise<void>((r) => (reached = r));
    hold = { reached, release: new Promise<void>((r) => (release = r)) };
    const stepping = step.step();
    await atWrite;
    const retracted: Announcement = { ...imported[0]!, imported: undefined, status: 'retracted', version: 2, updatedAt: '2026-11-30T11:59:00.000Z' } as Announcement;
    await store.replace(retracted, imported[0]!, auditOf('retract', imported[0]!, retracted));
    await editor.publish([{ before: imported[0]!, after: retracted }]);
    const afterEditor = await bodyOf('feeds/archive/2019-03/rss.xml');
    release();
    const { batches } = await stepping;
    // Assess: the race happened (the editor's page lacked item 2, the step then wrote over it), and the end is right.
    expect(held).toBe(1);
    expect(batches).toBe(1);
    expect(afterEditor).toContain('<title>Item 3</title>');
    expect(afterEditor).not.toContain('<title>Item 2</title>');
    const page = await bodyOf('feeds/archive/2019-03/rss.xml');
    expect(page).toContain('<title>Item 3</title>');
    expect(page).toContain('<title>Item 4</title>');
    expect(page).not.toContain('<title>Item 2</title>');
  });
});
