/** JSON the way Go's encoding/json writes and reads it. */
import { formatFloat } from '../floatfmt.ts';
import { formatTime } from '../time.ts';
import { GoTime, isMap, sortedKeys } from '../values.ts';

function quoteJson(s: string, html: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] ?? '';
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) {
      out += c === 10 ? '\\n' : c === 13 ? '\\r' : c === 9 ? '\\t' : '\\u00' + c.toString(16).padStart(2, '0');
    } else if (html && (ch === '<' || ch === '>' || ch === '&')) out += '\\u00' + c.toString(16);
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
    else if (c >= 0xd800 && c < 0xe000) {
      const next = s.charCodeAt(i + 1);
      if (c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {
        out += ch + (s[i + 1] ?? '');
        i++;
      } else out += '\\ufffd';
    } else out += ch;
  }
  return out + '"';
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new Error(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const a = Math.abs(f);
  if (a !== 0 && (a < 1e-6 || a >= 1e21)) return formatFloat(f, 'e', -1).replace(/e([+-])0(\d)$/, 'e$1$2');
  return formatFloat(f, 'f', -1);
}

/** json.Marshal (indent "" for compact) with or without HTML escaping. */
export function toGoJson(v: unknown, indent: string, html: boolean, depth = 0): string {
  const nl = indent ? '\n' + indent.repeat(depth + 1) : '';
  const close = indent ? '\n' + indent.repeat(depth) : '';
  const colon = indent ? ': ' : ':';
  switch (typeof v) {
    case 'undefined':
      return 'null';
    case 'string':
      return quoteJson(v, html);
    case 'number':
      return jsonFloat(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'function':
      throw new Error('json: unsupported type: func');
    default:
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        if (v.length === 0) return '[]';
        return '[' + v.map((x) => nl + toGoJson(x, indent, html, depth + 1)).join(',') + close + ']';
      }
      if (v instanceof GoTime) return quoteJson(formatTime(v, '2006-01-02T15:04:05.999999999Z07:00'), html);
      if (isMap(v)) {
        const keys = sortedKeys(v);
        if (keys.length === 0) return '{}';
        return '{' + keys.map((k) => nl + quoteJson(k, html) + colon + toGoJson(v[k], indent, html, depth + 1)).join(',') + close + '}';
      }
      return 'null';
  }
}

/** json.Unmarshal into interface{}; throws with Go's wording on invalid input. */
export function fromGoJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch (e) {
    if (s.trim() === '') throw new Error('unexpected end of JSON input');
    throw new Error(`invalid character in JSON input: ${e instanceof Error ? e.message : String(e)}`);
  }
}
