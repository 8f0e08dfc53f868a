/** JSON values as jq sees them: ordering, equality, type names and JSON text (object keys sorted, as gojq). */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function typeOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v;
}

export function truthy(v: Json): boolean {
  return v !== null && v !== false;
}

const RANK: Record<string, number> = { null: 0, boolean: 1, number: 3, string: 4, array: 5, object: 6 };

/** Code-point order, as Go compares strings byte-wise in UTF-8. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export function sortedKeys(o: JsonObject): string[] {
  return Object.keys(o).sort(compareStrings);
}

export function compare(a: Json, b: Json): number {
  const ta = typeOf(a);
  const tb = typeOf(b);
  if (ta !== tb) {
    const ra = ta === 'boolean' ? (a ? 2 : 1) : RANK[ta]!;
    const rb = tb === 'boolean' ? (b ? 2 : 1) : RANK[tb]!;
    return ra < rb ? -1 : 1;
  }
  switch (ta) {
    case 'null':
      return 0;
    case 'boolean':
      return a === b ? 0 : a ? 1 : -1;
    case 'number':
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 'string':
      return compareStrings(a as string, b as string);
    case 'array': {
      const x = a as Json[];
      const y = b as Json[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
    }
    default: {
      const x = a as JsonObject;
      const y = b as JsonObject;
      const kc = compare(sortedKeys(x), sortedKeys(y));
      if (kc !== 0) return kc;
      for (const k of sortedKeys(x)) {
        const c = compare(x[k]!, y[k]!);
        if (c !== 0) return c;
      }
      return 0;
    }
  }
}

export function numberText(n: number): string {
  if (Number.isNaN(n)) return 'null';
  if (n === Infinity) return '1.7976931348623157e+308';
  if (n === -Infinity) return '-1.7976931348623157e+308';
  return String(n);
}

export function toJson(v: Json): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return numberText(v);
    case 'string':
      return JSON.stringify(v).replace(/\u007f/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
    default:
      if (Array.isArray(v)) return '[' + v.map(toJson).join(',') + ']';
      return '{' + sortedKeys(v).map((k) => toJson(k) + ':' + toJson(v[k]!)).join(',') + '}';
  }
}

/** Sets a property without tripping over "__proto__". */
export function setKey(o: JsonObject, k: string, v: Json): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
