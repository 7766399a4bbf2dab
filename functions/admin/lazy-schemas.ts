/**
 * The admin API's request schemas (request-schemas.ts), loaded on the first
 * request that parses one, so a cold start that answers a read by id, a
 * history, a retraction or the probe evaluates no zod. Its own module, so
 * the route types other functions import never carry this chunk.
 */
let loaded: Promise<typeof import('./request-schemas')> | undefined;
// The promise is kept: a dynamic import() per request cost about 0.15 ms in the POST profile.
export const requestSchemas = () => (loaded ??= import('./request-schemas'));
