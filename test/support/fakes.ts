import { searchFold } from '../../shared/domain/text';
import type { ArchivePage } from '../../shared/domain/archive-pages';
import { MemoryArchivePages } from './memory-archive-pages';
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Announcement } from '../../shared/domain/announcement';
import { feedsOf, type FeedKey } from '../../shared/domain/feeds';
import type { HeraldLogger } from '../../shared/logger';
import type { AuditEntry } from '../../shared/domain/audit';
import {
  DuplicateRequest,
  VersionConflict,
  type AnnouncementStore,
  type IdempotencyRecord,
  type ListFilter,
  type Page,
} from '../../shared/ports/announcement-store';
import type { FeedIndex } from '../../shared/ports/feed-index';
import type { FeedRegistry } from '../../shared/ports/feed-registry';
import type { HubNotifier } from '../../shared/ports/hub-notifier';
import type { RebuildProgress } from '../../shared/ports/rebuild-progress';
import type { RebuildProgressNote, RebuildRequest, RebuildStore } from '../../shared/ports/rebuild-store';
import type { PublishReport } from '../../shared/services/publisher-service';
import type { ObjectStore, PutOptions } from '../../shared/ports/object-store';
import type { Role, TokenRecord, TokenStore, TokenSummary } from '../../shared/ports/token-store';
import { etagOf, InMemoryFileHashes } from './memory-file-hashes';

/**
 * In-memory fakes of Herald's ports, for unit tests of services and apps.
 * They keep the contracts the real adapters keep (conditional writes, feed
 * order, content addressing) and record every call so tests can assert what
 * was, and was not, written.
 */

const copy = <T>(value: T): T => structuredClone(value);

/** Newest first, by the time that orders a feed entry (as the table's sort key does). */
const feedOrder = (a: Announcement) => `${a.publishedAt ?? a.updatedAt}#${a.id}`;

/**
 * AnnouncementStore in memory, which is also the publisher's FeedIndex and
 * FeedRegistry (one fake table); every write is checked and applied in one synchronous step.
 */
export class InMemoryAnnouncementStore implements AnnouncementStore, FeedIndex, FeedRegistry {
  private readonly items = new Map<string, Announcement>();
  /** Every successful write, in order; a 4xx request must leave this empty. */
  readonly writes: { op: 'create' | 'replace'; id: string; version: number }[] = [];
  private pendingInterleave: (() => void) | undefined;

  /** Runs `fn` once, just before the next replace is checked: a concurrent writer. */
  interleave(fn: () => void): void {
    this.pendingInterleave = fn;
  }

  /** Writes an item directly, bypassing the version check (a concurrent writer). */
  forcePut(a: Announcement): void {
    this.items.set(a.id, copy(a));
  }

  get size(): number {
    return this.items.size;
  }

  async get(id: string): Promise<Announcement | undefined> {
    const found = this.items.get(id);
    return found && copy(found);
  }

  /** Audit records, in the order they were written. */
  readonly audits: AuditEntry[] = [];
  /** Idempotency records by scope. */
  readonly idempotency = new Map<string, IdempotencyRecord>();

  async list({ limit, cursor, filter = {} }: { limit: number; cursor?: string; filter?: ListFilter }): Promise<Page<Announcement>> {
    const all = [...this.items.values()]
      .filter((a) => matches(a, filter))
      .sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`));
    const start = cursor ? Number(cursor) : 0;
    const items = all.slice(start, start + limit).map(copy);
    const next = start + limit;
    return next < all.length ? { items, cursor: String(next) } : { items };
  }

  async create(next: Announcement, audit: AuditEntry, idempotency?: IdempotencyRecord): Promise<void> {
    if (this.items.has(next.id)) throw new VersionConflict(`announcement ${next.id} exists`);
    if (idempotency) {
      const held = this.idempotency.get(idempotency.scope);
      if (held && held.expiresAt > Math.floor(Date.parse(audit.at) / 1000)) throw new DuplicateRequest('key in use');
      this.idempotency.set(idempotency.scope, copy(idempotency));
    }
    this.items.set(next.id, copy(next));
    this.audits.push(copy(audit));
    this.writes.push({ op: 'create', id: next.id, version: next.version });
  }

  async replace(next: Announcement, prev: Announcement, audit: AuditEntry): Promise<void> {
    const race = this.pendingInterleave;
    this.pendingInterleave = undefined;
    race?.();
    const stored = this.items.get(prev.id);
    if (!stored || stored.version !== prev.version) throw new VersionConflict('the item changed meanwhile');
    this.items.set(next.id, copy(next));
    this.audits.push(copy(audit));
    this.writes.push({ op: 'replace', id: next.id, version: next.version });
  }

  async history(id: string): Promise<AuditEntry[]> {
    return this.audits.filter((a) => a.announcementId === id).reverse().map(copy);
  }

  async findIdempotency(scope: string, nowEpochSeconds: number): Promise<IdempotencyRecord | undefined> {
    const held = this.idempotency.get(scope);
    return held && held.expiresAt > nowEpochSeconds ? copy(held) : undefined;
  }

  async dueIds(now: string, limit: number): Promise<string[]> {
    return [...this.items.values()]
      .filter((a) => a.status === 'scheduled' && a.publishAt !== undefined && a.publishAt <= now)
      .sort((a, b) => `${a.publishAt}#${a.id}`.localeCompare(`${b.publishAt}#${b.id}`))
      .slice(0, limit)
      .map((a) => a.id);
  }

  async latestInFeed(feed: FeedKey, limit: number): Promise<Announcement[]> {
    return [...this.items.values()]
      .filter((a) => feedsOf(a).includes(feed))
      .sort((a, b) => feedOrder(b).localeCompare(feedOrder(a)))
      .slice(0, limit)
      // The feed index keeps no Markdown source, as the DynamoDB adapter does.
      .map((a) => ({ ...copy(a), body: '' }));
  }

  /** Archive page boundaries, as the publisher stores them. */
  readonly archivePages = new MemoryArchivePages((feed) => this.latestInFeed(feed, Infinity));
  inFeedPage = (feed: FeedKey, page: ArchivePage) => this.archivePages.inFeedPage(feed, page);
  pageBoundaries = (feed: FeedKey, month: string) => this.archivePages.pageBoundaries(feed, month);
  lastPageBoundary = (feed: FeedKey, below: string) => this.archivePages.lastPageBoundary(feed, below);
  boundariesAround = (feed: FeedKey, sk: string) => this.archivePages.boundariesAround(feed, sk);
  addPageBoundaries = (feed: FeedKey, boundaries: string[]) => this.archivePages.addPageBoundaries(feed, boundaries);

  /** Feeds here are read from the announcements themselves: nothing to keep. */
  async project(): Promise<void> {}

  async inFeedMonth(feed: FeedKey, month: string): Promise<Announcement[]> {
    return (await this.latestInFeed(feed, Infinity)).filter((a) => monthOfEntry(a) === month);
  }

  async adjacentMonth(feed: FeedKey, month: string, direction: 'before' | 'after'): Promise<string | undefined> {
    const months = [...new Set((await this.latestInFeed(feed, Infinity)).map(monthOfEntry))].sort();
    return direction === 'before' ? months.filter((m) => m < month).pop() : months.find((m) => m > month);
  }

  /** The feed registry, kept apart from `writes` (it is the publisher's, not an editor's). */
  readonly registered = new Set<FeedKey>();

  async known(feeds: FeedKey[]): Promise<Set<FeedKey>> {
    return new Set(feeds.filter((f) => this.registered.has(f)));
  }

  async register(feeds: FeedKey[]): Promise<void> {
    for (const feed of feeds) this.registered.add(feed);
  }

  /** Pages by position in key order, as the DynamoDB registry pages by sort key. */
  async page({ limit, cursor }: { limit: number; cursor?: string }): Promise<Page<FeedKey>> {
    const all = [...this.registered].sort();
    const start = cursor ? Number(cursor) : 0;
    const next = start + limit;
    return next < all.length ? { items: all.slice(start, next), cursor: String(next) } : { items: all.slice(start) };
  }
}

/** An entry's archive month: the month of its first publication. */
const monthOfEntry = (a: Announcement) => (a.publishedAt ?? a.updatedAt).slice(0, 7);

/** A hub notifier for publishers whose tests do not look at pings. */
export const noHubs: HubNotifier = async () => undefined;

/** The list filters, as the DynamoDB adapter applies them. */
function matches(a: Announcement, f: ListFilter): boolean {
  return (
    (f.status === undefined || a.status === f.status) &&
    (f.language === undefined || a.language === f.language) &&
    (f.tag === undefined || a.tags.includes(f.tag)) &&
    (f.from === undefined || a.createdAt >= f.from) &&
    (f.to === undefined || a.createdAt <= f.to) &&
    (f.q === undefined || searchFold(f.q).split(' ').filter(Boolean).every((w) => searchFold(a.title).includes(w)))
  );
}

/** RebuildStore in memory. */
export class InMemoryRebuildStore implements RebuildStore {
  readonly requests = new Map<string, RebuildRequest>();

  async request(r: RebuildRequest): Promise<void> {
    this.requests.set(r.id, copy(r));
  }

  async get(id: string): Promise<RebuildRequest | undefined> {
    const found = this.requests.get(id);
    return found && copy(found);
  }

  async complete(id: string, report: PublishReport, at: string, finished: boolean): Promise<void> {
    const found = this.requests.get(id);
    if (!found) throw new Error(`no rebuild ${id}`);
    this.requests.set(id, { ...found, status: 'done', finishedAt: at, report: copy(report), finished });
  }

  async progress(id: string, note: RebuildProgressNote): Promise<void> {
    const found = this.requests.get(id);
    if (found?.status === 'pending') this.requests.set(id, { ...found, progress: { ...note } });
  }
}

/** RebuildProgress in memory: the cursor a stopped rebuild left, and every save in order. */
export class InMemoryRebuildProgress implements RebuildProgress {
  cursor: string | undefined;
  readonly saves: (string | undefined)[] = [];

  async load(): Promise<string | undefined> {
    return this.cursor;
  }

  async save(cursor: string | undefined): Promise<void> {
    this.cursor = cursor;
    this.saves.push(cursor);
  }
}

/** One object in the fake bucket: its body and the options it was put with. */
export type StoredObject = { body: string; options: PutOptions };

/** ObjectStore in memory: records puts and deletes and counts every call. */
export class InMemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, StoredObject>();
  readonly puts: ({ key: string } & StoredObject)[] = [];
  readonly deletes: string[] = [];
  readonly calls = { sha256Of: 0, put: 0, delete: 0 };
  /** When set, every put rejects with this error (a bucket outage). */
  failPutsWith: Error | undefined;
  /** The publisher's hash records for this bucket: they live as long as it does. */
  readonly hashes = new InMemoryFileHashes();
  readonly bucket = 'memory';

  async sha256Of(key: string): Promise<string | undefined> {
    this.calls.sha256Of += 1;
    return this.objects.get(key)?.options.sha256;
  }

  async put(key: string, bytes: string | Uint8Array, options: PutOptions): Promise<void> {
    this.calls.put += 1;
    if (this.failPutsWith) throw this.failPutsWith;
    const body = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
    this.objects.set(key, { body, options: { ...options } });
    this.puts.push({ key, body, options: { ...options } });
  }

  async delete(key: string): Promise<void> {
    this.calls.delete += 1;
    this.objects.delete(key);
    this.deletes.push(key);
  }

  async list(): Promise<{ items: { key: string; etag: string }[] }> {
    return { items: [...this.objects].map(([key, o]) => ({ key, etag: etagOf(o.body) })) };
  }

  /** The body stored under `key`; fails the test when there is none. */
  bodyOf(key: string): string {
    const found = this.objects.get(key);
    if (!found) throw new Error(`no object ${key}; have ${[...this.objects.keys()].join(', ')}`);
    return found.body;
  }
}

/** The hex sha256 of a UTF-8 string, computed here independently of the code under test. */
export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** TokenStore in memory, keyed by the token's sha256 as the table is. */
export class InMemoryTokenStore implements TokenStore {
  private readonly records = new Map<string, TokenRecord>();

  /** Stores a token for `subject`, keeping only its hash, and returns the record. */
  add(token: string, subject: string, role: Role = 'editor', revokedAt?: string): TokenRecord {
    const record: TokenRecord = {
      id: `tok-${this.records.size + 1}`,
      sha256: sha256(token),
      subject,
      role,
      createdAt: '2017-01-01T00:00:00.000Z',
      ...(revokedAt ? { revokedAt } : {}),
    };
    this.records.set(record.sha256, record);
    return record;
  }

  async findBySha256(hash: string): Promise<TokenRecord | undefined> {
    const found = this.records.get(hash);
    return found && { ...found };
  }

  async create(record: TokenRecord): Promise<void> {
    if (this.records.has(record.sha256)) throw new Error('token exists');
    this.records.set(record.sha256, { ...record });
  }

  async list(): Promise<TokenSummary[]> {
    return [...this.records.values()]
      .sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`))
      .map(({ sha256: _hash, ...rest }) => rest);
  }

  async revoke(id: string, at: string): Promise<TokenSummary | undefined> {
    const found = [...this.records.values()].find((r) => r.id === id);
    if (!found) return undefined;
    found.revokedAt ??= at;
    const { sha256: _hash, ...rest } = found;
    return { ...rest };
  }
}

/** A clock that stands still until a test moves it. */
export type PinnedClock = (() => Date) & { set(iso: string): void; advance(ms: number): void };

export function pinnedClock(iso: string): PinnedClock {
  let now = Date.parse(iso);
  if (Number.isNaN(now)) throw new Error(`not a time: ${iso}`);
  const clock = (() => new Date(now)) as PinnedClock;
  clock.set = (next) => {
    now = Date.parse(next);
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/** UUID-shaped ids (version 4 layout), 1, 2, 3 … in the last group. */
export function sequentialIds(start = 1): () => string {
  let n = start;
  return () => `00000000-0000-4000-8000-${(n++).toString(16).padStart(12, '0')}`;
}

/** One call to the recording logger. */
export type LogEntry = { level: 'info' | 'warn' | 'error'; message: string; extra: Record<string, unknown> };

/** A HeraldLogger that keeps what it is told. */
export function recordingLogger(): HeraldLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (message: string, extra: Record<string, unknown>) => {
    entries.push({ level, message, extra });
  };
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

/** What a test says about a request; everything else gets gateway-like defaults. */
export type ApiEventOptions = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is, anything else as JSON; either way typed application/json unless a content-type is given. */
  body?: unknown;
  query?: Record<string, string>;
  isBase64Encoded?: boolean;
};

/** An API Gateway HTTP API (payload 2.0) event, as the gateway or the local runtime builds it. */
export function apiEvent(options: ApiEventOptions): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  const hasType = Object.keys(headers).some((k) => k.toLowerCase() === 'content-type');
  const body =
    options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  if (body !== undefined && !hasType) headers['content-type'] = 'application/json';
  const query = options.query ?? {};
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: options.path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: { ...query } } : {}),
    requestContext: {
      accountId: '123456789012',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: options.method,
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'herald-unit-test',
      },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '04/Sep/2017:08:00:00 +0000',
      timeEpoch: Date.UTC(2017, 8, 4, 8),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
}
