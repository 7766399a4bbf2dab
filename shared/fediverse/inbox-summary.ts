import type { InboxOutcome } from './delivery-outcomes';

/** The activity ids' fragments a sent-log entry stands for: a Create (and its language boosts), or `update-v3`, `delete-v3`. */
const keyMatches = (activity: string, version: number) => (key: string) =>
  activity === 'create' ? key === 'create' || key.startsWith('announce-') : key === `${activity}-v${version}`;

/**
 * The per-inbox part of the delivery record for the current version's
 * activities: counts by state and the inboxes Fedify gave up on (pure).
 */
export function inboxSummary(current: readonly { activity: string; version: number }[], outcomes: readonly InboxOutcome[]) {
  const mine = outcomes.filter((o) => current.some((c) => keyMatches(c.activity, c.version)(o.activityKey)));
  const count = (state: InboxOutcome['state']) => mine.filter((o) => o.state === state).length;
  return {
    reached: count('reached'),
    pending: count('pending'),
    failed: count('failed'),
    failedInboxes: mine.filter((o) => o.state === 'failed').map((o) => ({ inbox: o.inbox, activity: o.activityKey, status: o.status ?? null, attempts: o.attempts, at: o.at })),
  };
}
