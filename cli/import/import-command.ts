import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import { importIdOf, IMPORT_BATCH_MAX, type ImportResult } from '../../shared/domain/import-item';
import { ApiError, type Client } from '../client';
import type { Io } from '../io';
import { SourceError, type ParsedFeed } from './feed-item';
import { MAX_SOURCE_BYTES, parseSource } from './parse-source';
import { makeRehoster } from './rehost';
import { saveRedirects } from './redirects';
import { exportedItem, originOf, toImportItem, type ImportDefaults, type Prepared } from './to-import-item';

/** Options of `herald import`. */
export type ImportOptions = Omit<ImportDefaults, 'oldOrigin'> & { source: string; dryRun: boolean; rehost: boolean; maxMedia: number; oldSite?: string };

/** Requests stay under the API's 256 KiB body limit with room for the JSON around the items. */
const BATCH_BYTES = 200 * 1024;

/** The source's text: a URL fetched (20 s, 200 MB at most), else a file read. */
async function readSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    let res: Response;
    try {
      res = await fetch(source, { signal: AbortSignal.timeout(20_000), headers: { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5' } });
    } catch (err) {
      throw new SourceError(`cannot fetch ${source}: ${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message}`);
    }
    if (!res.ok) throw new SourceError(`cannot fetch ${source}: HTTP ${res.status}`);
    const text = await res.text();
    if (text.length > MAX_SOURCE_BYTES) throw new SourceError(`${source} is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB`);
    return text;
  }
  try {
    return await readFile(source, 'utf8');
  } catch (err) {
    throw new SourceError(`cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Items in batches of at most IMPORT_BATCH_MAX and BATCH_BYTES of JSON. */
function batchesOf(items: Prepared[]): Prepared[][] {
  const out: Prepared[][] = [];
  let current: Prepared[] = [];
  let bytes = 0;
  for (const p of items) {
    const size = Buffer.byteLength(JSON.stringify(p.item));
    if (current.length && (current.length === IMPORT_BATCH_MAX || bytes + size > BATCH_BYTES)) {
      out.push(current);
      [current, bytes] = [[], 0];
    }
    current.push(p);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

/** Every source item prepared; a repeated guid is refused after its first. */
function prepare(feed: ParsedFeed, defaults: ImportDefaults): Prepared[] {
  const all = feed.exported ? feed.exported.map(exportedItem) : feed.items.map((i) => toImportItem(i, feed, defaults));
  const first = new Map<string, number>();
  return all.map((p, i) => {
    if (p.errors || !p.guid) return p;
    const id = importIdOf(p.guid);
    const seen = first.get(id);
    if (seen !== undefined) return { ...p, item: undefined, errors: [{ path: 'guid', message: `duplicate of item ${seen + 1} in this source` }] };
    first.set(id, i);
    return p;
  });
}

/**
 * `herald import SOURCE`: reads and parses the source, re-hosts media,
 * sends the items in batches to `POST /api/import`, saves redirects from the
 * old site's paths, and reports every outcome. Returns the exit code: 1 for
 * a source that cannot be read at all, else 0 (refused items are reported).
 */
export async function importCommand(api: Client, o: ImportOptions, io: Io): Promise<number> {
  let feed: ParsedFeed;
  try {
    feed = parseSource(await readSource(o.source));
  } catch (err) {
    if (err instanceof SourceError) {
      io.err(`herald: ${o.source}: ${err.message}`);
      return 1;
    }
    throw err;
  }
  const oldOrigin = originOf(o.oldSite ?? feed.siteLink);
  const prepared = prepare(feed, { ...o, oldOrigin });
  const sendable = prepared.filter((p) => p.item);
  const rehost = makeRehoster(api, o.maxMedia);
  const bar = io.isTty ? new SingleBar({ format: 'import [{bar}] {value}/{total} items', stream: process.stderr, hideCursor: true }) : undefined;
  bar?.start(sendable.length, 0);
  const results = new Map<Prepared, ImportResult>();
  for (const batch of batchesOf(sendable)) {
    const items = [];
    for (const p of batch) {
      const hasMedia = ((p.item!.images as unknown[] | undefined)?.length ?? 0) + ((p.item!.attachments as unknown[] | undefined)?.length ?? 0) > 0;
      items.push(o.rehost && !o.dryRun && hasMedia ? await rehost.item(p.item!, await storedOf(api, p.guid)) : p.item!);
    }
    const res = await api('POST', `/api/import${o.dryRun ? '?dryRun=true' : ''}`, { body: { items }, headers: { 'idempotency-key': randomUUID() } });
    (res.body.results as ImportResult[]).forEach((r, i) => results.set(batch[i]!, r));
    bar?.increment(batch.length);
  }
  bar?.stop();
  const redirects = o.dryRun || !oldOrigin ? undefined : await saveRedirects(api, prepared.flatMap((p) => {
    const r = results.get(p);
    return r && r.outcome !== 'refused' && r.path && p.link && originOf(p.link) === oldOrigin ? [{ link: p.link, to: r.path }] : [];
  }));
  report(io, { feed, prepared, results, media: rehost.tally, redirects, dryRun: o.dryRun });
  return 0;
}

/** The stored announcement an item would update, for re-using its re-hosted media; none when absent. */
async function storedOf(api: Client, guid: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await api('GET', `/api/announcements/${importIdOf(guid)}`)).body;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

function report(io: Io, r: { feed: ParsedFeed; prepared: Prepared[]; results: Map<Prepared, ImportResult>; media: ReturnType<typeof makeRehoster>['tally']; redirects?: { saved: number; error?: string }; dryRun: boolean }) {
  const count = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  const refused: string[] = [];
  for (const p of r.prepared) {
    const res = r.results.get(p);
    const outcome = res?.outcome ?? 'refused';
    count[outcome]++;
    if (outcome !== 'refused') {
      if (r.dryRun && outcome !== 'unchanged') io.out(`would be ${outcome}: ${p.title} (${p.guid})`);
      continue;
    }
    const reasons = (res?.errors ?? p.errors ?? []).map((e) => `${e.path}: ${e.message}`).join('; ');
    refused.push(`  ${p.title || '(untitled)'} (${p.guid || 'no id'}): ${reasons}`);
  }
  const verb = r.dryRun ? 'would be ' : '';
  io.out(`${r.feed.format}: ${r.prepared.length} items; ${verb}created ${count.created}, ${verb}updated ${count.updated}, unchanged ${count.unchanged}, refused ${count.refused}`);
  for (const line of refused) io.out(line);
  for (const s of r.feed.skipped) io.out(`skipped: ${s.title || '(untitled)'}: ${s.reason}`);
  io.out(`media re-hosted ${r.media.rehosted}, kept remote ${r.media.kept.length}`);
  for (const k of r.media.kept) io.out(`  kept remote ${k.url}: ${k.reason}`);
  if (r.redirects) io.out(r.redirects.error ? `redirects not saved: ${r.redirects.error}` : `redirects saved ${r.redirects.saved}`);
}
