import type { Role } from './ports/token-store';

/**
 * Who is calling, once a bearer token or a session cookie has been verified;
 * services record it in audit entries. `name` is the editor's name for a
 * session (history shows it); token callers have none, so their subject stands in.
 */
export type Principal = { subject: string; role: Role; name?: string };

/** The name audit entries record: the editor's name, else the token's subject. */
export const displayName = (p: Principal): string => p.name ?? p.subject;
