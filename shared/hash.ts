import { createHash } from 'node:crypto';

/** Hex sha256 of a UTF-8 string: token hashes, idempotency scopes and skip-unchanged all use it. */
export const sha256Hex = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
