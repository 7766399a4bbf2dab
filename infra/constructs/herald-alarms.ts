import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Props of the alarms: what to watch and, optionally, where to send notifications. */
export interface HeraldAlarmsProps {
  readonly functions: Record<string, IFunction>;
  readonly publisher: IFunction;
  readonly deadLetterQueue: IQueue;
  /** The other dead-letter queues (schedule rules, queue triggers), by a name for the alarm. */
  readonly otherDeadLetterQueues?: Record<string, IQueue>;
  readonly alarmTopicArn?: string;
}

/**
 * The alarms an operator needs: a record parked in any dead-letter queue, any function
 * error or throttle, and a publisher falling behind the stream.
 */
export class HeraldAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: HeraldAlarmsProps) {
    super(scope, id);
    const action = props.alarmTopicArn ? new SnsAction(Topic.fromTopicArn(this, 'Topic', props.alarmTopicArn)) : undefined;
    const add = (name: string, metric: IMetric, threshold: number, description: string) => {
      const alarm = new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (action) alarm.addAlarmAction(action);
      this.alarms.push(alarm);
    };

    const fiveMinutes = { period: Duration.minutes(5) };
    add(
      'DeadLetters',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ ...fiveMinutes, statistic: 'Maximum' }),
      0,
      'Stream records the publisher gave up on; run a full rebuild, then drain the queue.',
    );
    for (const [name, queue] of Object.entries(props.otherDeadLetterQueues ?? {})) {
      add(
        `${name}DeadLetters`,
        queue.metricApproximateNumberOfMessagesVisible({ ...fiveMinutes, statistic: 'Maximum' }),
        0,
        `Events for ${name} that could not be delivered; see the queue's messages, then run the job by hand.`,
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      add(`${name}Errors`, fn.metricErrors({ ...fiveMinutes, statistic: 'Sum' }), 0, `The ${name} function reported errors.`);
      add(`${name}Throttles`, fn.metricThrottles({ ...fiveMinutes, statistic: 'Sum' }), 0, `The ${name} function was throttled.`);
    }
    add(
      'PublisherIteratorAge',
      props.publisher.metric('IteratorAge', { ...fiveMinutes, statistic: 'Maximum' }),
      Duration.minutes(5).toMilliseconds(),
      'The publisher is more than five minutes behind the table stream.',
    );
  }
}
