/** expr v1.15's builtin functions that take plain values (predicate builtins live in compile.ts). */
import { compareGoStrings } from '../govaluate/go-format.ts';
import {
  compare, ExprRuntimeError, goJson, goTypeName, isNumber, kindOf, toFloat, toStringValue,
} from './values.ts';

type Fn = (...args: unknown[]) => unknown;

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');
const str = (name: string, v: unknown): string => {
  if (typeof v !== 'string') throw new ExprRuntimeError(`invalid argument for ${name} (type ${goTypeName(v)})`);
  return v;
};
const arr = (name: string, v: unknown): unknown[] => {
  if (!Array.isArray(v)) throw new ExprRuntimeError(`invalid argument for ${name} (type ${goTypeName(v)})`);
  return v;
};
const map = (name: string, v: unknown): Record<string, unknown> => {
  if (kindOf(v) !== 'map') throw new ExprRuntimeError(`invalid argument for ${name} (type ${goTypeName(v)})`);
  return v as Record<string, unknown>;
};
const int = (name: string, v: unknown): number => {
  if (!isNumber(v)) throw new ExprRuntimeError(`invalid argument for ${name} (type ${goTypeName(v)})`);
  return Math.trunc(toFloat(v));
};
const num = (name: string, v: unknown): number | bigint => {
  if (!isNumber(v)) throw new ExprRuntimeError(`invalid argument for ${name} (type ${goTypeName(v)})`);
  return v;
};

function trimChars(s: string, chars: string, left: boolean, right: boolean): string {
  const set = new Set(Array.from(chars));
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  while (left && a < b && set.has(cps[a] as string)) a++;
  while (right && b > a && set.has(cps[b - 1] as string)) b--;
  return cps.slice(a, b).join('');
}

function splitN(s: string, sep: string, n: number, after: boolean): string[] {
  if (n === 0) return [];
  const parts: string[] = [];
  let rest = s;
  if (sep === '') return Array.from(s);
  while (n < 0 || parts.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    parts.push(rest.slice(0, after ? i + sep.length : i));
    rest = rest.slice(i + sep.length);
  }
  parts.push(rest);
  return parts;
}

function extreme(name: string, args: unknown[], want: '<' | '>'): unknown {
  if (args.length === 0) throw new ExprRuntimeError(`not enough arguments to call ${name}`);
  let best = num(name, args[0]);
  for (const a of args.slice(1)) if (compare(want, num(name, a), best)) best = a as number | bigint;
  return best;
}

function sortValues(values: unknown[], order: unknown, key?: (v: unknown) => unknown): unknown[] {
  const desc = order === 'desc';
  if (order !== undefined && order !== 'asc' && order !== 'desc') throw new ExprRuntimeError(`unknown order ${String(order)}, use asc or desc`);
  const k = key ?? ((v: unknown) => v);
  return [...values].sort((a, b) => {
    const x = k(a);
    const y = k(b);
    const c = isNumber(x) && isNumber(y) ? toFloat(x) - toFloat(y)
      : typeof x === 'string' && typeof y === 'string' ? compareGoStrings(x, y)
      : (() => { throw new ExprRuntimeError(`cannot sort ${goTypeName(x)} and ${goTypeName(y)}`); })();
    return desc ? -c : c;
  });
}

function fromJsonValue(v: unknown): unknown {
  return v; // JSON numbers are float64 in Go, as they are here
}

export const BUILTINS: Record<string, Fn> = {
  len: (v) => {
    if (typeof v === 'string') return BigInt(bytes(v).length);
    if (Array.isArray(v)) return BigInt(v.length);
    if (kindOf(v) === 'map') return BigInt(Object.keys(v as object).length);
    throw new ExprRuntimeError(`invalid argument for len (type ${goTypeName(v)})`);
  },
  type: (v) => ({ nil: 'nil', bool: 'bool', int: 'int', float: 'float', string: 'string', array: 'array', map: 'map', func: 'func' })[kindOf(v)],
  abs: (v) => {
    const n = num('abs', v);
    return typeof n === 'bigint' ? (n < 0n ? -n : n) : Math.abs(n);
  },
  ceil: (v) => Math.ceil(toFloat(num('ceil', v))),
  floor: (v) => Math.floor(toFloat(num('floor', v))),
  round: (v) => {
    const x = toFloat(num('round', v));
    return x < 0 ? -Math.round(-x) : Math.round(x); // half away from zero, as Go's math.Round
  },
  int: (v) => {
    if (typeof v === 'bigint') return v;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return -(2n ** 63n);
      return BigInt.asIntN(64, BigInt(Math.trunc(v)));
    }
    if (typeof v === 'string' && /^[+-]?[0-9]+$/.test(v)) return BigInt.asIntN(64, BigInt(v));
    throw new ExprRuntimeError(`invalid operation: int(${toStringValue(v)})`);
  },
  float: (v) => {
    if (isNumber(v)) return toFloat(v);
    if (typeof v === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i.test(v.trim()) && v.trim() === v) {
      const t = v.toLowerCase().replace(/^\+/, '');
      return t.endsWith('inf') || t.endsWith('infinity') ? (t.startsWith('-') ? -Infinity : Infinity) : t === 'nan' ? NaN : Number(v);
    }
    throw new ExprRuntimeError(`invalid operation: float(${toStringValue(v)})`);
  },
  string: (v) => toStringValue(v),
  trim: (s, chars) => (chars === undefined ? str('trim', s).replace(/^[\t\n\v\f\r \u0085\u00a0]+|[\t\n\v\f\r \u0085\u00a0]+$/gu, '') : trimChars(str('trim', s), str('trim', chars), true, true)),
  trimPrefix: (s, p) => (str('trimPrefix', s).startsWith(str('trimPrefix', p)) ? (s as string).slice((p as string).length) : s),
  trimSuffix: (s, p) => (str('trimSuffix', s).endsWith(str('trimSuffix', p)) && (p as string).length > 0 ? (s as string).slice(0, -(p as string).length) : s),
  upper: (s) => str('upper', s).toUpperCase(),
  lower: (s) => str('lower', s).toLowerCase(),
  split: (s, sep, n) => splitN(str('split', s), str('split', sep), n === undefined ? -1 : int('split', n), false),
  splitAfter: (s, sep, n) => splitN(str('splitAfter', s), str('splitAfter', sep), n === undefined ? -1 : int('splitAfter', n), true),
  replace: (s, a, b) => str('replace', s).split(str('replace', a)).join(str('replace', b)),
  repeat: (s, n) => {
    const times = int('repeat', n);
    if (times < 0) throw new ExprRuntimeError('strings: negative Repeat count');
    return str('repeat', s).repeat(times);
  },
  join: (a, sep) => arr('join', a).map((x) => str('join', x)).join(sep === undefined ? '' : str('join', sep)),
  indexOf: (s, sub) => BigInt(bytes(str('indexOf', s)).indexOf(bytes(str('indexOf', sub)))),
  lastIndexOf: (s, sub) => BigInt(bytes(str('lastIndexOf', s)).lastIndexOf(bytes(str('lastIndexOf', sub)))),
  hasPrefix: (s, p) => str('hasPrefix', s).startsWith(str('hasPrefix', p)),
  hasSuffix: (s, p) => str('hasSuffix', s).endsWith(str('hasSuffix', p)),
  max: (...args) => extreme('max', args, '>'),
  min: (...args) => extreme('min', args, '<'),
  sum: (a) => {
    let total: number | bigint = 0n;
    for (const x of arr('sum', a)) {
      const n = num('sum', x);
      total = typeof total === 'bigint' && typeof n === 'bigint' ? BigInt.asIntN(64, total + n) : toFloat(total) + toFloat(n);
    }
    return total;
  },
  mean: (a) => {
    const xs = arr('mean', a).map((x) => toFloat(num('mean', x)));
    return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length;
  },
  median: (a) => {
    const xs = arr('median', a).map((x) => toFloat(num('median', x))).sort((x, y) => x - y);
    if (xs.length === 0) return 0;
    const mid = Math.floor(xs.length / 2);
    return xs.length % 2 === 1 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
  },
  toJSON: (v) => goJson(v, '  '),
  fromJSON: (s) => {
    try {
      return fromJsonValue(JSON.parse(str('fromJSON', s)));
    } catch (err) {
      if (err instanceof ExprRuntimeError) throw err;
      throw new ExprRuntimeError(`fromJSON: ${(err as Error).message}`);
    }
  },
  toBase64: (s) => Buffer.from(str('toBase64', s), 'utf8').toString('base64'),
  fromBase64: (s) => {
    const text = str('fromBase64', s);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new ExprRuntimeError('illegal base64 data');
    return Buffer.from(text, 'base64').toString('utf8');
  },
  first: (a) => (Array.isArray(a) ? (a[0] ?? null) : (() => { throw new ExprRuntimeError(`cannot get first element from ${goTypeName(a)}`); })()),
  last: (a) => (Array.isArray(a) ? (a[a.length - 1] ?? null) : (() => { throw new ExprRuntimeError(`cannot get last element from ${goTypeName(a)}`); })()),
  get: (v, i) => {
    if (Array.isArray(v) && isNumber(i)) {
      let idx = int('get', i);
      if (idx < 0) idx += v.length;
      return idx >= 0 && idx < v.length ? v[idx] : null;
    }
    if (kindOf(v) === 'map' && typeof i === 'string') return Object.hasOwn(v as object, i) ? (v as Record<string, unknown>)[i] : null;
    return null;
  },
  take: (a, n) => arr('take', a).slice(0, Math.max(0, int('take', n))),
  keys: (m) => Object.keys(map('keys', m)),
  values: (m) => Object.values(map('values', m)),
  toPairs: (m) => Object.entries(map('toPairs', m)).map(([k, v]) => [k, v]),
  fromPairs: (a) => {
    const out: Record<string, unknown> = {};
    for (const pair of arr('fromPairs', a)) {
      const [k, v] = arr('fromPairs', pair);
      out[typeof k === 'string' ? k : toStringValue(k)] = v;
    }
    return out;
  },
  sort: (a, order) => sortValues(arr('sort', a), order),
  sortBy: (a, key, order) => sortValues(arr('sortBy', a), order, (v) => (kindOf(v) === 'map' ? (v as Record<string, unknown>)[str('sortBy', key)] : v)),
};
