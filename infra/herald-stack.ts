import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { KeyValueStore } from 'aws-cdk-lib/aws-cloudfront';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Rule } from 'aws-cdk-lib/aws-events';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { HeraldConfig } from './config';
import { buildFunctions, constructId } from './build-functions';
import { AdminApi } from './constructs/admin-api';
import { AdminTokenParameter } from './constructs/admin-token-parameter';
import { OriginSecret } from './constructs/origin-secret';
import { KeySecret } from './constructs/key-secret';
import { HeraldAlarms } from './constructs/herald-alarms';
import type { HeraldFunction } from './constructs/herald-function';
import { HeraldTable } from './constructs/herald-table';
import type { PublishTrigger } from './constructs/publish-trigger';
import type { QueueTrigger } from './constructs/queue-trigger';
import { SiteDistribution } from './constructs/site-distribution';
import { SiteStorage } from './constructs/site-storage';
import type { FunctionDeclaration } from './function-declaration';
import { FUNCTIONS, type FunctionName } from './functions';
import { EditorDeployment } from './constructs/editor-deployment';
import { EmbedDeployment } from './constructs/embed-deployment';

/** Props of the stack: the validated configuration, and (for tests) the function list. */
export interface HeraldStackProps extends StackProps {
  readonly config: HeraldConfig;
  /** Defaults to infra/functions.ts; a test may add a declaration to prove a trigger kind. */
  readonly functions?: readonly FunctionDeclaration[];
}

/**
 * Herald in the cloud: table, private bucket and CloudFront in one stack, and every
 * function (Lambda, routes, event sources, schedules, queues, IAM) built from the
 * declarations in infra/functions.ts.
 */
export class HeraldStack extends Stack {
  readonly table: Table;
  readonly bucket: Bucket;
  /** Every declared function by name. */
  readonly functions: Readonly<Record<string, HeraldFunction>>;
  /** Every schedule rule by its declared id, with its dead-letter queue. */
  readonly schedules: Readonly<Record<string, { rule: Rule; deadLetterQueue: Queue }>>;
  /** Every declared queue by name. */
  readonly queues: Readonly<Record<string, QueueTrigger>>;
  readonly trigger: PublishTrigger;
  readonly api: AdminApi;
  readonly site: SiteDistribution;

  constructor(scope: Construct, id: string, props: HeraldStackProps) {
    super(scope, id, props);
    const { config } = props;
    const declarations = props.functions ?? FUNCTIONS;
    // The bootstrap token's hash is read from SSM at cold start, never put in the environment.
    const adminToken = new AdminTokenParameter(this, 'AdminToken', { parameterName: config.adminTokenParameter });
    const originSecret = new OriginSecret(this, 'OriginSecret');
    const table = (this.table = new HeraldTable(this, 'Data', { deletionProtection: config.deletionProtection }).table);
    const storage = new SiteStorage(this, 'Storage', { versioned: config.bucketVersioning, uploadOrigins: [new URL(config.siteUrl).origin, ...config.adminOrigins] });
    const bucket = (this.bucket = storage.bucket);

    const keySecrets = { activityPubKeys: new KeySecret(this, 'ActivityPubKeys', { description: 'Herald: the ActivityPub actor key pairs (JWK), generated once by the fediverse function' }) };
    // Redirects from the old site: written by the redirects function, read by the viewer-request function.
    const keyValueStores = { redirects: new KeyValueStore(this, 'RedirectStore', { comment: 'Herald: old-site path -> new path, served as 301 at the edge' }) };
    const built = buildFunctions(this, declarations, { config, table, bucket, adminToken, originSecret, keySecrets, keyValueStores });
    const functions = (this.functions = built.functions);
    this.queues = built.queues;
    this.schedules = built.schedules;
    const stream = (this.trigger = built.stream.trigger);
    this.api = new AdminApi(this, 'AdminApi', {
      handler: built.routes[0]!.handler,
      authorizer: functions[built.authorizer]!.fn,
      routes: built.routes,
      adminOrigins: config.adminOrigins,
    });
    this.site = new SiteDistribution(this, 'Site', {
      bucket,
      logsBucket: storage.logsBucket,
      apiEndpoint: this.api.api.apiEndpoint,
      siteUrl: config.siteUrl,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
      originSecret: originSecret.headerValue(),
      webAclArn: config.webAclArn,
      pagePaths: pagePathsOf(built.routes),
      redirects: keyValueStores.redirects,
    });
    new EditorDeployment(this, 'Editor', { bucket });
    // The news box for partner sites, at /embed/ (after the editor, whose deployment acknowledges the shared Lambda's findings).
    new EmbedDeployment(this, 'Embed', { bucket });
    new HeraldAlarms(this, 'Alarms', {
      functions: Object.fromEntries(Object.entries(functions).map(([name, fn]) => [constructId(name), fn.fn])),
      publisher: functions[built.stream.fn]!.fn,
      deadLetterQueue: stream.deadLetterQueue,
      otherDeadLetterQueues: {
        ...Object.fromEntries(Object.entries(built.schedules).map(([id, s]) => [id, s.deadLetterQueue])),
        ...Object.fromEntries(Object.entries(built.queues).map(([name, q]) => [constructId(name), q.deadLetterQueue])),
      },
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
  get review(): HeraldFunction {
    return this.fn('review');
  }
  get authorizer(): HeraldFunction {
    return this.fn('authorizer');
  }
  get media(): HeraldFunction {
    return this.fn('media');
  }
  get identity(): HeraldFunction {
    return this.fn('identity');
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
  get fediverse(): HeraldFunction {
    return this.fn('fediverse');
  }
  get webhooks(): HeraldFunction {
    return this.fn('webhooks');
  }
  get redirects(): HeraldFunction {
    return this.fn('redirects');
  }
}

/**
 * CloudFront path patterns of the routes outside /api (the review page): `/review/{token}`
 * becomes `review/*`, sent to the API origin like /api/*, so one declaration serves both.
 */
export function pagePathsOf(routes: readonly { path: string }[]): string[] {
  const pages = routes.filter((r) => !r.path.startsWith('/api/')).map((r) => {
    const open = r.path.indexOf('{');
    return open < 0 ? r.path.slice(1) : `${r.path.slice(1, open)}*`;
  });
  return [...new Set(pages)];
}
