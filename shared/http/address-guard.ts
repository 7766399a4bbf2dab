import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * The SSRF guard every server-side fetch shares (webhook sends, media fetch):
 * which addresses Herald may never reach in the cloud, and a DNS lookup for
 * node:http(s) that refuses them on the address the socket will really use.
 */

/** Ranges never reached in the cloud: private, loopback, link-local (metadata), CGNAT, unspecified, multicast, ULA. */
const BLOCKED = (() => {
  const b = new BlockList();
  for (const [net, bits] of [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ] as const) b.addSubnet(net, bits, 'ipv4');
  for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) b.addSubnet(net, bits, 'ipv6');
  return b;
})();

/** Whether an IP address is in a blocked range (IPv4-mapped IPv6 judged as IPv4; anything not an IP is blocked). */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const family = isIP(ip);
  if (family === 0) return true;
  return BLOCKED.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** The error code a refused lookup fails with. */
export const BLOCKED_CODE = 'EBLOCKED';

/** A DNS lookup that refuses blocked addresses: the check runs on the address the socket will use (no rebinding). */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addrs: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    const bad = addrs.find((a) => isBlockedAddress(a.address));
    if (bad || addrs.length === 0) return callback(Object.assign(new Error(`refused: ${hostname} resolves to a private, loopback or link-local address`), { code: BLOCKED_CODE }), '', 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addrs);
    callback(null, addrs[0]!.address, addrs[0]!.family);
  });
};

/** The host of a URL without IPv6 brackets, and whether it is an IP literal (which never goes through a lookup). */
export function literalHost(url: URL): { host: string; literal: boolean } {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { host, literal: isIP(host) !== 0 };
}
