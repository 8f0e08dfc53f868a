/**
 * The Go behaviour Switchyard's JSONPath must reproduce: value kinds as Go's reflect names them,
 * strconv parsing, fmt's %v, and errors that keep the sentinel they wrap (so that a wrapper can tell,
 * as the Go library does with errors.Is, whether a cause is already of its kind).
 *
 * Values are decoded JSON: number (float64), string, boolean, null, arrays, plain objects; bigint is a
 * Go int64 (what `.length` and `%` produce).
 */
import { compareGoStrings, formatGoValue } from '../govaluate/go-format.ts';

export { compareGoStrings, formatGoValue };

export type Sentinel = 'selector' | 'token' | 'target' | 'expression' | 'result' | 'unexpected';

/** An error as the Go library builds it: its message and the sentinels it wraps. */
export class GoError extends Error {
  readonly sentinels: ReadonlySet<Sentinel>;
  constructor(message: string, sentinels: readonly Sentinel[] = []) {
    super(message);
    this.name = 'GoError';
    this.sentinels = new Set(sentinels);
  }
  is(s: Sentinel): boolean {
    return this.sentinels.has(s);
  }
}

/** A Go runtime panic (integer division by zero): it is not an error the library catches, so it ends the query. */
export class GoPanic extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoPanic';
  }
}

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const hasKey = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
export const sortedKeys = (o: Obj): string[] => Object.keys(o).sort(compareGoStrings);

/** reflect.Kind's name for a value (null has none: callers print "nil"). */
export function goKind(v: unknown): string {
  switch (typeof v) {
    case 'number': return 'float64';
    case 'bigint': return 'int64';
    case 'string': return 'string';
    case 'boolean': return 'bool';
    default: return Array.isArray(v) ? 'slice' : 'map';
  }
}

/** A whole number as the library's isInteger sees it: an int64, or a float64 without fraction. */
export function asInteger(v: unknown): number | undefined {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' && Number.isFinite(v) && Math.trunc(v) === v) return v;
  return undefined;
}

/** Go's strings.TrimSpace (unicode.IsSpace: JavaScript's trim also removes U+FEFF, Go does not). */
export function goTrim(s: string): string {
  return s.replace(/^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/, '')
    .replace(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/, '');
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64), or undefined. */
export function parseGoInt(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : n;
}

/** strconv.ParseBool, or undefined. */
export function parseGoBool(s: string): boolean | undefined {
  switch (s) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True': return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False': return false;
    default: return undefined;
  }
}

/** Underscores may only separate digits (a base prefix counts as a digit), as Go's literals allow. */
function underscoresOk(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i++;
  let hex = false;
  if (s.length - i >= 2 && s[i] === '0' && /[xX]/.test(s[i + 1]!)) {
    i += 2;
    saw = '0';
    hex = true;
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (/[0-9]/.test(c) || (hex && /[a-fA-F]/.test(c))) { saw = '0'; continue; }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseFloat(s, 64), or undefined (an overflowing literal is an error in Go). */
export function parseGoFloat(s: string): number | undefined {
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (s.includes('_') && !underscoresOk(s)) return undefined;
  const t = s.replace(/_/g, '');
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n : undefined;
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(t);
  if (hex && (hex[2] !== '' || hex[3] !== '')) {
    const mant = BigInt(`0x${hex[2]}${hex[3]}` === '0x' ? '0' : `0x${hex[2]}${hex[3]}`);
    const n = Number(mant) * 2 ** (Number(hex[4]) - 4 * hex[3]!.length);
    if (!Number.isFinite(n)) return undefined;
    return hex[1] === '-' ? -n : n;
  }
  return undefined;
}

/** Go's UTF-8 byte length of a string. */
export const byteLength = (s: string): number => Buffer.byteLength(s, 'utf8');
