import * as z from 'zod';
import { oneLine, xmlSafe } from './text';

/** What an admin sends to issue a token: who it is for and what it may do. */
export const TokenInput = z.strictObject({
  subject: z
    .string()
    .max(200)
    .transform((s) => oneLine(xmlSafe(s)))
    .pipe(z.string().min(1, 'must not be empty')),
  role: z.enum(['editor', 'admin'], { error: 'must be editor or admin' }),
});
export type TokenInput = z.output<typeof TokenInput>;
