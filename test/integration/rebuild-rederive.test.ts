import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoAnnouncementStore } from '../../shared/adapters/dynamo-announcement-store';
import { S3ObjectStore } from '../../shared/adapters/s3-object-store';
import { entrySortKey } from '../../shared/domain/archive-pages';
import { auditOf } from '../../shared/domain/audit';
import type { Announcement } from '../../shared/domain/announcement';
import { makePublisherService } from '../../shared/services/publisher-service';
import { startEmulators, type Emulators } from '../support/emulators';
import { bangkokSeminar, msp7En, stored } from '../support/fixtures';
import { publisherPorts } from '../support/publisher-ports';

const SITE = { siteUrl: 'https://news.example.org', siteTitle: 'Herald test', siteDescription: 'd', hubs: [] };
let emu: Emulators;
let ports: ReturnType<typeof publisherPorts>;
let store: DynamoAnnouncementStore;
let publisher: ReturnType<typeof makePublisherService>;

const body = async (key: string) => {
  const out = await emu.s3.send(new GetObjectCommand({ Bucket: emu.bucket, Key: key })).catch(() => undefined);
  return out && (await out.Body!.transformToString());
};
const entryKeys = async (feed: string) => (await ports.corpus.entries(feed)).map((e) => e.sk);

beforeAll(async () => {
  emu = await startEmulators();
  ports = publisherPorts(emu.doc, emu.table);
  store = new DynamoAnnouncementStore(emu.doc, emu.table);
  publisher = makePublisherService({ ...ports, objects: new S3ObjectStore(emu.s3, emu.bucket), site: SITE, pageSize: 50 });
});
afterAll(() => emu.stop());

describe('herald rebuild after stream records were lost to the dead-letter queue', () => {
  let meeting: Announcement;
  let seminar: Announcement;
  let corrected: Announcement;
  let retracted: Announcement;

  beforeAll(async () => {
    // Prepare: two announcements published through the stream's path (entries projected, feeds written).
    meeting = await stored(msp7En);
    seminar = { ...(await stored(bangkokSeminar)), id: randomUUID() };
    for (const a of [meeting, seminar]) await store.create(a, auditOf('create', undefined, a));
    await publisher.publishChanges([{ after: meeting }, { after: seminar }]);
    // Then an edit (new title, tag msp and 7msp replaced by corrected) and a retraction whose stream
    // records never reached the publisher: the table holds them, the feed entries do not.
    corrected = { ...meeting, title: 'Seventh Meeting of States Parties (corrected)', tags: ['corrected'], version: meeting.version + 1, updatedAt: '2017-09-02T08:00:00.000Z' };
    retracted = { ...seminar, status: 'retracted', version: seminar.version + 1, updatedAt: '2017-09-02T09:00:00.000Z' };
    await store.replace(corrected, meeting, auditOf('update', meeting, corrected));
    await store.replace(retracted, seminar, auditOf('retract', seminar, retracted));
  });

  it('leaves the stale entries in place until the rebuild (the gap it closes)', async () => {
    expect(await entryKeys('tag:msp')).toContain(entrySortKey(meeting));
    expect(await body('feeds/rss.xml')).not.toContain('(corrected)');
  });

  it('re-derives the entries from the announcements and renders the feeds from them', async () => {
    await publisher.rebuildAll({ rederive: true });

    expect(await entryKeys('tag:msp')).not.toContain(entrySortKey(meeting));
    expect(await entryKeys('tag:corrected')).toEqual([entrySortKey(corrected)]);
    expect(await entryKeys('site')).toEqual([entrySortKey(corrected)]);
    expect((await ports.corpus.entries('site'))[0]!.version).toBe(corrected.version);
    const rss = (await body('feeds/rss.xml'))!;
    expect(rss).toContain('Seventh Meeting of States Parties (corrected)');
    expect(rss).not.toContain('Bangkok');
    expect(await body('feeds/tags/corrected/rss.xml')).toContain('(corrected)');
    expect(await body('feeds/tags/msp/rss.xml')).not.toContain('Seventh Meeting');
    expect(await body('feeds/tags/seminar/rss.xml')).not.toContain('Bangkok');
    // Months those feeds no longer have items in: their archive pages are rendered without them too.
    expect(await body('feeds/tags/seminar/archive/2017-09/rss.xml')).not.toContain('Bangkok');
    expect(await body('feeds/tags/msp/archive/2017-09/atom.xml')).not.toContain('Seventh Meeting');
    expect(await body('feeds/archive/2017-09/feed.json')).not.toContain('Bangkok');
  });

  it('writes the same feeds as the per-change publish of the same state: the late records then change nothing', async () => {
    const late = await publisher.publishChanges([
      { before: meeting, after: corrected },
      { before: seminar, after: retracted },
    ]);

    // Archives of the months the feeds were emptied of included.
    expect(late.written.filter((key) => key.startsWith('feeds/'))).toEqual([]);
    expect(late.unchanged).toEqual(expect.arrayContaining(['feeds/rss.xml', 'feeds/tags/corrected/rss.xml', 'feeds/tags/msp/rss.xml', 'feeds/archive/2017-09/rss.xml']));
  });
});
