/**
 * float64 formatting with Go's strconv rules. Go rounds the exact binary value half-to-even, while JS's
 * toFixed/toExponential round exact ties upward, so fixed precisions use the exact decimal expansion.
 */

interface Digits {
  /** Decimal digits without leading zeros ("" for zero). */
  d: string;
  /** Position of the decimal point relative to the start of d. */
  dp: number;
}

/** Shortest digits that round-trip (Go and JS agree on these). */
function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const s = x.toExponential(); // "d.ddde±N"
  const e = s.indexOf('e');
  const mant = s.slice(0, e).replace('.', '');
  const exp = Number(s.slice(e + 1));
  return { d: mant.replace(/0+$/, ''), dp: exp + 1 };
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** The exact decimal expansion of a finite non-negative double. */
function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  f64[0] = x;
  const bits = u64[0] ?? 0n;
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let e: number;
  if (expBits === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = expBits - 1075;
  }
  let digits: string;
  let dp: number;
  if (e >= 0) {
    digits = (mant << BigInt(e)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e)).toString();
    dp = digits.length + e; // e is negative: point sits -e places from the right
  }
  const lead = digits.match(/^0*/)?.[0].length ?? 0;
  digits = digits.slice(lead);
  dp -= lead;
  return { d: digits.replace(/0+$/, ''), dp };
}

/** Round to nd significant digits, half to even on the exact value. */
function roundDigits(dg: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: dg.dp };
  if (dg.d.length <= nd) return dg;
  const next = dg.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else {
    const restNonZero = /[1-9]/.test(dg.d.slice(nd + 1));
    if (restNonZero) up = true;
    else up = nd > 0 && (dg.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  }
  let d = dg.d.slice(0, nd);
  let dp = dg.dp;
  if (up) {
    const arr = d.split('');
    let i = arr.length - 1;
    while (i >= 0 && arr[i] === '9') {
      arr[i] = '0';
      i--;
    }
    if (i < 0) {
      arr.unshift('1');
      dp++;
    } else arr[i] = String.fromCharCode((arr[i] ?? '0').charCodeAt(0) + 1);
    d = arr.join('');
  }
  return { d: d.replace(/0+$/, ''), dp };
}

function digitAt(dg: Digits, i: number): string {
  return i >= 0 && i < dg.d.length ? (dg.d[i] ?? '0') : '0';
}

function fmtE(dg: Digits, prec: number, ch: string): string {
  let s = digitAt(dg, 0);
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(dg, i);
  }
  const exp = dg.d.length === 0 ? 0 : dg.dp - 1;
  const a = Math.abs(exp);
  return s + ch + (exp < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
}

function fmtF(dg: Digits, prec: number): string {
  let s = '';
  if (dg.dp > 0) {
    for (let i = 0; i < dg.dp; i++) s += digitAt(dg, i);
  } else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(dg, dg.dp + i);
  }
  return s;
}

/** strconv.FormatFloat(x, fmt, prec, 64) for fmt in e E f g G; prec -1 means shortest. */
export function formatFloat(x: number, fmt: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  const sign = neg ? '-' : '';
  const shortest = prec < 0;
  let dg: Digits;
  if (shortest) dg = shortestDigits(ax);
  else {
    const exact = exactDigits(ax);
    if (fmt === 'e' || fmt === 'E') dg = roundDigits(exact, prec + 1);
    else if (fmt === 'f' || fmt === 'F') dg = roundDigits(exact, exact.dp + prec);
    else dg = roundDigits(exact, prec === 0 ? 1 : prec);
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return sign + fmtE(dg, shortest ? Math.max(dg.d.length - 1, 0) : prec, fmt);
    case 'f':
    case 'F':
      return sign + fmtF(dg, shortest ? Math.max(dg.d.length - dg.dp, 0) : prec);
    default: {
      let p = shortest ? dg.d.length : prec === 0 ? 1 : prec;
      let eprec = p;
      if (eprec > dg.d.length && dg.d.length >= dg.dp) eprec = dg.d.length;
      if (shortest) eprec = 6;
      const exp = dg.dp - 1;
      const ech = fmt === 'G' ? 'E' : 'e';
      if (dg.d.length > 0 && (exp < -4 || exp >= eprec)) {
        if (p > dg.d.length) p = dg.d.length;
        return sign + fmtE(dg, Math.max(p - 1, 0), ech);
      }
      if (p > dg.dp) p = dg.d.length;
      return sign + fmtF(dg, Math.max(p - dg.dp, 0));
    }
  }
}
