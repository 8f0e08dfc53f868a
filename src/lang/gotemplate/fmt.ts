/** Go's fmt package (Sprint, Sprintln, Sprintf) over the template value model. */
import { formatFloat } from './floatfmt.ts';
import { quoteString } from './printf.ts';
import { formatTimeString } from './time.ts';
import { GoTime, isMap, sortedKeys } from './values.ts';

/** strconv.Quote (one implementation, shared with printf's %q). */
export function quoteGo(s: string, ascii = false): string {
  return quoteString(s, ascii);
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
