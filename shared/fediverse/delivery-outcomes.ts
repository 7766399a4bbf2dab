import { AsyncLocalStorage } from 'node:async_hooks';
import { SendActivityError, type MessageQueue } from '@fedify/fedify';
import { AP_PATHS } from './routes';

/** One shared inbox's state for one activity: queued, answered 2xx, or given up on. */
export type InboxState = 'pending' | 'reached' | 'failed';

/** What the consumer records per activity and inbox (announcement id and activity key from the activity id). */
export type InboxOutcome = { announcementId: string; activityKey: string; inbox: string; state: InboxState; attempts: number; status?: number; at: string };

/** A shared inbox's run of failures: when the first failure since its last success was, and how many. */
export type InboxFailures = { since: string; count: number };

/** Where the outcomes and the per-inbox failure runs are kept (DynamoDB; TTL like the sent log). */
export interface DeliveryOutcomeStore {
  put(o: InboxOutcome): Promise<void>;
  list(announcementId: string): Promise<InboxOutcome[]>;
  /** Adds one failure to the inbox's run (starting it at `at`) and returns the run. */
  failure(inbox: string, at: string): Promise<InboxFailures>;
  /** A 2xx ends the run. */
  success(inbox: string): Promise<void>;
}

/** When repeated failures mean a follower is gone for good: every delivery failed for this long and this often. */
export const GONE_AFTER = { days: 3, failures: 5 };

/** Whether an inbox's run of failures spans GONE_AFTER (pure; the clock is passed in). */
export function goneForGood(run: InboxFailures, now: Date): boolean {
  return run.count >= GONE_AFTER.failures && now.getTime() - Date.parse(run.since) >= GONE_AFTER.days * 86_400_000;
}

/**
 * The announcement and activity an activity id names: `{site}/ap/notes/{id}#create`,
 * `#update-v3`, `#delete-v3`, `#announce-fr`. Other activities (Accept) are not recorded.
 */
export function activityOf(activityId: string | undefined): { announcementId: string; activityKey: string } | undefined {
  if (!activityId) return undefined;
  const prefix = AP_PATHS.note.replace('{id}', '');
  const url = URL.canParse(activityId) ? new URL(activityId) : undefined;
  if (!url?.pathname.startsWith(prefix) || !url.hash) return undefined;
  return { announcementId: decodeURIComponent(url.pathname.slice(prefix.length)), activityKey: url.hash.slice(1) };
}

/** The errors Fedify's onOutboxError reports while one outbox message is processed. */
export const outboxErrors = new AsyncLocalStorage<unknown[]>();

/** Fedify's onOutboxError hook: hands the error to the message being processed. */
export const noteOutboxError = (error: unknown) => void outboxErrors.getStore()?.push(error);

type OutboxTask = { type: 'outbox'; activityId?: string; inbox: string; attempt: number };
const isOutbox = (m: unknown): m is OutboxTask => typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'outbox';

/**
 * Runs one Fedify task and records, for an outbox task, its inbox's state:
 * reached on 2xx (and the inbox's failure run ends); pending when Fedify will
 * retry; failed when it gives up (404/410, or the last attempt). A failure
 * adds to the inbox's run; a run that is `goneForGood` calls `drop`.
 */
export async function trackedTask(
  deps: { store: DeliveryOutcomeStore; maxAttempts: number; permanent?: readonly number[]; now?: () => Date; drop: (inbox: string) => Promise<void> },
  message: unknown,
  run: () => Promise<void>,
): Promise<void> {
  if (!isOutbox(message)) return run();
  const errors: unknown[] = [];
  await outboxErrors.run(errors, run);
  const at = (deps.now ?? (() => new Date()))();
  const error = errors.at(-1);
  const status = error instanceof SendActivityError ? error.statusCode : undefined;
  const named = activityOf(message.activityId);
  const gaveUp = error !== undefined && ((status !== undefined && (deps.permanent ?? [404, 410]).includes(status)) || message.attempt >= deps.maxAttempts);
  const state: InboxState = error === undefined ? 'reached' : gaveUp ? 'failed' : 'pending';
  if (named) await deps.store.put({ ...named, inbox: message.inbox, state, attempts: message.attempt + 1, ...(status !== undefined ? { status } : {}), at: at.toISOString() });
  if (error === undefined) return deps.store.success(message.inbox);
  const failures = await deps.store.failure(message.inbox, at.toISOString());
  if (goneForGood(failures, at)) await deps.drop(message.inbox);
}

/** Marks each freshly queued outbox task of an announcement pending (the queue's enqueue, wrapped). */
export async function recordQueued(store: DeliveryOutcomeStore, messages: readonly unknown[], now: Date): Promise<void> {
  for (const m of messages) {
    const named = isOutbox(m) && m.attempt === 0 ? activityOf(m.activityId) : undefined;
    if (named && isOutbox(m)) await store.put({ ...named, inbox: m.inbox, state: 'pending', attempts: 0, at: now.toISOString() });
  }
}

/** The federation's queue, each freshly queued outbox task of an announcement recorded pending first. */
export function recordingQueue(queue: MessageQueue, store: DeliveryOutcomeStore, now: () => Date = () => new Date()): MessageQueue {
  return {
    nativeRetrial: queue.nativeRetrial,
    enqueue: async (message, options) => {
      await recordQueued(store, [message], now());
      return queue.enqueue(message, options);
    },
    enqueueMany: async (messages, options) => {
      await recordQueued(store, messages, now());
      return queue.enqueueMany ? queue.enqueueMany(messages, options) : Promise.all(messages.map((m) => queue.enqueue(m, options))).then(() => undefined);
    },
    listen: (handler, options) => queue.listen(handler, options),
  };
}
