/** sprig string functions. */
import { randomInt } from 'node:crypto';
import { quoteGo, sprintf } from '../fmt.ts';
import { def, type FuncTable } from '../funcs.ts';
import { byteLen, byteSlice } from '../values.ts';
import { strslice, strval } from './convert.ts';

const isGoSpace = (c: string): boolean => /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
const SPACE_RUN = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** strings.Trim(s, cutset). */
function trimCutset(s: string, cutset: string, left = true, right = true): string {
  const set = new Set(cutset);
  const chars = [...s];
  let a = 0;
  let b = chars.length;
  if (left) while (a < b && set.has(chars[a] ?? '')) a++;
  if (right) while (b > a && set.has(chars[b - 1] ?? '')) b--;
  return chars.slice(a, b).join('');
}

/** strings.Title: upper-case letters that follow a separator. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function isSeparator(c: string): boolean {
  const code = c.codePointAt(0) ?? 0;
  if (code <= 0x7f) return !/[0-9A-Za-z_]/.test(c);
  if (/[\p{L}\p{Nd}]/u.test(c)) return false;
  return isGoSpace(c);
}

function untitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isGoSpace(prev) ? ch.toLowerCase() : ch;
    prev = ch;
  }
  return out;
}

function swapcase(s: string): string {
  let out = '';
  for (const ch of s) {
    const u = ch.toUpperCase();
    out += ch === u ? ch.toLowerCase() : u;
  }
  return out;
}

const isConnector = (c: string): boolean => c === '-' || c === '_' || isGoSpace(c);

/** xstrings.ToCamelCase. */
function camelcase(s: string): string {
  const chars = [...s];
  let out = '';
  let i = 0;
  let r0 = '';
  while (i < chars.length) {
    r0 = chars[i++] ?? '';
    if (!isConnector(r0)) {
      r0 = r0.toUpperCase();
      break;
    }
    out += r0;
    r0 = '';
  }
  if (i >= chars.length) return out + r0;
  while (i < chars.length) {
    const r1 = r0;
    r0 = chars[i++] ?? '';
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) r0 = r0.toUpperCase();
    else out += r1;
  }
  return out + r0;
}

/** xstrings.ToSnakeCase / ToKebabCase: words split at case changes, digits stay with the word before. */
function delimitedCase(s: string, sep: string): string {
  const words: string[] = [];
  const re = /[\p{Lu}]+(?=[\p{Lu}][\p{Ll}])|[\p{Lu}]?[\p{Ll}]+[\p{Nd}]*|[\p{Lu}]+[\p{Nd}]*|[\p{Nd}]+|[^\p{L}\p{Nd}\s_-]+/gu;
  for (const m of s.matchAll(re)) words.push(m[0].toLowerCase());
  return words.join(sep);
}

/** goutils.WrapCustom(str, width, newline, false). */
function wrap(width: number, s: string, newline = '\n'): string {
  const w = width < 1 ? 1 : width;
  const n = s.length;
  let offset = 0;
  let out = '';
  while (n - offset > w) {
    if (s[offset] === ' ') {
      offset++;
      continue;
    }
    let at = s.lastIndexOf(' ', w + offset);
    if (at >= offset) {
      out += s.slice(offset, at) + newline;
      offset = at + 1;
    } else {
      at = s.indexOf(' ', w + offset);
      if (at >= 0) {
        out += s.slice(offset, at) + newline;
        offset = at + 1;
      } else {
        out += s.slice(offset);
        offset = n;
      }
    }
  }
  return out + s.slice(offset);
}

function abbrev(width: bigint, s: string): string {
  const w = Number(width);
  if (w < 4 || byteLen(s) <= w) return s;
  return byteSlice(s, 0, w - 3) + '...';
}

function abbrevboth(left: bigint, right: bigint, s: string): string {
  let offset = Number(left);
  const max = Number(right);
  if (max < 4 || (offset > 0 && max < 7)) return s;
  const len = byteLen(s);
  if (len <= max) return s;
  if (offset > len) offset = len;
  if (len - offset < max - 3) offset = len - (max - 3);
  if (offset <= 4) return byteSlice(s, 0, max - 3) + '...';
  if (max < 7) return s;
  if (offset + max - 3 < len) return '...' + abbrev(BigInt(max - 3), byteSlice(s, offset));
  return '...' + byteSlice(s, len - (max - 3));
}

function initials(s: string): string {
  return s
    .split(/[\t\n\v\f\r \u0085\u00a0]+/)
    .filter((w) => w.length > 0)
    .map((w) => [...w][0])
    .join('');
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randFrom(chars: string, n: bigint): string {
  let out = '';
  for (let i = 0n; i < n; i++) out += chars[randomInt(chars.length)];
  return out;
}

function shuffle(s: string): string {
  const a = [...s];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j] as string, a[i] as string];
  }
  return a.join('');
}

function substr(start: bigint, end: bigint, s: string): string {
  const len = byteLen(s);
  const a = Number(start);
  const b = Number(end);
  if (a < 0) return byteSlice(s, 0, b);
  if (b < 0 || b > len) return byteSlice(s, a);
  if (a > b) throw new Error(`runtime error: slice bounds out of range [${a}:${b}]`);
  return byteSlice(s, a, b);
}

function trunc(c: bigint, s: string): string {
  const n = Number(c);
  const len = byteLen(s);
  if (n < 0 && len + n > 0) return byteSlice(s, len + n);
  if (n >= 0 && len > n) return byteSlice(s, 0, n);
  return s;
}

function splitMap(parts: string[]): Record<string, string> {
  const m: Record<string, string> = {};
  parts.forEach((p, i) => {
    m['_' + i] = p;
  });
  return m;
}

/** strings.Split. */
export function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = [...s];
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function repeat(count: bigint, s: string): string {
  if (count < 0n) throw new Error('strings: negative Repeat count');
  return s.repeat(Number(count));
}

export const stringFuncs: FuncTable = {
  trim: def(['string'], (s: string) => s.replace(SPACE_RUN, '')),
  trimAll: def(['string', 'string'], (cut: string, s: string) => trimCutset(s, cut)),
  trimall: def(['string', 'string'], (cut: string, s: string) => trimCutset(s, cut)),
  hello: def([], () => 'Hello!'),
  trimPrefix: def(['string', 'string'], (p: string, s: string) => (s.startsWith(p) ? s.slice(p.length) : s)),
  trimSuffix: def(['string', 'string'], (p: string, s: string) => (p && s.endsWith(p) ? s.slice(0, s.length - p.length) : s)),
  upper: def(['string'], (s: string) => s.toUpperCase()),
  lower: def(['string'], (s: string) => s.toLowerCase()),
  title: def(['string'], title),
  untitle: def(['string'], untitle),
  repeat: def(['int', 'string'], repeat),
  substr: def(['int', 'int', 'string'], substr),
  nospace: def(['string'], (s: string) => [...s].filter((c) => !isGoSpace(c)).join('')),
  trunc: def(['int', 'string'], trunc),
  abbrev: def(['int', 'string'], abbrev),
  abbrevboth: def(['int', 'int', 'string'], abbrevboth),
  initials: def(['string'], initials),
  randAlphaNum: def(['int'], (n: bigint) => randFrom(ALNUM, n)),
  randAlpha: def(['int'], (n: bigint) => randFrom(ALNUM.slice(0, 52), n)),
  randNumeric: def(['int'], (n: bigint) => randFrom('0123456789', n)),
  randAscii: def(['int'], (n: bigint) => randFrom(Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join(''), n)),
  wrap: def(['int', 'string'], (w: bigint, s: string) => wrap(Number(w), s)),
  wrapWith: def(['int', 'string', 'string'], (w: bigint, sep: string, s: string) => wrap(Number(w), s, sep)),
  contains: def(['string', 'string'], (sub: string, s: string) => s.includes(sub)),
  hasPrefix: def(['string', 'string'], (p: string, s: string) => s.startsWith(p)),
  hasSuffix: def(['string', 'string'], (p: string, s: string) => s.endsWith(p)),
  quote: def([], (...a: unknown[]) => a.filter((x) => x !== null).map((x) => quoteGo(strval(x))).join(' '), 'any'),
  squote: def([], (...a: unknown[]) => a.filter((x) => x !== null).map((x) => "'" + strval(x) + "'").join(' '), 'any'),
  cat: def([], (...a: unknown[]) => {
    const v = a.filter((x) => x !== null);
    return sprintf('%v '.repeat(v.length), v).replace(/ $/, '');
  }, 'any'),
  indent: def(['int', 'string'], (n: bigint, s: string) => {
    const pad = ' '.repeat(Number(n));
    return pad + s.split('\n').join('\n' + pad);
  }),
  nindent: def(['int', 'string'], (n: bigint, s: string) => {
    const pad = ' '.repeat(Number(n));
    return '\n' + pad + s.split('\n').join('\n' + pad);
  }),
  replace: def(['string', 'string', 'string'], (o: string, n: string, s: string) => (o === '' ? goSplit(s, '').join(n).replace(/^/, n) + (s ? n : '') : s.split(o).join(n))),
  plural: def(['string', 'string', 'int'], (one: string, many: string, n: bigint) => (n === 1n ? one : many)),
  snakecase: def(['string'], (s: string) => delimitedCase(s, '_')),
  kebabcase: def(['string'], (s: string) => delimitedCase(s, '-')),
  camelcase: def(['string'], camelcase),
  swapcase: def(['string'], swapcase),
  shuffle: def(['string'], shuffle),
  toString: def(['any'], strval),
  toStrings: def(['any'], strslice),
  split: def(['string', 'string'], (sep: string, s: string) => splitMap(goSplit(s, sep))),
  splitList: def(['string', 'string'], (sep: string, s: string) => goSplit(s, sep)),
  splitn: def(['string', 'int', 'string'], (sep: string, n: bigint, s: string) => splitMap(goSplit(s, sep, Number(n)))),
  join: def(['string', 'any'], (sep: string, v: unknown) => strslice(v).join(sep)),
  sortAlpha: def(['any'], (v: unknown) => {
    if (!Array.isArray(v)) return [strval(v)];
    return strslice(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }),
};
