/** Conversions sprig relies on (spf13/cast and sprig's own strval/strslice), over the template value model. */
import { formatV } from '../fmt.ts';
import { isMap } from '../values.ts';

/** sprig's strval: strings as is, everything else through %v. */
export function strval(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Error) return v.message;
  return formatV(v);
}

/** sprig's strslice: a list becomes its non-nil elements as strings; anything else a one-element list. */
export function strslice(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

function trimZeroDecimal(s: string): string {
  const m = /^(.*?)\.0+$/.exec(s);
  return m && m[1] !== undefined && m[1] !== '' ? m[1] : s;
}

/** Go's strconv.ParseInt(s, 0, 64): prefixes 0x, 0o, 0b and a leading 0 for octal; underscores only with a prefix. */
export function parseGoInt(s: string): bigint | null {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return null;
  let body = m[2] ?? '';
  if (body.includes('_') && !/^0[xXoObB]?/.test(body)) return null;
  body = body.replace(/_/g, '');
  if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
  let v = BigInt(body);
  if (m[1] === '-') v = -v;
  if (v > 9223372036854775807n || v < -9223372036854775808n) return null;
  return v;
}

/** cast.ToInt64: unconvertible values become 0. */
export function toInt64(v: unknown): bigint {
  switch (typeof v) {
    case 'bigint':
      return v;
    case 'number':
      if (!Number.isFinite(v)) return -9223372036854775808n;
      return BigInt(Math.trunc(v));
    case 'boolean':
      return v ? 1n : 0n;
    case 'string':
      return parseGoInt(trimZeroDecimal(v)) ?? 0n;
    default:
      return 0n;
  }
}

/** cast.ToFloat64: unconvertible values become 0. */
export function toFloat64(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return v;
    case 'bigint':
      return Number(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      const s = v.trim() === v ? v.replace(/_/g, '') : '';
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i.test(s)) return 0;
      const low = s.toLowerCase();
      if (low.endsWith('inf') || low.endsWith('infinity')) return low.startsWith('-') ? -Infinity : Infinity;
      if (low.endsWith('nan')) return NaN;
      return Number(s);
    }
    default:
      return 0;
  }
}

/** sprig's empty: the zero value of its type. */
export function isEmpty(v: unknown): boolean {
  switch (typeof v) {
    case 'undefined':
      return true;
    case 'string':
      return v.length === 0;
    case 'number':
      return v === 0;
    case 'bigint':
      return v === 0n;
    case 'boolean':
      return !v;
    default:
      if (v === null) return true;
      if (Array.isArray(v)) return v.length === 0;
      if (isMap(v)) return Object.keys(v).length === 0;
      return false;
  }
}

/** reflect.DeepEqual over the value model. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  // reflect.DeepEqual: a nil interface equals only nil; JSON null and a missing value are both nil here.
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Go's reflect kind name of a value, as a panic message would name it. */
export function kindName(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func';
    default:
      if (v === null || v === undefined) return 'invalid';
      if (Array.isArray(v)) return 'slice';
      if (isMap(v)) return 'map';
      return 'struct';
  }
}
