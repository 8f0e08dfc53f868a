/** text/template's predefined functions. */
import { formatV, sprint, sprintf, sprintln } from './fmt.ts';
import { def, type FuncTable } from './funcs.ts';
import { byteLen, byteSlice, goTypeName, isAscii, isMap, isTrue } from './values.ts';

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: unknown): Kind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    default:
      return 'invalid';
  }
}

const typeOf = (v: unknown): string => (v === undefined || v === null ? '<nil>' : goTypeName(v));
const isNil = (v: unknown): boolean => v === undefined || v === null;

function eq(a: unknown, ...rest: unknown[]): boolean {
  if (rest.length === 0) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of rest) {
    const k2 = basicKind(b);
    if (k1 !== k2) {
      if (!isNil(a) && !isNil(b)) throw new Error(`incompatible types for comparison: ${typeOf(a)} and ${typeOf(b)}`);
      continue;
    }
    if (k1 !== 'invalid') {
      if (a === b) return true;
      continue;
    }
    if (isNil(a) || isNil(b)) {
      if (isNil(a) === isNil(b)) return true;
      continue;
    }
    // Go formats the operands with %s here, so their elements show as %!s(float64=1).
    if (typeOf(a) !== typeOf(b)) throw new Error(`non-comparable types ${sprintf('%s', [a])}: ${typeOf(a)}, ${typeOf(b)}: ${formatV(b)}`);
    throw new Error(`non-comparable type ${sprintf('%s', [b])}: ${typeOf(b)}`);
  }
  return false;
}

function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new Error('invalid type for comparison');
  if (k1 !== k2) throw new Error(`incompatible types for comparison: ${typeOf(a)} and ${typeOf(b)}`);
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  if (k1 === 'string') return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)) < 0;
  return (a as number) < (b as number);
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

function indexArg(i: unknown, cap: number): number {
  if (typeof i !== 'bigint') {
    if (isNil(i)) throw new Error('cannot index slice/array with nil');
    throw new Error(`cannot index slice/array with type ${typeOf(i)}`);
  }
  if (i < 0n || i > BigInt(cap)) throw new Error(`index out of range: ${i}`);
  return Number(i);
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('index of untyped nil');
  let cur = item;
  for (const ix of indexes) {
    if (cur === null) throw new Error('index of nil pointer');
    if (Array.isArray(cur) || typeof cur === 'string') {
      const len = typeof cur === 'string' ? byteLen(cur) : cur.length;
      const x = indexArg(ix, len);
      if (x >= len) throw new Error(`reflect: ${typeof cur === 'string' ? 'string' : 'slice'} index out of range`);
      cur = typeof cur === 'string' ? BigInt(isAscii(cur) ? cur.charCodeAt(x) : (Buffer.from(cur)[x] ?? 0)) : cur[x];
    } else if (isMap(cur)) {
      if (ix === undefined) throw new Error('value is nil; should be of type string');
      if (ix === null) throw new Error('value is nil; should be of type string');
      if (typeof ix !== 'string') throw new Error(`value has type ${typeOf(ix)}; should be string`);
      cur = Object.prototype.hasOwnProperty.call(cur, ix) ? cur[ix] : null;
    } else throw new Error(`can't index item of type ${typeOf(cur)}`);
  }
  return cur;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    cap = byteLen(item);
  } else if (Array.isArray(item)) cap = item.length;
  else throw new Error(`can't slice item of type ${typeOf(item)}`);
  const idx = [0, cap, cap];
  indexes.forEach((ix, i) => {
    idx[i] = indexArg(ix, cap);
  });
  const [a = 0, b = cap, c = cap] = idx;
  if (a > b) throw new Error(`invalid slice index: ${a} > ${b}`);
  if (indexes.length === 3 && b > c) throw new Error(`invalid slice index: ${b} > ${c}`);
  return typeof item === 'string' ? byteSlice(item, a, b) : (item as unknown[]).slice(a, b);
}

function len(v: unknown): bigint {
  if (typeof v === 'string') return BigInt(byteLen(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (isMap(v)) return BigInt(Object.keys(v).length);
  // A JSON null is a nil interface{} ("len of nil pointer"); a missing value is reflect's zero Value.
  if (v === null) throw new Error('len of nil pointer');
  if (v === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  throw new Error(`len of type ${typeOf(v)}`);
}

/** Arguments of html, js and urlquery: one string as is, else fmt.Sprint with missing shown as <no value>. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (isNil(a) ? '<no value>' : a)));
}

export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) =>
    c === '\0' ? '\uFFFD' : c === '"' ? '&#34;' : c === "'" ? '&#39;' : c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;',
  );
}

const NON_PRINT = /[\p{C}\p{Z}]/u;

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (c < 0x20) out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    else if (c < 0x80 || (ch !== ' ' && !NON_PRINT.test(ch)) || ch === ' ') out += ch;
    else out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

function call(fn: unknown, ...args: unknown[]): unknown {
  if (isNil(fn)) throw new Error('call of nil');
  if (typeof fn !== 'function') throw new Error(`non-function of type ${typeOf(fn)}`);
  return (fn as (...a: unknown[]) => unknown)(...args.map((a) => (a === undefined ? null : a)));
}

export const builtins: FuncTable = {
  and: def(['value'], () => undefined, 'value'),
  or: def(['value'], () => undefined, 'value'),
  not: def(['value'], (v: unknown) => !isTrue(v)),
  len: def(['value'], len),
  index: def(['value'], index, 'value'),
  slice: def(['value'], slice, 'value'),
  print: def([], (...a: unknown[]) => sprint(a), 'any'),
  println: def([], (...a: unknown[]) => sprintln(a), 'any'),
  printf: def(['string'], (f: string, ...a: unknown[]) => sprintf(f, a), 'any'),
  html: def([], (...a: unknown[]) => htmlEscape(evalArgs(a)), 'any'),
  js: def([], (...a: unknown[]) => jsEscape(evalArgs(a)), 'any'),
  urlquery: def([], (...a: unknown[]) => queryEscape(evalArgs(a)), 'any'),
  call: def(['value'], call, 'value'),
  eq: def(['value'], eq, 'value'),
  ne: def(['value', 'value'], (a: unknown, b: unknown) => !eq(a, b)),
  lt: def(['value', 'value'], lt),
  le: def(['value', 'value'], le),
  gt: def(['value', 'value'], (a: unknown, b: unknown) => !le(a, b)),
  ge: def(['value', 'value'], (a: unknown, b: unknown) => !lt(a, b)),
};
