import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../../shared/table-definition';

/** Props of the table: only what differs between deployments. */
export interface HeraldTableProps {
  readonly deletionProtection: boolean;
}

const string = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The single table holding announcements, tokens and idempotency records, built from
 * shared/table-definition.ts (which local provisioning reads too). Its stream is the
 * publisher's trigger; the TTL attribute lets records age out.
 */
export class HeraldTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: HeraldTableProps) {
    super(scope, id);
    const def = TABLE_DEFINITION;
    this.table = new Table(this, 'Table', {
      partitionKey: string(def.partitionKey),
      sortKey: string(def.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      stream: StreamViewType[def.streamView],
      timeToLiveAttribute: def.ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of def.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: string(index.partitionKey),
        sortKey: string(index.sortKey),
        projectionType: ProjectionType[index.projection],
      });
    }
  }
}
