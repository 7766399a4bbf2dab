import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** The name of the one global secondary index; the runtime queries it by this name. */
export const GSI1 = 'gsi1';

/** Props of the table: only what differs between deployments. */
export interface HeraldTableProps {
  readonly deletionProtection: boolean;
}

/**
 * The single table holding announcements, tokens and idempotency records. Its stream
 * (old and new images) is the publisher's trigger; `expiresAt` lets records age out.
 */
export class HeraldTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: HeraldTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection,
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: 'expiresAt',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: GSI1,
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
    });
  }
}
