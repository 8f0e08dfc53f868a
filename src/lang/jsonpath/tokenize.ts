/**
 * Splits a selector into token strings by the library's rules: `$` or `@` first, then `..`, `.name`
 * and `[...]` parts. Brackets nest, and quotes (single only) and parentheses keep `.` and `]` inside a
 * part. As in the library, the bracket counters are never reset between parts, while the quote and
 * parenthesis counters are reset only when a part starts after a `]` or `..`.
 */
import { unexpectedToken } from './errors.ts';

export function tokenize(selector: string): string[] {
  if (selector === '') throw unexpectedToken('', 0);
  const out: string[] = [];
  let tok = '';
  let quotes = 0;
  let openScript = 0;
  let closeScript = 0;
  let openSub = 0;
  let closeSub = 0;
  let first = true;
  for (const ch of selector) {
    if (tok === '') {
      quotes = 0;
      openScript = 0;
      closeScript = 0;
    }
    if (ch === "'") quotes++;
    else if (ch === '(') openScript++;
    else if (ch === ')') closeScript++;
    else if (ch === '[') openSub++;
    else if (ch === ']') closeSub++;
    tok += ch;
    if (first) {
      first = false;
      if (tok !== '$' && tok !== '@') throw unexpectedToken(ch, 0);
      const bytes = Buffer.from(selector, 'utf8');
      if (bytes.length > 1 && bytes[1] !== 0x2e && bytes[1] !== 0x5b) throw unexpectedToken(String.fromCharCode(bytes[1]!), 1);
      out.push(tok);
      tok = '';
      continue;
    }
    if (tok === '.') continue;
    if (tok === '..') {
      out.push(tok);
      tok = '';
      continue;
    }
    const balanced = quotes % 2 === 0 && openScript === closeScript;
    if (ch === '[') {
      if (tok === '[' || tok === '.[') continue;
      if (tok.split('[').length - 1 > 1) continue; // a subscript inside a subscript
      out.push(tok.slice(tok.startsWith('.') ? 1 : 0, -1));
      tok = '[';
      continue;
    }
    if (tok.includes('[')) {
      if (!balanced) continue;
      if (ch === ']' && openSub === closeSub) {
        out.push(tok.startsWith('.') ? tok.slice(1) : tok);
        tok = '';
      }
    } else if (ch === '.') {
      if (!balanced) continue;
      out.push(tok.slice(tok.startsWith('.') ? 1 : 0, -1));
      tok = '.';
    }
  }
  if (tok !== '') out.push(tok.startsWith('.') ? tok.slice(1) : tok);
  return out;
}
