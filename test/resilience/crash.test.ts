import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoLocal } from '../../infra/local/emulators';
import { LOCAL_TABLE } from '../../infra/local/runtime';
import { makeDocumentClient, makeDynamoClient } from '../../shared/adapters/aws-clients';
import { ANNOUNCEMENT, AUDIT, FEED_ENTRY, feedEntryKeys } from '../../shared/adapters/table-keys';
import type { Announcement } from '../../shared/domain/announcement';
import { processesMentioning, startHerald, TEST_TOKEN, type HeraldProcess } from '../support/local-process';
import { eventually, scanAll } from './support';

/**
 * kill -9 of the whole `npm start` process group in the middle of a write
 * load, then a restart on the same DATA_DIR: every acknowledged (201)
 * announcement is stored and published, and nothing is half-written (an
 * announcement without its feed entries and audit record, or the reverse).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'herald-crash-'));
let herald: HeraldProcess | undefined;
afterAll(async () => {
  await herald?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };

/** Posts until told to stop; returns the ids the server acknowledged with 201. */
async function writer(base: string, worker: number, stop: { now: boolean }, acked: Map<string, string>): Promise<void> {
  for (let n = 0; !stop.now && n < 200; n++) {
    const tag = `c${worker}-${n}`;
    try {
      const res = await fetch(`${base}/api/announcements`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ title: `Crash test ${tag}`, summary: 'written under load', language: 'en', tags: [tag, 'crash'], status: 'published' }),
      });
      if (res.status === 201) acked.set(((await res.json()) as { id: string }).id, tag);
      else if (!stop.now) throw new Error(`unexpected ${res.status} before the crash`);
    } catch (err) {
      if (!stop.now) throw err;
      return; // the server died under us: this request is unacknowledged
    }
  }
}

describe('kill -9 of the local runtime during a write load', () => {
  it('keeps every acknowledged announcement and half-writes nothing', async () => {
    // Prepare
    herald = await startHerald(dataDir);
    const acked = new Map<string, string>();
    const stop = { now: false };
    const exited = new Promise<void>((resolve) => herald!.child.once('exit', () => resolve()));

    // Act: four writers; once 20 posts are acknowledged, kill the whole process group mid-flight.
    const writers = [0, 1, 2, 3].map((w) => writer(herald!.base, w, stop, acked));
    await eventually(async () => acked.size >= 20, 60_000, () => `only ${acked.size} acknowledged`);
    stop.now = true;
    process.kill(-herald.child.pid!, 'SIGKILL');
    await Promise.all([...writers, exited]);
    const ackedAtKill = new Map(acked);
    expect(ackedAtKill.size).toBeGreaterThanOrEqual(20);
    // The JVM outlives the group (to finish its writes), but its watchdog stops it within seconds.
    await eventually(async () => processesMentioning(join(dataDir, 'dynamodb')).length === 0, 15_000, () => 'the orphaned JVM is still running');

    // Assess (1): after a restart on the same DATA_DIR, each acknowledged one is readable and in its feeds.
    herald = await startHerald(dataDir);
    const base = herald.base;
    const lost: string[] = [];
    for (const id of ackedAtKill.keys()) {
      const res = await fetch(`${base}/api/announcements/${id}`, { headers: auth });
      if (res.status !== 200) lost.push(`${id} ${res.status}`);
    }
    expect(`${lost.length} of ${ackedAtKill.size} acknowledged lost: ${lost.join(', ')}`).toBe(`0 of ${ackedAtKill.size} acknowledged lost: `);
    for (const [id, tag] of ackedAtKill) {
      await eventually(
        async () => (await fetch(`${base}/feeds/tags/${tag}/feed.json`).then((r) => (r.ok ? r.text() : ''))).includes(id),
        30_000,
        () => `announcement ${id} never reached /feeds/tags/${tag}/feed.json; herald said:\n${herald?.output().slice(-3000)}`,
      );
    }
    const site = await fetch(`${base}/feeds/tags/crash/feed.json`).then((r) => r.json() as Promise<{ items: { id: string }[] }>);
    const inSite = new Set(site.items.map((i) => i.id.replace(/^urn:uuid:/, '')));
    for (const id of ackedAtKill.keys()) expect(inSite.has(id) || ackedAtKill.size > 50).toBe(true);

    // Assess (2): stop cleanly, open the table directly, and check every item against its partners.
    await herald.stop();
    herald = undefined;
    const dynamo = await startDynamoLocal({ dir: join(dataDir, 'dynamodb') });
    try {
      const doc = makeDocumentClient(makeDynamoClient({ region: 'us-east-1', dynamoEndpoint: dynamo.endpoint }));
      const items = await scanAll(doc, LOCAL_TABLE);
      const announcements = items.filter((i) => i.type === ANNOUNCEMENT) as (Announcement & { pk: string })[];
      const entries = new Set(items.filter((i) => i.type === FEED_ENTRY).map((i) => `${i.pk}|${i.sk}`));
      // An audit record is an H# item, or (a create's, until the first edit) carried on the announcement item.
      const carried = items.filter((i) => i.type === ANNOUNCEMENT && i.createAudit).map((i) => `${i.pk}|H#${String(i.createAudit.version).padStart(10, '0')}`);
      const audits = new Set([...items.filter((i) => i.type === AUDIT).map((i) => `${i.pk}|${i.sk}`), ...carried]);
      const problems: string[] = [];
      for (const a of announcements) {
        for (const k of feedEntryKeys(a)) if (!entries.has(`${k.pk}|${k.sk}`)) problems.push(`announcement ${a.id} lacks feed entry ${k.pk}`);
        if (!audits.has(`ANN#${a.id}|H#${String(a.version).padStart(10, '0')}`)) problems.push(`announcement ${a.id} lacks its audit record`);
      }
      const byId = new Map(announcements.map((a) => [a.id, a]));
      for (const e of items.filter((i) => i.type === FEED_ENTRY)) {
        const owner = byId.get((e.announcement as Announcement).id);
        if (!owner) problems.push(`feed entry ${e.pk}|${e.sk} has no announcement`);
        else if (!feedEntryKeys(owner).some((k) => k.pk === e.pk && k.sk === e.sk)) problems.push(`feed entry ${e.pk}|${e.sk} is stale`);
      }
      expect(problems).toEqual([]);
      // Every acknowledged one is there; any extra was committed just before the kill, whole.
      for (const id of ackedAtKill.keys()) expect(byId.has(id)).toBe(true);
      expect(announcements.length).toBeGreaterThanOrEqual(ackedAtKill.size);
      expect(announcements.length).toBeLessThanOrEqual(ackedAtKill.size + 4);
    } finally {
      await dynamo.stop();
    }
  }, 180_000);
});
