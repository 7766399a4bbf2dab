import { Validations } from 'aws-cdk-lib';
import { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { HeraldFunction } from './herald-function';

/**
 * The ActivityPub actor's key pairs: a Secrets Manager secret created empty
 * (no generated value), filled once by the first fediverse cold start that
 * wins the table lock (shared/adapters/secret-key-pairs.ts), then only read.
 */
export class KeySecret extends Construct {
  readonly secret: CfnSecret;

  constructor(scope: Construct, id: string, props: { description: string }) {
    super(scope, id);
    this.secret = new CfnSecret(this, 'Secret', { description: props.description });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: "An actor's key is fetched and cached by every follower's server; rotating it silently would make them reject Herald's signatures. Rotation is a deliberate, announced key change (README), not a schedule.",
    });
  }

  /** The secret's ARN (CloudFormation Ref of AWS::SecretsManager::Secret). */
  get arn(): string {
    return this.secret.ref;
  }

  /** Read, and fill once: nothing else (no delete, no rotation, no policy changes). */
  grantReadAndFill(fn: HeraldFunction): void {
    fn.allow(['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'], [this.arn]);
  }
}
