/** sprig encoding functions. Decoding errors are returned as the output text, as sprig does. */
import { def, type FuncTable } from '../funcs.ts';

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function b64dec(s: string): string {
  const bad = s.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return `illegal base64 data at input byte ${bad}`;
  if (s.length % 4 !== 0 || !B64.test(s)) {
    const eq = s.indexOf('=');
    const at = eq >= 0 && eq < s.length - 2 ? eq : s.length - (s.length % 4 || 4) + (s.length % 4 ? 0 : 0);
    return `illegal base64 data at input byte ${Math.max(at, 0)}`;
  }
  return Buffer.from(s, 'base64').toString('utf8');
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function b32enc(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function b32dec(s: string): string {
  const body = s.replace(/=+$/, '');
  const bad = [...body].findIndex((c) => !B32.includes(c));
  if (bad >= 0 || s.length % 8 !== 0) return `illegal base32 data at input byte ${bad >= 0 ? bad : s.length}`;
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of body) {
    value = (value << 5) | B32.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out).toString('utf8');
}

export const encodingFuncs: FuncTable = {
  b64enc: def(['string'], (s: string) => Buffer.from(s, 'utf8').toString('base64')),
  b64dec: def(['string'], b64dec),
  b32enc: def(['string'], b32enc),
  b32dec: def(['string'], b32dec),
};
