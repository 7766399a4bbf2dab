import { App, Validations } from 'aws-cdk-lib';
import type { AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadHeraldConfig } from './config';
import { HeraldStack } from './herald-stack';

/** The app and its one stack, returned together so tests can assert on the same objects. */
export interface HeraldApp {
  readonly app: App;
  readonly stack: HeraldStack;
}

/**
 * Builds the Herald app from its context (cdk.json, `-c`, or test props) and registers
 * cdk-nag's AWS Solutions pack, so every synth fails on an unacknowledged finding.
 */
export function createHeraldApp(props: AppProps = {}): HeraldApp {
  const app = new App(props);
  const config = loadHeraldConfig(app.node);
  const stack = new HeraldStack(app, 'Herald', {
    config,
    description: 'Herald: announcements in, RSS, Atom and JSON Feed out',
    ...(config.env ? { env: config.env } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}
