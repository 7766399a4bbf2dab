import { Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { HeraldFunction } from './herald-function';

/**
 * The SSM SecureString holding the sha256 (hex) of the bootstrap admin token. The
 * operator creates it (CloudFormation cannot create SecureStrings) and rotates it with
 * `aws ssm put-parameter --overwrite`; functions read it at cold start and every 5
 * minutes, so the hash is never a Lambda environment variable and a rotation needs no
 * deploy. This construct only names it and grants reading it.
 */
export class AdminTokenParameter extends Construct {
  readonly parameterName: string;
  readonly parameterArn: string;

  constructor(scope: Construct, id: string, props: { readonly parameterName: string }) {
    super(scope, id);
    this.parameterName = props.parameterName;
    this.parameterArn = Stack.of(this).formatArn({ service: 'ssm', resource: 'parameter', resourceName: props.parameterName.slice(1) });
  }

  /** ssm:GetParameter on this one parameter, and kms:Decrypt only through SSM and only for it. */
  grantRead(fn: HeraldFunction): void {
    fn.allow(['ssm:GetParameter'], [this.parameterArn]);
    grantDecryptThroughSsm(fn, this.parameterArn);
  }
}

/** The aws/ssm key's id is not known at synth, so the key is `*`, narrowed by service and parameter. */
export function grantDecryptThroughSsm(fn: HeraldFunction, parameterArn: string): void {
  const stack = Stack.of(fn);
  const keys = stack.formatArn({ service: 'kms', resource: 'key', resourceName: '*' });
  fn.role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [keys],
      conditions: {
        StringEquals: {
          'kms:ViaService': `ssm.${stack.region}.${stack.urlSuffix}`,
          'kms:EncryptionContext:PARAMETER_ARN': parameterArn,
        },
      },
    }),
  );
  Validations.of(fn.role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*]',
    reason: 'The aws/ssm key id is unknown at synth; kms:Decrypt is limited by kms:ViaService to SSM and by the encryption context to the one parameter.',
  });
}
