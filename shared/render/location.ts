import type { EventInfo } from '../domain/announcement';

/** The address line: venue, city, country, the parts that are known. Shared by calendar, pages and social text. */
export function locationOf(e: Pick<EventInfo, 'venue' | 'city' | 'country'>): string {
  return [e.venue, e.city, e.country].filter(Boolean).join(', ');
}
