import './zod-english';
import * as z from 'zod/mini';
import { oneLine, xmlSafe } from './text';

/** What an admin sends to issue a token: who it is for and what it may do. */
export const TokenInput = z.strictObject({
  subject: z.pipe(
    z.pipe(z.string().check(z.maxLength(200)), z.transform((s) => oneLine(xmlSafe(s)))),
    z.string().check(z.minLength(1, 'must not be empty')),
  ),
  role: z.enum(['editor', 'admin'], { error: 'must be editor or admin' }),
});
export type TokenInput = z.output<typeof TokenInput>;
