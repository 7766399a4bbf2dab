import type { Role } from './ports/token-store';

/** Who is calling, once a bearer token has been verified; services record it in audit entries. */
export type Principal = { subject: string; role: Role };
