/**
 * govaluate's tokens. Its lexer has a few rules users notice: operator characters that touch
 * form one token (`c==-1` is an error, `c == -1` is not), `_` cannot start a name, every quoted
 * string that reads as a date becomes a number, and `name(` is a call to an unknown function.
 */
import { parseDateLiteral } from './dates.ts';

export type Token =
  | { kind: 'number'; value: number; pos: number; date?: true }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'bool'; value: boolean; pos: number }
  | { kind: 'variable'; name: string; pos: number }
  | { kind: 'accessor'; name: string; fields: string[]; pos: number }
  | { kind: 'op'; op: string; pos: number }
  | { kind: 'open' | 'close'; pos: number };

export class LexError extends Error {}

const OPERATORS = new Set([
  '+', '-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>', '~', '!',
  '==', '!=', '>', '>=', '<', '<=', '=~', '!~', '&&', '||', '?', ':', '??', ',',
]);

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string): boolean => /\p{Nd}/u.test(c);
const isSpace = (c: string): boolean => /\s/u.test(c);
const isNameChar = (c: string): boolean => isLetter(c) || isDigit(c) || c === '_' || c === '.';
const isSymbolChar = (c: string): boolean =>
  !(isLetter(c) || isDigit(c) || isSpace(c) || '()[]\'"'.includes(c));

export function tokenize(source: string): Token[] {
  const chars = Array.from(source); // code points, as Go's lexer reads runes
  const tokens: Token[] = [];
  let i = 0;
  // A backslash inside a bare token (name, number, operator) takes the next character literally, so
  // `test\-dep` names the parameter `test-dep` (Argo's bus drivers escape dependency names this way).
  const readWhile = (pred: (c: string) => boolean): string => {
    let out = '';
    while (i < chars.length) {
      const ch = chars[i] as string;
      if (ch === '\\') {
        if (i + 1 >= chars.length) throw new LexError('Expression ends with a backslash; escape a character after it or remove it');
        out += chars[i + 1] as string;
        i += 2;
        continue;
      }
      if (!pred(ch)) break;
      out += ch;
      i++;
    }
    return out;
  };
  while (i < chars.length) {
    const c = chars[i] as string;
    const pos = i;
    if (isSpace(c)) { i++; continue; }
    if (isDigit(c) || c === '.') {
      if (c === '0' && chars[i + 1] === 'x') {
        i += 2;
        const hex = readWhile((h) => /[0-9a-fA-F]/.test(h));
        if (hex === '') throw new LexError(`Unable to parse hex value '' to uint64`);
        tokens.push({ kind: 'number', value: parseInt(hex, 16), pos });
        continue;
      }
      const text = readWhile((d) => isDigit(d) || d === '.');
      if (!/^(\d+\.?\d*|\.\d+)$/.test(text)) throw new LexError(`Unable to parse numeric value '${text}' to float64`);
      tokens.push({ kind: 'number', value: Number(text), pos });
      continue;
    }
    if (isLetter(c)) {
      const name = readWhile(isNameChar);
      if (name === 'true' || name === 'false') { tokens.push({ kind: 'bool', value: name === 'true', pos }); continue; }
      if (name.toLowerCase() === 'in') { tokens.push({ kind: 'op', op: 'in', pos }); continue; }
      let j = i;
      while (j < chars.length && isSpace(chars[j] as string)) j++;
      if (chars[j] === '(') throw new LexError(`Undefined function ${name}`);
      if (name.includes('.')) {
        const [base = '', ...fields] = name.split('.');
        for (const field of fields) {
          const first = field[0];
          if (first === undefined || first.toUpperCase() === first.toLowerCase() || first !== first.toUpperCase()) {
            throw new LexError(`Unable to access unexported field '${field}' in token '${name}'`);
          }
        }
        tokens.push({ kind: 'accessor', name: base, fields, pos });
        continue;
      }
      tokens.push({ kind: 'variable', name, pos });
      continue;
    }
    if (c === '\'' || c === '"') {
      i++;
      let text = '';
      while (i < chars.length && chars[i] !== '\'' && chars[i] !== '"') {
        if (chars[i] === '\\' && i + 1 < chars.length) i++;
        text += chars[i];
        i++;
      }
      if (i >= chars.length) throw new LexError('Unclosed string literal');
      i++;
      const date = parseDateLiteral(text);
      tokens.push(date === undefined ? { kind: 'string', value: text, pos } : { kind: 'number', value: date, pos, date: true });
      continue;
    }
    if (c === '[') {
      i++;
      let name = '';
      while (i < chars.length && chars[i] !== ']') {
        if (chars[i] === '\\' && i + 1 < chars.length) i++;
        name += chars[i];
        i++;
      }
      if (i >= chars.length) throw new LexError('Unclosed parameter bracket');
      i++;
      tokens.push({ kind: 'variable', name, pos });
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', pos });
      i++;
      continue;
    }
    const sym = readWhile(isSymbolChar);
    if (!OPERATORS.has(sym)) throw new LexError(`Invalid token: '${sym || c}'`);
    tokens.push({ kind: 'op', op: sym, pos });
  }
  return tokens;
}
