import type { Announcement } from '../../../shared/domain/announcement';
import type { ArchivePage } from '../../../shared/domain/archive-pages';
import { MemoryArchivePages } from '../../support/memory-archive-pages';
import { feedsOf, type FeedKey } from '../../../shared/domain/feeds';
import type { AnnouncementStore, Page } from '../../../shared/ports/announcement-store';
import type { FeedIndex } from '../../../shared/ports/feed-index';
import type { FeedRegistry } from '../../../shared/ports/feed-registry';
import type { ObjectStore, PutOptions } from '../../../shared/ports/object-store';
import { etagOf, InMemoryFileHashes } from '../../support/memory-file-hashes';

/** AnnouncementStore, FeedIndex and FeedRegistry in memory, with the same feed semantics as the DynamoDB ones. */
export class MemoryAnnouncementStore implements AnnouncementStore, FeedIndex, FeedRegistry {
  readonly items = new Map<string, Announcement>();
  private readonly feeds = new Set<FeedKey>();

  async get(id: string) {
    return this.items.get(id);
  }
  async list(options: { limit: number }): Promise<Page<Announcement>> {
    const all = [...this.items.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { items: all.slice(0, options.limit) };
  }
  async create(next: Announcement) {
    this.items.set(next.id, next);
  }
  async replace(next: Announcement) {
    this.items.set(next.id, next);
  }
  /** Feeds here are read from the announcements themselves: nothing to keep. */
  async project(): Promise<void> {}

  async latestInFeed(feed: FeedKey, limit: number) {
    return [...this.items.values()]
      .filter((a) => feedsOf(a).includes(feed))
      .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.id.localeCompare(a.id))
      .slice(0, limit);
  }
  /** Archive page boundaries, as the publisher stores them. */
  readonly archivePages = new MemoryArchivePages((feed) => this.latestInFeed(feed, Infinity));
  inFeedPage = (feed: FeedKey, page: ArchivePage) => this.archivePages.inFeedPage(feed, page);
  pageBoundaries = (feed: FeedKey, month: string) => this.archivePages.pageBoundaries(feed, month);
  lastPageBoundary = (feed: FeedKey, below: string) => this.archivePages.lastPageBoundary(feed, below);
  boundariesAround = (feed: FeedKey, sk: string) => this.archivePages.boundariesAround(feed, sk);
  addPageBoundaries = (feed: FeedKey, boundaries: string[]) => this.archivePages.addPageBoundaries(feed, boundaries);
  async inFeedMonth(feed: FeedKey, month: string) {
    return (await this.latestInFeed(feed, Infinity)).filter((a) => monthOf(a) === month);
  }
  async adjacentMonth(feed: FeedKey, month: string, direction: 'before' | 'after') {
    const months = [...new Set((await this.latestInFeed(feed, Infinity)).map(monthOf))].sort();
    return direction === 'before' ? months.filter((m) => m < month).pop() : months.find((m) => m > month);
  }
  async known(feeds: FeedKey[]) {
    return new Set(feeds.filter((f) => this.feeds.has(f)));
  }
  async register(feeds: FeedKey[]) {
    for (const f of feeds) this.feeds.add(f);
  }
  async page(): Promise<Page<FeedKey>> {
    return { items: [...this.feeds].sort() };
  }
  // Renderer tests need no audit, idempotency or schedule.
  async history() {
    return [];
  }
  async findIdempotency() {
    return undefined;
  }
  async dueIds() {
    return [];
  }
}

const monthOf = (a: Announcement) => (a.publishedAt ?? a.updatedAt).slice(0, 7);

/** ObjectStore in memory; records every put so tests can see what was rewritten. */
export class MemoryObjectStore implements ObjectStore {
  readonly objects = new Map<string, { body: string } & PutOptions>();
  readonly puts: string[] = [];
  /** The publisher's hash records for this bucket: they live as long as it does. */
  readonly hashes = new InMemoryFileHashes();
  readonly bucket = 'memory';

  async sha256Of(key: string) {
    return this.objects.get(key)?.sha256;
  }
  async put(key: string, bytes: string | Uint8Array, options: PutOptions) {
    const body = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
    this.objects.set(key, { body, ...options });
    this.puts.push(key);
  }
  async delete(key: string) {
    this.objects.delete(key);
  }
  async list() {
    return { items: [...this.objects].map(([key, o]) => ({ key, etag: etagOf(o.body) })) };
  }
  body(key: string): string {
    const o = this.objects.get(key);
    if (!o) throw new Error(`no object ${key}`);
    return o.body;
  }
}
