/** CDK entry point (cdk.json "app"): builds Herald and synthesizes it; a bad config exits 1 with the field named. */
import { HeraldConfigError } from './config';
import { createHeraldApp } from './herald-app';

try {
  createHeraldApp().app.synth();
} catch (e) {
  if (!(e instanceof HeraldConfigError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
