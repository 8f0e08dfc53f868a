/**
 * Reads an envelope as Switchyard and Argo Events write it (one compact JSON object of string fields) straight
 * from its bytes: no decoding of the whole text, no parsed object, and the base64 data decoded from one slice.
 * JSON data as the embedded bus stores it (an object or array in `data`, the last field) is copied as it is.
 * Anything it is not sure of (whitespace, escapes, a field that is not a string, a field given twice, a
 * required field missing, base64 that is not strict, bytes after the object) gives undefined, and the caller
 * parses the text with JSON.parse instead: for every input, the two agree on the event or on the refusal.
 */
import { isAscii, isUtf8 } from 'node:buffer';
// The webhook's body scanner: a value it gives back unchanged is compact JSON with nothing Go would escape.
import { scanCompactJson } from '../sources/webhook/json-scan.ts';
import type { EventContext, SensorEvent } from './envelope.ts';

const QUOTE = 0x22, BACKSLASH = 0x5c, EQUALS = 0x3d;

/** The envelope's fields; other names are extensions, skipped as JSON.parse's reader skips them. */
const FIELDS = ['id', 'source', 'specversion', 'type', 'subject', 'datacontenttype', 'time', 'data_base64', 'data'].map((f) => Buffer.from(f, 'latin1'));
const DATA_BASE64 = 7;
const DATA = 8;
const NOT_A_FIELD = -1;

/** Which of FIELDS the name in `b[from, to)` is, compared byte by byte (no string is made for it). */
function fieldAt(b: Buffer, from: number, to: number): number {
  const length = to - from;
  next: for (let f = 0; f < FIELDS.length; f++) {
    const name = FIELDS[f]!;
    if (name.length !== length || name[0] !== b[from]) continue;
    for (let k = 1; k < length; k++) if (name[k] !== b[from + k]) continue next;
    return f;
  }
  return NOT_A_FIELD;
}

/**
 * Index of the quote that ends the string whose content starts at `from`, or -1 when the string has an
 * escape or a control character (JSON.parse's rules then apply) or does not end.
 */
function stringEnd(b: Buffer, from: number): number {
  for (let i = from; i < b.length; i++) {
    const c = b[i]!;
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 0x20) return -1;
  }
  return -1;
}

/** The bytes standard padded base64 `b[from, to)` decodes to, or undefined unless every character counts. */
function strictBase64(b: Buffer, from: number, to: number): Buffer | undefined {
  const length = to - from;
  if (length % 4 !== 0) return undefined;
  // The end quote was found with indexOf: an escape before it may have hidden the real end.
  const escape = b.indexOf(BACKSLASH, from);
  if ((escape !== -1 && escape < to) || !isAscii(b.subarray(from, to))) return undefined;
  const padding = length === 0 ? 0 : b[to - 1] !== EQUALS ? 0 : b[to - 2] !== EQUALS ? 1 : 2;
  const data = Buffer.from(b.toString('latin1', from, to), 'base64');
  // Node skips characters outside the alphabet (control characters, whitespace, '=' inside): any skipped
  // one shortens the result, and JSON.parse's reading decides instead.
  return data.length === (length / 4) * 3 - padding ? data : undefined;
}

/**
 * A copy of the JSON value from `from` to the envelope's closing brace, when it is the last field, compact and
 * valid UTF-8 (what JSON.parse's reading keeps then is exactly these bytes); otherwise undefined.
 */
function lastJsonValue(b: Buffer, from: number): Buffer | undefined {
  const end = b.length - 1;
  if (end <= from || b[end] !== 0x7d) return undefined;
  const value = b.subarray(from, end);
  // the same Buffer back: already compact, nothing Go would escape, and one value (nothing after it)
  if (!isUtf8(value) || scanCompactJson(value) !== value) return undefined;
  return Buffer.from(value);
}

export function readCompactEnvelope(b: Buffer): SensorEvent | undefined {
  if (b[0] !== 0x7b || b[1] !== QUOTE) return undefined;
  const values: Array<string | undefined> = [undefined, undefined, undefined, undefined, undefined, undefined, undefined];
  let data: Buffer | undefined;
  let i = 1;
  for (;;) {
    // "name":"value"
    if (b[i] !== QUOTE) return undefined;
    const nameEnd = stringEnd(b, i + 1);
    if (nameEnd < 0 || b[nameEnd + 1] !== 0x3a) return undefined;
    const field = fieldAt(b, i + 1, nameEnd);
    if (field === DATA && (b[nameEnd + 2] === 0x7b || b[nameEnd + 2] === 0x5b)) {
      if (data !== undefined) return undefined;
      data = lastJsonValue(b, nameEnd + 2);
      if (data === undefined) return undefined;
      break;
    }
    if (b[nameEnd + 2] !== QUOTE) return undefined;
    const from = nameEnd + 3;
    let to: number;
    if (field === DATA_BASE64) {
      if (data !== undefined) return undefined;
      to = b.indexOf(QUOTE, from);
      if (to < 0) return undefined;
      data = strictBase64(b, from, to);
      if (data === undefined) return undefined;
    } else {
      to = stringEnd(b, from);
      if (to < 0) return undefined;
      if (field === DATA) return undefined; // a string in `data` (not what Switchyard writes): left to JSON.parse
      if (field !== NOT_A_FIELD) {
        if (values[field] !== undefined) return undefined;
        values[field] = b.toString('utf8', from, to);
      }
    }
    i = to + 1;
    if (b[i] === 0x2c) {
      i++;
      continue;
    }
    if (b[i] !== 0x7d || i + 1 !== b.length) return undefined;
    break;
  }
  const [id, source, specversion, type, subject, datacontenttype, time] = values;
  if (id === undefined || source === undefined || specversion === undefined || type === undefined || subject === undefined) return undefined;
  const context: EventContext = { id, source, specversion, type, datacontenttype: datacontenttype ?? 'application/json', subject, time: time ?? '' };
  return { context, data: data ?? Buffer.alloc(0) };
}
