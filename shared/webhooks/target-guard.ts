import { lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import { isBlockedAddress } from '../http/address-guard';
import { ValidationError } from '../domain/errors';

export { isBlockedAddress } from '../http/address-guard';

/** Resolves a host name to every address (A and AAAA). */
export type Resolve = (host: string) => Promise<string[]>;

/** The system resolver, all addresses. */
export const systemResolve: Resolve = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true }, (err, addrs) => (err ? reject(err) : resolve(addrs.map((a) => a.address)))));

/**
 * Refuses a target URL whose host resolves to a blocked address (SSRF), unless
 * private targets are allowed (the local runtime). Checked at registration;
 * at send time the connection's own DNS answer is checked again (sender.ts),
 * so a name re-pointed after registration is refused too.
 */
export async function checkTarget(url: string, opts: { allowPrivate: boolean; resolve?: Resolve }): Promise<void> {
  if (opts.allowPrivate) return;
  const refuse = (message: string) => new ValidationError(`url: ${message}`, [{ path: 'url', message }]);
  const u = new URL(url);
  if (u.protocol !== 'https:') throw refuse('must be https');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await (opts.resolve ?? systemResolve)(host);
  } catch {
    throw refuse(`the host ${host} does not resolve`);
  }
  if (addresses.length === 0 || addresses.some(isBlockedAddress)) throw refuse('resolves to a private, loopback or link-local address');
}
