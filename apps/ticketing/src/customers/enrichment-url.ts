import { BlockList, isIP } from 'node:net';

/** Loopback, private, link-local and unspecified ranges: a tenant's lookup URL may not point into our network. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

/**
 * Why an enrichment URL is refused, or null when it may be used (pure). Only http(s); unless
 * private hosts are allowed (development, tests), no localhost and no literal address in the ranges
 * above. A name that resolves into them is not caught here (DNS can change after the check).
 */
export function enrichmentUrlProblem(text: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'url must be an http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'url must be an http(s) URL';
  if (url.username || url.password) return 'url may not carry credentials: requests are signed instead';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return 'url may not point at this network';
  const family = isIP(host);
  const mapped = family === 6 && /^::ffff:/.test(host) ? host.slice(7) : null;
  if (mapped && isIP(mapped) === 4 && PRIVATE.check(mapped, 'ipv4')) return 'url may not point at this network';
  if (family && PRIVATE.check(host, family === 4 ? 'ipv4' : 'ipv6')) return 'url may not point at this network';
  return null;
}
