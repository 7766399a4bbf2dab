import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Bucket, CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { HeraldConfig } from './config';
import { AdminApi } from './constructs/admin-api';
import { AdminTokenParameter } from './constructs/admin-token-parameter';
import { OriginSecret } from './constructs/origin-secret';
import { HeraldAlarms } from './constructs/herald-alarms';
import { HeraldFunction } from './constructs/herald-function';
import { GSI1, HeraldTable } from './constructs/herald-table';
import { PublishTrigger } from './constructs/publish-trigger';
import { SiteDistribution } from './constructs/site-distribution';
import { SiteStorage } from './constructs/site-storage';

/** Exactly what each function may do to the table; the runtime must not need more. */
export const TABLE_ACTIONS = {
  admin: [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:Query',
    'dynamodb:TransactWriteItems',
    'dynamodb:ConditionCheckItem',
  ],
  // UpdateItem: the feed registry (ADD feeds) and the report on a rebuild request.
  publisher: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
  authorizer: ['dynamodb:GetItem'],
  // The due-item job: Query gsi1 'DUE', re-read, and publish in one transaction
  // (announcement and audit Puts, feed entry Puts, schedule entry Delete).
  scheduler: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:TransactWriteItems', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
} as const;

/** The only bucket keys the publisher may read, write or delete. */
export const PUBLISHED_KEYS = ['feeds/*', 'news/*', 'assets/*', 'index.html'] as const;

/** Why the publisher needs every key under each wildcard: those key sets are open-ended. */
const WILDCARD_REASONS: Record<Extract<(typeof PUBLISHED_KEYS)[number], `${string}*`>, string> = {
  'feeds/*': 'The publisher owns the feed tree: one object per feed and format, per language and per tag, so keys are not known in advance.',
  'news/*': 'The publisher renders one page per announcement under news/, named by the announcement.',
  'assets/*': 'The publisher writes the static assets that feeds and pages reference under assets/.',
};

/** Props of the stack: the validated configuration. */
export interface HeraldStackProps extends StackProps {
  readonly config: HeraldConfig;
}

/** Herald in the cloud: table, functions, admin API, private bucket and CloudFront in one stack. */
export class HeraldStack extends Stack {
  readonly table: Table;
  readonly bucket: Bucket;
  readonly admin: HeraldFunction;
  readonly authorizer: HeraldFunction;
  readonly publisher: HeraldFunction;
  readonly scheduler: HeraldFunction;
  readonly reconciler: HeraldFunction;
  readonly nightly: Rule;
  readonly dueItems: Rule;
  readonly trigger: PublishTrigger;
  readonly api: AdminApi;
  readonly site: SiteDistribution;

  constructor(scope: Construct, id: string, props: HeraldStackProps) {
    super(scope, id, props);
    const { config } = props;
    // The bootstrap token's hash is read from SSM at cold start, never put in the environment.
    const adminToken = new AdminTokenParameter(this, 'AdminToken', { parameterName: config.adminTokenParameter });
    const originSecret = new OriginSecret(this, 'OriginSecret');

    const table = (this.table = new HeraldTable(this, 'Data', { deletionProtection: config.deletionProtection }).table);
    const storage = new SiteStorage(this, 'Storage', { versioned: config.bucketVersioning });
    const bucket = (this.bucket = storage.bucket);

    const powertools = (service: string) => ({ POWERTOOLS_SERVICE_NAME: service, POWERTOOLS_METRICS_NAMESPACE: 'Herald' });
    const siteEnv = {
      TABLE_NAME: table.tableName,
      BUCKET_NAME: bucket.bucketName,
      SITE_URL: config.siteUrl,
      SITE_TITLE: config.siteTitle,
      SITE_DESCRIPTION: config.siteDescription,
      // The first configured language names the site and tag feeds, which mix languages.
      SITE_LANGUAGE: config.languages[0]!,
      FEED_PAGE_SIZE: String(config.feedPageSize),
      WEBSUB_HUBS: config.hubs.join(','),
    };

    this.admin = new HeraldFunction(this, 'Admin', {
      name: 'admin',
      description: 'Herald admin API (API Gateway HTTP API, payload 2.0)',
      environment: { ...siteEnv, ADMIN_TOKEN_PARAMETER: adminToken.parameterName, ...powertools('herald-admin') },
      memorySize: 512,
      timeout: Duration.seconds(10),
    });
    this.admin.grantTable(table, TABLE_ACTIONS.admin, [GSI1]);
    adminToken.grantRead(this.admin);

    this.authorizer = new HeraldFunction(this, 'Authorizer', {
      name: 'authorizer',
      description: 'Herald admin API Lambda authorizer (simple responses)',
      // Only what loadAuthConfig() reads: the authorizer knows nothing about the site.
      environment: {
        TABLE_NAME: table.tableName,
        ADMIN_TOKEN_PARAMETER: adminToken.parameterName,
        ORIGIN_SECRET_PARAMETER: originSecret.parameterPath,
        ...powertools('herald-authorizer'),
      },
      memorySize: 256,
      timeout: Duration.seconds(5),
    });
    this.authorizer.grantTable(table, TABLE_ACTIONS.authorizer);
    adminToken.grantRead(this.authorizer);
    originSecret.grantRead(this.authorizer);

    const publisher = (this.publisher = new HeraldFunction(this, 'Publisher', {
      name: 'publisher',
      description: 'Herald publisher: table stream to feeds in S3',
      environment: { ...siteEnv, ...powertools('herald-publisher') },
      memorySize: 1024,
      timeout: Duration.minutes(2),
    }));
    publisher.grantTable(table, TABLE_ACTIONS.publisher, [GSI1]);
    publisher.allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], PUBLISHED_KEYS.map((k) => bucket.arnForObjects(k)));
    // Without ListBucket a HeadObject on a missing key answers 403 instead of 404.
    publisher.allow(['s3:ListBucket'], [bucket.bucketArn]);
    const bucketArn = `<${this.getLogicalId(bucket.node.defaultChild as CfnBucket)}.Arn>`;
    for (const [key, why] of Object.entries(WILDCARD_REASONS)) publisher.acknowledgeWildcardResource(`${bucketArn}/${key}`, why);
    publisher.acknowledgeWildcardResource(
      '*',
      'dynamodb:ListStreams (granted by DynamoEventSource for the stream poller) supports no resource-level permissions.',
    );

    // The nightly reconciliation: a full rebuild whose writes are drift. It is
    // also the redrive after the dead-letter queue fills (README), so it may
    // do exactly what the publisher may and no more.
    const reconciler = (this.reconciler = new HeraldFunction(this, 'Reconciler', {
      name: 'reconciler',
      description: 'Herald nightly full rebuild: re-renders every feed and reports drift',
      environment: { ...siteEnv, ...powertools('herald-reconciler') },
      memorySize: 1024,
      timeout: Duration.minutes(10),
    }));
    reconciler.grantTable(table, TABLE_ACTIONS.publisher, [GSI1]);
    reconciler.allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], PUBLISHED_KEYS.map((k) => bucket.arnForObjects(k)));
    reconciler.allow(['s3:ListBucket'], [bucket.bucketArn]);
    for (const [key, why] of Object.entries(WILDCARD_REASONS)) reconciler.acknowledgeWildcardResource(`${bucketArn}/${key}`, why);
    this.nightly = new Rule(this, 'NightlyRebuild', {
      description: 'Runs the Herald full rebuild every night at 03:00 UTC and reports drift',
      schedule: Schedule.cron({ minute: '0', hour: '3' }),
      targets: [new LambdaFunction(reconciler.fn, { retryAttempts: 2 })],
    });

    const scheduler = (this.scheduler = new HeraldFunction(this, 'Scheduler', {
      name: 'scheduler',
      description: 'Herald due-item job: publishes scheduled announcements whose time has come',
      environment: { ...siteEnv, ...powertools('herald-scheduler') },
      memorySize: 512,
      timeout: Duration.seconds(50),
    }));
    scheduler.grantTable(table, TABLE_ACTIONS.scheduler, [GSI1]);
    // Every minute; a missed run is harmless (the next one finds the same due items), so no retries.
    this.dueItems = new Rule(this, 'DueItems', {
      description: 'Runs the Herald due-item job every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(scheduler.fn, { retryAttempts: 0 })],
    });

    this.trigger = new PublishTrigger(this, 'PublishTrigger', { table, publisher: publisher.fn });
    this.api = new AdminApi(this, 'AdminApi', {
      handler: this.admin.fn,
      authorizer: this.authorizer.fn,
      adminOrigins: config.adminOrigins,
    });
    this.site = new SiteDistribution(this, 'Site', {
      bucket,
      logsBucket: storage.logsBucket,
      apiEndpoint: this.api.api.apiEndpoint,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
      originSecret: originSecret.headerValue(),
      webAclArn: config.webAclArn,
    });
    new HeraldAlarms(this, 'Alarms', {
      functions: {
        Admin: this.admin.fn,
        Authorizer: this.authorizer.fn,
        Publisher: publisher.fn,
        Scheduler: scheduler.fn,
        Reconciler: reconciler.fn,
      },
      publisher: publisher.fn,
      deadLetterQueue: this.trigger.deadLetterQueue,
      alarmTopicArn: config.alarmTopicArn,
    });

    const out = (id: string, value: string, description: string) => new CfnOutput(this, id, { value, description });
    out('DistributionDomainName', this.site.distribution.distributionDomainName, 'Public site: https://<this>/ (feeds, /api/*)');
    out('ApiEndpoint', this.api.api.apiEndpoint, 'The HTTP API endpoint (prefer the distribution)');
    out('BucketName', bucket.bucketName, 'The private bucket holding every published object');
    out('TableName', table.tableName, 'The DynamoDB table');
    out('DeadLetterQueueUrl', this.trigger.deadLetterQueue.queueUrl, 'Stream records the publisher gave up on');
    out('ReconcilerFunctionName', reconciler.fn.functionName, 'Invoke to rebuild every feed now (the redrive after DLQ messages)');
  }
}
