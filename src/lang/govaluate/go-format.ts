/**
 * Formats values the way Go's fmt "%v" verb does, for string concatenation in govaluate and
 * string() in expr, so that users see the same text they would see from Argo Events.
 */

/** Go's %v for a float64: shortest digits, exponent form when exp < -4 or exp >= max(6, digits). */
export function formatGoFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const [mantissa = '', expText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  const nd = digits.length;
  const dp = exp + 1; // position of the decimal point relative to the digits
  let eprec = 6;
  if (eprec > nd && nd >= dp) eprec = nd;
  if (exp < -4 || exp >= eprec) {
    const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const absExp = Math.abs(exp);
    return `${sign}${digits[0] ?? ''}${frac}e${exp < 0 ? '-' : '+'}${absExp < 10 ? '0' : ''}${absExp}`;
  }
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= nd) return `${sign}${digits}${'0'.repeat(dp - nd)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/** Go's %v for the values Switchyard's languages handle (JSON-like data, bigint for Go ints). */
export function formatGoValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatGoFloat(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'function':
      return '<func>';
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(formatGoValue).join(' ')}]`;
  if (value instanceof Date) return value.toISOString();
  const entries = Object.keys(value as object)
    .sort(compareGoStrings)
    .map((k) => `${k}:${formatGoValue((value as Record<string, unknown>)[k])}`);
  return `map[${entries.join(' ')}]`;
}

const encoder = new TextEncoder();

/** Go compares strings byte-wise in UTF-8; JS compares UTF-16 units. They differ only past U+FFFF. */
export function compareGoStrings(a: string, b: string): number {
  if (isBmpOnly(a) && isBmpOnly(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(encoder.encode(a)), Buffer.from(encoder.encode(b)));
}

function isBmpOnly(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return false;
  }
  return true;
}
