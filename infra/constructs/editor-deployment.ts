import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { ASSET_CACHE, buildEditorSync, SHELL_CACHE } from '../../web/build';
import { stagedFiles } from './staged-files';

/** The bucket prefix the editor is deployed under; CloudFront serves it at /admin/*. */
export const EDITOR_PREFIX = 'admin/';

/**
 * The editor's files in the bucket under admin/: built with esbuild at synth
 * (no Docker), deployed in two steps so each gets its Cache-Control: the
 * hashed assets (immutable) first, then index.html (no-store), which names
 * them. Each deployment prunes only its own files (the other's are excluded).
 */
export class EditorDeployment extends Construct {
  readonly assets: BucketDeployment;
  readonly shell: BucketDeployment;

  constructor(scope: Construct, id: string, props: { bucket: IBucket }) {
    super(scope, id);
    const dir = stagedFiles('herald-editor-', buildEditorSync());
    const common = { destinationBucket: props.bucket, destinationKeyPrefix: EDITOR_PREFIX, memoryLimit: 256 };
    this.assets = new BucketDeployment(this, 'Assets', {
      ...common,
      sources: [Source.asset(dir, { exclude: ['index.html'] })],
      exclude: ['index.html'],
      cacheControl: [CacheControl.fromString(ASSET_CACHE)],
    });
    this.shell = new BucketDeployment(this, 'Shell', {
      ...common,
      sources: [Source.asset(dir, { exclude: ['*', '!index.html'] })],
      exclude: ['*'],
      include: ['index.html'],
      cacheControl: [CacheControl.fromString(SHELL_CACHE)],
      contentType: 'text/html; charset=utf-8',
    });
    this.shell.node.addDependency(this.assets);
    this.acknowledgeFindings(props.bucket);
  }

  /** cdk-nag findings on the deployments' own Lambda (a CDK-provided singleton at stack level), each with its reason. */
  private acknowledgeFindings(bucket: IBucket): void {
    const stack = Stack.of(this);
    const bucketId = stack.getLogicalId(bucket.node.defaultChild as CfnElement);
    const wildcards: [string, string][] = [
      ['Action::s3:GetObject*', 'read the CDK asset zip'],
      ['Action::s3:GetBucket*', 'read the buckets it syncs'],
      ['Action::s3:List*', 'list admin/ to prune files of earlier builds'],
      ['Action::s3:DeleteObject*', 'prune files of earlier builds under admin/'],
      ['Action::s3:Abort*', 'abort its own failed multipart uploads'],
      [`Resource::<${bucketId}.Arn>/*`, 'write the built editor; its destination prefix is admin/'],
      ['Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*', 'read the asset CDK uploaded'],
    ];
    for (const child of stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      const ack = (id: string, reason: string) => Validations.of(child).acknowledge({ id, reason });
      ack(
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "The CDK BucketDeployment Lambda (copies the built editor into admin/ at deploy time) logs with the AWS-managed basic execution role; it runs only during deployment.",
      );
      ack('AwsSolutions-L1', "The BucketDeployment Lambda's runtime is chosen by aws-cdk-lib (its bundled AWS CLI layer), not by Herald; it runs only during deployment.");
      for (const [finding, why] of wildcards) {
        ack(`AwsSolutions-IAM5[${finding}]`, `aws-cdk-lib's BucketDeployment Lambda generates this grant to ${why}; it runs only during deployment.`);
      }
    }
  }
}
