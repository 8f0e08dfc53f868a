/**
 * The Go value model used by the template engine.
 *
 * Data comes from JSON.parse, so it maps onto what Go's encoding/json yields for interface{}:
 *   undefined → no value (a missing map key; Go's invalid reflect.Value)
 *   null      → nil
 *   number    → float64
 *   bigint    → int (integer literals and the results of len, add, atoi, ...)
 *   string, boolean, arrays ([]interface{}), plain objects (map[string]interface{})
 *   GoTime    → time.Time (sprig's date functions)
 *   function  → a func value (for `call`)
 */
export type GoMap = { [key: string]: unknown };

/** time.Time: an instant plus the zone it is shown in. */
export class GoTime {
  /** Milliseconds since the Unix epoch. */
  readonly ms: number;
  /** Nanoseconds within the millisecond (0..999999), kept so formatting can show them. */
  readonly nanos: number;
  /** Zone for display; 'UTC', 'Local' or an IANA name. */
  readonly zone: string;
  constructor(ms: number, zone = 'UTC', nanos = 0) {
    this.ms = ms;
    this.zone = zone;
    this.nanos = nanos;
  }
}

/** Go types of slices and maps that are not []interface{} or map[string]interface{} (sprig's []string, []int, ...). */
const GO_TYPES = new WeakMap<object, string>();

/** Marks a slice or map as having the given Go type, for %T, %#v, typeOf and kindOf. */
export function withGoType<T>(v: T, type: string): T {
  if (v !== null && typeof v === 'object') GO_TYPES.set(v, type);
  return v;
}

export function isMap(v: unknown): v is GoMap {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Go's type name for a value, as %T prints it. */
export function goTypeName(v: unknown): string {
  switch (typeof v) {
    case 'undefined':
      return '<nil>';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func(...interface {}) interface {}';
    default:
      if (v === null) return '<nil>';
      if (GO_TYPES.has(v as object)) return GO_TYPES.get(v as object) ?? '';
      if (Array.isArray(v)) return '[]interface {}';
      if (v instanceof GoTime) return 'time.Time';
      if (v instanceof Uint8Array) return '[]uint8';
      return 'map[string]interface {}';
  }
}

/** Go's truth: false, 0, nil, and empty strings, slices and maps are false. */
export function isTrue(v: unknown): boolean {
  switch (typeof v) {
    case 'undefined':
      return false;
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'string':
      return v.length > 0;
    case 'function':
      return true;
    default:
      if (v === null) return false;
      if (Array.isArray(v)) return v.length > 0;
      if (v instanceof Uint8Array) return v.length > 0;
      if (v instanceof GoTime) return true;
      if (isMap(v)) {
        for (const _ in v) return true;
        return false;
      }
      return true;
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Length of a string in bytes of UTF-8, as Go's len counts it. */
export function byteLen(s: string): number {
  return NON_ASCII.test(s) ? Buffer.byteLength(s, 'utf8') : s.length;
}

/** Go's s[start:end] on the UTF-8 bytes of s. */
export function byteSlice(s: string, start: number, end?: number): string {
  if (!NON_ASCII.test(s)) return s.slice(start, end);
  return Buffer.from(s, 'utf8').subarray(start, end).toString('utf8');
}

export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

/** Sort map keys the way Go's fmt and range do for string keys (byte order). */
export function sortedKeys(m: GoMap): string[] {
  const keys = Object.keys(m);
  keys.sort(compareStrings);
  return keys;
}

/** Byte-wise comparison of UTF-8 strings (UTF-16 order differs only for astral vs. U+E000..U+FFFF). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  if (isAscii(a) && isAscii(b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
