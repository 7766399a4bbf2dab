import { GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import type { RecordKind } from '../../shared/adapters/dynamo-stream';

/** Records read ahead per GetRecords: DynamoDB Streams' largest page. */
const SCOUT_PAGE = 1_000;

/** Stream sequence numbers are decimal strings of up to 40 digits: compared as numbers. */
export const seqAfter = (a: string | undefined, b: string | undefined) => a !== undefined && (b === undefined || BigInt(a) > BigInt(b));

/**
 * The read-ahead half of the local stream poller. While a batch of imported
 * records is being published (seconds, and an import leaves thousands
 * behind it), it reads the shard past that batch and picks out editors'
 * changes, so they are published now instead of after the import's backlog.
 * It only reads: the ordered pass still delivers every record and alone
 * advances the checkpoint, skipping what was delivered here (a crash
 * forgets `early`, so those records are delivered again in order, which
 * the publisher treats as the duplicates it already converges on).
 */
export class StreamScout {
  private iterator?: string;
  private ended = false;
  /** Sequence numbers delivered ahead of their turn. */
  readonly early = new Set<string>();

  constructor(
    private readonly deps: { streams: DynamoDBStreamsClient; streamArn: string; shardId: string; kindOf: (r: DynamoDBRecord) => RecordKind },
  ) {}

  /**
   * One page past `after`: the editors' changes not yet delivered, and
   * whether the shard had more to read (false when caught up or at its end).
   */
  async read(after: string): Promise<{ editors: DynamoDBRecord[]; more: boolean }> {
    if (this.ended) return { editors: [], more: false };
    this.iterator ??= await this.start(after);
    const out = await this.deps.streams.send(new GetRecordsCommand({ ShardIterator: this.iterator, Limit: SCOUT_PAGE }));
    this.iterator = out.NextShardIterator;
    if (!this.iterator) this.ended = true;
    const records = (out.Records ?? []).map((r) => toLambdaRecord(r, this.deps.streamArn));
    const editors = records.filter((r) => {
      const seq = r.dynamodb?.SequenceNumber;
      return seqAfter(seq, after) && !this.early.has(seq!) && this.deps.kindOf(r) === 'editor';
    });
    return { editors, more: records.length > 0 };
  }

  /** After a failed read: the next read starts again from the batch being published (`early` still filters). */
  reset(): void {
    this.iterator = undefined;
    this.ended = false;
  }

  /** Forgets sequence numbers the ordered pass has gone past. */
  prune(upTo: string): void {
    for (const seq of this.early) if (!seqAfter(seq, upTo)) this.early.delete(seq);
  }

  private async start(after: string): Promise<string> {
    const out = await this.deps.streams.send(
      new GetShardIteratorCommand({ StreamArn: this.deps.streamArn, ShardId: this.deps.shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }),
    );
    if (!out.ShardIterator) throw new Error(`no iterator for shard ${this.deps.shardId}`);
    return out.ShardIterator;
  }
}

/** The record in the shape Lambda delivers it (epoch seconds, eventSourceARN). */
export function toLambdaRecord(r: _Record, streamArn: string): DynamoDBRecord {
  const created = r.dynamodb?.ApproximateCreationDateTime;
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: r.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(r.dynamodb as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
    },
  };
}
