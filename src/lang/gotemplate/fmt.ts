/** Go's fmt package (Sprint, Sprintln, Sprintf) over the template value model. */
import { formatFloat } from './floatfmt.ts';
import { formatTimeString } from './time.ts';
import { GoTime, isMap, sortedKeys } from './values.ts';

const NON_PRINT = /[\p{C}\p{Z}]/u;

/** strconv.Quote. */
export function quoteGo(s: string, ascii = false): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if (c >= 0x80 && !NON_PRINT.test(ch) && !ascii) out += ch;
    else out += escapeRune(c);
  }
  return out + '"';
}

function escapeRune(c: number): string {
  switch (c) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (c < 0x20 || c === 0x7f) return '\\x' + c.toString(16).padStart(2, '0');
  if (c < 0x10000) return '\\u' + c.toString(16).padStart(4, '0');
  return '\\U' + c.toString(16).padStart(8, '0');
}

/** %v of one value, as fmt.Sprint prints it. */
export function formatV(v: unknown, plus = false): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatFloat(v, 'g', -1);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '<nil>';
    case 'function':
      return '0x' + '1';
    default:
      if (v === null) return '<nil>';
      if (Array.isArray(v)) return '[' + v.map((x) => formatV(x, plus)).join(' ') + ']';
      if (v instanceof GoTime) return formatTimeString(v);
      if (v instanceof Uint8Array) return '[' + Array.from(v).join(' ') + ']';
      if (isMap(v)) return 'map[' + sortedKeys(v).map((k) => k + ':' + formatV(v[k], plus)).join(' ') + ']';
      return String(v);
  }
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatV(a);
  }
  return out;
}

/** fmt.Sprintln: always spaces, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  return args.map((a) => formatV(a)).join(' ') + '\n';
}

export { sprintf } from './printf.ts';
