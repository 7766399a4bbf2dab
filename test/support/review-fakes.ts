import type { ReviewLinkRecord, ReviewLinkStore } from '../../shared/ports/review-link-store';

/** ReviewLinkStore in memory, for service and app unit tests (adapters are tested on DynamoDB Local). */
export class InMemoryReviewLinkStore implements ReviewLinkStore {
  readonly byHash = new Map<string, ReviewLinkRecord>();

  async create(record: ReviewLinkRecord): Promise<void> {
    if (this.byHash.has(record.sha256) || [...this.byHash.values()].some((l) => l.id === record.id)) throw new Error('exists');
    this.byHash.set(record.sha256, { ...record });
  }

  async findBySha256(sha256: string): Promise<ReviewLinkRecord | undefined> {
    const found = this.byHash.get(sha256);
    return found ? { ...found } : undefined;
  }

  async list(announcementId: string): Promise<ReviewLinkRecord[]> {
    return [...this.byHash.values()].filter((l) => l.announcementId === announcementId).map((l) => ({ ...l }));
  }

  async revoke(announcementId: string, id: string): Promise<boolean> {
    const found = [...this.byHash.values()].find((l) => l.announcementId === announcementId && l.id === id);
    if (found) this.byHash.delete(found.sha256);
    return found !== undefined;
  }
}
