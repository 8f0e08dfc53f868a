/** Tokens of the expr language (v1.15): numbers keep the int/float distinction the language has. */

export type Token =
  | { kind: 'int'; value: bigint; pos: number }
  | { kind: 'float'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'name'; value: string; pos: number }
  | { kind: 'op'; value: string; pos: number }
  | { kind: 'eof'; value: ''; pos: number };

export class ExprSyntaxError extends Error {
  constructor(message: string, source: string, pos: number) {
    const line = source.slice(0, pos).split('\n').length;
    const col = pos - source.lastIndexOf('\n', pos - 1);
    super(`${message} (${line}:${col})`);
  }
}

const OPERATORS = [
  '?.', '??', '..', '**', '==', '!=', '<=', '>=', '&&', '||',
  '+', '-', '*', '/', '%', '^', '<', '>', '!', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}', '|',
];

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (msg: string, at = i): never => { throw new ExprSyntaxError(msg, source, at); };
  while (i < source.length) {
    const c = source[i] as string;
    const pos = i;
    if (/\s/.test(c)) { i++; continue; }
    if (source.startsWith('//', i)) { const end = source.indexOf('\n', i); i = end < 0 ? source.length : end; continue; }
    if (source.startsWith('/*', i)) { const end = source.indexOf('*/', i + 2); if (end < 0) fail('unterminated comment'); i = end + 2; continue; }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const hex = /^0[xX][0-9a-fA-F_]+/.exec(source.slice(i));
      if (hex) { tokens.push({ kind: 'int', value: BigInt.asIntN(64, BigInt(hex[0].replace(/_/g, ''))), pos }); i += hex[0].length; continue; }
      const m = /^([0-9][0-9_]*)?(\.(?!\.)[0-9_]*)?([eE][+-]?[0-9_]+)?/.exec(source.slice(i));
      const text = m?.[0] ?? '';
      const clean = text.replace(/_/g, '');
      if (m?.[2] === undefined && m?.[3] === undefined) {
        const v = BigInt(clean);
        if (v > 2n ** 63n - 1n) fail(`integer ${text} is too large`);
        tokens.push({ kind: 'int', value: v, pos });
      } else {
        tokens.push({ kind: 'float', value: Number(clean), pos });
      }
      i += text.length;
      continue;
    }
    if (c === '"' || c === "'") {
      let out = '';
      i++;
      for (;;) {
        const ch = source[i];
        if (ch === undefined) fail('literal not terminated', pos);
        if (ch === c) { i++; break; }
        if (ch !== '\\') { out += ch; i++; continue; }
        const e = source[i + 1] ?? '';
        const simple = ESCAPES[e];
        if (simple !== undefined) { out += simple; i += 2; continue; }
        const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        if (hexLen > 0) {
          const h = source.slice(i + 2, i + 2 + hexLen);
          if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(h)) fail('invalid char escape', i);
          out += e === 'x' ? String.fromCharCode(parseInt(h, 16)) : String.fromCodePoint(parseInt(h, 16));
          i += 2 + hexLen;
          continue;
        }
        if (/[0-7]/.test(e)) {
          const o = source.slice(i + 1, i + 4);
          if (!/^[0-7]{3}$/.test(o)) fail('invalid char escape', i);
          out += String.fromCharCode(parseInt(o, 8));
          i += 4;
          continue;
        }
        fail('invalid char escape', i);
      }
      tokens.push({ kind: 'string', value: out, pos });
      continue;
    }
    if (/[\p{L}_$]/u.test(c)) {
      const m = /^[\p{L}\p{Nd}_$]+/u.exec(source.slice(i));
      const word = m?.[0] ?? c;
      tokens.push({ kind: 'name', value: word, pos });
      i += word.length;
      continue;
    }
    if (c === '#') {
      const m = /^#[\p{L}\p{Nd}_]*/u.exec(source.slice(i));
      const word = m?.[0] ?? '#';
      tokens.push({ kind: 'name', value: word, pos });
      i += word.length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op === undefined) fail(`unrecognized character: ${JSON.stringify(c)}`);
    tokens.push({ kind: 'op', value: op as string, pos });
    i += (op as string).length;
  }
  tokens.push({ kind: 'eof', value: '', pos: source.length });
  return tokens;
}
