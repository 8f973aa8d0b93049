import { isIPv4 } from 'node:net';

function v4(ip: string): number | undefined {
  const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (!isIPv4(plain)) return undefined;
  return plain.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

/** True when `ip` equals an entry or falls in an IPv4 CIDR entry (`203.0.113.0/24`). */
export function ipAllowed(ip: string, allowList: string[]): boolean {
  const addr = v4(ip);
  return allowList.some((entry) => {
    const [net, bitsText] = entry.split('/');
    if (bitsText === undefined) return entry === ip || (addr !== undefined && v4(entry) === addr);
    const base = v4(net ?? '');
    const bits = Number(bitsText);
    if (addr === undefined || base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (addr & mask) === (base & mask);
  });
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then X-Forwarded-For
 * is walked from the right, past trusted proxies, to the first address that is not one.
 */
export function clientAddress(socketIp: string, forwardedFor: string | string[] | undefined, trustedProxies: string[]): string {
  if (!trustedProxies.length || !forwardedFor || !ipAllowed(socketIp, trustedProxies)) return socketIp;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((s) => s.trim()).filter(Boolean);
  let client = socketIp;
  for (let i = hops.length - 1; i >= 0; i--) {
    client = hops[i]!;
    if (!ipAllowed(client, trustedProxies)) break;
  }
  return client;
}
