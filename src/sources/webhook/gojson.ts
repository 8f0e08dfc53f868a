/**
 * JSON text exactly as Go's encoding/json writes it, for payloads a sensor may read as raw text:
 * object keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped inside strings, and raw JSON compacted
 * without touching number text (1.50e3 stays 1.50e3).
 */

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;
const escapeUnsafe = (c: string): string => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/** Characters JSON.stringify escapes (quote, backslash, controls, lone surrogates) or Go escapes (HTML-unsafe ones). */
const NEEDS_ESCAPING = /["\\\x00-\x1f<>&\u2028\u2029\ud800-\udfff]/;

export function goJsonString(s: string): string {
  // most strings (header values, names, ids) need no escaping at all
  return NEEDS_ESCAPING.test(s) ? JSON.stringify(s).replace(HTML_UNSAFE, escapeUnsafe) : `"${s}"`;
}

/** Go's map ordering: keys sorted. */
function sortedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj).sort();
}

/** `map[string][]string` (http.Header, url.Values). */
export function goJsonValues(map: Record<string, string[]>): string {
  const parts = sortedKeys(map).map((k) => `${goJsonString(k)}:[${(map[k] ?? []).map(goJsonString).join(',')}]`);
  return `{${parts.join(',')}}`;
}

/** `map[string]string`. */
export function goJsonStrings(map: Record<string, string>): string {
  const parts = sortedKeys(map).map((k) => `${goJsonString(k)}:${goJsonString(map[k] ?? '')}`);
  return `{${parts.join(',')}}`;
}

const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d, QUOTE = 0x22, BACKSLASH = 0x5c;

/**
 * Compacts JSON text that is already known to be valid: drops whitespace outside strings and escapes
 * HTML-unsafe characters inside them. Numbers and escapes are copied byte for byte.
 */
export function compactJson(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      else if (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
        out += text.slice(from, i) + escapeUnsafe(text[i] ?? '');
        from = i + 1;
      }
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === SPACE || c === TAB || c === LF || c === CR) {
      out += text.slice(from, i);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}
