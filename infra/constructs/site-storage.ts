import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Props of the site storage. */
export interface SiteStorageProps {
  readonly versioned: boolean;
  /** Origins whose pages may POST uploads straight to the bucket (the editor at SITE_URL/admin/). */
  readonly uploadOrigins: readonly string[];
}

/** Uploads never completed are removed after a day (the media items' TTL is a day too). */
export const UPLOADS_EXPIRE_DAYS = 1;

/**
 * The private bucket every public byte is served from (through CloudFront only), and the
 * bucket that receives its S3 server access logs and CloudFront's standard logs.
 */
export class SiteStorage extends Construct {
  readonly bucket: Bucket;
  readonly logsBucket: Bucket;

  constructor(scope: Construct, id: string, props: SiteStorageProps) {
    super(scope, id);
    this.logsBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with an ACL grant, so ACLs must stay enabled here.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket is the access-log destination itself; logging it into itself would loop.',
    });

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: props.versioned,
      lifecycleRules: [
        ...(props.versioned ? [{ noncurrentVersionExpiration: Duration.days(30) }] : []),
        { id: 'ExpireUploads', prefix: 'uploads/', expiration: Duration.days(UPLOADS_EXPIRE_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      // Presigned POST uploads from the editor's origin; the policy, not CORS, is what limits them.
      cors: [{ allowedMethods: [HttpMethods.POST], allowedOrigins: [...props.uploadOrigins], allowedHeaders: ['*'], maxAge: 3600 }],
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: 's3/site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Uploads are unchecked bytes until `complete`: CloudFront never serves them.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.DENY,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.bucket.arnForObjects('uploads/*')],
      }),
    );
  }
}
