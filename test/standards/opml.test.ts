import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { AnnouncementInput } from '../../shared/domain/announcement';
import { parseOrThrow } from '../../shared/domain/validation';
import { feedContext } from '../../shared/render/feed-context';
import { OPML_KEY, renderOpml } from '../../shared/render/opml';
import { makeAnnouncementService } from '../../shared/services/announcement-service';
import { makePublisherService } from '../../shared/services/publisher-service';
import { INPUTS, SITE } from './support/coalition';
import { MemoryAnnouncementStore, MemoryObjectStore } from './support/memory-store';
import { describeWith, TOOLS } from './support/tools';

/** The outlines of an OPML document as a strict parser (Python expat) reads them. */
function outlines(opml: string): Record<string, string>[] {
  const script = 'import sys,json,xml.etree.ElementTree as E; r=E.fromstring(sys.stdin.buffer.read()); print(json.dumps([o.attrib for o in r.iter("outline")]))';
  const r = spawnSync(TOOLS.python, ['-c', script], { input: opml, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as Record<string, string>[];
}

function rig() {
  const store = new MemoryAnnouncementStore();
  const objects = new MemoryObjectStore();
  let seq = 0;
  const announcements = makeAnnouncementService({
    store,
    clock: () => new Date(Date.UTC(2017, 8, 4, 8, 0, ++seq)),
    newId: () => `0b4a9c3e-1d2f-4a5b-8c7d-${String(seq).padStart(12, '0')}`,
  });
  const publisher = makePublisherService({ index: store, registry: store, notifyHubs: async () => undefined, objects, hashes: objects.hashes, site: SITE, pageSize: 50 });
  const post = async (key: keyof typeof INPUTS) => {
    const after = await announcements.create(parseOrThrow(AnnouncementInput, { ...INPUTS[key], status: 'published' }), { subject: 'e', role: 'editor' });
    return publisher.publishChanges([{ after }]);
  };
  return { objects, publisher, post };
}

describeWith('feedparser', '/feeds/index.opml', () => {
  it('lists every feed with its title, RSS URL and language, site first, then languages, then tags', () => {
    const opml = renderOpml(SITE, ['tag:seminar', 'lang:fr', 'site', 'lang:en', 'tag:7msp']);
    expect(opml.key).toBe('feeds/index.opml');
    expect(opml.contentType).toBe('text/x-opml; charset=utf-8');
    const expected = ['site', 'lang:en', 'lang:fr', 'tag:7msp', 'tag:seminar'].map((key) => {
      const ctx = feedContext(SITE, key);
      return { type: 'rss', version: 'RSS2', text: ctx.title, title: ctx.title, xmlUrl: ctx.urls.rss, htmlUrl: ctx.urls.home, language: ctx.language };
    });
    expect(outlines(opml.body)).toEqual(expected);
    expect(opml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<opml version="2.0">/);
  });

  it('is written by the publisher when a change brings a new feed into being, and only then', async () => {
    const { objects, post } = rig();
    await post('msp7');
    expect(outlines(objects.body(OPML_KEY)).map((o) => o.xmlUrl)).toEqual([
      `${SITE.siteUrl}/feeds/rss.xml`,
      `${SITE.siteUrl}/feeds/en/rss.xml`,
      `${SITE.siteUrl}/feeds/tags/7msp/rss.xml`,
      `${SITE.siteUrl}/feeds/tags/meetings/rss.xml`,
    ]);
    const writes = objects.puts.filter((k) => k === OPML_KEY).length;
    await post('geneva'); // en and 7msp only: feeds that exist already
    expect(objects.puts.filter((k) => k === OPML_KEY).length).toBe(writes);
    await post('kampala'); // brings es, seminar and africa
    expect(objects.puts.filter((k) => k === OPML_KEY).length).toBe(writes + 1);
    expect(outlines(objects.body(OPML_KEY)).map((o) => o.title)).toEqual([
      SITE.siteTitle,
      `${SITE.siteTitle} (en)`,
      `${SITE.siteTitle} (es)`,
      `${SITE.siteTitle}: 7msp`,
      `${SITE.siteTitle}: africa`,
      `${SITE.siteTitle}: meetings`,
      `${SITE.siteTitle}: seminar`,
    ]);
  });

  it('is checked on every rebuild and left alone when unchanged', async () => {
    const { publisher, post } = rig();
    await post('bangkok');
    const report = await publisher.rebuildAll();
    expect(report.unchanged).toContain(OPML_KEY);
    expect(report.written).toEqual([]);
  });
});

describe('the publisher with nothing to publish', () => {
  it('writes nothing for a change that touches no feed (a draft)', async () => {
    const { objects, publisher } = rig();
    expect(await publisher.publishChanges([])).toEqual({ feeds: [], written: [], unchanged: [], deleted: [], pinged: [] });
    expect(objects.puts).toEqual([]);
  });
});
