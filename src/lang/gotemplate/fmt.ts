/** Go's fmt package (Sprint, Sprintln, Sprintf) over the template value model. */
import { formatFloat } from './floatfmt.ts';
import { formatTimeString } from './time.ts';
import { GoTime, goTypeName, isMap, sortedKeys } from './values.ts';

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

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number;
  prec: number;
}

function pad(s: string, spec: Spec, numeric = false): string {
  const len = [...s].length;
  if (spec.width <= len) return s;
  const n = spec.width - len;
  if (spec.minus) return s + ' '.repeat(n);
  if (spec.zero && numeric) {
    const signed = s[0] === '-' || s[0] === '+' || s[0] === ' ';
    return signed ? s[0] + '0'.repeat(n) + s.slice(1) : '0'.repeat(n) + s;
  }
  if (spec.zero && !numeric) return '0'.repeat(n) + s;
  return ' '.repeat(n) + s;
}

function badVerb(verb: string, v: unknown): string {
  if (v === undefined || v === null) return '%!' + verb + '(<nil>)';
  return '%!' + verb + '(' + goTypeName(v) + '=' + formatV(v) + ')';
}

function fmtInteger(n: bigint, verb: string, spec: Spec): string {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let digits: string;
  switch (verb) {
    case 'd':
    case 'v':
      digits = a.toString();
      break;
    case 'x':
      digits = a.toString(16);
      if (spec.sharp) digits = '0x' + digits;
      break;
    case 'X':
      digits = a.toString(16).toUpperCase();
      if (spec.sharp) digits = '0X' + digits;
      break;
    case 'o':
      digits = a.toString(8);
      if (spec.sharp) digits = '0' + digits;
      break;
    case 'O':
      digits = '0o' + a.toString(8);
      break;
    case 'b':
      digits = a.toString(2);
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n)), spec);
    case 'q':
      return pad("'" + String.fromCodePoint(Number(n)).replace(/[\\']/g, '\\$&') + "'", spec);
    case 'U':
      return pad('U+' + a.toString(16).toUpperCase().padStart(4, '0'), spec);
    default:
      return badVerb(verb, n);
  }
  if (spec.prec >= 0) digits = digits.padStart(spec.prec, '0');
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + digits, spec.prec >= 0 ? { ...spec, zero: false } : spec, true);
}

function fmtFloatVerb(x: number, verb: string, spec: Spec): string {
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = formatFloat(x, verb === 'G' ? 'G' : 'g', spec.prec);
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
      s = formatFloat(x, verb, spec.prec < 0 ? 6 : spec.prec);
      break;
    default:
      return badVerb(verb, x);
  }
  if (spec.plus && s[0] !== '-') s = '+' + s;
  else if (spec.space && s[0] !== '-') s = ' ' + s;
  return pad(s, Number.isFinite(x) ? spec : { ...spec, zero: false }, true);
}

function fmtString(s: string, verb: string, spec: Spec): string {
  switch (verb) {
    case 'v':
    case 's':
      if (spec.prec >= 0) s = [...s].slice(0, spec.prec).join('');
      return pad(s, spec);
    case 'q':
      return pad(spec.sharp && !s.includes('`') ? '`' + s + '`' : quoteGo(s, spec.plus), spec);
    case 'x':
    case 'X': {
      let h = Buffer.from(s, 'utf8').toString('hex');
      if (verb === 'X') h = h.toUpperCase();
      return pad(h, spec);
    }
    default:
      return badVerb(verb, s);
  }
}

/** Format one operand for one verb. */
export function formatValue(v: unknown, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(goTypeName(v), spec);
  switch (typeof v) {
    case 'string':
      return fmtString(v, verb, spec);
    case 'number':
      return fmtFloatVerb(v, verb, spec);
    case 'bigint':
      return fmtInteger(v, verb, spec);
    case 'boolean':
      return verb === 't' || verb === 'v' ? pad(v ? 'true' : 'false', spec) : badVerb(verb, v);
    case 'undefined':
      return verb === 'v' ? pad('<nil>', spec) : badVerb(verb, v);
    default:
      if (v === null) return verb === 'v' ? pad('<nil>', spec) : badVerb(verb, v);
      if (Array.isArray(v)) return '[' + v.map((x) => formatValue(x, verb, spec)).join(' ') + ']';
      if (isMap(v)) {
        return (
          'map[' +
          sortedKeys(v)
            .map((k) => formatValue(k, verb, spec) + ':' + formatValue(v[k], verb, spec))
            .join(' ') +
          ']'
        );
      }
      if (v instanceof GoTime) return verb === 'v' || verb === 's' ? pad(formatTimeString(v), spec) : badVerb(verb, v);
      return pad(formatV(v), spec);
  }
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argi = 0;
  const n = format.length;
  let i = 0;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: -1, prec: -1 };
    flags: for (; i < n; i++) {
      switch (format[i]) {
        case '-':
          spec.minus = true;
          spec.zero = false;
          break;
        case '+':
          spec.plus = true;
          break;
        case '#':
          spec.sharp = true;
          break;
        case ' ':
          spec.space = true;
          break;
        case '0':
          spec.zero = !spec.minus;
          break;
        default:
          break flags;
      }
    }
    if (format[i] === '*') {
      i++;
      const w = args[argi++];
      if (typeof w === 'bigint') {
        spec.width = Number(w);
        if (spec.width < 0) {
          spec.minus = true;
          spec.width = -spec.width;
        }
      } else out += '%!(BADWIDTH)';
    } else {
      const st = i;
      while (i < n && format.charCodeAt(i) >= 48 && format.charCodeAt(i) <= 57) i++;
      if (i > st) spec.width = Number(format.slice(st, i));
    }
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') {
        i++;
        const p = args[argi++];
        if (typeof p === 'bigint') spec.prec = Math.max(Number(p), -1);
        else out += '%!(BADPREC)';
      } else {
        const st = i;
        while (i < n && format.charCodeAt(i) >= 48 && format.charCodeAt(i) <= 57) i++;
        spec.prec = Number(format.slice(st, i) || '0');
      }
    }
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const cp = format.codePointAt(i) ?? 0;
    const verb = String.fromCodePoint(cp);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += '%!' + verb + '(MISSING)';
      continue;
    }
    out += formatValue(args[argi++], verb, spec);
  }
  if (argi < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argi)
        .map((a) => (a === undefined || a === null ? '<nil>' : goTypeName(a) + '=' + formatV(a)))
        .join(', ') +
      ')';
  }
  return out;
}
