/** Tokenizer for Go template source, following text/template's lexical rules. */

export type TokenType =
  | 'text'
  | 'left'
  | 'right'
  | 'comment'
  | 'space'
  | 'identifier'
  | 'keyword'
  | 'field'
  | 'variable'
  | 'dot'
  | 'bool'
  | 'nil'
  | 'number'
  | 'string'
  | 'rawString'
  | 'charConst'
  | 'char'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'eof'
  | 'error';

export interface Token {
  type: TokenType;
  val: string;
  pos: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined): boolean => c !== undefined && (c === '_' || /^[\p{L}\p{Nd}]$/u.test(c));

export function lex(src: string): Token[] {
  const out: Token[] = [];
  let pos = 0;
  let trimNext = false;
  const n = src.length;

  const atRightDelim = (p: number): { delim: boolean; trim: boolean } => {
    if (src.startsWith('}}', p)) return { delim: true, trim: false };
    if (isSpace(src[p]) && src[p + 1] === '-' && src.startsWith('}}', p + 2)) return { delim: true, trim: true };
    return { delim: false, trim: false };
  };
  const rightDelimLen = (trim: boolean): number => (trim ? 4 : 2);
  const err = (p: number, msg: string): Token[] => {
    out.push({ type: 'error', val: msg, pos: p });
    return out;
  };

  while (pos < n || out.length === 0 || out[out.length - 1]?.type !== 'eof') {
    // Text up to the next "{{".
    let start = pos;
    if (trimNext) {
      while (start < n && isSpace(src[start])) start++;
      trimNext = false;
    }
    const open = src.indexOf('{{', start);
    if (open < 0) {
      if (start < n) out.push({ type: 'text', val: src.slice(start), pos: start });
      out.push({ type: 'eof', val: '', pos: n });
      return out;
    }
    let textEnd = open;
    const leftTrim = src[open + 2] === '-' && isSpace(src[open + 3]);
    if (leftTrim) while (textEnd > start && isSpace(src[textEnd - 1])) textEnd--;
    if (textEnd > start) out.push({ type: 'text', val: src.slice(start, textEnd), pos: start });
    pos = open + 2 + (leftTrim ? 2 : 0);

    // Comment: "{{/*" ... "*/}}".
    if (src.startsWith('/*', pos)) {
      const close = src.indexOf('*/', pos + 2);
      if (close < 0) return err(pos, 'unclosed comment');
      const r = atRightDelim(close + 2);
      if (!r.delim) return err(close + 2, 'comment ends before closing delimiter');
      out.push({ type: 'comment', val: src.slice(pos, close + 2), pos });
      pos = close + 2 + rightDelimLen(r.trim);
      trimNext = r.trim;
      continue;
    }
    out.push({ type: 'left', val: '{{', pos: open });

    // Inside the action.
    let parenDepth = 0;
    for (;;) {
      const r = atRightDelim(pos);
      if (r.delim) {
        if (parenDepth !== 0) return err(pos, 'unclosed left paren');
        out.push({ type: 'right', val: '}}', pos: pos + (r.trim ? 2 : 0) });
        pos += rightDelimLen(r.trim);
        trimNext = r.trim;
        break;
      }
      if (pos >= n) return err(pos, 'unclosed action');
      const c = src[pos] ?? '';
      const st = pos;
      if (isSpace(c)) {
        while (pos < n && isSpace(src[pos]) && !atRightDelim(pos).delim) pos++;
        if (pos === st) pos++;
        out.push({ type: 'space', val: src.slice(st, pos), pos: st });
        continue;
      }
      switch (c) {
        case '=':
          pos++;
          out.push({ type: 'assign', val: '=', pos: st });
          continue;
        case ':':
          if (src[pos + 1] !== '=') return err(pos, 'expected :=');
          pos += 2;
          out.push({ type: 'declare', val: ':=', pos: st });
          continue;
        case '|':
          pos++;
          out.push({ type: 'pipe', val: '|', pos: st });
          continue;
        case '(':
          pos++;
          parenDepth++;
          out.push({ type: 'lparen', val: '(', pos: st });
          continue;
        case ')':
          pos++;
          parenDepth--;
          if (parenDepth < 0) return err(st, 'unexpected right paren');
          out.push({ type: 'rparen', val: ')', pos: st });
          continue;
        case '"': {
          pos = quotedEnd(src, st, '"');
          if (pos < 0) return err(st, 'unterminated quoted string');
          out.push({ type: 'string', val: src.slice(st, pos), pos: st });
          continue;
        }
        case '`': {
          const close = src.indexOf('`', pos + 1);
          if (close < 0) return err(st, 'unterminated raw quoted string');
          pos = close + 1;
          out.push({ type: 'rawString', val: src.slice(st, pos), pos: st });
          continue;
        }
        case "'": {
          pos = quotedEnd(src, st, "'");
          if (pos < 0) return err(st, 'unterminated character constant');
          out.push({ type: 'charConst', val: src.slice(st, pos), pos: st });
          continue;
        }
        case '$':
        case '.': {
          const nx = src[pos + 1];
          if (c === '.' && nx !== undefined && nx >= '0' && nx <= '9') break; // a number such as .5
          pos++;
          while (pos < n && isAlnum(src[pos])) pos++;
          if (pos === st + 1) {
            out.push(c === '$' ? { type: 'variable', val: '$', pos: st } : { type: 'dot', val: '.', pos: st });
            continue;
          }
          if (!atTerminator(src, pos)) return err(pos, `bad character ${goRune(src, pos)}`);
          out.push({ type: c === '$' ? 'variable' : 'field', val: src.slice(st, pos), pos: st });
          continue;
        }
      }
      if (c === '+' || c === '-' || c === '.' || (c >= '0' && c <= '9')) {
        const end = scanNumber(src, pos);
        if (end < 0) return err(st, `bad number syntax: "${src.slice(st, -end)}"`);
        pos = end;
        out.push({ type: 'number', val: src.slice(st, pos), pos: st });
        continue;
      }
      if (isAlnum(c)) {
        while (pos < n && isAlnum(src[pos])) pos++;
        if (!atTerminator(src, pos)) return err(pos, `bad character ${goRune(src, pos)}`);
        const word = src.slice(st, pos);
        const type: TokenType = KEYWORDS.has(word)
          ? word === 'nil'
            ? 'nil'
            : 'keyword'
          : word === 'true' || word === 'false'
            ? 'bool'
            : 'identifier';
        out.push({ type, val: word, pos: st });
        continue;
      }
      const code = c.codePointAt(0) ?? 0;
      if (code < 0x7f && code >= 0x20) {
        pos++;
        out.push({ type: 'char', val: c, pos: st });
        continue;
      }
      return err(st, `unrecognized character in action: ${goRune(src, st)}`);
    }
  }
  return out;
}

function goRune(src: string, pos: number): string {
  const cp = src.codePointAt(pos) ?? 0;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return cp >= 0x20 && cp !== 0x7f ? `${hex} '${String.fromCodePoint(cp)}'` : hex;
}

function atTerminator(src: string, pos: number): boolean {
  const c = src[pos];
  if (c === undefined || isSpace(c)) return true;
  if ('.,|:()'.includes(c)) return true;
  return src.startsWith('}}', pos);
}

/** Returns the end of the number starting at pos, or -(end) when it is malformed. */
function scanNumber(src: string, pos: number): number {
  let p = pos;
  if (src[p] === '+' || src[p] === '-') p++;
  let digits = '0123456789_';
  if (src[p] === '0' && /[xXoObB]/.test(src[p + 1] ?? '')) {
    const k = (src[p + 1] ?? '').toLowerCase();
    digits = k === 'x' ? '0123456789abcdefABCDEF_' : k === 'o' ? '01234567_' : '01_';
    p += 2;
  }
  const run = (set: string): void => {
    while (p < src.length && set.includes(src[p] ?? '\0')) p++;
  };
  run(digits);
  if (src[p] === '.') {
    p++;
    run(digits);
  }
  if (digits.length === 11 && (src[p] === 'e' || src[p] === 'E')) {
    p++;
    if (src[p] === '+' || src[p] === '-') p++;
    run('0123456789_');
  }
  if (digits.length === 23 && (src[p] === 'p' || src[p] === 'P')) {
    p++;
    if (src[p] === '+' || src[p] === '-') p++;
    run('0123456789_');
  }
  if (src[p] === 'i') p++;
  if (isAlnum(src[p])) return -(p + 1);
  return p;
}

/** The index after the closing `quote` of the quoted text opening at `start` (backslash escapes), or -1 when a newline or the end comes first. */
function quotedEnd(src: string, start: number, quote: string): number {
  let pos = start + 1;
  for (;;) {
    const ch = src[pos];
    if (ch === '\\') {
      pos += 2;
      continue;
    }
    if (ch === undefined || ch === '\n') return -1;
    pos++;
    if (ch === quote) return pos;
  }
}
