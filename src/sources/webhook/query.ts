/**
 * `application/x-www-form-urlencoded` parsing with Go's url.ParseQuery rules: pairs split on `&`,
 * `+` is a space, a pair with a `;` or a bad %-escape is dropped (and reported), values keep their order.
 */
export interface ParsedQuery {
  values: Record<string, string[]>;
  /** The first problem met, if any (Go reports it; GET ignores it, a form body is rejected). */
  error?: string;
}

function unescape(s: string): string | undefined {
  if (!s.includes('%')) return s.replaceAll('+', ' ');
  if (/%(?![0-9a-fA-F]{2})/.test(s)) return undefined;
  // decode to bytes first: %XX escapes may spell UTF-8 sequences (or invalid ones, which become U+FFFD)
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    if (ch === '%') {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch === '+') {
      bytes.push(0x20);
    } else {
      const cp = s.codePointAt(i) ?? 0;
      if (cp > 0xffff) i++;
      bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

export function parseQuery(raw: string): ParsedQuery {
  const values: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let error: string | undefined;
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    if (pair.includes(';')) {
      error ??= `invalid semicolon separator in query pair ${JSON.stringify(pair)}`;
      continue;
    }
    const eq = pair.indexOf('=');
    const key = unescape(eq < 0 ? pair : pair.slice(0, eq));
    const value = unescape(eq < 0 ? '' : pair.slice(eq + 1));
    if (key === undefined || value === undefined) {
      error ??= `invalid %-escape in query pair ${JSON.stringify(pair)}`;
      continue;
    }
    (values[key] ??= []).push(value);
  }
  return error === undefined ? { values } : { values, error };
}
