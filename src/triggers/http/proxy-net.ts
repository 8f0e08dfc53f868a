/**
 * Address helpers for NO_PROXY matching, on Node's net.BlockList: it compares addresses in any notation and
 * counts an IPv4-mapped IPv6 address (::ffff:10.0.0.1) as the IPv4 address it holds, as Go does.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export type IpFamily = 'ipv4' | 'ipv6';

/** The family of a literal IP address (no zone), or undefined when `s` is not one. */
export function ipFamily(s: string): IpFamily | undefined {
  if (isIPv4(s)) return 'ipv4';
  if (isIPv6(s) && !s.includes('%')) return 'ipv6';
  return undefined;
}

/** A rule matching one address (`10.0.0.1`, `fd00::2`) or a range (`10.0.0.0/8`), or undefined when `s` is neither. */
export function addressRule(s: string): BlockList | undefined {
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const family = ipFamily(addr);
  if (family === undefined) return undefined;
  const rule = new BlockList();
  if (slash < 0) {
    rule.addAddress(addr, family);
    return rule;
  }
  const bitsText = s.slice(slash + 1);
  const bits = Number(bitsText);
  if (!/^[0-9]+$/.test(bitsText) || bits > (family === 'ipv4' ? 32 : 128)) return undefined;
  rule.addSubnet(addr, bits, family);
  return rule;
}

/** 127.0.0.0/8 and ::1 (IPv4-mapped loopback included). */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopback(ip: string, family: IpFamily): boolean {
  return LOOPBACK.check(ip, family);
}

/** Splits `host:port` or `[v6]:port` (brackets removed); undefined when there is no port separator. */
export function splitHostPort(s: string): { host: string; port: string } | undefined {
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0 || s[end + 1] !== ':') return undefined;
    return { host: s.slice(1, end), port: s.slice(end + 2) };
  }
  const colon = s.lastIndexOf(':');
  if (colon < 0 || s.slice(0, colon).includes(':')) return undefined;
  return { host: s.slice(0, colon), port: s.slice(colon + 1) };
}
