/**
 * An announcement's ETag ("v3"), apart from the request schemas so the
 * services and routes that set it do not load zod at a cold start.
 */
export const etagOf = (a: { version: number }): string => `"v${a.version}"`;
