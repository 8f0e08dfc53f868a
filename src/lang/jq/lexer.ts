/** Tokens of the jq language. String literals keep their interpolations as nested source text. */
import { SwitchyardError } from '../../errors.ts';

export type StrPart = { lit: string } | { src: string };
export type Token =
  | { t: 'num'; v: number; pos: number }
  | { t: 'str'; parts: StrPart[]; pos: number }
  | { t: 'ident'; v: string; pos: number } // names, keywords, a::b
  | { t: 'field'; v: string; pos: number } // .foo
  | { t: 'var'; v: string; pos: number } // $foo
  | { t: 'format'; v: string; pos: number } // @base64
  | { t: 'op'; v: string; pos: number }
  | { t: 'eof'; pos: number };

const OPS = ['?//', '|=', '+=', '-=', '*=', '/=', '%=', '//=', '==', '!=', '<=', '>=', '//', '..', 'and', '|', ',', '+', '-', '*', '/', '%', '=', '<', '>', '.', '[', ']', '(', ')', '{', '}', ':', ';', '?'];

export function parseError(msg: string): SwitchyardError {
  return new SwitchyardError('JQ_PARSE', `jq program does not parse: ${msg}`, { errorClass: 'stop' });
}

const isIdStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isId = (c: string): boolean => /[A-Za-z_0-9]/.test(c);

/** Reads a string literal starting after the opening quote; returns its parts and the index after it. */
function readString(src: string, start: number): { parts: StrPart[]; end: number } {
  const parts: StrPart[] = [];
  let lit = '';
  let i = start;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"') {
      if (lit !== '' || parts.length === 0) parts.push({ lit });
      return { parts, end: i + 1 };
    }
    if (c === '\\') {
      const e = src[i + 1];
      i += 2;
      switch (e) {
        case '"': lit += '"'; break;
        case '\\': lit += '\\'; break;
        case '/': lit += '/'; break;
        case 'b': lit += '\b'; break;
        case 'f': lit += '\f'; break;
        case 'n': lit += '\n'; break;
        case 'r': lit += '\r'; break;
        case 't': lit += '\t'; break;
        case 'u': {
          const hex = src.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw parseError(`invalid \\u escape at ${i}`);
          lit += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        case '(': {
          let depth = 1;
          let j = i;
          while (j < src.length && depth > 0) {
            const d = src[j]!;
            if (d === '"') {
              j = readString(src, j + 1).end;
              continue;
            }
            if (d === '(') depth++;
            else if (d === ')') depth--;
            j++;
          }
          if (depth > 0) throw parseError('unterminated string interpolation');
          if (lit !== '') parts.push({ lit });
          lit = '';
          parts.push({ src: src.slice(i, j - 1) });
          i = j;
          break;
        }
        default:
          throw parseError(`invalid escape \\${e ?? ''} in string`);
      }
      continue;
    }
    lit += c;
    i++;
  }
  throw parseError('unterminated string');
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const pos = i;
    if (c === '"') {
      const s = readString(src, i + 1);
      out.push({ t: 'str', parts: s.parts, pos });
      i = s.end;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num !== null && (c !== '.' || /\d/.test(src[i + 1] ?? ''))) {
      out.push({ t: 'num', v: Number(num[0]), pos });
      i += num[0].length;
      continue;
    }
    if (c === '.' && isIdStart(src[i + 1] ?? '')) {
      let j = i + 1;
      while (j < src.length && isId(src[j]!)) j++;
      out.push({ t: 'field', v: src.slice(i + 1, j), pos });
      i = j;
      continue;
    }
    if ((c === '$' || c === '@') && isIdStart(src[i + 1] ?? '')) {
      let j = i + 1;
      while (j < src.length && (isId(src[j]!) || (c === '$' && src.startsWith('::', j)))) j += src.startsWith('::', j) ? 2 : 1;
      out.push({ t: c === '$' ? 'var' : 'format', v: src.slice(i + 1, j), pos });
      i = j;
      continue;
    }
    if (isIdStart(c)) {
      let j = i;
      while (j < src.length && (isId(src[j]!) || src.startsWith('::', j))) j += src.startsWith('::', j) ? 2 : 1;
      out.push({ t: 'ident', v: src.slice(i, j), pos });
      i = j;
      continue;
    }
    const op = OPS.find((o) => o !== 'and' && src.startsWith(o, i));
    if (op === undefined) throw parseError(`unexpected character ${JSON.stringify(c)} at ${i}`);
    out.push({ t: 'op', v: op, pos });
    i += op.length;
  }
  out.push({ t: 'eof', pos: src.length });
  return out;
}
