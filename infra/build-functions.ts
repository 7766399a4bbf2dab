import { Duration } from 'aws-cdk-lib';
import type { Rule } from 'aws-cdk-lib/aws-events';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { AdminApiRoute } from './constructs/admin-api';
import { HeraldFunction } from './constructs/herald-function';
import { PublishTrigger } from './constructs/publish-trigger';
import { QueueTrigger } from './constructs/queue-trigger';
import { addScheduleRule } from './constructs/schedule-trigger';
import type { FunctionDeclaration } from './function-declaration';
import { applyGrants, environmentOf, type Resources } from './function-grants';

/** `publisher` -> `Publisher`, `fediverse-delivery` -> `FediverseDelivery`: construct ids. */
export const constructId = (name: string) => name.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());

/** What the declarations built: functions, their triggers' resources, and the routes for the API. */
export interface BuiltFunctions {
  readonly functions: Record<string, HeraldFunction>;
  readonly queues: Record<string, QueueTrigger>;
  readonly schedules: Record<string, { rule: Rule; deadLetterQueue: Queue }>;
  readonly routes: AdminApiRoute[];
  /** The one stream consumer's trigger, and its function's name. */
  readonly stream: { trigger: PublishTrigger; fn: string };
  /** The function API Gateway calls to authorise `token` routes. */
  readonly authorizer: string;
}

/**
 * Builds every declared function with its triggers (queues first, so that a
 * sender's environment can name one), then its environment and grants.
 */
export function buildFunctions(scope: Construct, declarations: readonly FunctionDeclaration[], r: Omit<Resources, 'queues'>): BuiltFunctions {
  const functions: Record<string, HeraldFunction> = {};
  const queues: Record<string, QueueTrigger> = {};
  const schedules: BuiltFunctions['schedules'] = {};
  const routes: AdminApiRoute[] = [];
  const streams: BuiltFunctions['stream'][] = [];
  const authorizers: string[] = [];
  for (const decl of declarations) {
    const fn = (functions[decl.name] = new HeraldFunction(scope, constructId(decl.name), {
      name: decl.name,
      entry: decl.entry,
      description: decl.description,
      environment: {},
      memorySize: decl.memoryMb,
      timeout: Duration.seconds(decl.timeoutSeconds),
      reservedConcurrency: decl.reservedConcurrency,
      ...(decl.bundling ? { nodeModules: decl.bundling.nodeModules } : {}),
    }));
    for (const t of decl.triggers) {
      if (t.kind === 'queue') {
        const consumerTimeout = Duration.seconds(decl.timeoutSeconds);
        queues[t.queue] = new QueueTrigger(scope, `${constructId(t.queue)}Queue`, { consumer: fn.fn, consumerTimeout, trigger: t });
      } else if (t.kind === 'schedule') {
        schedules[t.id] = addScheduleRule(scope, fn.fn, t);
      } else if (t.kind === 'http') {
        routes.push({ method: t.method, path: t.path, handler: fn.fn, throttle: t.throttle, ...(t.auth === 'public' ? { publicBecause: t.why } : {}) });
      } else if (t.kind === 'stream') {
        streams.push({ trigger: new PublishTrigger(scope, 'PublishTrigger', { table: r.table, publisher: fn.fn, trigger: t }), fn: decl.name });
        fn.acknowledgeWildcardResource(
          '*',
          'dynamodb:ListStreams (granted by DynamoEventSource for the stream poller) supports no resource-level permissions.',
        );
      } else authorizers.push(decl.name);
    }
  }
  const [stream] = streams;
  if (streams.length !== 1 || !stream) throw new Error(`exactly one function must consume the table stream, not ${streams.length}`);
  if (authorizers.length !== 1) throw new Error(`exactly one function must be the API authorizer, not ${authorizers.length}`);
  const resources: Resources = { ...r, queues: new Map(Object.entries(queues).map(([name, q]) => [name, q.queue])) };
  for (const decl of declarations) {
    const fn = functions[decl.name]!;
    for (const [name, value] of Object.entries(environmentOf(decl, resources))) fn.fn.addEnvironment(name, value);
    applyGrants(fn, decl, resources);
  }
  return { functions, queues, schedules, routes, stream, authorizer: authorizers[0]! };
}
