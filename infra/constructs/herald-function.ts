import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Validations } from 'aws-cdk-lib';
import type { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, Code, Function as LambdaFunction, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FunctionBundling } from '../bundle/function-bundle';

export { LAMBDA_NPM_PLATFORM } from '../bundle/function-bundle';

/** The repository root: entries live in functions/, the lock file and tsconfig at the top. */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The one Node.js runtime every Herald function uses; the newest cdk-nag's L1 rule accepts. */
export const HERALD_RUNTIME = Runtime.NODEJS_24_X;

/** Props of a Herald function: what differs per function (infra/functions.ts declares them). */
export interface HeraldFunctionProps {
  readonly name: string;
  /** The module exporting `handler`, relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly reservedConcurrency: number;
  /** Installed beside the bundle for linux-arm64 (native packages such as sharp) rather than bundled. */
  readonly nodeModules?: readonly string[];
}

/** A table grant: actions, optionally limited to partition keys matching `leadingKeys` (IAM StringLike). */
export interface TableAccess {
  readonly actions: readonly string[];
  readonly leadingKeys?: readonly string[];
  /** Query on these indexes, optionally limited to index partition values. */
  readonly indexes?: readonly { readonly name: string; readonly leadingKeys?: readonly string[] }[];
}

/**
 * A Lambda function with the house defaults set once: Node 24 on arm64, ESM bundle with the
 * AWS SDK inside, split into an entry and chunks loaded on first use (infra/bundle/function-bundle.ts),
 * source maps, JSON logs into its own log group, and a role that starts empty so that every
 * permission is granted explicitly (no managed policies, no wildcards).
 */
export class HeraldFunction extends Construct {
  readonly fn: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HeraldFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Herald ${props.name} function: explicit grants only`,
    });
    this.fn = new LambdaFunction(this, 'Function', {
      code: Code.fromAsset(repoRoot, {
        // The hash of what is shipped (entry, chunks, installed modules): equal code, equal asset.
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          local: new FunctionBundling(props.entry, props.nodeModules),
          // Never pulled: local bundling succeeds or throws, Docker is never used.
          image: DockerImage.fromRegistry('none'),
        },
      }),
      handler: 'index.handler',
      description: props.description,
      runtime: HERALD_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrency,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
    });
    this.logGroup.grantWrite(this.role);
  }

  /**
   * Grants exactly `actions` on the table and Query on the named indexes. With
   * `leadingKeys`, a `dynamodb:LeadingKeys` condition limits every request (each
   * item of a transaction included) to partition keys matching those patterns.
   */
  grantTable(table: ITable, access: TableAccess): void {
    this.allow(access.actions, [table.tableArn], leadingKeysCondition(access.leadingKeys));
    for (const index of access.indexes ?? []) {
      this.allow(['dynamodb:Query'], [`${table.tableArn}/index/${index.name}`], leadingKeysCondition(index.leadingKeys));
    }
  }

  /** Adds one statement to the role; refuses wildcard actions so a slip cannot widen a grant. */
  allow(actions: readonly string[], resources: readonly string[], conditions?: Record<string, Record<string, unknown>>): void {
    const wild = actions.filter((a) => a.includes('*'));
    if (wild.length > 0) throw new Error(`${this.node.path}: wildcard IAM actions are not allowed: ${wild.join(', ')}`);
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...actions], resources: [...resources], ...(conditions ? { conditions } : {}) }));
  }

  /** Records, for cdk-nag's granular IAM5 finding, why this role needs a wildcard resource. */
  acknowledgeWildcardResource(resource: string, reason: string): void {
    Validations.of(this.role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
  }
}

/** ForAllValues: every partition key the request touches must match one of the patterns. */
function leadingKeysCondition(patterns: readonly string[] | undefined) {
  if (patterns === undefined) return undefined;
  if (patterns.length === 0) throw new Error('a LeadingKeys condition needs at least one pattern');
  return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...patterns] } };
}
