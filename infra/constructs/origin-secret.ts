import { Stack, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { HeraldFunction } from './herald-function';

/**
 * The secret CloudFront adds to every request it sends to the API origin (header
 * `x-herald-origin`, see functions/authorizer/app.ts). It lives in Secrets Manager,
 * generated at the first deploy; the authorizer reads it through SSM's
 * `/aws/reference/secretsmanager/` path at cold start. A request to the execute-api
 * endpoint that did not come through CloudFront (and its WAF) lacks it and is refused.
 */
export class OriginSecret extends Construct {
  readonly secret: Secret;
  /** The SSM path the authorizer reads (env ORIGIN_SECRET_PARAMETER). */
  readonly parameterPath: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = `${Stack.of(this).stackName}/origin-verify`;
    this.secret = new Secret(this, 'Secret', {
      secretName: name,
      description: 'Herald: the x-herald-origin header value CloudFront sends to the API origin',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    });
    this.parameterPath = `/aws/reference/secretsmanager/${name}`;
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'CloudFront sends the value as an origin header, so it changes only with a deploy: rotate by replacing the secret and redeploying (README).',
    });
  }

  /** The value for CloudFront's origin custom header (a CloudFormation dynamic reference). */
  headerValue(): string {
    return this.secret.secretValue.unsafeUnwrap();
  }

  /** What reading it through SSM's reference path needs: the parameter path and the secret. */
  grantRead(fn: HeraldFunction): void {
    const stack = Stack.of(this);
    fn.allow(['ssm:GetParameter'], [stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: this.parameterPath.slice(1) })]);
    fn.allow(['secretsmanager:GetSecretValue'], [this.secret.secretArn]);
  }
}
