/** Address helpers for NO_PROXY matching: IPs as 16 bytes (IPv4 as IPv4-mapped IPv6), CIDRs, host:port. */
import { isIPv4, isIPv6 } from 'node:net';

export interface Cidr {
  contains(ip: Uint8Array): boolean;
}

function v4Bytes(s: string): number[] {
  return s.split('.').map(Number);
}

/** A literal IPv4 or IPv6 address (no zone) as 16 bytes, or undefined. */
export function parseIp(s: string): Uint8Array | undefined {
  const out = new Uint8Array(16);
  if (isIPv4(s)) {
    out[10] = 0xff;
    out[11] = 0xff;
    out.set(v4Bytes(s), 12);
    return out;
  }
  if (!isIPv6(s) || s.includes('%')) return undefined;
  let text = s;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = v4Bytes(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::') as [string, string | undefined];
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  words.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  if (tail.length === 4) out.set(tail, 12);
  return out;
}

export function sameIp(a: Uint8Array, b: Uint8Array): boolean {
  return a.every((x, i) => x === b[i]);
}

/** `ip/bits`; an IPv4 prefix counts within the IPv4-mapped range, so it also matches mapped addresses. */
export function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const addr = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  if (!/^[0-9]+$/.test(bitsText)) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const v4 = isIPv4(addr);
  const bits = Number(bitsText) + (v4 ? 96 : 0);
  if (bits > 128 || (v4 && Number(bitsText) > 32)) return undefined;
  return {
    contains(other) {
      for (let i = 0; i < 16; i++) {
        const keep = Math.max(0, Math.min(8, bits - i * 8));
        const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
        if (((ip[i] ?? 0) & mask) !== ((other[i] ?? 0) & mask)) return false;
      }
      return true;
    },
  };
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
