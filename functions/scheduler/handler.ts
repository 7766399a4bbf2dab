import { wireScheduler } from '../../shared/wiring/scheduler';
import { makeSchedulerApp } from './app';

/** Lambda entry for the due-item job, run every minute by an EventBridge schedule: wiring only. */
const run = makeSchedulerApp(wireScheduler());

export const handler = () => run(new Date());
