import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITION } from '../../shared/table-definition';
import { synthHerald } from '../infra/synth-herald';
import { startEmulators, type Emulators } from '../support/emulators';

/**
 * shared/table-definition.ts is the one description of the table: the table the
 * local runtime provisions in DynamoDB Local and the one the stack synthesizes
 * must both be exactly it.
 */
let emu: Emulators;
beforeAll(async () => {
  emu = await startEmulators();
});
afterAll(() => emu.stop());

type KeySchema = { AttributeName?: string; KeyType?: string }[];
type Shape = { keys: KeySchema; indexes: { name?: string; keys: KeySchema; projection?: string }[]; stream?: string; ttl?: string };

const def = TABLE_DEFINITION;
const expected: Shape = {
  keys: [
    { AttributeName: def.partitionKey, KeyType: 'HASH' },
    { AttributeName: def.sortKey, KeyType: 'RANGE' },
  ],
  indexes: def.indexes.map((i) => ({
    name: i.name,
    keys: [
      { AttributeName: i.partitionKey, KeyType: 'HASH' },
      { AttributeName: i.sortKey, KeyType: 'RANGE' },
    ],
    projection: i.projection,
  })),
  stream: def.streamView,
  ttl: def.ttlAttribute,
};

describe('the one table definition', () => {
  it('is what local provisioning creates in DynamoDB Local', async () => {
    const { Table: t } = await emu.dynamo.send(new DescribeTableCommand({ TableName: emu.table }));
    const ttl = await emu.dynamo.send(new DescribeTimeToLiveCommand({ TableName: emu.table }));
    const local: Shape = {
      keys: t?.KeySchema ?? [],
      indexes: (t?.GlobalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName, keys: i.KeySchema ?? [], projection: i.Projection?.ProjectionType })),
      stream: t?.StreamSpecification?.StreamViewType,
      ttl: ttl.TimeToLiveDescription?.AttributeName,
    };

    expect(local).toEqual(expected);
  });

  it('is what the stack synthesizes', () => {
    const table = Object.values(synthHerald().template.findResources('AWS::DynamoDB::Table'))[0]?.Properties as {
      KeySchema: KeySchema;
      GlobalSecondaryIndexes: { IndexName: string; KeySchema: KeySchema; Projection: { ProjectionType: string } }[];
      StreamSpecification: { StreamViewType: string };
      TimeToLiveSpecification: { AttributeName: string };
    };
    const cloud: Shape = {
      keys: table.KeySchema,
      indexes: table.GlobalSecondaryIndexes.map((i) => ({ name: i.IndexName, keys: i.KeySchema, projection: i.Projection.ProjectionType })),
      stream: table.StreamSpecification.StreamViewType,
      ttl: table.TimeToLiveSpecification.AttributeName,
    };

    expect(cloud).toEqual(expected);
  });
});
