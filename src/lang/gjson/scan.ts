/**
 * Low-level scanners over JSON text. They never throw: on malformed input they stop at the end of the text,
 * so a path lookup on broken JSON simply finds nothing.
 */

export function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

export function skipWs(s: string, i: number): number {
  while (i < s.length && isWs(s.charCodeAt(i))) i++;
  return i;
}

/** Index just past the string whose opening quote is at i. */
export function stringEnd(s: string, i: number): number {
  // jump from quote to quote (indexOf is far faster than a character loop); a quote preceded by an odd run
  // of backslashes is escaped
  let q = s.indexOf('"', i + 1);
  while (q >= 0) {
    let k = q - 1;
    while (k > i && s.charCodeAt(k) === 0x5c) k--;
    if ((q - k) % 2 === 1) return q + 1;
    q = s.indexOf('"', q + 1);
  }
  return s.length;
}

/** Index just past the container whose opening bracket is at i, counting depth and skipping strings. */
function containerEnd(s: string, i: number): number {
  let depth = 1;
  const n = s.length;
  for (let j = i + 1; j < n; j++) {
    const d = s.charCodeAt(j);
    if (d === 0x22) j = stringEnd(s, j) - 1;
    else if (d === 0x7b || d === 0x5b) depth++;
    else if (d === 0x7d || d === 0x5d) {
      if (--depth === 0) return j + 1;
    }
  }
  return n;
}

/** Index just past the value starting at i (i must point at the value's first character). */
export function valueEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x22) return stringEnd(s, i);
  if (c === 0x7b || c === 0x5b) return containerEnd(s, i);
  let j = i + 1;
  while (j < s.length) {
    const d = s.charCodeAt(j);
    if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
    j++;
  }
  return j;
}

/**
 * Whether the member key spanning s[ks:ke] (quotes included) equals key once unescaped, without building
 * the unescaped key unless the written key has escapes.
 */
export function keyEquals(s: string, ks: number, ke: number, key: string): boolean {
  const len = ke - ks - 2;
  // escapes only shorten a key: a written key shorter than key never matches
  if (len < key.length) return false;
  if (len === key.length && key.indexOf('\\') < 0) return s.startsWith(key, ks + 1);
  for (let j = ks + 1; j < ke - 1; j++) {
    if (s.charCodeAt(j) === 0x5c) return unescapeJson(s.slice(ks + 1, ke - 1)) === key;
  }
  return len === key.length && s.startsWith(key, ks + 1);
}

/**
 * Calls fn for each member of the object whose '{' is at open: key span includes the quotes.
 * Stops early when fn returns false.
 */
export function eachMember(
  s: string,
  open: number,
  fn: (ks: number, ke: number, vs: number, ve: number) => boolean,
): void {
  let i = open + 1;
  while (i < s.length) {
    i = skipWs(s, i);
    const c = s.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      continue;
    }
    if (c !== 0x22) return;
    const ks = i;
    const ke = stringEnd(s, i);
    i = skipWs(s, ke);
    if (s.charCodeAt(i) !== 0x3a) return;
    i = skipWs(s, i + 1);
    if (i >= s.length) return;
    const ve = valueEnd(s, i);
    if (!fn(ks, ke, i, ve)) return;
    i = ve;
  }
}

/** Calls fn for each element of the array whose '[' is at open. Stops early when fn returns false. */
export function eachElement(s: string, open: number, fn: (vs: number, ve: number, idx: number) => boolean): void {
  let i = open + 1;
  let idx = 0;
  while (i < s.length) {
    i = skipWs(s, i);
    const c = s.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      continue;
    }
    if (c === 0x5d || i >= s.length) return;
    if (c === 0x7d || c === 0x3a) return;
    const ve = valueEnd(s, i);
    if (!fn(i, ve, idx++)) return;
    i = ve;
  }
}

/** Decodes the inside of a JSON string (without quotes). Lone surrogates become U+FFFD as in Go. */
export function unescapeJson(inner: string): string {
  if (inner.indexOf('\\') < 0) return inner;
  let out = '';
  let i = 0;
  while (i < inner.length) {
    const c = inner[i] as string;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = inner[i + 1];
    i += 2;
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        const cp = parseHex4(inner, i);
        if (cp < 0) {
          out += '\ufffd';
          break;
        }
        i += 4;
        if (cp >= 0xd800 && cp < 0xdc00) {
          const lo = inner[i] === '\\' && inner[i + 1] === 'u' ? parseHex4(inner, i + 2) : -1;
          if (lo >= 0xdc00 && lo < 0xe000) {
            out += String.fromCharCode(cp, lo);
            i += 6;
          } else out += '\ufffd';
        } else if (cp >= 0xdc00 && cp < 0xe000) out += '\ufffd';
        else out += String.fromCharCode(cp);
        break;
      }
      case undefined: break;
      default: out += e;
    }
  }
  return out;
}

function parseHex4(s: string, i: number): number {
  if (i + 4 > s.length) return -1;
  const h = s.slice(i, i + 4);
  return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : -1;
}
