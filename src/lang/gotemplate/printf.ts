/**
 * fmt.Sprintf over the template value model, following Go's rules for flags, width, precision, explicit
 * argument indexes ([n]), `*` arguments, bad verbs (%!d(string=x)) and missing or extra operands.
 */
import { formatFloat } from './floatfmt.ts';
import { formatTimeString } from './time.ts';
import { GoTime, goTypeName, isMap, sortedKeys } from './values.ts';

const MAX_RUNE = 0x10ffff;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function isPrint(r: number): boolean {
  if (r < 0 || r > MAX_RUNE || (r >= 0xd800 && r <= 0xdfff)) return false;
  return PRINTABLE.test(String.fromCodePoint(r));
}

function validRune(r: number): boolean {
  return r >= 0 && r <= MAX_RUNE && !(r >= 0xd800 && r <= 0xdfff);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** strconv's escape of one rune inside a quoted string or rune literal. */
function escapeRune(r: number, quote: number, ascii: boolean): string {
  if (r === quote || r === 0x5c) return '\\' + String.fromCodePoint(r);
  if (ascii ? r < 0x80 && isPrint(r) : isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
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
  if (r < 0x20 || r === 0x7f) return '\\x' + hex(r, 2);
  if (!validRune(r)) r = 0xfffd;
  if (r < 0x10000) return '\\u' + hex(r, 4);
  return '\\U' + hex(r, 8);
}

/** strconv.Quote / QuoteToASCII. */
export function quoteString(s: string, ascii = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0) ?? 0, 0x22, ascii);
  return out + '"';
}

/** strconv.QuoteRune / QuoteRuneToASCII. */
function quoteRune(r: number, ascii: boolean): string {
  return "'" + escapeRune(validRune(r) ? r : 0xfffd, 0x27, ascii) + "'";
}

/** strconv.CanBackquote. */
function canBackquote(s: string): boolean {
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    if (r === 0xfeff || r === 0xfffd) return false;
    if ((r < 0x20 && r !== 9) || r === 0x60 || r === 0x7f) return false;
  }
  return true;
}

/** strconv.FormatFloat(x, 'b', -1, 64): mantissa p exponent. */
function floatB(x: number): string {
  const { neg, mant, exp } = decompose(x);
  const e = exp - 52;
  return (neg ? '-' : '') + mant.toString() + 'p' + (e >= 0 ? '+' : '') + e.toString();
}

function decompose(x: number): { neg: boolean; mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  let exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  return { neg, mant, exp: exp - 1023 };
}

/** strconv.FormatFloat(x, 'x' or 'X', prec, 64): hexadecimal mantissa and binary exponent. */
function floatX(x: number, verb: string, prec: number): string {
  let { neg, mant, exp } = decompose(x);
  if (mant === 0n) exp = 0;
  const ONE = 1n << 60n;
  mant <<= 8n;
  while (mant !== 0n && (mant & ONE) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (ONE - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const digits = verb === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = (neg ? '-' : '') + '0' + verb + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  const frac = (count: number): string => {
    let s = '';
    for (let i = 0; i < count; i++) {
      s += digits[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
    return s;
  };
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) out += frac(1);
  } else if (prec > 0) out += '.' + frac(prec);
  out += verb === 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  const e = Math.abs(exp);
  return out + (e < 100 ? String(e).padStart(2, '0') : String(e));
}

function strconvFloat(x: number, verb: string, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (verb === 'b') return floatB(x);
  if (verb === 'x' || verb === 'X') return floatX(x, verb, prec);
  return formatFloat(x, verb, prec);
}

const U64 = (1n << 64n) - 1n;

class Printer {
  out = '';
  private minus = false;
  private plus = false;
  private sharp = false;
  private space = false;
  private zero = false;
  private plusV = false;
  private sharpV = false;
  private widPresent = false;
  private precPresent = false;
  private wid = 0;
  private prec = 0;
  private erroring = false;

  clearFlags(): void {
    this.minus = this.plus = this.sharp = this.space = this.zero = this.plusV = this.sharpV = false;
    this.widPresent = this.precPresent = false;
    this.wid = this.prec = 0;
  }

  // ---- padding ----

  private padding(n: number): string {
    if (n <= 0) return '';
    return (this.zero && !this.minus ? '0' : ' ').repeat(n);
  }

  private pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.out += s;
      return;
    }
    const n = this.wid - [...s].length;
    this.out += this.minus ? s + this.padding(n) : this.padding(n) + s;
  }

  /** pad with the zero flag ignored (numbers already zero-filled their digits). */
  private padNoZero(s: string): void {
    const z = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = z;
  }

  private truncate(s: string): string {
    if (!this.precPresent) return s;
    const runes = [...s];
    return runes.length > this.prec ? runes.slice(0, this.prec).join('') : s;
  }

  // ---- scalar formats ----

  private fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  private fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) this.pad('`' + s + '`');
    else this.pad(quoteString(s, this.plus));
  }

  private fmtSx(bytes: Uint8Array, upper: boolean): void {
    const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.out += this.padding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.out += this.padding(this.wid - width);
    const prefix = '0' + (upper ? 'X' : 'x');
    let s = this.sharp ? prefix : '';
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) s += ' ' + (this.sharp ? prefix : '');
      const c = bytes[i] ?? 0;
      s += (digits[c >> 4] ?? '') + (digits[c & 15] ?? '');
    }
    this.out += s;
    if (this.widPresent && this.wid > width && this.minus) this.out += this.padding(this.wid - width);
  }

  private fmtInteger(u: bigint, base: number, signed: boolean, verb: string, upper: boolean): void {
    const neg = signed && u < 0n;
    const a = neg ? -u : u;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && a === 0n) {
        const z = this.zero;
        this.zero = false;
        this.out += this.padding(this.wid);
        this.zero = z;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (neg || this.plus || this.space) prec--;
    }
    let digits = a.toString(base);
    if (upper) digits = digits.toUpperCase();
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (this.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    const sign = neg ? '-' : this.plus ? '+' : this.space ? ' ' : '';
    this.padNoZero(sign + digits);
  }

  private fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = 'U+' + u.toString(16).toUpperCase().padStart(prec, '0');
    if (this.sharp && u <= BigInt(MAX_RUNE) && isPrint(Number(u))) s += " '" + String.fromCodePoint(Number(u)) + "'";
    this.padNoZero(s);
  }

  private runeOf(u: bigint): number {
    if (u > BigInt(MAX_RUNE)) return 0xfffd;
    const r = Number(u);
    return validRune(r) ? r : 0xfffd;
  }

  private printInt(v: bigint, verb: string): void {
    const signed = BigInt.asIntN(64, v);
    const unsigned = signed & U64;
    switch (verb) {
      case 'v':
      case 'd':
        return this.fmtInteger(signed, 10, true, verb, false);
      case 'b':
        return this.fmtInteger(signed, 2, true, verb, false);
      case 'o':
      case 'O':
        return this.fmtInteger(signed, 8, true, verb, false);
      case 'x':
        return this.fmtInteger(signed, 16, true, verb, false);
      case 'X':
        return this.fmtInteger(signed, 16, true, verb, true);
      case 'c':
        return this.pad(String.fromCodePoint(this.runeOf(unsigned)));
      case 'q':
        return this.pad(quoteRune(this.runeOf(unsigned), this.plus));
      case 'U':
        return this.fmtUnicode(unsigned);
      default:
        return this.badVerb(verb, v);
    }
  }

  private fmtFloat(x: number, verb: string, defPrec: number): void {
    const prec = this.precPresent ? this.prec : defPrec;
    let num = strconvFloat(x, verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.padNoZero(num);
      return;
    }
    if (this.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
      let tail = '';
      let body = num;
      let hasPoint = false;
      let sawNonzero = false;
      for (let i = 1; i < body.length; i++) {
        const c = body[i] ?? '';
        if (c === '.') hasPoint = true;
        else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else {
          if (c !== '0') sawNonzero = true;
          if (sawNonzero) digits--;
        }
      }
      if (!hasPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      if (digits > 0) body += '0'.repeat(digits);
      num = body + tail;
    }
    if (this.plus || num[0] !== '+') {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.out += num[0] + this.padding(this.wid - num.length) + num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  private printFloat(x: number, verb: string): void {
    switch (verb) {
      case 'v':
        return this.fmtFloat(x, 'g', -1);
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        return this.fmtFloat(x, verb, -1);
      case 'f':
      case 'e':
      case 'E':
        return this.fmtFloat(x, verb, 6);
      case 'F':
        return this.fmtFloat(x, 'f', 6);
      default:
        return this.badVerb(verb, x);
    }
  }

  private printString(s: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case 's':
        return this.fmtS(s);
      case 'x':
      case 'X':
        return this.fmtSx(Buffer.from(s, 'utf8'), verb === 'X');
      case 'q':
        return this.fmtQ(s);
      default:
        return this.badVerb(verb, s);
    }
  }

  private printBytes(b: Uint8Array, verb: string): void {
    switch (verb) {
      case 'v':
      case 'd':
        if (this.sharpV) {
          this.out += '[]byte{' + Array.from(b, (c) => '0x' + c.toString(16)).join(', ') + '}';
          return;
        }
        this.out += '[';
        b.forEach((c, i) => {
          if (i > 0) this.out += ' ';
          this.fmtInteger(BigInt(c), 10, false, verb, false);
        });
        this.out += ']';
        return;
      case 's':
        return this.fmtS(Buffer.from(b).toString('utf8'));
      case 'x':
      case 'X':
        return this.fmtSx(b, verb === 'X');
      case 'q':
        return this.fmtQ(Buffer.from(b).toString('utf8'));
      default:
        this.out += '[';
        b.forEach((c, i) => {
          if (i > 0) this.out += ' ';
          this.printInt(BigInt(c), verb);
        });
        this.out += ']';
    }
  }

  private badVerb(verb: string, v: unknown): void {
    this.erroring = true;
    this.out += '%!' + verb + '(';
    if (v === undefined || v === null) this.out += '<nil>';
    else {
      this.out += goTypeName(v) + '=';
      this.printArg(v, 'v');
    }
    this.out += ')';
    this.erroring = false;
  }

  /** Types with a String method (time.Time) print through it for the string verbs, as fmt's handleMethods does. */
  private handleMethods(v: unknown, verb: string): boolean {
    if (this.erroring || !(v instanceof GoTime) || this.sharpV) return false;
    if (verb === 'v' || verb === 's' || verb === 'x' || verb === 'X' || verb === 'q') {
      this.printString(formatTimeString(v), verb);
      return true;
    }
    return false;
  }

  printArg(v: unknown, verb: string): void {
    if (v === undefined || v === null) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, v);
      return;
    }
    if (verb === 'T') return this.fmtS(goTypeName(v));
    this.printValue(v, verb, 0);
  }

  private printValue(v: unknown, verb: string, depth: number): void {
    if (this.handleMethods(v, verb)) return;
    switch (typeof v) {
      case 'boolean':
        if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
        else this.badVerb(verb, v);
        return;
      case 'number':
        return this.printFloat(v, verb);
      case 'bigint':
        return this.printInt(v, verb);
      case 'string':
        return this.printString(v, verb);
      case 'function':
        this.out += verb === 'v' || verb === 'p' ? '0x1' : '%!' + verb + '(func(...interface {}) interface {}=0x1)';
        return;
    }
    if (v instanceof Uint8Array) return this.printBytes(v, verb);
    if (Array.isArray(v)) {
      this.out += this.sharpV ? goTypeName(v) + '{' : '[';
      v.forEach((x, i) => {
        if (i > 0) this.out += this.sharpV ? ', ' : ' ';
        this.printElem(x, verb, depth);
      });
      this.out += this.sharpV ? '}' : ']';
      return;
    }
    if (isMap(v)) {
      this.out += this.sharpV ? goTypeName(v) + '{' : 'map[';
      sortedKeys(v).forEach((k, i) => {
        if (i > 0) this.out += this.sharpV ? ', ' : ' ';
        this.printString(k, verb);
        this.out += ':';
        this.printElem(v[k], verb, depth);
      });
      this.out += this.sharpV ? '}' : ']';
      return;
    }
    if (v instanceof GoTime) {
      this.printString(formatTimeString(v), verb === 'v' ? 'v' : 's');
      return;
    }
    this.fmtS(String(v));
  }

  /** An element of a []interface{} or map[string]interface{}: a nil interface prints without its verb. */
  private printElem(x: unknown, verb: string, depth: number): void {
    if (x === undefined || x === null) this.out += this.sharpV ? 'interface {}(nil)' : '<nil>';
    else this.printValue(x, verb, depth + 1);
  }

  /** fmt's doPrintf. */
  sprintf(format: string, a: readonly unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;

    const parseNum = (start: number, stop: number): { num: number; ok: boolean; next: number } => {
      if (start >= stop) return { num: 0, ok: false, next: stop };
      let num = 0;
      let ok = false;
      let i = start;
      for (; i < stop && format.charCodeAt(i) >= 48 && format.charCodeAt(i) <= 57; i++) {
        if (num > 1e6 || num < -1e6) return { num: 0, ok: false, next: end };
        num = num * 10 + (format.charCodeAt(i) - 48);
        ok = true;
      }
      return { num, ok, next: i };
    };
    const argNumber = (current: number, i: number): { arg: number; next: number; found: boolean } => {
      if (i >= end || format[i] !== '[') return { arg: current, next: i, found: false };
      reordered = true;
      // [n]: at least three characters, digits only, one-based.
      let index = 0;
      let width = 1;
      let ok = false;
      if (end - i >= 3) {
        for (let j = i + 1; j < end; j++) {
          if (format[j] === ']') {
            const n = parseNum(i + 1, j);
            if (!n.ok || n.next !== j) {
              width = j - i + 1;
            } else {
              index = n.num - 1;
              width = j - i + 1;
              ok = true;
            }
            break;
          }
        }
      }
      if (ok && index >= 0 && index < a.length) return { arg: index, next: i + width, found: true };
      goodArgNum = false;
      return { arg: current, next: i + width, found: ok };
    };
    const intFromArg = (n: number): { num: number; isInt: boolean; next: number } => {
      if (n >= a.length) return { num: 0, isInt: false, next: n };
      const v = a[n];
      let num = 0;
      let isInt = false;
      if (typeof v === 'bigint' && v === BigInt.asIntN(64, v)) {
        num = Number(v);
        isInt = true;
      }
      if (num > 1e6 || num < -1e6) return { num: 0, isInt: false, next: n + 1 };
      return { num, isInt, next: n + 1 };
    };

    let i = 0;
    formatLoop: while (i < end) {
      goodArgNum = true;
      const pct = format.indexOf('%', i);
      if (pct < 0) {
        this.out += format.slice(i);
        break;
      }
      this.out += format.slice(i, pct);
      i = pct + 1;
      this.clearFlags();
      simple: for (; i < end; i++) {
        const c = format[i] ?? '';
        switch (c) {
          case '#':
            this.sharp = true;
            break;
          case '0':
            this.zero = true;
            break;
          case '+':
            this.plus = true;
            break;
          case '-':
            this.minus = true;
            break;
          case ' ':
            this.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v') {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      let r = argNumber(argNum, i);
      argNum = r.arg;
      i = r.next;
      afterIndex = r.found;
      if (i < end && format[i] === '*') {
        i++;
        const w = intFromArg(argNum);
        this.wid = w.num;
        this.widPresent = w.isInt;
        argNum = w.next;
        if (!this.widPresent) this.out += '%!(BADWIDTH)';
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        const n = parseNum(i, end);
        this.wid = n.num;
        this.widPresent = n.ok;
        i = n.next;
        if (afterIndex && this.widPresent) goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        r = argNumber(argNum, i);
        argNum = r.arg;
        i = r.next;
        afterIndex = r.found;
        if (i < end && format[i] === '*') {
          i++;
          const p = intFromArg(argNum);
          this.prec = p.num;
          this.precPresent = p.isInt;
          argNum = p.next;
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.out += '%!(BADPREC)';
          afterIndex = false;
        } else {
          const n = parseNum(i, end);
          this.prec = n.num;
          this.precPresent = n.ok;
          i = n.next;
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }
      if (!afterIndex) {
        r = argNumber(argNum, i);
        argNum = r.arg;
        i = r.next;
        afterIndex = r.found;
      }
      if (i >= end) {
        this.out += '%!(NOVERB)';
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
      i += verb.length;
      if (verb === '%') this.out += '%';
      else if (!goodArgNum) this.out += '%!' + verb + '(BADINDEX)';
      else if (argNum >= a.length) this.out += '%!' + verb + '(MISSING)';
      else {
        if (verb === 'v') {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!reordered && argNum < a.length) {
      this.clearFlags();
      this.out += '%!(EXTRA ';
      a.slice(argNum).forEach((arg, k) => {
        if (k > 0) this.out += ', ';
        if (arg === undefined || arg === null) this.out += '<nil>';
        else {
          this.out += goTypeName(arg) + '=';
          this.printArg(arg, 'v');
        }
      });
      this.out += ')';
    }
  }
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  const p = new Printer();
  p.sprintf(format, args);
  return p.out;
}
