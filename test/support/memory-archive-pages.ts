import type { Announcement } from '../../shared/domain/announcement';
import { entrySortKey, inPage, monthOfKey, type ArchivePage } from '../../shared/domain/archive-pages';
import type { FeedKey } from '../../shared/domain/feeds';
import type { FeedHistory } from '../../shared/ports/feed-history';

/** The archive-page half of FeedHistory in memory, for the fakes that hold a feed's items. */
export class MemoryArchivePages implements Pick<FeedHistory, 'inFeedPage' | 'pageBoundaries' | 'lastPageBoundary' | 'boundariesAround' | 'addPageBoundaries'> {
  readonly boundaries = new Map<FeedKey, Set<string>>();
  constructor(private readonly feedItems: (feed: FeedKey) => Promise<Announcement[]>) {}

  async inFeedPage(feed: FeedKey, page: ArchivePage): Promise<Announcement[]> {
    return (await this.feedItems(feed)).filter((a) => inPage(page, entrySortKey(a)));
  }
  async pageBoundaries(feed: FeedKey, month: string): Promise<string[]> {
    return [...(this.boundaries.get(feed) ?? [])].filter((b) => monthOfKey(b) === month).sort();
  }
  async lastPageBoundary(feed: FeedKey, below: string): Promise<string | undefined> {
    return [...(this.boundaries.get(feed) ?? [])].filter((b) => b < below).sort().pop();
  }
  async boundariesAround(feed: FeedKey, sk: string): Promise<{ below: string[]; above: string[] }> {
    const all = [...(this.boundaries.get(feed) ?? [])].sort();
    return { below: all.filter((b) => b <= sk).reverse().slice(0, 2), above: all.filter((b) => b > sk).slice(0, 2) };
  }
  async addPageBoundaries(feed: FeedKey, boundaries: string[]): Promise<void> {
    const set = this.boundaries.get(feed) ?? new Set<string>();
    for (const b of boundaries) set.add(b);
    this.boundaries.set(feed, set);
  }
}
