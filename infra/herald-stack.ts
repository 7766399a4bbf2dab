import { CfnOutput, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Rule } from 'aws-cdk-lib/aws-events';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { HeraldConfig } from './config';
import { AdminApi, type AdminApiRoute } from './constructs/admin-api';
import { HeraldAlarms } from './constructs/herald-alarms';
import { HeraldFunction } from './constructs/herald-function';
import { HeraldTable } from './constructs/herald-table';
import { PublishTrigger } from './constructs/publish-trigger';
import { QueueTrigger } from './constructs/queue-trigger';
import { addScheduleRule } from './constructs/schedule-trigger';
import { SiteDistribution } from './constructs/site-distribution';
import { SiteStorage } from './constructs/site-storage';
import type { FunctionDeclaration } from './function-declaration';
import { applyGrants, environmentOf } from './function-grants';
import { FUNCTIONS, type FunctionName } from './functions';

/** Props of the stack: the validated configuration, and (for tests) the function list. */
export interface HeraldStackProps extends StackProps {
  readonly config: HeraldConfig;
  /** Defaults to infra/functions.ts; a test may add a declaration to prove a trigger kind. */
  readonly functions?: readonly FunctionDeclaration[];
}

/** `publisher` -> `Publisher`, `fediverse-delivery` -> `FediverseDelivery`: construct ids. */
export const constructId = (name: string) => name.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());

/**
 * Herald in the cloud: table, private bucket and CloudFront in one stack, and every
 * function (Lambda, routes, event sources, schedules, queues, IAM) built from the
 * declarations in infra/functions.ts.
 */
export class HeraldStack extends Stack {
  readonly table: Table;
  readonly bucket: Bucket;
  /** Every declared function by name. */
  readonly functions: Readonly<Record<string, HeraldFunction>> = {};
  /** Every schedule rule by its declared id, with its dead-letter queue. */
  readonly schedules: Readonly<Record<string, { rule: Rule; deadLetterQueue: Queue }>> = {};
  /** Every declared queue by name. */
  readonly queues: Readonly<Record<string, QueueTrigger>> = {};
  readonly trigger: PublishTrigger;
  readonly api: AdminApi;
  readonly site: SiteDistribution;

  constructor(scope: Construct, id: string, props: HeraldStackProps) {
    super(scope, id, props);
    const { config } = props;
    const declarations = props.functions ?? FUNCTIONS;
    const tokenHash = new CfnParameter(this, 'AdminTokenSha256', {
      type: 'String',
      noEcho: true,
      default: '',
      allowedPattern: '^([0-9a-f]{64})?$',
      description: 'sha256 (hex) of the bootstrap admin token; empty for none',
      constraintDescription: 'must be empty or 64 lowercase hex digits',
    });
    const table = (this.table = new HeraldTable(this, 'Data', { deletionProtection: config.deletionProtection }).table);
    const storage = new SiteStorage(this, 'Storage', { versioned: config.bucketVersioning });
    const bucket = (this.bucket = storage.bucket);

    const functions: Record<string, HeraldFunction> = (this.functions = {});
    const queues: Record<string, QueueTrigger> = (this.queues = {});
    const schedules: Record<string, { rule: Rule; deadLetterQueue: Queue }> = (this.schedules = {});
    const routes: AdminApiRoute[] = [];
    let stream: PublishTrigger | undefined;
    const resources = { config, table, bucket, tokenHash, queues: new Map<string, Queue>() };

    // Queues first (a function's environment may name one), then functions and their triggers.
    for (const decl of declarations) {
      const fn = (functions[decl.name] = new HeraldFunction(this, constructId(decl.name), {
        name: decl.name,
        entry: decl.entry,
        description: decl.description,
        environment: {},
        memorySize: decl.memoryMb,
        timeout: Duration.seconds(decl.timeoutSeconds),
        reservedConcurrency: decl.reservedConcurrency,
      }));
      for (const t of decl.triggers) {
        if (t.kind === 'queue') {
          const q = (queues[t.queue] = new QueueTrigger(this, `${constructId(t.queue)}Queue`, { consumer: fn.fn, consumerTimeout: Duration.seconds(decl.timeoutSeconds), trigger: t }));
          resources.queues.set(t.queue, q.queue);
        } else if (t.kind === 'schedule') schedules[t.id] = addScheduleRule(this, fn.fn, t);
        else if (t.kind === 'http') routes.push({ method: t.method, path: t.path, handler: fn.fn, throttle: t.throttle, ...(t.auth === 'public' ? { publicBecause: t.why } : {}) });
        else if (t.kind === 'stream') {
          if (stream) throw new Error(`only one function may consume the table stream; ${decl.name} is the second`);
          stream = new PublishTrigger(this, 'PublishTrigger', { table, publisher: fn.fn, trigger: t });
        }
      }
    }
    for (const decl of declarations) {
      const fn = functions[decl.name]!;
      for (const [name, value] of Object.entries(environmentOf(decl, resources))) fn.fn.addEnvironment(name, value);
      applyGrants(fn, decl, resources);
    }
    if (stream === undefined) throw new Error('no function consumes the table stream');
    this.trigger = stream;
    const streamFn = declarations.find((d) => d.triggers.some((t) => t.kind === 'stream'))!;
    functions[streamFn.name]!.acknowledgeWildcardResource(
      '*',
      'dynamodb:ListStreams (granted by DynamoEventSource for the stream poller) supports no resource-level permissions.',
    );

    const authorizers = declarations.filter((d) => d.triggers.some((t) => t.kind === 'authorizer'));
    if (authorizers.length !== 1) throw new Error(`exactly one function must be the API authorizer, not ${authorizers.length}`);
    this.api = new AdminApi(this, 'AdminApi', {
      handler: routes[0]!.handler,
      authorizer: functions[authorizers[0]!.name]!.fn,
      routes,
      adminOrigins: config.adminOrigins,
    });
    this.site = new SiteDistribution(this, 'Site', {
      bucket,
      logsBucket: storage.logsBucket,
      apiEndpoint: this.api.api.apiEndpoint,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
    });
    new HeraldAlarms(this, 'Alarms', {
      functions: Object.fromEntries(Object.entries(functions).map(([name, fn]) => [constructId(name), fn.fn])),
      publisher: functions[streamFn.name]!.fn,
      deadLetterQueue: stream.deadLetterQueue,
      alarmTopicArn: config.alarmTopicArn,
    });

    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('DistributionDomainName', this.site.distribution.distributionDomainName, 'Public site: https://<this>/ (feeds, /api/*)');
    out('ApiEndpoint', this.api.api.apiEndpoint, 'The HTTP API endpoint (prefer the distribution)');
    out('BucketName', bucket.bucketName, 'The private bucket holding every published object');
    out('TableName', table.tableName, 'The DynamoDB table');
    out('DeadLetterQueueUrl', stream.deadLetterQueue.queueUrl, 'Stream records the publisher gave up on');
    if (functions.reconciler) out('ReconcilerFunctionName', functions.reconciler.fn.functionName, 'Invoke to rebuild every feed now (the redrive after DLQ messages)');
  }

  /** A declared function by name (throws if the stack was built without it). */
  fn(name: FunctionName): HeraldFunction {
    const found = this.functions[name];
    if (!found) throw new Error(`no function ${name} in this stack`);
    return found;
  }

  get admin(): HeraldFunction {
    return this.fn('admin');
  }
  get authorizer(): HeraldFunction {
    return this.fn('authorizer');
  }
  get publisher(): HeraldFunction {
    return this.fn('publisher');
  }
  get reconciler(): HeraldFunction {
    return this.fn('reconciler');
  }
  get scheduler(): HeraldFunction {
    return this.fn('scheduler');
  }
}
