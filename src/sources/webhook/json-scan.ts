/**
 * Checks that a request body is one JSON document and compacts it in the same pass, without building
 * the parsed value (a webhook only stores the text, so JSON.parse's objects would be garbage at once).
 * It accepts exactly what JSON.parse accepts, and its output is compactJson's (gojson.ts).
 */
import { compactJson } from './gojson.ts';

const VALUE = 0, VALUE_OR_CLOSE = 1, KEY = 2, KEY_OR_CLOSE = 3, COLON = 4, AFTER = 5;
const OBJECT = 0x7b, ARRAY = 0x5b, QUOTE = 0x22, BACKSLASH = 0x5c;

const escapeUnsafe = (c: number): string => '\\u' + c.toString(16).padStart(4, '0');

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

// Reads past the end give -1, not NaN: V8 keeps charCodeAt fast only while it stays in bounds.
const at = (text: string, i: number): number => (i < text.length ? text.charCodeAt(i) : -1);

/** Index after the number starting at i, or -1 if there is none. */
function scanNumber(text: string, i: number): number {
  if (at(text, i) === 0x2d) i++;
  const first = at(text, i);
  if (first === 0x30) i++;
  else if (first >= 0x31 && first <= 0x39) while (isDigit(at(text, ++i)));
  else return -1;
  if (at(text, i) === 0x2e) {
    if (!isDigit(at(text, ++i))) return -1;
    while (isDigit(at(text, ++i)));
  }
  const e = at(text, i);
  if (e === 0x65 || e === 0x45) {
    const sign = at(text, ++i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(at(text, i))) return -1;
    while (isDigit(at(text, ++i)));
  }
  return i;
}

/** The compact text, or undefined when `text` is not exactly one JSON value (surrounded by whitespace). */
export function scanCompactJson(text: string): string | undefined {
  const n = text.length;
  const stack: number[] = [];
  let out = '';
  let from = 0;
  let i = 0;
  let state = VALUE;
  for (;;) {
    let c = at(text, i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      out += text.slice(from, i);
      from = ++i;
      c = at(text, i);
    }
    if (c < 0) return state === AFTER && stack.length === 0 ? out + text.slice(from) : undefined;
    if (state === AFTER) {
      const top = stack[stack.length - 1];
      if (top === undefined) return undefined; // something after the document
      if (c === 0x2c) {
        state = top === OBJECT ? KEY : VALUE;
      } else if (c === (top === OBJECT ? 0x7d : 0x5d)) {
        stack.pop();
      } else {
        return undefined;
      }
      i++;
      continue;
    }
    if (state === COLON) {
      if (c !== 0x3a) return undefined;
      i++;
      state = VALUE;
      continue;
    }
    if ((state === VALUE_OR_CLOSE && c === 0x5d) || (state === KEY_OR_CLOSE && c === 0x7d)) {
      stack.pop();
      i++;
      state = AFTER;
      continue;
    }
    if (c === QUOTE) {
      // a string, as a key or a value: control characters must be escaped; HTML-unsafe ones get escaped here
      for (i++; ; i++) {
        if (i >= n) return undefined;
        const s = text.charCodeAt(i);
        if (s > BACKSLASH && s < 0x2028) continue; // most characters
        if (s === QUOTE) break;
        if (s === BACKSLASH) {
          const e = at(text, ++i);
          if (e === 0x75) {
            if (!(isHex(at(text, i + 1)) && isHex(at(text, i + 2)) && isHex(at(text, i + 3)) && isHex(at(text, i + 4)))) return undefined;
            i += 4;
          } else if (!(e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74)) {
            return undefined;
          }
        } else if (s < 0x20) {
          return undefined;
        } else if (s === 0x3c || s === 0x3e || s === 0x26 || s === 0x2028 || s === 0x2029) {
          out += text.slice(from, i) + escapeUnsafe(s);
          from = i + 1;
        }
      }
      i++;
      state = state === KEY || state === KEY_OR_CLOSE ? COLON : AFTER;
      continue;
    }
    if (state === KEY || state === KEY_OR_CLOSE) return undefined;
    if (c === OBJECT || c === ARRAY) {
      stack.push(c);
      i++;
      state = c === OBJECT ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
      continue;
    }
    if (c === 0x74 && text.startsWith('true', i)) i += 4;
    else if (c === 0x66 && text.startsWith('false', i)) i += 5;
    else if (c === 0x6e && text.startsWith('null', i)) i += 4;
    else if ((i = scanNumber(text, i)) < 0) return undefined;
    state = AFTER;
  }
}

/** The compact text, or the error JSON.parse gives for it. */
export function compactBody(text: string): { ok: true; json: string } | { ok: false; error: Error } {
  const json = scanCompactJson(text);
  if (json !== undefined) return { ok: true, json };
  try {
    JSON.parse(text);
  } catch (err) {
    return { ok: false, error: err as Error };
  }
  return { ok: true, json: compactJson(text) }; // not reached unless the scanner is stricter than JSON.parse
}
