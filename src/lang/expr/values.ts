/**
 * expr's runtime values: Go ints are bigint (64-bit, wrapping), floats are number, strings,
 * booleans, null for nil, arrays and plain objects for maps.
 */
import { compareGoStrings, formatGoValue } from '../govaluate/go-format.ts';
import { goPow } from '../govaluate/go-math.ts';

export class ExprRuntimeError extends Error {}

export type Kind = 'nil' | 'bool' | 'int' | 'float' | 'string' | 'array' | 'map' | 'func';

export function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'nil';
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float';
    case 'string': return 'string';
    case 'function': return 'func';
    default: return Array.isArray(v) ? 'array' : 'map';
  }
}

/** Go type names, for messages that match what users see from Argo Events. */
export function goTypeName(v: unknown): string {
  const k = kindOf(v);
  return ({ nil: '<nil>', bool: 'bool', int: 'int', float: 'float64', string: 'string', array: '[]interface {}', map: 'map[string]interface {}', func: 'func' } as const)[k];
}

export const isNumber = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';
export const toFloat = (v: number | bigint): number => (typeof v === 'bigint' ? Number(v) : v);
export const wrapInt = (v: bigint): bigint => BigInt.asIntN(64, v);

const mismatch = (op: string, l: unknown, r: unknown): ExprRuntimeError =>
  new ExprRuntimeError(`invalid operation: ${goTypeName(l)} ${op} ${goTypeName(r)}`);

export function arith(op: string, l: unknown, r: unknown): unknown {
  if (op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
  if (!isNumber(l) || !isNumber(r)) throw mismatch(op, l, r);
  const ints = typeof l === 'bigint' && typeof r === 'bigint';
  switch (op) {
    case '+': return ints ? wrapInt(l + r) : toFloat(l) + toFloat(r);
    case '-': return ints ? wrapInt(l - r) : toFloat(l) - toFloat(r);
    case '*': return ints ? wrapInt(l * r) : toFloat(l) * toFloat(r);
    case '/': return toFloat(l) / toFloat(r);
    case '%':
      if (!ints) throw mismatch(op, l, r);
      if (r === 0n) throw new ExprRuntimeError('integer divide by zero');
      return l % r;
    default: return goPow(toFloat(l), toFloat(r));
  }
}

export function compare(op: string, l: unknown, r: unknown): boolean {
  let c: number;
  if (isNumber(l) && isNumber(r)) {
    if (typeof l === 'bigint' && typeof r === 'bigint') c = l < r ? -1 : l > r ? 1 : 0;
    else { const a = toFloat(l), b = toFloat(r); c = a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN; }
  } else if (typeof l === 'string' && typeof r === 'string') {
    c = compareGoStrings(l, r);
  } else {
    throw mismatch(op, l, r);
  }
  switch (op) {
    case '<': return c < 0;
    case '>': return c > 0;
    case '<=': return c <= 0;
    default: return c >= 0;
  }
}

/** expr's ==: numbers compare by value across int and float; anything else by deep, typed equality. */
export function equal(l: unknown, r: unknown): boolean {
  if (isNumber(l) && isNumber(r)) {
    return typeof l === typeof r ? l === r : toFloat(l) === toFloat(r);
  }
  return deepEqual(l, r);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length &&
    ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function toStringValue(v: unknown): string {
  return formatGoValue(v);
}

/** Plain JavaScript values for callers: ints become numbers. */
export function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toPlain(x);
    return out;
  }
  return v;
}

/** Go's encoding/json: sorted keys, HTML-safe escapes, shortest float form. */
export function goJson(v: unknown, indent = '', level = 0): string {
  const nl = indent ? `\n${indent.repeat(level + 1)}` : '';
  const close = indent ? `\n${indent.repeat(level)}` : '';
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'bigint': return v.toString();
    case 'number':
      if (!Number.isFinite(v)) throw new ExprRuntimeError(`json: unsupported value: ${formatGoValue(v)}`);
      return jsonFloat(v);
    case 'boolean': return String(v);
    case 'string': return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    case 'function': throw new ExprRuntimeError('json: unsupported type: func');
    default: break;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => nl + goJson(x, indent, level + 1)).join(',')}${close}]`;
  }
  const keys = Object.keys(v as object).sort(compareGoStrings);
  if (keys.length === 0) return '{}';
  const sep = indent ? ': ' : ':';
  return `{${keys.map((k) => nl + goJson(k) + sep + goJson((v as Record<string, unknown>)[k], indent, level + 1)).join(',')}${close}}`;
}

function jsonFloat(v: number): string {
  const abs = Math.abs(v);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return v.toExponential();
  }
  return String(v);
}
