import { Validations } from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ScheduleTrigger } from '../function-declaration';
import { terminalQueue } from './terminal-queue';

/** The EventBridge expression of a declared schedule. */
export function scheduleOf(every: ScheduleTrigger['every']): Schedule {
  if ('minutes' in every) return Schedule.rate(Duration.minutes(every.minutes));
  return Schedule.cron({ minute: String(every.dailyAtUtc.minute), hour: String(every.dailyAtUtc.hour) });
}

/**
 * A schedule rule invoking `fn`, with a dead-letter queue for events EventBridge
 * could not deliver (throttled past its retries, or refused); an operator reads it
 * to learn which runs never happened.
 */
export function addScheduleRule(scope: Construct, fn: IFunction, trigger: ScheduleTrigger): { rule: Rule; deadLetterQueue: Queue } {
  const deadLetterQueue = terminalQueue(scope, `${trigger.id}DeadLetters`);
  Validations.of(deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself the dead-letter target of the ${trigger.id} schedule; nothing consumes it automatically.`,
  });
  const rule = new Rule(scope, trigger.id, {
    description: trigger.description,
    schedule: scheduleOf(trigger.every),
    targets: [new LambdaFunction(fn, { retryAttempts: trigger.retryAttempts, deadLetterQueue })],
  });
  return { rule, deadLetterQueue };
}
