import { describe, expect, it } from '@jest/globals';
import { makeDeferredStepApp } from '../../../functions/publisher/deferred-step';
import type { Announcement } from '../../../shared/domain/announcement';
import type { DeferredBatch, DeferredRenders, TouchedPlaces } from '../../../shared/ports/deferred-renders';
import { STEP_RECHECKS, TOUCH_MARGIN_MS, batchIdOf, makeDeferredRender, mergeWork, notedInPlan, recheckPlaces, splitImports, workOf } from '../../../shared/services/deferred-render';
import { entrySortKey } from '../../../shared/domain/archive-pages';
import { emptyReport, type Change, type Plan } from '../../../shared/services/publish-run';
import { recordingLogger } from '../../support/fakes';
import { bangkokSeminar, msp7En, storeAll } from '../../support/fixtures';

/** The seminar and the meeting as stored, the seminar imported, the meeting an editor's. */
async function pair(): Promise<{ imported: Announcement; edited: Announcement }> {
  const { stored } = await storeAll([bangkokSeminar, msp7En]);
  return { imported: { ...stored[0]!, imported: true as const }, edited: stored[1]! };
}

/** DeferredRenders in memory, with the calls in order. */
function memoryRenders(calls: string[]): Pick<DeferredRenders, 'mark' | 'pending' | 'done' | 'touch' | 'touchedSince'> & { batches: Map<string, DeferredBatch>; notes: TouchedPlaces[] } {
  const batches = new Map<string, DeferredBatch>();
  const notes: TouchedPlaces[] = [];
  return {
    batches,
    notes,
    touch: async (n) => void (calls.push(`touch ${Object.keys(n.feeds).sort().join(',')}`), notes.push(n)),
    touchedSince: async (since) => notes.filter((n) => n.at >= since),
    mark: async (b) => void (calls.push(`mark ${b.work.ids.join(',')}`), batches.set(b.id, b)),
    pending: async (limit) => ({ batches: [...batches.values()].slice(0, limit), more: batches.size > limit }),
    done: async (ids) => void (calls.push(`done ${ids.length}`), ids.forEach((id) => batches.delete(id))),
  };
}

function rig(calls: string[], stored: Announcement[], options: { failQuietly?: boolean; duringPass?: (pass: number) => void; now?: string } = {}) {
  // The clock: by default the newest stored item's date, so a new item is recent.
  const now = options.now ?? stored.map((a) => a.publishedAt ?? a.updatedAt).sort().at(-1) ?? '2017-09-01T08:00:00.000Z';
  const renders = memoryRenders(calls);
  const plans: Plan[] = [];
  // Each feed's newest items as the index shows them; a test moves them between passes.
  const feeds = new Map<string, Announcement[]>();
  const deferred = makeDeferredRender({
    publisher: {
      publishChanges: async (changes: Change[]) => (calls.push(`publish ${changes.map((c) => c.after?.id).join(',')}`), emptyReport()),
      publishQuietly: async (plan: Plan, current: Announcement[]) => {
        if (options.failQuietly) throw new Error('s3 down');
        plans.push(plan);
        calls.push(`render ${current.map((a) => a.id).join(',')}`);
        options.duringPass?.(plans.length);
        return emptyReport();
      },
    },
    index: {
      get: async (id) => stored.find((a) => a.id === id),
      project: async (moves) => void calls.push(`project ${moves.length}`),
      latestInFeed: async (feed) => feeds.get(feed) ?? [],
    },
    window: 50,
    renders,
    signal: async () => void calls.push('signal'),
    clock: () => new Date(now),
  });
  return { deferred, renders, plans, feeds };
}

describe('deferred renders of imported versions', () => {
  it('publishes an editor\'s change now and only projects, records and signals the imported ones, in that order', async () => {
    // Prepare
    const { imported, edited } = await pair();
    const calls: string[] = [];
    const { deferred } = rig(calls, [imported, edited]);
    // Act
    const report = await deferred.publish([{ after: imported }, { after: edited }]);
    // Assess
    expect(calls.filter((c) => c.startsWith('publish'))).toEqual([`publish ${edited.id}`]);
    expect(calls.filter((c) => !c.startsWith('publish'))).toEqual(['project 1', `mark ${imported.id}`, 'signal']);
    expect(report.deferred).toBe(1);
  });

  it('publishes an id at once when any of its versions in the batch is an editor\'s (or a removal)', async () => {
    const { imported } = await pair();
    const edited = { ...imported, imported: undefined, version: imported.version + 1 };
    expect(splitImports([{ after: imported }, { before: imported, after: edited }]).later).toEqual([]);
    expect(splitImports([{ before: imported }]).later).toEqual([]);
  });

  it('fails the batch, and signals nothing, when the record is not written', async () => {
    const { imported } = await pair();
    const calls: string[] = [];
    const { deferred, renders } = rig(calls, [imported]);
    renders.mark = async () => Promise.reject(new Error('table down'));
    await expect(deferred.publish([{ after: imported }])).rejects.toThrow('table down');
    expect(calls).not.toContain('signal');
  });

  it('renders every recorded batch in one publish, each feed and place once, then forgets them', async () => {
    // Prepare: the same item recorded by two batches (a retried, bisected batch), and another one.
    const { imported, edited } = await pair();
    const other = { ...edited, imported: true as const };
    const calls: string[] = [];
    const { deferred, renders, plans } = rig(calls, [imported, other]);
    await renders.mark({ id: batchIdOf([{ after: imported }]), work: workOf([{ after: imported }]) });
    await renders.mark({ id: 'retry', work: workOf([{ after: imported }, { after: other }]) });
    // Act
    const step = await deferred.step();
    // Assess
    expect(step).toMatchObject({ batches: 2, more: false });
    expect(calls.filter((c) => c.startsWith('render'))[0]).toBe(`render ${imported.id},${other.id}`);
    const site = plans[0]!.get('site');
    expect(site instanceof Set ? site.size : site).toBe(2);
    expect(calls.at(-1)).toBe('done 2');
    expect(renders.batches.size).toBe(0);
  });

  it('renders a feed\'s current documents once more when an editor\'s change lands in it during the checked pass, and only that feed', async () => {
    // Prepare: while the second pass renders, an editor's change reaches the site feed (its publish may have been overwritten).
    const { imported, edited } = await pair();
    const calls: string[] = [];
    const rigged = rig(calls, [imported], { duringPass: (pass) => pass === 2 && rigged.feeds.set('site', [edited]) });
    await rigged.renders.mark({ id: 'b', work: workOf([{ after: imported }]) });
    // Act
    await rigged.deferred.step();
    // Assess: first pass, checked pass over every planned feed, then the site feed alone; then the records go.
    const keys = rigged.plans.map((p) => [...p.keys()].sort().join(' '));
    expect(keys.length).toBe(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toBe('site');
    // Its current documents, and its newest archive page: the editor's item is in the month the step rendered.
    expect(rigged.plans[2]!.get('site')).toEqual(new Set([entrySortKey(edited)]));
    expect(calls.at(-1)).toBe('done 1');
  });

  it('renders the newest archive page again too when the step rendered pages of its month', async () => {
    // Prepare: an import in the month of the site feed's newest item; during the first pass an editor's newer item lands there.
    const { imported, edited } = await pair();
    const calls: string[] = [];
    const rigged = rig(calls, [imported], { duringPass: (pass) => pass === 1 && rigged.feeds.set('site', [edited, imported]) });
    rigged.feeds.set('site', [imported]);
    await rigged.renders.mark({ id: 'b', work: workOf([{ after: imported }]) });
    // Act
    await rigged.deferred.step();
    // Assess: the checked pass asks for the site feed's newest page (the editor's item's), and nothing of the
    // other feeds, whose newest item is in no month the step rendered (the index shows none for them here).
    const checked = rigged.plans[1]!;
    expect(checked.get('site')).toEqual(new Set([entrySortKey(edited)]));
    for (const [key, places] of checked) if (key !== 'site') expect(places).toEqual(new Set());
  });

  it('asks for no archive page in a checked pass when the step rendered none of the newest month', () => {
    const newest = '2030-01-15T12:00:00.000Z#a';
    expect(recheckPlaces(new Set(['2017-09-01T08:00:00.000Z#b']), newest)).toEqual(new Set());
    expect(recheckPlaces(new Set(['2030-01-02T08:00:00.000Z#b']), newest)).toEqual(new Set([newest]));
    expect(recheckPlaces('all', newest)).toEqual(new Set([newest]));
    expect(recheckPlaces(new Set(['2030-01-02T08:00:00.000Z#b']), undefined)).toEqual(new Set());
  });

  it('checks the current documents a bounded number of times when changes keep landing', async () => {
    const { imported, edited } = await pair();
    const calls: string[] = [];
    const rigged = rig(calls, [imported], { duringPass: (pass) => rigged.feeds.set('site', [{ ...edited, version: pass }]) });
    await rigged.renders.mark({ id: 'b', work: workOf([{ after: imported }]) });
    await rigged.deferred.step();
    // The first pass, the checked pass, then STEP_RECHECKS more; the next publish or the nightly rebuild covers the rest.
    expect(rigged.plans.length).toBe(2 + STEP_RECHECKS);
    expect(calls.at(-1)).toBe('done 1');
  });

  it('notes an edit\'s places before its publish reads, and a new item\'s only when it is dated more than a day back', async () => {
    // Prepare: an editor's edit, a new item of today and a new item dated a year back.
    const { edited } = await pair();
    const calls: string[] = [];
    const { deferred, renders } = rig(calls, [edited]);
    const retitled = { ...edited, title: 'Retitled', version: edited.version + 1 };
    const backdated = { ...edited, id: 'a0000000-0000-4000-8000-000000000001', publishedAt: new Date(Date.parse(edited.publishedAt!) - 365 * 86_400_000).toISOString() };
    // Act
    await deferred.publish([{ after: { ...edited, id: 'a0000000-0000-4000-8000-000000000002' } }]);
    await deferred.publish([{ before: edited, after: retitled }]);
    await deferred.publish([{ after: backdated }]);
    // Assess: no note for today's new item; the edit's and the backdated item's notes come before their publishes.
    expect(calls.filter((c) => /^(touch|publish)/.test(c)).map((c) => c.split(' ')[0])).toEqual(['publish', 'touch', 'publish', 'touch', 'publish']);
    expect(renders.notes.map((n) => n.feeds.site)).toEqual([[entrySortKey(retitled)], [entrySortKey(backdated)]]);
  });

  it('renders again an editor\'s noted place in a month it rendered, once, and leaves other months alone', async () => {
    // Prepare: while the step's first pass renders, an editor retracts an item of the imported month
    // (noted, as its publish does) and edits one dated years apart (noted too, another month).
    const { imported, edited } = await pair();
    const calls: string[] = [];
    const elsewhere = `${String(Number(imported.publishedAt!.slice(0, 4)) - 5)}${imported.publishedAt!.slice(4)}#x`;
    const retracted = `${imported.publishedAt}#${edited.id}`;
    const rigged = rig(calls, [imported], {
      duringPass: (pass) =>
        pass === 1 &&
        void rigged.renders.touch({ id: 'edit', at: new Date(Date.parse(imported.publishedAt!)).toISOString(), feeds: { site: [retracted, elsewhere] } as TouchedPlaces['feeds'] }),
    });
    await rigged.renders.mark({ id: 'b', work: workOf([{ after: imported }]) });
    // Act
    await rigged.deferred.step();
    // Assess: the first pass, the checked pass, then the noted place of the month the step rendered, once.
    expect(rigged.plans.length).toBe(3);
    expect([...rigged.plans[2]!.keys()]).toEqual(['site']);
    expect(rigged.plans[2]!.get('site')).toEqual(new Set([retracted]));
    expect(calls.at(-1)).toBe('done 1');
  });

  it('finds no note written before the step\'s margin', async () => {
    const { imported } = await pair();
    const calls: string[] = [];
    const rigged = rig(calls, [imported]);
    await rigged.renders.touch({ id: 'old', at: new Date(Date.parse(imported.publishedAt!) - TOUCH_MARGIN_MS - 1).toISOString(), feeds: { site: [entrySortKey(imported)] } as TouchedPlaces['feeds'] });
    await rigged.renders.mark({ id: 'b', work: workOf([{ after: imported }]) });
    await rigged.deferred.step();
    expect(rigged.plans.length).toBe(2);
    expect(notedInPlan(new Map([['site', 'all']]), [{ id: 'n', at: '', feeds: { 'tag:x': ['2019-01-01T00:00:00.000Z#a'] } as TouchedPlaces['feeds'] }]).size).toBe(0);
  });

  it('keeps the records when the render fails', async () => {
    const { imported } = await pair();
    const calls: string[] = [];
    const { deferred, renders } = rig(calls, [imported], { failQuietly: true });
    await renders.mark({ id: 'b', work: workOf([{ after: imported }]) });
    await expect(deferred.step()).rejects.toThrow('s3 down');
    expect(renders.batches.size).toBe(1);
  });

  it('names the same batch the same way, and an old page that moved as gone', async () => {
    const { imported } = await pair();
    const moved = { ...imported, slug: 'new-slug', version: imported.version + 1 };
    expect(batchIdOf([{ after: imported }])).toBe(batchIdOf([{ after: { ...imported } }]));
    expect(batchIdOf([{ after: imported }])).not.toBe(batchIdOf([{ before: imported, after: moved }]));
    expect(workOf([{ before: imported, after: moved }]).gone).toHaveLength(1);
    expect(mergeWork([workOf([{ after: imported }]), workOf([{ after: imported }])]).ids).toEqual([imported.id]);
  });
});

describe('the deferred-render queue step', () => {
  it('runs steps until nothing is left, and asks for another when time runs short', async () => {
    let left = 3;
    let signals = 0;
    const step = async () => ({ report: emptyReport(), batches: 1, more: --left > 0 });
    const handle = makeDeferredStepApp({ deferred: { step }, signal: async () => void (signals += 1), logger: recordingLogger() });
    await handle({ Records: [] });
    expect([left, signals]).toEqual([0, 0]);
    left = 3;
    await handle({ Records: [] }, () => 1_000);
    expect([left, signals]).toEqual([2, 1]);
  });

  it('returns every message to the queue when a step fails', async () => {
    const handle = makeDeferredStepApp({ deferred: { step: () => Promise.reject(new Error('down')) }, signal: async () => undefined, logger: recordingLogger() });
    const out = await handle({ Records: [{ messageId: 'm1' }, { messageId: 'm2' }] as never });
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }, { itemIdentifier: 'm2' }]);
  });
});
