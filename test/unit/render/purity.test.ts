import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { feedContext } from '../../../shared/render/feed-context';
import { renderAtom } from '../../../shared/render/atom';
import { renderFeedFiles } from '../../../shared/render/render-feed';
import { renderRss } from '../../../shared/render/rss';
import { EDITOR, SITE, bangkokSeminar, kampalaSeminar, msp7En, serviceWithFakes, storeAll } from '../../support/fixtures';
import { canonical, leaves } from './xml';

/** Renderers are pure: the same items give the same bytes, whatever the wall clock says. */
const KEYS = ['site', 'lang:en', 'tag:msp', 'tag:seminar'];

async function renderAll() {
  const { store } = await storeAll([msp7En, bangkokSeminar, kampalaSeminar]);
  const items = await Promise.all(KEYS.map((k) => store.latestInFeed(k, 50)));
  return () => KEYS.flatMap((k, i) => renderFeedFiles(feedContext(SITE, k), items[i] ?? []));
}

afterEach(() => {
  jest.useRealTimers();
});

describe('renderer purity', () => {
  it('gives byte-identical files when rendering the same items twice', async () => {
    // Prepare
    const render = await renderAll();
    // Act
    const first = render();
    const second = render();
    // Assess
    expect(first.length).toBe(KEYS.length * 4);
    expect(second).toEqual(first);
  });

  it('gives byte-identical files under a different wall clock', async () => {
    // Prepare
    const render = await renderAll();
    jest.useFakeTimers({ now: new Date('2017-09-04T08:00:00.000Z') });
    const then = render();
    // Act
    jest.setSystemTime(new Date('2031-02-03T04:05:06.000Z'));
    const later = render();
    // Assess
    expect(Date.now()).toBe(Date.parse('2031-02-03T04:05:06.000Z'));
    expect(later.map((f) => f.body)).toEqual(then.map((f) => f.body));
  });

  it("uses the newest item's updatedAt as the feed's time, not the first item's", async () => {
    // Prepare: the older announcement is edited last, so it is not first in the feed.
    const { service, clock, store } = serviceWithFakes('2017-03-18T09:00:00.000Z');
    const bangkok = await service.create(bangkokSeminar, EDITOR);
    clock.set('2017-05-31T09:00:00.000Z');
    await service.create(kampalaSeminar, EDITOR);
    clock.set('2017-06-20T12:00:00.000Z');
    await service.update(bangkok.id, { ...bangkokSeminar, summary: 'Corrected dates.' }, '"v1"', EDITOR);
    const items = await store.latestInFeed('tag:seminar', 50);
    const ctx = feedContext(SITE, 'tag:seminar');
    // Act
    const rss = await canonical(renderRss(ctx, items));
    const atom = await canonical(renderAtom(ctx, items));
    // Assess
    expect(items.map((a) => a.title)).toEqual([kampalaSeminar.title, bangkokSeminar.title]);
    expect(leaves(rss, 'lastBuildDate')[0]?.text).toBe('Tue, 20 Jun 2017 12:00:00 GMT');
    expect(leaves(atom.split('<entry>')[0] ?? '', 'updated')[0]?.text).toBe('2017-06-20T12:00:00.000Z');
  });

  it('dates an empty feed at the epoch', async () => {
    // Prepare
    jest.useFakeTimers({ now: new Date('2024-01-01T00:00:00.000Z') });
    const ctx = feedContext(SITE, 'tag:nothing-here');
    // Act
    const [rssXml, atomXml] = [renderRss(ctx, []), renderAtom(ctx, [])];
    jest.useRealTimers();
    const [rss, atom] = [await canonical(rssXml), await canonical(atomXml)];
    // Assess
    expect(leaves(rss, 'lastBuildDate')[0]?.text).toBe('Thu, 01 Jan 1970 00:00:00 GMT');
    expect(leaves(atom, 'updated')).toEqual([{ attrs: {}, text: '1970-01-01T00:00:00.000Z' }]);
  });
});
