import { App, Validations } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadHeraldConfig } from './config';
import { HeraldEdgeStack } from './herald-edge-stack';
import { HeraldStack } from './herald-stack';

/** The app and its stacks, returned together so tests can assert on the same objects. */
export interface HeraldApp {
  readonly app: App;
  readonly stack: HeraldStack;
  /** us-east-1: the WAF web ACL whose ARN the main stack's `webAclArn` setting names. */
  readonly edge: HeraldEdgeStack;
}

/**
 * Builds the Herald app (the main stack, and HeraldEdge in us-east-1) from its context (cdk.json, `-c`, or test props) and registers
 * cdk-nag's AWS Solutions pack, so every synth fails on an unacknowledged finding.
 */
export function createHeraldApp(props: AppProps = {}): HeraldApp {
  const app = new App(props);
  const config = loadHeraldConfig(app.node);
  const edge = new HeraldEdgeStack(app, 'HeraldEdge', {
    description: 'Herald edge (us-east-1): the WAF web ACL with per-client rate limits for the distribution',
    env: { ...(config.env ? { account: config.env.account } : {}), region: 'us-east-1' },
  });
  const stack = new HeraldStack(app, 'Herald', {
    config,
    description: 'Herald: announcements in, RSS, Atom and JSON Feed out',
    ...(config.env ? { env: config.env } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack, edge };
}
