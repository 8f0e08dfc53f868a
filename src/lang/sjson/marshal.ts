/** Turns a JS value into the JSON text sjson would insert for the equivalent Go value. */
import { SwitchyardError } from '../../errors.ts';
import { formatFloatF, goJsonString } from '../gjson/gofmt.ts';

/**
 * sjson writes plain ASCII strings as is and hands anything with quotes, backslashes, control or non-ASCII
 * characters to encoding/json (which also escapes <, > and &).
 */
export function sjsonString(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7f || c === 0x22 || c === 0x5c) return goJsonString(s);
  }
  return `"${s}"`;
}

function unsupported(path: string, what: string): SwitchyardError {
  return new SwitchyardError('SJSON_PATH', `cannot set ${JSON.stringify(path)}: ${what} has no JSON form; pass a finite number, string, boolean, null, array or plain object`, { errorClass: 'poison' });
}

/** Top-level value: strings and numbers follow sjson's own formatting, the rest encoding/json's. */
export function marshalTop(value: unknown, path: string): string {
  if (typeof value === 'string') return sjsonString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw unsupported(path, String(value));
    return formatFloatF(value);
  }
  return marshalNested(value, path);
}

/** encoding/json.Marshal: objects are written with sorted keys, like a Go map. */
function marshalNested(value: unknown, path: string): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string': return goJsonString(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'bigint': return value.toString();
    case 'number':
      if (!Number.isFinite(value)) throw unsupported(path, String(value));
      return JSON.stringify(value);
    case 'object': {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return marshalNested(withJson.toJSON(), path);
      if (Array.isArray(value)) return `[${value.map((v) => marshalNested(v, path)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${goJsonString(k)}:${marshalNested(v, path)}`).join(',')}}`;
    }
    default:
      throw unsupported(path, `a ${typeof value}`);
  }
}
