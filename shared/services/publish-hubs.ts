import type { HubNotifier } from '../ports/hub-notifier';
import type { Change, PublishReport } from './publish-run';

/**
 * The feed documents WebSub subscribers follow: a feed's current RSS, Atom and
 * JSON. Calendars, pages and RFC 5005 archive documents are not topics.
 */
const HUB_TOPIC = /^(?!.*\/archive\/\d{4}-\d{2}\/)(.*\/)?(rss\.xml|atom\.xml|feed\.json)$/;

/**
 * The hub-ping step, last of a publish: sorts the report, names every
 * written topic as a URL and tells the hubs. A hub that is down never fails
 * the publish.
 */
export async function pingHubs(notify: HubNotifier, siteUrl: string, report: PublishReport): Promise<PublishReport> {
  sortReport(report);
  report.pinged = report.written.filter((k) => HUB_TOPIC.test(k)).map((k) => `${siteUrl}/${k}`);
  // The notifier never throws; this catch is for a misbehaving stand-in.
  const answers = report.pinged.length ? await notify(report.pinged).catch(() => undefined) : undefined;
  if (answers) report.hubAnswers = [...answers];
  return report;
}

/** Sorts a report's key lists in place, so reports compare and log the same way. */
export function sortReport(report: PublishReport): PublishReport {
  report.written.sort();
  report.unchanged.sort();
  report.deleted.sort();
  return report;
}

/**
 * True when every change of a batch is a version written by an import
 * (`imported` on the new version): its feeds are written, but no hub is told,
 * so subscribers are not sent to fetch old news as if it were new. A batch
 * with any editor's change pings as always.
 */
export function importedOnly(changes: readonly Change[]): boolean {
  return changes.length > 0 && changes.every((c) => c.after?.imported === true);
}
