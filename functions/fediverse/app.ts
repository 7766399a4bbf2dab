import type { APIGatewayProxyEventV2, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { HeraldFederation } from '../../shared/fediverse/federation';
import { isAnnouncementMessage, type AnnouncementMessage } from '../../shared/fediverse/events';
import type { Outcome } from '../../shared/fediverse/outgoing';
import { json, type HttpResult } from '../../shared/http/responses';
import type { HeraldLogger } from '../../shared/logger';

/** The largest activity the inbox reads; Mastodon's own limit is about 1 MB, posts are far smaller. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/** One queue message's time limit: half the function's 30 s timeout, so the batch always reports. */
export const RECORD_TIMEOUT_MS = 15_000;

const TEXT = /^(application\/(.+\+)?json|text\/|application\/(xrd\+)?xml)/;

/**
 * The HTTP side: an API Gateway v2 event as a fetch Request on the public
 * origin (SITE_URL: CloudFront's host, not the API's), handed to Fedify, and
 * its Response back. A browser asking for the actor gets the home page; an
 * oversized body is refused before Fedify parses it.
 */
export function makeFediverseHttpApp(deps: { federation: HeraldFederation; siteUrl: string; logger: HeraldLogger }) {
  return async function handle(event: APIGatewayProxyEventV2): Promise<HttpResult> {
    const body = event.body === undefined ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    if (body && body.length > MAX_ACTIVITY_BYTES) {
      return json(413, { error: 'payload_too_large', message: `an activity is at most ${MAX_ACTIVITY_BYTES} bytes`, details: [{ path: 'body', message: 'too large' }] });
    }
    const url = `${deps.siteUrl}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
    const method = event.requestContext.http.method;
    // Senders sign the host they addressed (SITE_URL's); CloudFront hands the API its own host instead.
    const headers = { ...(event.headers as Record<string, string>), host: new URL(deps.siteUrl).host };
    const request = new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
    const response = await deps.federation.fetch(request, {
      contextData: undefined,
      onNotFound: () => new Response(JSON.stringify({ error: 'not_found', message: 'no such ActivityPub resource' }), { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' } }),
      // A person following a link to the actor or a note lands on the site.
      onNotAcceptable: () => new Response(null, { status: 302, headers: { location: `${deps.siteUrl}/`, vary: 'Accept' } }),
    });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => (out[name] = value));
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = TEXT.test(out['content-type'] ?? 'text/plain');
    if (response.status >= 500) deps.logger.error('fediverse request failed', { path: event.rawPath, status: response.status });
    return { statusCode: response.status, headers: out, body: text ? bytes.toString('utf8') : bytes.toString('base64'), isBase64Encoded: !text };
  };
}

/**
 * The delivery queue's consumer: Herald's announcement messages become
 * activities (deliverAnnouncement), Fedify's own tasks (fan-out, one delivery
 * per inbox, its retries) go to `processQueuedTask`, each inbox's outcome recorded. A failed record is
 * reported alone, so one bad message never holds the others back.
 */
export function makeFediverseQueueApp(deps: {
  federation: HeraldFederation;
  deliver: (m: AnnouncementMessage) => Promise<Outcome>;
  logger: HeraldLogger;
  /** Runs a Fedify task and records its inbox's outcome (delivery-outcomes.ts `trackedTask`); absent, the task just runs. */
  track?: (message: unknown, run: () => Promise<void>) => Promise<void>;
  /** How long one message may take; Fedify's fetch has no timeout, and an inbox that hangs must not hold the batch. */
  recordTimeoutMs?: number;
}) {
  const limit = deps.recordTimeoutMs ?? RECORD_TIMEOUT_MS;
  const track = deps.track ?? ((_: unknown, run: () => Promise<void>) => run());
  return async function handle(event: SQSEvent): Promise<SQSBatchResponse> {
    const failures: { itemIdentifier: string }[] = [];
    await Promise.all(
      event.Records.map(async (record) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${limit} ms`)), limit);
        });
        try {
          const body: unknown = JSON.parse(record.body);
          const work = isAnnouncementMessage(body)
            ? deps.deliver(body).then((outcome) => deps.logger.info('fediverse announcement message', { id: body.id, activity: body.activity, version: body.version, outcome }))
            : track(body, () => deps.federation.processQueuedTask(undefined, body as Parameters<HeraldFederation['processQueuedTask']>[1]));
          // A message that hangs is reported failed alone: SQS shows it again after the visibility timeout, up to maxReceiveCount.
          await Promise.race([work, timeout]);
        } catch (err) {
          deps.logger.warn('fediverse queue message failed', { messageId: record.messageId, error: err instanceof Error ? err.message : String(err) });
          failures.push({ itemIdentifier: record.messageId });
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return { batchItemFailures: failures };
  };
}
