import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';

/**
 * Creates the table and bucket when missing, with the same key schema, index
 * stream and TTL attribute the CDK stack declares (infra/herald-stack.ts).
 */
export async function ensureTable(dynamo: DynamoDBClient, table: string): Promise<string> {
  try {
    const found = await dynamo.send(new DescribeTableCommand({ TableName: table }));
    return found.Table?.LatestStreamArn ?? '';
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  const key = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  await dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [key('pk'), key('sk'), key('gsi1pk'), key('gsi1sk')],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'gsi1',
          KeySchema: [
            { AttributeName: 'gsi1pk', KeyType: 'HASH' },
            { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  await waitUntilTableExists({ client: dynamo, maxWaitTime: 60 }, { TableName: table });
  // Idempotency records carry their expiry in `expiresAt` (epoch seconds).
  await dynamo.send(
    new UpdateTimeToLiveCommand({
      TableName: table,
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
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
