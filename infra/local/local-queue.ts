import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createHash, randomUUID } from 'node:crypto';
import type { HeraldLogger } from '../../shared/logger';

type Message = { id: string; body: string; sentAt: number; receiveCount: number };

/**
 * Locally, the role of an SQS queue with its Lambda event source mapping and
 * dead-letter queue, in process: batches go to the consumer as an SQSEvent; a
 * message reported failed (or in a batch that threw) is delivered again until
 * `maxReceiveCount` receives, then parked in `deadLetters`. In memory only:
 * messages do not survive a restart.
 */
export class LocalQueue {
  readonly deadLetters: { messageId: string; body: string; receiveCount: number }[] = [];
  private readonly waiting: Message[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private loop?: Promise<void>;
  private running = false;
  private wake?: () => void;

  constructor(
    private readonly deps: {
      name: string;
      handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
      batchSize: number;
      maxReceiveCount: number;
      logger: HeraldLogger;
      idleMs?: number;
      /** Batches handled side by side, as the event source's maximum concurrency; one at a time without it. */
      concurrency?: number;
    },
  ) {}

  /** Enqueues a message and returns its id, as SendMessage does. */
  send(body: string): string {
    const id = randomUUID();
    this.waiting.push({ id, body, sentAt: Date.now(), receiveCount: 0 });
    this.wake?.();
    return id;
  }

  /** Messages not yet delivered successfully nor dead-lettered. */
  get depth(): number {
    return this.waiting.length;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  private async run(): Promise<void> {
    const limit = Math.max(1, this.deps.concurrency ?? 1);
    while (this.running) {
      if (this.inFlight.size >= limit) {
        await Promise.race(this.inFlight);
        continue;
      }
      const batch = this.waiting.splice(0, this.deps.batchSize);
      if (batch.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.deps.idleMs ?? 50);
          this.wake = () => (clearTimeout(timer), resolve());
        });
        continue;
      }
      const handled: Promise<void> = this.handle(batch).finally(() => this.inFlight.delete(handled));
      this.inFlight.add(handled);
      if (limit === 1) await handled;
    }
  }

  /** One batch to the consumer; its failed messages wait again, or go to the dead letters. */
  private async handle(batch: Message[]): Promise<void> {
    for (const m of batch) m.receiveCount += 1;
    let failed: Set<string>;
    try {
      const result = await this.deps.handler({ Records: batch.map((m) => this.record(m)) });
      failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
    } catch (err) {
      this.deps.logger.warn(`queue ${this.deps.name}: batch failed`, { error: err instanceof Error ? err.message : String(err) });
      failed = new Set(batch.map((m) => m.id));
    }
    for (const m of batch.filter((m) => failed.has(m.id))) {
      if (m.receiveCount >= this.deps.maxReceiveCount) {
        this.deadLetters.push({ messageId: m.id, body: m.body, receiveCount: m.receiveCount });
        this.deps.logger.error(`queue ${this.deps.name}: message dead-lettered`, { messageId: m.id, receiveCount: m.receiveCount });
      } else this.waiting.push(m);
    }
  }

  private record(m: Message): SQSRecord {
    return {
      messageId: m.id,
      receiptHandle: `${m.id}#${m.receiveCount}`,
      body: m.body,
      attributes: {
        ApproximateReceiveCount: String(m.receiveCount),
        SentTimestamp: String(m.sentAt),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(m.sentAt),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(m.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${this.deps.name}`,
      awsRegion: 'us-east-1',
    };
  }
}
