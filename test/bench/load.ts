/**
 * Load on the local runtime (`npm run load`; not part of the jest suite):
 * LOAD_SECONDS (default 60) of mixed reads and writes at a fixed arrival rate
 * of LOAD_RATE requests a second (default 30), against `npm start` on a fresh
 * DATA_DIR. Reports errors, latency per kind, acknowledged writes against
 * stored announcements, and the server's resident memory over time; exits 1
 * on any error or any acknowledged write not stored.
 *
 *   LOAD_SECONDS=10 npm run load      # the short form CI runs
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processesMentioning, startHerald, TEST_TOKEN } from '../support/local-process';

const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const rate = Number(process.env.LOAD_RATE ?? 30);
const maxInFlight = 200;
if (!(seconds > 0 && seconds <= 3600 && rate > 0 && rate <= 1000)) throw new Error('LOAD_SECONDS must be 1-3600 and LOAD_RATE 1-1000');

const auth = { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' };
type Kind = 'create' | 'edit' | 'retract' | 'get' | 'list' | 'feed';
const latencies: Record<Kind, number[]> = { create: [], edit: [], retract: [], get: [], list: [], feed: [] };
const errors: string[] = [];
const acked = new Map<string, { etag: string; retracted: boolean }>();

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

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** Deterministic mix: 25% create, 8% edit, 4% retract, 63% reads of feeds, lists and items. */
function choose(i: number): Kind {
  const r = ((i * 2654435761) >>> 0) % 100;
  if (r < 25 || acked.size === 0) return 'create';
  if (r < 33) return 'edit';
  if (r < 37) return 'retract';
  if (r < 70) return 'feed';
  if (r < 85) return 'list';
  return 'get';
}

async function one(base: string, i: number): Promise<void> {
  const kind = choose(i);
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

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-load-'));
  const herald = await startHerald(dataDir);
  const pgid = herald.child.pid!;
  try {
    // Warm up (module loading, JIT), then measure the baseline.
    for (let i = 0; i < 5; i++) await fetch(`${herald.base}/feeds/rss.xml`).then((r) => r.arrayBuffer());
    const memory: { t: number; herald: number; jvm: number }[] = [{ t: 0, ...rssKb(pgid, dataDir) }];
    const t0 = performance.now();
    const total = Math.round(seconds * rate);
    const inFlight = new Set<Promise<void>>();
    let dropped = 0;
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inFlight.size >= maxInFlight) {
        dropped += 1; // the server fell this far behind: count it, do not queue without bound
        continue;
      }
      const p = one(herald.base, i).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (i % (rate * 5) === 0 && i > 0) memory.push({ t: Math.round((performance.now() - t0) / 1000), ...rssKb(pgid, dataDir) });
    }
    await Promise.all(inFlight);
    const elapsed = (performance.now() - t0) / 1000;
    memory.push({ t: Math.round(elapsed), ...rssKb(pgid, dataDir) });

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
    const missing = [...acked.keys()].filter((id) => !stored.has(id));
    const unacked = [...stored.keys()].filter((id) => !acked.has(id));
    const wrongStatus = [...acked].filter(([id, s]) => s.retracted !== (stored.get(id) === 'retracted')).map(([id]) => id);

    const rows = (Object.keys(latencies) as Kind[]).map((k) => ({
      kind: k,
      count: latencies[k].length,
      p50_ms: Math.round(quantile(latencies[k], 0.5)),
      p99_ms: Math.round(quantile(latencies[k], 0.99)),
    }));
    console.log(`\nHerald load: ${seconds} s at ${rate} req/s (${total} scheduled, ${dropped} dropped at ${maxInFlight} in flight), took ${elapsed.toFixed(1)} s`);
    console.table(rows);
    console.log('resident memory (MB): node/npm/tsx process group, DynamoDB Local JVM');
    console.table(memory.map((m) => ({ t_s: m.t, herald_mb: +(m.herald / 1024).toFixed(1), jvm_mb: +(m.jvm / 1024).toFixed(1) })));
    const first = memory[0]!;
    const last = memory[memory.length - 1]!;
    console.log(`herald RSS start ${(first.herald / 1024).toFixed(1)} MB, end ${(last.herald / 1024).toFixed(1)} MB (${(((last.herald - first.herald) / first.herald) * 100).toFixed(1)}%)`);
    console.log(`errors: ${errors.length}${errors.length ? `\n  ${errors.slice(0, 20).join('\n  ')}` : ''}`);
    console.log(`acknowledged creates: ${acked.size}, stored: ${stored.size}, acknowledged but missing: ${missing.length}, stored but never acknowledged: ${unacked.length}, retraction state wrong: ${wrongStatus.length}`);
    const ok = errors.length === 0 && dropped === 0 && missing.length === 0 && unacked.length === 0 && wrongStatus.length === 0 && acked.size > 0;
    if (errors.length) {
      // The server's own account of each failure (the local server logs every 5xx with its cause).
      const faults = herald.output().split("\n").filter((l) => /fault|error|Error|    at /.test(l));
      console.log(`server log (${faults.length} lines mentioning a fault):\n  ${faults.slice(0, 30).join('\n  ')}`);
    }
    console.log(ok ? 'LOAD OK' : `LOAD FAILED (errors ${errors.length}, dropped ${dropped}, missing ${missing.length}, unacknowledged ${unacked.length}, wrong state ${wrongStatus.length})`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await herald.stop();
    for (let i = 0; i < 50 && processesMentioning(dataDir).length; i++) await new Promise((r) => setTimeout(r, 100));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
