/**
 * Where the nightly rebuild stopped, when it had to stop before its timeout:
 * the registry cursor of the next page of feeds. The next run continues from
 * there instead of starting over, so every feed is visited at any registry size.
 */
export interface RebuildProgress {
  /** The cursor a stopped rebuild left, or undefined to start from the beginning. */
  load(): Promise<string | undefined>;
  /** Records where to continue; undefined once a rebuild has visited every feed. */
  save(cursor: string | undefined): Promise<void>;
}
