/** Number and string formatting that reproduces Go's strconv and encoding/json output. */

/** Go's strconv.FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never an exponent. */
export function formatFloatF(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  let mant = s.slice(0, e);
  const exp = Number(s.slice(e + 1));
  let sign = '';
  if (mant.startsWith('-')) {
    sign = '-';
    mant = mant.slice(1);
  }
  const dot = mant.indexOf('.');
  const digits = mant.replace('.', '');
  const point = (dot < 0 ? mant.length : dot) + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Go's strconv.ParseFloat(s, 64) value, ignoring the error (0 when it cannot parse at all). */
export function goParseFloat(s: string): number {
  if (isShortInteger(s)) return Number(s);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const m = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (m) return m[1] === '-' ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  return 0;
}

/** Optional '-' then 1 to 15 digits: exactly representable, so Number() agrees with Go. */
function isShortInteger(s: string): boolean {
  const from = s.charCodeAt(0) === 0x2d ? 1 : 0;
  if (s.length === from || s.length - from > 15) return false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Go's strconv.ParseInt(s, 10, 64) value, or null when s is not a base-10 integer. */
export function goParseInt(s: string): number | null {
  return /^[+-]?\d+$/.test(s) ? Number(s) : null;
}

/** Go's strconv.ParseBool. */
export function goParseBool(s: string): boolean | null {
  switch (s) {
    case '1': case 't': case 'T': case 'TRUE': case 'true': case 'True': return true;
    case '0': case 'f': case 'F': case 'FALSE': case 'false': case 'False': return false;
    default: return null;
  }
}

const HEX = '0123456789abcdef';

/** A JSON string literal as Go's encoding/json writes it (HTML-safe escaping of <, >, &). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x22: out += '\\"'; continue;
      case 0x5c: out += '\\\\'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
    }
    if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      out += '\\u' + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
    } else if (c >= 0xd800 && c < 0xe000) {
      // Go strings are UTF-8: a lone surrogate cannot be encoded and becomes U+FFFD.
      const lo = s.charCodeAt(i + 1);
      if (c < 0xdc00 && lo >= 0xdc00 && lo < 0xe000) {
        out += s.slice(i, i + 2);
        i++;
      } else out += '\ufffd';
    } else out += s[i];
  }
  return out + '"';
}
