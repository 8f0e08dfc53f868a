/**
 * JSON text as Go's encoding/json writes a decoded Kubernetes object: object keys sorted at every level and
 * `<`, `>`, `&`, U+2028, U+2029 escaped in strings. The resource event body is written this way, as Argo does.
 */
const UNSAFE = /[<>&\u2028\u2029]/g;
const escape = (c: string): string => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

const str = (s: string): string => JSON.stringify(s).replace(UNSAFE, escape);

export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return str(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
      return `{${Object.keys(value).sort().map((k) => `${str(k)}:${goJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
    default:
      return 'null';
  }
}
