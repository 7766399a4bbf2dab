import { lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { ValidationError } from '../domain/errors';

/** Ranges a webhook may never reach in the cloud: private, loopback, link-local (metadata), CGNAT, unspecified, multicast, ULA. */
const BLOCKED = (() => {
  const b = new BlockList();
  for (const [net, bits] of [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ] as const) b.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) b.addSubnet(net, bits, 'ipv6');
  return b;
})();

/** Whether an IP address is in a range a webhook must not reach (IPv4-mapped IPv6 judged as IPv4). */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const family = isIP(ip);
  if (family === 0) return true;
  return BLOCKED.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

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
