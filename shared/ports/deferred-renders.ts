import type { FeedKey } from '../domain/feeds';

/**
 * What a batch of imported versions left to render: per feed the sort keys
 * (archive places) its items were or are at, the announcements whose pages
 * to render, and page keys their earlier versions had (to delete if no
 * current version renders them).
 */
export type DeferredWork = { feeds: Record<FeedKey, string[]>; ids: string[]; gone: string[] };

/** One recorded batch: its id (its stream position and versions, so a retry rewrites the same record) and its work. */
export type DeferredBatch = { id: string; work: DeferredWork };

/**
 * Where an editor's change renders, noted as its publish starts (`at`, ISO
 * time): per feed the sort keys (archive places) its versions were or are
 * at. A step that rendered the same months from an older read may have
 * written over that change; it reads these notes and renders them again.
 */
export type TouchedPlaces = { id: string; at: string; feeds: Record<FeedKey, string[]> };

/**
 * The durable list of renders the publisher deferred (imports): recorded
 * before the stream batch is acknowledged, removed only after the coalesced
 * step rendered them, so a crash anywhere between loses none.
 */
export interface DeferredRenders {
  /** Records a batch's work; writing the same batch again changes nothing. */
  mark(batch: DeferredBatch): Promise<void>;
  /** Up to `limit` recorded batches in id order (stream order), and whether more are left. */
  pending(limit: number): Promise<{ batches: DeferredBatch[]; more: boolean }>;
  /** Forgets batches that were rendered. */
  done(ids: string[]): Promise<void>;
  /** Every feed a recorded batch still has to render: a rebuild lists and renders them too, not only the registered ones. */
  feeds(): Promise<FeedKey[]>;
  /** Notes an editor's change's places (kept a day); the same note written twice is one note. */
  touch(note: TouchedPlaces): Promise<void>;
  /** Every note written at or after `since` (ISO time), oldest first. */
  touchedSince(since: string): Promise<TouchedPlaces[]>;
}
