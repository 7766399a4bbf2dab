import { beforeAll, describe, expect, it } from '@jest/globals';
import { allow, isEditorDeployment, normalize, roleStatements, synthHerald, type Statement, type SynthesizedHerald } from './synth-herald';

let herald: SynthesizedHerald;
let ref: (value: string) => unknown;
beforeAll(() => {
  herald = synthHerald();
  ref = (value) => herald.stack.resolve(value) as unknown;
});

const onlyKeys = (...patterns: string[]) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': patterns } });
const logs = (name: 'admin' | 'identity' | 'authorizer' | 'publisher' | 'scheduler' | 'reconciler') =>
  allow(['logs:CreateLogStream', 'logs:PutLogEvents'], [ref(herald.stack[name].logGroup.logGroupArn)]);
const gsi1 = () => ref(`${herald.stack.table.tableArn}/index/gsi1`);
const published = () => ['feeds/*', 'news/*', 'index.html'].map((k) => ref(herald.stack.bucket.arnForObjects(k)));
/** The bootstrap token hash's SSM parameter: GetParameter on it, kms:Decrypt only through SSM for it (test/infra/edge.test.ts). */
const readsAdminTokenHash = () => {
  const parameter = ref(herald.stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'herald/admin-token-sha256' }));
  const keys = ref(herald.stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' }));
  const viaSsm = ref(`ssm.${herald.stack.region}.${herald.stack.urlSuffix}`);
  return [
    allow(['ssm:GetParameter'], [parameter]),
    { ...allow(['kms:Decrypt'], [keys]), Condition: { StringEquals: { 'kms:ViaService': viaSsm, 'kms:EncryptionContext:PARAMETER_ARN': parameter } } },
  ];
};

describe('function permissions', () => {
  it('let the reconciler read announcements (and list them on gsi1), feed entries and the registry, write the feed entries, the registry, the file hash records and the published keys, and nothing else', () => {
    const { table, bucket } = herald.stack;

    expect(roleStatements(herald.template, herald.stack.reconciler.role)).toEqual(
      normalize([
        logs('reconciler'),
        allow(
          ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
          [ref(table.tableArn)],
          onlyKeys('ANN#*', 'FEED#*', 'META#*', 'FILE#*'),
        ),
        // Its rebuild re-derives the feed entries from every announcement (gsi1 'ANN').
        allow(['dynamodb:Query'], [gsi1()], onlyKeys('ANN')),
        allow(['dynamodb:TransactWriteItems', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], [ref(table.tableArn)], onlyKeys('FEED#*')),
        allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], published()),
        allow(['s3:ListBucket'], [ref(bucket.bucketArn)]),
      ]),
    );
  });

  it('let the admin function write items and query the table and gsi1, and nothing in S3', () => {
    const table = ref(herald.stack.table.tableArn);

    expect(roleStatements(herald.template, herald.stack.admin.role)).toEqual(
      normalize([
        logs('admin'),
        allow(
          ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:TransactWriteItems'],
          [table],
        ),
        allow(['dynamodb:Query'], [gsi1()]),
        // No SSM: the authorizer checks the bootstrap token before a request reaches the function.
      ]),
    );
  });

  it('let the authorizer only get (and touch, for the idle refresh) token and session items, and read the token hash and the origin secret', () => {
    const secret = herald.stack.node.findChild('OriginSecret').node.findChild('Secret') as unknown as { secretArn: string };
    const [getParameter, decrypt] = readsAdminTokenHash();
    const originPath = ref(herald.stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'aws/reference/secretsmanager/Herald/origin-verify' }));

    expect(roleStatements(herald.template, herald.stack.authorizer.role)).toEqual(
      normalize([
        logs('authorizer'),
        allow(['dynamodb:GetItem', 'dynamodb:UpdateItem'], [ref(herald.stack.table.tableArn)], onlyKeys('TOKEN#*', 'SESSION#*')),
        allow(['ssm:GetParameter'], [...getParameter!.Resource, originPath]),
        decrypt!,
        allow(['secretsmanager:GetSecretValue'], [ref(secret.secretArn)]),
      ]),
    );
  });

  it('let the identity function touch identity items only (plus token reads for /api/auth/me), query gsi1 USER and INVITE, no announcement, no bucket', () => {
    const [getParameter, decrypt] = readsAdminTokenHash();
    expect(roleStatements(herald.template, herald.stack.identity.role)).toEqual(
      normalize([
        logs('identity'),
        allow(
          ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:TransactWriteItems'],
          [ref(herald.stack.table.tableArn)],
          onlyKeys('USER#*', 'PASSKEY#*', 'INVITE#*', 'CHALLENGE#*', 'SESSION#*', 'TOKEN#*'),
        ),
        allow(['dynamodb:Query'], [gsi1()], onlyKeys('USER', 'INVITE')),
        getParameter!,
        decrypt!,
      ]),
    );
  });

  it('let the publisher read what it renders, record rebuild reports and file hashes, read the stream, and write only the published keys', () => {
    const { table, bucket, trigger, queues } = herald.stack;

    expect(roleStatements(herald.template, herald.stack.publisher.role)).toEqual(
      normalize([
        logs('publisher'),
        allow(
          ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'],
          [ref(table.tableArn)],
          onlyKeys('ANN#*', 'FEED#*', 'META#*', 'FILE#*', 'REBUILD#*', 'PUBREC#*'),
        ),
        // A rebuild lists every announcement (gsi1 'ANN') to re-derive the feed entries.
        allow(['dynamodb:Query'], [gsi1()], onlyKeys('ANN')),
        // The feed entries it keeps from the stream, and nothing else.
        allow(['dynamodb:TransactWriteItems', 'dynamodb:PutItem', 'dynamodb:DeleteItem'], [ref(table.tableArn)], onlyKeys('FEED#*')),
        // Those transactions check the announcement is still the version they project, with no read first.
        allow(['dynamodb:ConditionCheckItem'], [ref(table.tableArn)], onlyKeys('ANN#*')),
        allow(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], published()),
        allow(['s3:ListBucket'], [ref(bucket.bucketArn)]),
        allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], [ref(table.tableStreamArn!)]),
        // ListStreams has no resource-level permissions; acknowledged for cdk-nag with that reason.
        allow(['dynamodb:ListStreams'], ['*']),
        // The deferred-render queue it consumes (imports' renders, apart from the shard).
        allow(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'], [ref(queues['deferred-renders']!.queue.queueArn)]),
        // Its dead-letter queue, the fediverse and webhooks queues: a publish, edit or retraction is one message for each;
        // and the deferred-render queue, a message to itself after an import's batch is recorded.
        allow(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], [ref(queues['deferred-renders']!.queue.queueArn), ref(queues.fediverse!.queue.queueArn), ref(queues.webhooks!.queue.queueArn), ref(trigger.deadLetterQueue.queueArn)]),
      ]),
    );
  });

  it('let the scheduler query the DUE partition of gsi1 and publish announcements in a transaction, and no feed entries, nothing in S3', () => {
    const table = ref(herald.stack.table.tableArn);

    expect(roleStatements(herald.template, herald.stack.scheduler.role)).toEqual(
      normalize([
        logs('scheduler'),
        allow(
          ['dynamodb:GetItem', 'dynamodb:TransactWriteItems', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
          [table],
          onlyKeys('ANN#*'),
        ),
        allow(['dynamodb:Query'], [gsi1()], onlyKeys('DUE')),
      ]),
    );
  });

  it('attach no managed policy to any role', () => {
    for (const [id, role] of Object.entries(herald.template.findResources('AWS::IAM::Role'))) {
      if (isEditorDeployment(id)) continue;
      expect(role.Properties).not.toHaveProperty('ManagedPolicyArns');
    }
  });
});

describe('wildcards', () => {
  it('never appear in an allowed action of any IAM, bucket or queue policy', () => {
    const documents = ['AWS::IAM::Policy', 'AWS::S3::BucketPolicy', 'AWS::SQS::QueuePolicy'].flatMap((type) =>
      Object.entries(herald.template.findResources(type))
        .filter(([id]) => !isEditorDeployment(id))
        .map(([, r]) => r.Properties.PolicyDocument as { Statement: Statement[] }),
    );
    const allowed = documents.flatMap((d) => normalize(d.Statement)).filter((s) => s.Effect === 'Allow');

    expect(allowed.length).toBeGreaterThan(8);
    expect(allowed.flatMap((s) => s.Action).filter((a) => a.includes('*'))).toEqual([]);
  });
});

describe('the site bucket policy', () => {
  it('allows only the CloudFront distribution, by its ARN, to read and list', () => {
    const { bucket, site } = herald.stack;
    const policy = Object.values(herald.template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify(ref(bucket.bucketName)),
    );
    const statements = normalize(policy?.Properties.PolicyDocument.Statement ?? []);
    const distributionArn = ref(
      herald.stack.formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: site.distribution.distributionId }),
    );

    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual(
      normalize([
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: [ref(bucket.bucketArn), ref(bucket.arnForObjects('*'))],
          Condition: { StringEquals: { 'AWS:SourceArn': distributionArn } },
        },
      ]),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });
});
