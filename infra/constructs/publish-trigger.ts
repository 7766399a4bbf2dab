import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StreamTrigger } from '../function-declaration';
import { ANNOUNCEMENT, REBUILD_REQUEST } from '../../shared/adapters/table-keys';
import { terminalQueue } from './terminal-queue';

/** Props of the trigger: the table whose stream drives the function, and the declared batching. */
export interface PublishTriggerProps {
  readonly table: ITable;
  readonly publisher: IFunction;
  readonly trigger: StreamTrigger;
}

/**
 * Wires the table stream to the publisher. The publisher re-reads current state, so a
 * failing record is retried a few times, bisected to isolate it, then parked in the
 * dead-letter queue (a full rebuild repairs the files it missed; the feed entries of
 * a parked record's announcement follow at that item's next change, as the rebuild
 * renders from the entries and does not re-derive them).
 */
export class PublishTrigger extends Construct {
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: PublishTriggerProps) {
    super(scope, id);
    this.deadLetterQueue = terminalQueue(this, 'DeadLetters');
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the terminal on-failure destination of the stream mapping; nothing consumes it automatically.',
    });
    const t = props.trigger;
    props.publisher.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: t.batchSize,
        maxBatchingWindow: Duration.seconds(t.maxBatchingWindowSeconds),
        parallelizationFactor: 1,
        bisectBatchOnError: true,
        retryAttempts: t.retryAttempts,
        maxRecordAge: Duration.seconds(t.maxRecordAgeSeconds),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        // Only announcements and rebuild requests start a publish (decodeStreamBatch drops the
        // rest as well): the feed entries the publisher writes itself must not invoke it again.
        filters: [
          FilterCriteria.filter({ dynamodb: { NewImage: { type: { S: FilterRule.or(ANNOUNCEMENT, REBUILD_REQUEST) } } } }),
          FilterCriteria.filter({ dynamodb: { OldImage: { type: { S: FilterRule.isEqual(ANNOUNCEMENT) } } } }),
        ],
      }),
    );
  }
}
