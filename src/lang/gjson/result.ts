/** The result of a gjson path: typed view over raw JSON text, with Go's conversion rules. */
import { eachElement, eachMember, skipWs, stringEnd, unescapeJson, valueEnd } from './scan.ts';
import { formatFloatF, goParseBool, goParseFloat, goParseInt } from './gofmt.ts';

export type GjsonType = 'Null' | 'False' | 'Number' | 'String' | 'True' | 'JSON';

export interface GjsonResult {
  readonly type: GjsonType;
  /** Raw JSON text of the result ('' when it does not exist). */
  readonly raw: string;
  /** Unescaped string for the String type. */
  readonly str: string;
  /** Numeric value for the Number type. */
  readonly num: number;
  exists(): boolean;
  string(): string;
  bool(): boolean;
  float(): number;
  int(): number;
  value(): unknown;
  isArray(): boolean;
  isObject(): boolean;
  array(): GjsonResult[];
  forEach(fn: (key: GjsonResult, value: GjsonResult) => boolean): void;
}

/** Marks str or num as not computed yet: they are derived from raw on first use. */
const LAZY = undefined;

export class Result implements GjsonResult {
  readonly type: GjsonType;
  readonly raw: string;
  /** Offset of raw in the document it was read from, or -1 when the text was computed. */
  readonly index: number;
  // most lookups only need string() or the number, so unescaping and parsing wait until asked for
  private strCache: string | undefined;
  private numCache: number | undefined;

  /** str and num may be left undefined: a String's str and a Number's num are then derived from raw. */
  constructor(type: GjsonType, raw: string, str: string | undefined, num: number | undefined, index: number) {
    this.type = type;
    this.raw = raw;
    this.strCache = str;
    this.numCache = num;
    this.index = index;
  }

  get str(): string {
    if (this.strCache === LAZY) this.strCache = this.type === 'String' ? stringInner(this.raw) : '';
    return this.strCache;
  }

  get num(): number {
    if (this.numCache === LAZY) this.numCache = this.type === 'Number' ? goParseFloat(this.raw.trim()) : 0;
    return this.numCache;
  }

  exists(): boolean {
    return this.type !== 'Null' || this.raw.length > 0;
  }

  string(): string {
    switch (this.type) {
      case 'False': return 'false';
      case 'True': return 'true';
      case 'String': return this.str;
      case 'JSON': return this.raw;
      case 'Number':
        // Integer text is returned as written; anything else is reformatted from the float.
        return isIntegerText(this.raw) ? this.raw : formatFloatF(this.num);
      default: return '';
    }
  }

  bool(): boolean {
    switch (this.type) {
      case 'True': return true;
      case 'String': return goParseBool(this.str.toLowerCase()) ?? false;
      case 'Number': return this.num !== 0;
      default: return false;
    }
  }

  float(): number {
    switch (this.type) {
      case 'True': return 1;
      case 'String': return goParseFloat(this.str);
      case 'Number': return this.num;
      default: return 0;
    }
  }

  int(): number {
    switch (this.type) {
      case 'True': return 1;
      case 'String': return goParseInt(this.str) ?? 0;
      case 'Number': {
        if (Math.abs(this.num) <= 2 ** 53) return Math.trunc(this.num) + 0;
        // Go parses integer text as int64 (wrapping on overflow), else converts the float (min int64 when out of range)
        if (/^-?\d+$/.test(this.raw)) return Number(BigInt.asIntN(64, BigInt(this.raw)));
        if (!(Math.abs(this.num) < 2 ** 63)) return -(2 ** 63);
        return Math.trunc(this.num) + 0;
      }
      default: return 0;
    }
  }

  value(): unknown {
    switch (this.type) {
      case 'String': return this.str;
      case 'Number': return this.num;
      case 'True': return true;
      case 'False': return false;
      case 'JSON': return jsonValue(this.raw, skipWs(this.raw, 0));
      default: return null;
    }
  }

  isArray(): boolean {
    return this.type === 'JSON' && this.raw.charCodeAt(skipWs(this.raw, 0)) === 0x5b;
  }

  isObject(): boolean {
    return this.type === 'JSON' && this.raw.charCodeAt(skipWs(this.raw, 0)) === 0x7b;
  }

  array(): GjsonResult[] {
    if (this.type === 'Null') return [];
    if (!this.isArray()) return [this];
    const out: GjsonResult[] = [];
    const base = this.index;
    eachElement(this.raw, skipWs(this.raw, 0), (vs, ve) => {
      out.push(resultAt(this.raw, vs, ve, base < 0 ? -1 : base + vs));
      return true;
    });
    return out;
  }

  forEach(fn: (key: GjsonResult, value: GjsonResult) => boolean): void {
    if (!this.exists()) return;
    if (this.type !== 'JSON') {
      fn(MISSING, this);
      return;
    }
    const s = this.raw;
    const open = skipWs(s, 0);
    const base = this.index;
    const at = (i: number): number => (base < 0 ? -1 : base + i);
    if (s.charCodeAt(open) === 0x7b) {
      eachMember(s, open, (ks, ke, vs, ve) => fn(resultAt(s, ks, ke, at(ks)), resultAt(s, vs, ve, at(vs))));
    } else {
      eachElement(s, open, (vs, ve, idx) => fn(new Result('Number', '', '', idx, -1), resultAt(s, vs, ve, at(vs))));
    }
  }
}

/** Matches /^-?\d*$/ on non-empty text. */
function isIntegerText(raw: string): boolean {
  if (raw.length === 0) return false;
  for (let i = raw.charCodeAt(0) === 0x2d ? 1 : 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The unescaped inside of a string's raw text (an unterminated string runs to the end of the text). */
function stringInner(raw: string): string {
  const close = raw.length > 1 && raw.endsWith('"') && !isEscapedQuote(raw) ? raw.length - 1 : raw.length;
  return unescapeJson(raw.slice(1, close));
}

export const MISSING: Result = new Result('Null', '', '', 0, -1);

/** A result over s[start:end], typed by its first character as gjson does. */
export function resultAt(s: string, start: number, end: number, index: number): Result {
  const raw = s.slice(start, end);
  switch (s.charCodeAt(start)) {
    case 0x22:
      return new Result('String', raw, LAZY, 0, index);
    case 0x7b:
    case 0x5b:
      return new Result('JSON', raw, '', 0, index);
    case 0x74: return new Result('True', raw, '', 0, index);
    case 0x66: return new Result('False', raw, '', 0, index);
    case 0x6e:
      if (raw.startsWith('null')) return new Result('Null', raw, '', 0, index);
      return new Result('Number', raw, '', LAZY, index);
    default:
      if (start >= end) return MISSING;
      return new Result('Number', raw, '', LAZY, index);
  }
}

function isEscapedQuote(raw: string): boolean {
  let n = 0;
  for (let i = raw.length - 2; i > 0 && raw[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/**
 * A result over computed JSON text (not part of the source document), typed the way gjson reads text it
 * built itself: containers keep everything after the opening bracket, scalars stop where their token ends.
 */
export function computed(text: string): Result {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
  const c = text[i];
  if (c === undefined) return MISSING;
  const rest = text.slice(i);
  if (c === '{' || c === '[') return new Result('JSON', rest, '', 0, -1);
  if (/[-+0-9iIN]/.test(c) || (c === 'n' && rest[1] !== undefined && rest[1] !== 'u')) {
    const m = /^.[^\s,\]}]*/.exec(rest);
    const raw = m ? m[0] : rest;
    return new Result('Number', raw, '', LAZY, -1);
  }
  if (c === 'n' || c === 't' || c === 'f') {
    const raw = /^.[a-z]*/.exec(rest)?.[0] ?? rest;
    return new Result(c === 'n' ? 'Null' : c === 't' ? 'True' : 'False', raw, '', 0, -1);
  }
  if (c === '"') {
    const end = stringEnd(rest, 0);
    const closed = end <= rest.length && rest[end - 1] === '"' && end > 1;
    return new Result('String', rest.slice(0, end), unescapeJson(rest.slice(1, closed ? end - 1 : end)), 0, -1);
  }
  return MISSING;
}

function jsonValue(s: string, i: number): unknown {
  const c = s.charCodeAt(i);
  if (c === 0x7b) {
    const obj: Record<string, unknown> = {};
    eachMember(s, i, (ks, ke, vs) => {
      // defineProperty keeps keys such as "__proto__" as plain data
      const key = unescapeJson(s.slice(ks + 1, ke - 1));
      // with duplicate keys the first one wins, as in Go
      if (Object.prototype.hasOwnProperty.call(obj, key)) return true;
      Object.defineProperty(obj, key, {
        value: jsonValue(s, vs),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return true;
    });
    return obj;
  }
  if (c === 0x5b) {
    const arr: unknown[] = [];
    eachElement(s, i, (vs) => {
      arr.push(jsonValue(s, vs));
      return true;
    });
    return arr;
  }
  return resultAt(s, i, valueEnd(s, i), -1).value();
}
