import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type GetRecordsCommandOutput, type Shard } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { HeraldLogger } from '../../shared/logger';
import type { RecordKind } from '../../shared/adapters/dynamo-stream';
import type { EditorGate } from './editor-gate';
import { StreamScout, toLambdaRecord } from './stream-fast-lane';

type Checkpoint = { streamArn: string; shards: Record<string, { seq?: string; done?: boolean }> };
type ScoutPage = Awaited<ReturnType<StreamScout['read']>>;
type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
/** What a handler answers; the publisher's also names the files it wrote. */
type HandlerResult = DynamoDBBatchResponse & { report?: { written?: string[] } };

/**
 * Plays the part of Lambda's DynamoDB event source mapping: reads the table's
 * stream shard by shard (parents first), hands batches to the publisher
 * handler, and advances a checkpoint on disk only after a batch succeeded, so
 * a crash redelivers rather than loses. A failed batch is retried with backoff.
 * Between polls it keeps the shard list (for a few seconds) and each shard's
 * next iterator, so an idle poll is one GetRecords; `nudge` ends an idle wait
 * (the local runtime calls it after an API write, as Lambda's mapping reacts
 * to a new record within milliseconds); a nudge during a batch reads the
 * shard's next page beside the handler, so that record waits for no read
 * after it. Given `kindOf`, an editor's change read ahead overtakes a batch
 * of imported records (stream-fast-lane.ts).
 */
export class StreamPoller {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private checkpoint: Checkpoint;
  private nudged = false;
  private shardList?: { at: number; shards: Shard[] };
  /** The next iterator of each shard, valid only while its batch succeeded. */
  private readonly next = new Map<string, string>();
  /** Per shard, the read-ahead for editors' changes (only with `kindOf`). */
  private readonly scouts = new Map<string, StreamScout>();
  /** While a batch is handled: the shard's next page, read when a nudge says a record is waiting. */
  private ahead?: { shardId: string; iterator: string; page?: Promise<GetRecordsCommandOutput | undefined> };
  /** While the scout's editors' changes are published: its next page, read when a nudge says a record is waiting. */
  private scoutAhead?: { next: { page?: Promise<ScoutPage | undefined> }; read: () => Promise<ScoutPage | undefined> };

  constructor(
    private readonly deps: {
      streams: DynamoDBStreamsClient;
      streamArn: string;
      checkpointFile: string;
      handler: StreamHandler;
      logger: HeraldLogger;
      batchSize?: number;
      idleMs?: number;
      /** Which records are editors' changes and which an import's: editors' may overtake imports'. */
      kindOf?: (record: DynamoDBRecord) => RecordKind;
      /** Held while editors' changes are published: the deferred step and this thread's import batches send nothing new meanwhile (editor-gate.ts). */
      gate?: Pick<EditorGate, 'hold'>;
    },
  ) {
    this.checkpoint = this.load();
  }

  start(): void {
    this.running = true;
    this.loop = this.run().catch((err: unknown) => {
      this.deps.logger.error('stream poller stopped', { error: String(err) });
    });
  }

  /** A record is probably waiting: poll now rather than after the idle wait. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
    // Mid-batch: the next page is read now, beside the handler, not after it returns.
    const ahead = this.ahead;
    if (ahead && !ahead.page) {
      ahead.page = this.deps.streams.send(new GetRecordsCommand({ ShardIterator: ahead.iterator, Limit: this.deps.batchSize ?? 100 })).catch(() => undefined);
    }
    // Mid-way through an early publish: the scout's next page, likewise.
    const scout = this.scoutAhead;
    if (scout && !scout.next.page) scout.next.page = scout.read();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.nudged = false;
        const delivered = await this.pollOnce();
        failures = 0;
        if (!delivered && !this.nudged) await this.sleep(this.deps.idleMs ?? 50);
        // Nudged and nothing there: the record may be on a shard not yet listed.
        else if (!delivered) this.shardList = undefined;
      } catch (err) {
        failures += 1;
        // Redeliver from the checkpoint, with a fresh shard list.
        this.next.clear();
        this.scouts.clear();
        this.shardList = undefined;
        // Capped low: a failed publish still wrote what it could, so the next try has less to do.
        const delay = Math.min(5_000, 100 * 2 ** Math.min(failures, 6));
        this.deps.logger.warn('stream batch failed; retrying', { attempt: failures, delayMs: delay, error: String(err) });
        await this.sleep(delay);
      }
    }
  }

  /** One pass over the open shards; true when any records were delivered. */
  private async pollOnce(): Promise<boolean> {
    let delivered = false;
    for (const shard of await this.shards()) {
      const id = shard.ShardId ?? '';
      const state = (this.checkpoint.shards[id] ??= {});
      if (state.done) continue;
      const parent = shard.ParentShardId;
      if (parent && this.checkpoint.shards[parent] && !this.checkpoint.shards[parent].done) continue;
      const iterator = this.next.get(id) ?? (await this.iterator(id, state.seq));
      this.next.delete(id);
      // The page read ahead from this very iterator, if one was (a failed read-ahead reads again).
      const early = this.ahead?.shardId === id && this.ahead.iterator === iterator ? await this.ahead.page : undefined;
      this.ahead = undefined;
      // An empty page read ahead only moved the iterator on: read again from there.
      const out = early && (early.Records?.length || !early.NextShardIterator) ? early : await this.deps.streams.send(new GetRecordsCommand({ ShardIterator: early?.NextShardIterator ?? iterator, Limit: this.deps.batchSize ?? 100 }));
      const records = out.Records ?? [];
      const last = records[records.length - 1]?.dynamodb?.SequenceNumber;
      if (last) {
        const scout = this.scoutOf(id);
        const batch = records.map((r) => toLambdaRecord(r, this.deps.streamArn)).filter((r) => !scout?.early.has(r.dynamodb?.SequenceNumber ?? ''));
        if (out.NextShardIterator) this.ahead = { shardId: id, iterator: out.NextShardIterator };
        try {
          if (batch.length) await this.deliver(batch, last, scout);
        } catch (err) {
          this.ahead = undefined; // redelivered from the checkpoint: the page read ahead is dropped
          throw err;
        }
        scout?.prune(last);
        state.seq = last;
        delivered = true;
      }
      if (out.NextShardIterator) this.next.set(id, out.NextShardIterator);
      if (!out.NextShardIterator && records.length === 0) state.done = true;
      if (state.done) this.shardList = undefined;
      if (records.length || state.done) this.save();
    }
    return delivered;
  }

  private scoutOf(shardId: string): StreamScout | undefined {
    const kindOf = this.deps.kindOf;
    if (!kindOf) return undefined;
    let scout = this.scouts.get(shardId);
    if (!scout) this.scouts.set(shardId, (scout = new StreamScout({ streams: this.deps.streams, streamArn: this.deps.streamArn, shardId, kindOf })));
    return scout;
  }

  /**
   * Hands a batch to the handler. While a batch of imports (and no editor's
   * change) is published, the scout's editors' changes are published beside
   * it, then once more after it: what the import's batch rendered may
   * predate them, and the second publish renders from the state after both.
   * When the import's batch wrote no file (its renders deferred), nothing of
   * theirs can have been overwritten, and the second publish is skipped.
   */
  private async deliver(batch: DynamoDBRecord[], last: string, scout: StreamScout | undefined): Promise<void> {
    const kinds = batch.map((r) => this.deps.kindOf?.(r) ?? 'other');
    const publishing = kinds.includes('editor') ? this.handleEditors(batch) : this.handle(batch);
    const early = scout && kinds.includes('import') && !kinds.includes('editor') ? await this.overtake(scout, last, publishing) : [];
    const result = await publishing;
    if (early.length && result.report?.written?.length !== 0) await this.handleEditors(early);
  }

  private async handle(records: DynamoDBRecord[]): Promise<HandlerResult> {
    const result: HandlerResult = await this.deps.handler({ Records: records });
    if (result.batchItemFailures.length) throw new Error(`publisher reported ${result.batchItemFailures.length} failed record(s)`);
    return result;
  }

  /** A batch with editors' changes, published with the gate held (when there is one). */
  private handleEditors(records: DynamoDBRecord[]): Promise<HandlerResult> {
    return this.deps.gate ? this.deps.gate.hold(() => this.handle(records)) : this.handle(records);
  }

  /**
   * Until `publishing` ends: reads past `after` and publishes the editors'
   * changes found; returns them. A nudge during such a publish reads the
   * scout's next page beside it (`scoutAhead`), so a change written
   * meanwhile is published as soon as this one ends, not after another read;
   * a page read so is always used, even when the import's batch ended.
   */
  private async overtake(scout: StreamScout, after: string, publishing: Promise<unknown>): Promise<DynamoDBRecord[]> {
    let done = false;
    // Its failure is the caller's to report; here it only ends the read-ahead.
    void publishing.catch(() => undefined).finally(() => ((done = true), this.wake?.()));
    const delivered: DynamoDBRecord[] = [];
    let ahead: Promise<ScoutPage | undefined> | undefined;
    while ((!done || ahead) && this.running) {
      const read = await (ahead ?? this.scoutRead(scout, after));
      ahead = undefined;
      if (!read) {
        scout.reset();
        break; // the ordered pass goes on without it
      }
      const { editors, more } = read;
      if (editors.length) {
        const next: { page?: Promise<ScoutPage | undefined> } = {};
        this.scoutAhead = { next, read: () => this.scoutRead(scout, after) };
        // A failure here leaves them to the ordered pass.
        const ok = await this.handleEditors(editors).then(() => true, (err: unknown) => (this.deps.logger.warn('early publish failed; left in order', { error: String(err) }), false));
        this.scoutAhead = undefined;
        ahead = next.page;
        if (ok) for (const r of editors) (scout.early.add(r.dynamodb!.SequenceNumber!), delivered.push(r));
      } else if (!more && !done) await this.sleep(this.deps.idleMs ?? 50);
    }
    return delivered;
  }

  /** One scout page; undefined when the read failed (logged). */
  private scoutRead(scout: StreamScout, after: string): Promise<ScoutPage | undefined> {
    return scout.read(after).catch((err: unknown) => (this.deps.logger.warn('stream read-ahead failed', { error: String(err) }), undefined));
  }

  private async shards(): Promise<Shard[]> {
    // A new shard appears when one closes (noticed above) or every few hours: a few seconds' staleness is enough.
    if (this.shardList && Date.now() - this.shardList.at < 5_000) return this.shardList.shards;
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await this.deps.streams.send(
        new DescribeStreamCommand({ StreamArn: this.deps.streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    // A new table's stream has no shard until its first write: an empty list is never kept.
    if (shards.length) this.shardList = { at: Date.now(), shards };
    return shards;
  }

  private async iterator(shardId: string, after: string | undefined): Promise<string> {
    const out = await this.deps.streams.send(
      new GetShardIteratorCommand({
        StreamArn: this.deps.streamArn,
        ShardId: shardId,
        ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
        SequenceNumber: after,
      }),
    );
    if (!out.ShardIterator) throw new Error(`no iterator for shard ${shardId}`);
    return out.ShardIterator;
  }

  private load(): Checkpoint {
    try {
      const saved = JSON.parse(readFileSync(this.deps.checkpointFile, 'utf8')) as Checkpoint;
      if (saved.streamArn === this.deps.streamArn) return saved;
    } catch {
      // first start, or a checkpoint from another table: read from the start
    }
    return { streamArn: this.deps.streamArn, shards: {} };
  }

  /** Write-then-rename, so a crash never leaves a torn checkpoint. */
  private save(): void {
    const tmp = `${this.deps.checkpointFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.checkpoint));
    renameSync(tmp, this.deps.checkpointFile);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (!this.running) return resolve(); // stopped during a poll: no wait
      const timer = setTimeout(resolve, ms);
      this.wake = () => (clearTimeout(timer), (this.wake = undefined), resolve());
    });
  }
}
