import type * as z from 'zod/mini';
import { ValidationError } from './errors';

/** Parses `input` with `schema`, or throws a ValidationError naming every bad field. */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, input: unknown, what = 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const base = issue.path.map(String).join('.');
    const path = keys.length ? keys.map((k) => (base ? `${base}.${k}` : k)).join(', ') : base;
    return { path: path || what, message: issue.message };
  });
  const fields = [...new Set(details.map((d) => d.path))].join(', ');
  throw new ValidationError(`invalid ${what}: ${fields}`, details);
}
