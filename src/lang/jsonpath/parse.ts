/**
 * Turns the token strings of tokenize.ts into steps, and compiles whole selectors. Subscripts follow
 * the library: `[*]`, `[?(filter)]`, one quoted key, one index or one `(script)`; otherwise a union
 * (`,`-separated indexes, keys or scripts) or a range (`start:end:step`, each an integer or a script).
 */
import { badSelector, expressionError, expressionFormat, tokenEmpty, tokenFormat } from './errors.ts';
import { GoError, goTrim, parseGoInt } from './go.ts';
import { compileScript } from './script.ts';
import { tokenize } from './tokenize.ts';
import type { Bound, Script, Step } from './types.ts';

const isScript = (s: string): boolean => s.length > 2 && s.startsWith('(') && s.endsWith(')');
const isKey = (s: string): boolean => s.length > 1 && ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith('"') && s.endsWith('"')));

/** Compiles a selector; throws GoError with the library's message. */
export function compileSteps(selector: string): Step[] {
  try {
    return tokenize(selector).map(parseToken);
  } catch (err) {
    if (err instanceof GoError) throw badSelector(selector, err);
    throw err;
  }
}

/** A selector inside a script (`@.price`): compiled without the outer wrapper message. */
function compileInner(selector: string): Step[] {
  return tokenize(selector).map(parseToken);
}

const script = (source: string): Script => compileScript(source, compileInner);

/** A `(...)` inside a union or range; compile errors read "invalid expression. ...". */
function expression(text: string): Script {
  try {
    return script(text.slice(1, -1));
  } catch (err) {
    throw err instanceof GoError ? expressionError(err) : err;
  }
}

type Arg = bigint | string | null;

export function parseToken(raw: string): Step {
  const tok = goTrim(raw);
  if (tok === '') throw tokenEmpty();
  if (tok === '$') return { t: 'root' };
  if (tok === '@') return { t: 'current' };
  if (tok === '*') return { t: 'wildcard' };
  if (tok === '..') return { t: 'recursive' };
  if (!tok.startsWith('[')) return tok === 'length' ? { t: 'length' } : { t: 'key', key: tok };
  if (!tok.endsWith(']')) throw tokenFormat(tok);
  const sub = goTrim(tok.slice(1, -1));
  if (sub === '') throw tokenFormat(tok);
  if (sub === '*') return { t: 'wildcard' };
  if (sub.startsWith('?')) {
    if (!sub.startsWith('?(') || !sub.endsWith(')')) throw tokenFormat(tok);
    return { t: 'filter', script: script(goTrim(sub.slice(2, -1))) };
  }
  const args = splitSubscript(sub, tok);
  if (args.length === 1) {
    const arg = args[0]!;
    if (typeof arg === 'string') {
      if (isKey(arg)) return { t: 'key', key: arg.slice(1, -1) };
      if (isScript(arg)) return { t: 'script', script: script(arg.slice(1, -1)) };
    } else if (typeof arg === 'bigint') {
      return { t: 'index', index: Number(arg) };
    }
    throw tokenFormat(tok);
  }
  return unionOrRange(args, tok);
}

/** Splits a subscript's inside into literal arguments and the separators ":" and ",". */
function splitSubscript(sub: string, tok: string): Arg[] {
  let open = 0;
  let close = 0;
  let single = false;
  let double = false;
  const args: Arg[] = [];
  let buf = '';
  let first = true;
  for (const ch of sub) {
    const atStart = first;
    first = false;
    buf += ch;
    const quoted = single || double;
    switch (ch) {
      case ' ':
        if (!quoted && open === close) buf = goTrim(buf);
        break;
      case '(':
        if (!quoted) open++;
        break;
      case ')':
        close++;
        if (open === close) {
          if (!isScript(buf)) throw expressionFormat(buf);
          args.push(buf);
          buf = '';
        }
        break;
      case "'":
      case '"': {
        if ((ch === "'" ? double : single) || open !== close) break;
        if (buf.length > 1 && buf[buf.length - 2] === '\\') {
          buf = buf.slice(0, -2) + ch; // an escaped quote neither opens nor closes
          break;
        }
        const opened = ch === "'" ? (single = !single) : (double = !double);
        if (opened) {
          if (buf !== ch) throw tokenFormat(tok);
        } else {
          if (!isKey(buf)) throw tokenFormat(tok);
          args.push(buf);
          buf = '';
        }
        break;
      }
      case ':':
      case ',': {
        if (quoted || open !== close) break;
        const arg = buf.slice(0, -1);
        if (arg !== '') {
          const n = parseGoInt(arg);
          if (n !== undefined) args.push(n);
          else if (ch === ':') throw tokenFormat(tok);
          else args.push(arg);
        } else if (ch === ':' && atStart) {
          args.push(null);
        }
        args.push(ch === ':' ? SEP_COLON : SEP_COMMA);
        buf = '';
        break;
      }
    }
  }
  if (buf !== '') args.push(parseGoInt(buf) ?? buf);
  return args;
}

// Separators are kept apart from literal text by identity, not by value.
const SEP_COLON = new String(':') as unknown as string;
const SEP_COMMA = new String(',') as unknown as string;

function unionOrRange(args: Arg[], tok: string): Step {
  let colons = 0;
  let commas = 0;
  let lastColon = false;
  const values: Arg[] = [];
  for (const arg of args) {
    if (arg === SEP_COLON) {
      colons++;
      if (lastColon) values.push(null);
      lastColon = true;
      continue;
    }
    if (arg === SEP_COMMA) commas++;
    else values.push(arg);
    lastColon = false;
  }
  if (colons > 0 && commas > 0) throw tokenFormat(tok);
  if (commas > 0) {
    if (commas >= values.length) throw tokenFormat(tok);
    return {
      t: 'union',
      args: values.map((v) => {
        if (typeof v === 'string') {
          if (isScript(v)) return expression(v);
          if (isKey(v)) return v.slice(1, -1);
        } else if (typeof v === 'bigint') {
          return Number(v);
        }
        throw tokenFormat(tok);
      }),
    };
  }
  if (colons > 0) {
    if (colons > 2) throw tokenFormat(tok);
    if (colons === 1 && values.length === 1) values.push(null);
    const bound = (v: Arg | undefined): Bound => {
      if (v === undefined || v === null) return null;
      if (typeof v === 'bigint') return Number(v);
      if (!isScript(v)) throw expressionFormat(v);
      return expression(v);
    };
    const from = bound(values[0]);
    const to = bound(values[1]);
    return { t: 'range', from, to, step: bound(values[2]) };
  }
  throw tokenFormat(tok);
}
