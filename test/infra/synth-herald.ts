import { readFileSync } from 'node:fs';
import type { App, CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { App as CdkApp } from 'aws-cdk-lib';
import { loadHeraldConfig } from '../../infra/config';
import type { FunctionDeclaration } from '../../infra/function-declaration';
import { createHeraldApp } from '../../infra/herald-app';
import { HeraldStack } from '../../infra/herald-stack';

/** cdk.json's context (feature flags and `herald`), so tests synthesize what `cdk synth` does. */
const cdkContext = (JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> })
  .context;

/** A synthesized Herald: the app, its stack and the stack's template. */
export interface SynthesizedHerald {
  readonly app: App;
  readonly stack: HeraldStack;
  readonly template: Template;
}

/** How a test synthesizes: CloudFormation's own template validation costs seconds, so it is opt-in. */
export interface SynthOptions {
  readonly cfnValidation?: boolean;
}

/** Builds Herald as `cdk synth` would (cdk.json context, cdk-nag on) but without bundling any asset. */
export function buildHerald(herald: Record<string, unknown> = {}, options: SynthOptions = {}): Omit<SynthesizedHerald, 'template'> {
  const base = cdkContext.herald as Record<string, unknown>;
  return createHeraldApp({
    context: { ...cdkContext, herald: { ...base, ...herald }, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: options.cfnValidation ?? false,
  });
}

/** Builds and synthesizes Herald; synthesis throws if a validation plugin reports an error. */
export function synthHerald(herald: Record<string, unknown> = {}, options: SynthOptions = {}): SynthesizedHerald {
  const built = buildHerald(herald, options);
  return { ...built, template: Template.fromStack(built.stack) };
}

/** Synthesizes Herald from other function declarations (e.g. a test-only one), as createHeraldApp would. */
export function synthWithFunctions(functions: readonly FunctionDeclaration[]): SynthesizedHerald {
  const app = new CdkApp({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
  const stack = new HeraldStack(app, 'Herald', { config: loadHeraldConfig(app.node), functions });
  return { app, stack, template: Template.fromStack(stack) };
}

/** The logical id of a construct's CloudFormation resource, to find it in the template. */
export function logicalId(construct: IConstruct): string {
  const cfn = (construct.node.defaultChild ?? construct) as CfnResource;
  return cfn.stack.resolve(cfn.logicalId) as string;
}

/** A policy statement with its lists sorted, so statements compare regardless of order. */
export interface Statement {
  Effect: string;
  Action: string[];
  Resource: unknown[];
  [key: string]: unknown;
}

const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** The Allow statement a role's policy should hold, in the shape `normalize` gives. */
export const allow = (actions: string[], resources: unknown[], condition?: unknown) => ({
  Effect: 'Allow',
  Action: actions,
  Resource: resources,
  ...(condition ? { Condition: condition } : {}),
});

/** Normalizes statements: Action and Resource always sorted lists, statements sorted. */
export function normalize(statements: Record<string, unknown>[]): Statement[] {
  return statements
    .map((s) => ({
      ...s,
      Action: asList(s.Action as string | string[]).sort(),
      Resource: asList(s.Resource).sort(byJson),
    }))
    .sort(byJson) as Statement[];
}

/** Every statement of the inline policies attached to `role` (a construct with a CfnRole). */
export function roleStatements(template: Template, role: IConstruct): Statement[] {
  const roleId = logicalId(role);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: unknown[]; PolicyDocument: { Statement: Record<string, unknown>[] } };
  }[];
  const mine = policies.filter((p) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`));
  return normalize(mine.flatMap((p) => p.Properties.PolicyDocument.Statement));
}

/** cdk-nag AWS Solutions findings that nothing acknowledged, as `severity rule at path` lines. */
export function unacknowledgedNagFindings(app: App): string[] {
  const report = new AwsSolutionsChecks().validateScope(app);
  return report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.severity ?? 'error'} ${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}`),
  );
}

/**
 * Resources of the CDK BucketDeployment handler that copies the built editor
 * into admin/ at deploy time: aws-cdk-lib's own singleton Lambda, role and
 * policy (wildcard s3 actions, the managed basic execution role, no reserved
 * concurrency), not a Herald function. Its cdk-nag findings are acknowledged
 * in infra/constructs/editor-deployment.ts; the house rules on Herald's own
 * functions and roles skip it by this test.
 */
export const isEditorDeployment = (logicalId: string) => logicalId.startsWith('CustomCDKBucketDeployment');
