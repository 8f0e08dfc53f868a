/** Small shared helpers for the validator: type guards, field paths, name and value checks. */
import type { FindingSink } from './findings.ts';

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Appends a key or index to a field path; keys with other characters are quoted: a["x.y"]. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (PLAIN_KEY.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/** Inverse of `at`: "spec.triggers[0].template" → ['spec', 'triggers', 0, 'template']. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\./g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}

export function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** Describes a value for messages: `"abc"`, `12`, `an object`. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}

/** EventSource and event names become bus subject tokens: default.<source>.<event>. */
export function subjectTokenProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (/\s/.test(name)) return 'contains whitespace';
  const bad = ['.', '*', '>'].find((c) => name.includes(c));
  return bad === undefined ? undefined : `contains "${bad}"`;
}

/** Kubernetes object names (RFC 1123 subdomain). */
export function kubernetesNameProblem(name: string): string | undefined {
  if (name.length > 253) return 'is longer than 253 characters';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
    return 'must consist of lower case letters, digits, "-" and ".", and start and end with a letter or digit';
  }
  return undefined;
}

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE'] as const;

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Parses a Go duration ("1s", "1m30s", "0.5h", "0"); undefined when invalid. Result in ns. */
export function parseGoDuration(s: string): number | undefined {
  if (s === '0' || s === '+0' || s === '-0') return 0;
  const m = /^([-+]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(s);
  if (m === null) return undefined;
  let total = 0;
  for (const part of (m[2] ?? '').matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (DURATION_UNITS[part[2] ?? 's'] ?? 0);
  }
  return m[1] === '-' ? -total : total;
}

/** Warns about keys not in `known`: a misspelt field is otherwise silently ignored. */
export function checkUnknownFields(obj: Json, known: readonly string[], path: string, out: FindingSink): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const close = known.find((k) => k.toLowerCase() === key.toLowerCase());
    const hint = close === undefined ? `known fields: ${known.join(', ')}` : `did you mean "${close}"?`;
    out.warn('SY108', at(path, key), `unknown field "${key}" is ignored; ${hint}`);
  }
}

/** A required string field; reports SY-code with the given message when missing or not a string. */
export function requireString(obj: Json, key: string, path: string, out: FindingSink, code: string, what: string): string | undefined {
  const v = obj[key];
  if (isNonEmptyString(v)) return v;
  if (v === undefined || v === '' || v === null) out.error(code, at(path, key), `${what} is required`);
  else out.error(code, at(path, key), `${what} must be a string, found ${show(v)}`);
  return undefined;
}

/** A list field that may be absent; reports SY107 when present but not a list. */
export function optionalList(obj: Json, key: string, path: string, out: FindingSink): unknown[] | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return v;
  out.error('SY107', at(path, key), `${key} must be a list, found ${show(v)}`);
  return undefined;
}

/** An object field that may be absent; reports SY107 when present but not a mapping. */
export function optionalRecord(obj: Json, key: string, path: string, out: FindingSink): Json | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (isRecord(v)) return v;
  out.error('SY107', at(path, key), `${key} must be a mapping, found ${show(v)}`);
  return undefined;
}

export function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
