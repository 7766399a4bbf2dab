import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { TABLE_DEFINITION } from '../../shared/table-definition';

/**
 * Creates the table when missing, with the key schema, index, stream and TTL
 * attribute of shared/table-definition.ts, which the CDK construct builds from too.
 * Returns the table's stream ARN.
 */
export async function ensureTable(dynamo: DynamoDBClient, table: string): Promise<string> {
  try {
    const found = await dynamo.send(new DescribeTableCommand({ TableName: table }));
    return found.Table?.LatestStreamArn ?? '';
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  const def = TABLE_DEFINITION;
  const key = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  const schema = (hash: string, range: string) => [
    { AttributeName: hash, KeyType: 'HASH' as const },
    { AttributeName: range, KeyType: 'RANGE' as const },
  ];
  const indexKeys = def.indexes.flatMap((i) => [i.partitionKey, i.sortKey]);
  await dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [def.partitionKey, def.sortKey, ...indexKeys].map(key),
      KeySchema: schema(def.partitionKey, def.sortKey),
      GlobalSecondaryIndexes: def.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: schema(i.partitionKey, i.sortKey),
        Projection: { ProjectionType: i.projection },
      })),
      StreamSpecification: { StreamEnabled: true, StreamViewType: def.streamView },
    }),
  );
  await waitUntilTableExists({ client: dynamo, maxWaitTime: 60 }, { TableName: table });
  await dynamo.send(
    new UpdateTimeToLiveCommand({
      TableName: table,
      TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
    }),
  );
  const created = await dynamo.send(new DescribeTableCommand({ TableName: table }));
  return created.Table?.LatestStreamArn ?? '';
}

/**
 * Creates the bucket unless it is there. A failed HeadBucket is not proof of
 * absence (s3rver answers it with a full listing, which one unreadable object
 * fails), so "already exists" from the create counts as success.
 */
export async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch {
    // fall through to the create, which says for sure
  }
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (err) {
    const name = (err as Error).name;
    if (name !== 'BucketAlreadyExists' && name !== 'BucketAlreadyOwnedByYou') throw err;
  }
}

/**
 * Lets pages at `origins` (the site, where the editor lives) POST presigned
 * uploads straight to the emulator's bucket, as the cloud bucket's CORS rule
 * does. Written at every start, since SITE_URL may have changed.
 */
export async function ensureUploadCors(s3: S3Client, bucket: string, origins: readonly string[]): Promise<void> {
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: { CORSRules: [{ AllowedMethods: ['POST'], AllowedOrigins: [...origins], AllowedHeaders: ['*'], MaxAgeSeconds: 3600 }] },
    }),
  );
}
