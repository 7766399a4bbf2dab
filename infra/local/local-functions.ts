import type { APIGatewayProxyEventV2, DynamoDBBatchResponse, DynamoDBStreamEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { makeAdminApp } from '../../functions/admin/app';
import { makeIdentityApp } from '../../functions/identity/app';
import { makeFediverseHttpApp, makeFediverseQueueApp } from '../../functions/fediverse/app';
import { makeWebhookHttpApp, makeWebhookQueueApp } from '../../functions/webhooks/app';
import { makeMediaApp } from '../../functions/media/app';
import { makeRedirectsApp } from '../../functions/redirects/app';
import { makePublisherApp } from '../../functions/publisher/app';
import { deferredQueueOf } from '../../functions/publisher/deferred-step';
import { makeReconcilerApp } from '../../functions/reconciler/app';
import { makeReviewFunction } from '../../functions/review/serve';
import { makeSchedulerApp } from '../../functions/scheduler/app';
import type { HeraldConfig } from '../../shared/config';
import type { HttpResult } from '../../shared/http/responses';
import type { RedirectEdge } from '../../shared/ports/redirect-store';
import { MemoryRedirectEdge } from '../../shared/redirects/memory-redirect-edge';
import { wireAdmin } from '../../shared/wiring/admin';
import { wireIdentity } from '../../shared/wiring/identity';
import { wireFediverse } from '../../shared/wiring/fediverse';
import { wireMedia } from '../../shared/wiring/media';
import { wireRedirects } from '../../shared/wiring/redirects';
import { wirePublisher } from '../../shared/wiring/publisher';
import { wireReview } from '../../shared/wiring/review';
import { wireScheduler } from '../../shared/wiring/scheduler';
import { wireWebhooks } from '../../shared/wiring/webhooks';
import type { FunctionName } from '../functions';

/** One function's handlers, one per kind of trigger it has, as the local runtime calls them. */
export type LocalHandlers = {
  http?: (event: APIGatewayProxyEventV2) => Promise<HttpResult>;
  stream?: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  schedule?: (now: Date) => Promise<unknown>;
  queue?: (event: SQSEvent) => Promise<SQSBatchResponse>;
};

/** What the local runtime offers a function besides configuration: sending to a declared queue. */
export type LocalContext = {
  send(queue: string, body: string, delaySeconds: number): Promise<void>;
  /** The redirects the local server answers with (its in-memory map), kept current by the redirects function. */
  redirects?: RedirectEdge;
  /** Awaited before each storage request of the publisher's deferred step: it yields to an editor's publish (editor-gate.ts). */
  beforeStep?: () => Promise<void>;
  /** Awaited before each storage request of the stream's import batches (projection and record): they yield too. */
  beforeImport?: () => Promise<void>;
};

/** Builds a function's handlers from the one local configuration. */
export type LocalFactory = (config: HeraldConfig, local?: LocalContext) => LocalHandlers;

/**
 * How the local runtime wires each declared function: the same wiring and app
 * as its Lambda handler, given the configuration directly instead of through
 * process.env. The compiler asks for an entry for every name in infra/functions.ts.
 */
export const LOCAL_FUNCTIONS = {
  admin: (config) => ({ http: makeAdminApp(wireAdmin(config)) }),
  review: (config) => ({ http: makeReviewFunction(wireReview(config)) }),
  // Locally the admin handler checks the token itself (it does in the cloud too), so
  // nothing calls the authorizer; the route table still records which routes need it.
  authorizer: () => ({}),
  media: (config) => ({ http: makeMediaApp(wireMedia(config)) }),
  identity: (config) => ({ http: makeIdentityApp(wireIdentity(config)) }),
  publisher: (config, local?: LocalContext) => {
    const wire = (c: HeraldConfig, beforeImport?: () => Promise<void>) => wirePublisher(c, local && { send: (queue, body, delay) => local.send(queue, body, delay), ...(beforeImport ? { beforeImport } : {}) });
    // The step gets clients of its own, as another Lambda instance would, with 8 connections each:
    // the emulators it shares with an editor's publish (one JVM, one s3rver) then hold at most
    // 8 of its requests ahead of the editor's, where DynamoDB and S3 in the cloud hold none;
    // and while an editor's change is published it sends nothing new (beforeStep).
    const step = wire({ ...config, clientSockets: 8, ...(local?.beforeStep ? { beforeRequest: local.beforeStep } : {}) });
    // The stream's import batches likewise send nothing new while an editor's change is published (beforeImport).
    return { stream: makePublisherApp({ ...wire(config, local?.beforeImport), clock: () => new Date() }), queue: deferredQueueOf(step) };
  },
  reconciler: (config) => {
    const reconcile = makeReconcilerApp(wirePublisher(config));
    return { schedule: () => reconcile() };
  },
  scheduler: (config) => ({ schedule: makeSchedulerApp(wireScheduler(config)) }),
  fediverse: (config, local?: LocalContext) => {
    if (!local) throw new Error('the fediverse function needs the local runtime\'s queues');
    const wired = wireFediverse(config, { send: (body, delay) => local.send('fediverse', body, delay) });
    return { http: makeFediverseHttpApp(wired), queue: makeFediverseQueueApp(wired) };
  },
  webhooks: (config, local?: LocalContext) => {
    if (!local) throw new Error('the webhooks function needs the local runtime\'s queues');
    const wired = wireWebhooks(config, { send: (body, delay) => local.send('webhooks', body, delay) });
    return { http: makeWebhookHttpApp(wired), queue: makeWebhookQueueApp(wired) };
  },
  // The local server's map stands in for the CloudFront KeyValueStore.
  redirects: (config, local?: LocalContext) => ({ http: makeRedirectsApp(wireRedirects(config, { edge: local?.redirects ?? new MemoryRedirectEdge() })) }),
} satisfies Record<FunctionName, LocalFactory>;
