/**
 * The load driver behind `npm run load` and the bench's `load` suite: mixed
 * reads and writes at a fixed arrival rate against `npm start` on a fresh
 * DATA_DIR, with the latencies per kind, the resident memory over time, the
 * machine's load average, and acknowledged writes checked against storage.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processesMentioning, startHerald, TEST_TOKEN } from '../support/local-process';

const maxInFlight = 200;
type Acked = Map<string, { etag: string; retracted: boolean }>;
type State = { acked: Acked; errors: string[]; latencies: Record<Kind, number[]> };

const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
export type Kind = 'create' | 'edit' | 'retract' | 'get' | 'list' | 'feed';

/** Resident memory (kB) of every process in a process group, and of any process mentioning `needle`. */
function rssKb(pgid: number, needle: string): { herald: number; jvm: number } {
  let herald = 0;
  let jvm = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('DynamoDBLocal') && cmd.includes(needle)) jvm += kb;
      else if (Number(fields[2]) === pgid) herald += kb;
    } catch {
      // the process ended while we looked
    }
  }
  return { herald, jvm };
}

/** Deterministic mix: 25% create, 8% edit, 4% retract, 63% reads of feeds, lists and items. */
function choose(i: number, acked: Acked): Kind {
  const r = ((i * 2654435761) >>> 0) % 100;
  if (r < 25 || acked.size === 0) return 'create';
  if (r < 33) return 'edit';
  if (r < 37) return 'retract';
  if (r < 70) return 'feed';
  if (r < 85) return 'list';
  return 'get';
}

async function one(base: string, i: number, s: State): Promise<void> {
  const { acked, errors, latencies } = s;
  const kind = choose(i, acked);
  const live = [...acked].filter(([, v]) => !v.retracted);
  const target = live[i % Math.max(1, live.length)];
  const started = performance.now();
  let res: Response;
  try {
    switch (kind) {
      case 'create':
        res = await fetch(`${base}/api/announcements`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ title: `Load ${i}`, summary: 'Under load', body: `Body **${i}**`, language: i % 2 ? 'en' : 'fr', tags: [`load${i % 5}`], status: 'published' }),
        });
        if (res.status === 201) acked.set(((await res.clone().json()) as { id: string }).id, { etag: res.headers.get('etag')!, retracted: false });
        break;
      case 'edit':
      case 'retract': {
        if (!target) return;
        const [id, state] = target;
        res = await fetch(`${base}/api/announcements/${id}`, {
          method: kind === 'edit' ? 'PUT' : 'DELETE',
          headers: { ...auth, 'if-match': state.etag },
          ...(kind === 'edit' ? { body: JSON.stringify({ title: `Load edit ${i}`, language: 'en', tags: ['load-edit'], status: 'published' }) } : {}),
        });
        // 412: another edit of the same item won the race, which the API reports correctly.
        if (res.status === 200) {
          state.etag = res.headers.get('etag')!;
          if (kind === 'retract') state.retracted = true;
        }
        break;
      }
      case 'feed':
        res = await fetch(`${base}/feeds/${['rss.xml', 'atom.xml', 'feed.json', `tags/load${i % 5}/feed.json`][i % 4]}`);
        if (res.status === 404) res = new Response('', { status: 200 }); // a tag feed not yet published
        break;
      case 'list':
        res = await fetch(`${base}/api/announcements?limit=20`, { headers: auth });
        break;
      case 'get':
        if (!target) return;
        res = await fetch(`${base}/api/announcements/${target[0]}`, { headers: auth });
        break;
    }
    await res.arrayBuffer();
    const ok = res.status < 400 || res.status === 412;
    if (!ok) errors.push(`${kind} #${i}: HTTP ${res.status}`);
  } catch (err) {
    errors.push(`${kind} #${i}: ${(err as Error).message}`);
  }
  latencies[kind].push(performance.now() - started);
}

/** One load run's outcome; `ok` when nothing failed, nothing was dropped and storage matches the acknowledgements. */
export type LoadResult = {
  seconds: number;
  rate: number;
  total: number;
  dropped: number;
  elapsed: number;
  latencies: Record<Kind, number[]>;
  memory: { t: number; herald: number; jvm: number }[];
  /** 1-minute load average at the start and the end of the run. */
  loadavg: [number, number];
  errors: string[];
  checks: { acked: number; stored: number; missing: number; unacked: number; wrongStatus: number };
  serverFaults: string[];
  ok: boolean;
};

/** Runs `seconds` of load at `rate` requests a second against a fresh `npm start`. */
export async function runLoad(seconds: number, rate: number): Promise<LoadResult> {
  const s: State = { acked: new Map(), errors: [], latencies: { create: [], edit: [], retract: [], get: [], list: [], feed: [] } };
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-load-'));
  const herald = await startHerald(dataDir);
  const pgid = herald.child.pid!;
  try {
    // Warm up (module loading, JIT), then measure the baseline.
    for (let i = 0; i < 5; i++) await fetch(`${herald.base}/feeds/rss.xml`).then((r) => r.arrayBuffer());
    const memory: LoadResult['memory'] = [{ t: 0, ...rssKb(pgid, dataDir) }];
    const loadStart = loadavg()[0]!;
    const t0 = performance.now();
    const total = Math.round(seconds * rate);
    const inFlight = new Set<Promise<void>>();
    let dropped = 0;
    for (let i = 0; i < total; i++) {
      const wait = t0 + (i * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inFlight.size >= maxInFlight) {
        dropped += 1; // the server fell this far behind: count it, do not queue without bound
        continue;
      }
      const p = one(herald.base, i, s).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (i % (rate * 5) === 0 && i > 0) memory.push({ t: Math.round((performance.now() - t0) / 1000), ...rssKb(pgid, dataDir) });
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - t0) / 1000;
    memory.push({ t: Math.round(elapsed), ...rssKb(pgid, dataDir) });
    const loadEnd = loadavg()[0]!;

    // Acknowledged writes == stored announcements (every page of the list).
    const stored = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = (await fetch(`${herald.base}/api/announcements?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: auth }).then((r) => r.json())) as {
        items: { id: string; status: string }[];
        cursor?: string;
      };
      for (const a of page.items) stored.set(a.id, a.status);
      cursor = page.cursor;
    } while (cursor);
    const checks = {
      acked: s.acked.size,
      stored: stored.size,
      missing: [...s.acked.keys()].filter((id) => !stored.has(id)).length,
      unacked: [...stored.keys()].filter((id) => !s.acked.has(id)).length,
      wrongStatus: [...s.acked].filter(([id, st]) => st.retracted !== (stored.get(id) === 'retracted')).length,
    };
    // The server's own account of each failure (the local server logs every 5xx with its cause).
    const serverFaults = s.errors.length ? herald.output().split('\n').filter((l) => /fault|error|Error|    at /.test(l)) : [];
    const ok = s.errors.length === 0 && dropped === 0 && checks.missing === 0 && checks.unacked === 0 && checks.wrongStatus === 0 && checks.acked > 0;
    return { seconds, rate, total, dropped, elapsed, latencies: s.latencies, memory, loadavg: [loadStart, loadEnd], errors: s.errors, checks, serverFaults, ok };
  } finally {
    await herald.stop();
    for (let i = 0; i < 50 && processesMentioning(dataDir).length; i++) await new Promise((r) => setTimeout(r, 100));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
