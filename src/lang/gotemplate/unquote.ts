/** strconv.Unquote for the string and character literals of template source. Returns null when invalid. */
export function unquoteGo(lit: string): string | null {
  const q = lit[0];
  if (q === '`') return lit.slice(1, -1).replace(/\r/g, '');
  if (lit.length < 2 || lit[lit.length - 1] !== q) return null;
  const body = lit.slice(1, -1);
  if (!body.includes('\\')) {
    if (q === "'" && [...body].length !== 1) return null;
    return body;
  }
  let out = '';
  const bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length) {
      out += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      flush();
      if (c === q) return null;
      out += c;
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e !== undefined && simple[e] !== undefined) {
      flush();
      out += simple[e];
    } else if (e === q) {
      flush();
      out += q;
    } else if (e === 'x' || (e !== undefined && e >= '0' && e <= '7')) {
      const len = e === 'x' ? 2 : 3;
      const digits = e === 'x' ? body.slice(i + 1, i + 3) : body.slice(i, i + 3);
      const re = e === 'x' ? /^[0-9a-fA-F]{2}$/ : /^[0-7]{3}$/;
      if (!re.test(digits)) return null;
      const v = parseInt(digits, e === 'x' ? 16 : 8);
      if (v > 255) return null;
      bytes.push(v);
      i += e === 'x' ? len : len - 1;
    } else if (e === 'u' || e === 'U') {
      const len = e === 'u' ? 4 : 8;
      const digits = body.slice(i + 1, i + 1 + len);
      if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(digits)) return null;
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) return null;
      flush();
      out += String.fromCodePoint(cp);
      i += len;
    } else return null;
  }
  flush();
  if (q === "'" && [...out].length !== 1) return null;
  return out;
}
