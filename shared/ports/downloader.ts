/** What a download brings back: the bytes and the URL they came from after redirects. */
export type Downloaded = { bytes: Buffer; url: string };

/**
 * Fetches a URL for the server (media fetch): bounded in size and time, a few
 * redirects at most, private addresses refused unless allowed. Throws the
 * typed errors of shared/domain/media-fetch.ts.
 */
export type Download = (url: string, maxBytes: number) => Promise<Downloaded>;
