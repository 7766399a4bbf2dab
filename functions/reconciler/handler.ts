import type { Context } from 'aws-lambda';
import { wirePublisher } from '../../shared/wiring/publisher';
import { makeReconcilerApp } from './app';

/**
 * Lambda entry for the nightly full rebuild, and the redrive command after
 * records reached the dead-letter queue (see README): wiring only.
 */
const wired = wirePublisher();
const reconcile = makeReconcilerApp(wired);

export const handler = (_event: unknown, context?: Context) => {
  if (context) wired.logger.addContext(context);
  return reconcile(context ? () => context.getRemainingTimeInMillis() : undefined);
};
