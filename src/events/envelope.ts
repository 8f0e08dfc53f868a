import { randomFillSync } from 'node:crypto';
import { readCompactEnvelope } from './envelope-read.ts';

/**
 * The CloudEvent envelope exactly as Argo Events puts it on the bus: CloudEvents 1.0 structured JSON
 * with the event data base64-encoded in `data_base64`, no extensions.
 */
export interface CloudEventWire {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  datacontenttype: string;
  time: string;
  data_base64: string;
}

/** The context a sensor sees for an event (everything but the data). */
export interface EventContext {
  id: string;
  source: string;
  specversion: string;
  type: string;
  datacontenttype: string;
  subject: string;
  time: string;
}

/** An event as the sensor handles it: context plus the raw data bytes (JSON text for every built-in source). */
export interface SensorEvent {
  /** Read-only: consumers in one process may share it (encodeSharedEvent). */
  readonly context: Readonly<EventContext>;
  readonly data: Buffer;
}

/** Random bytes for event ids, filled in batches (one system call per 256 ids). */
const ID_POOL_BYTES = 16 * 256;
let idPool = Buffer.alloc(0);
let idOffset = 0;

/** Argo's event id: a version-4 UUID without dashes, 32 lowercase hex characters. */
export function newEventId(): string {
  if (idOffset >= idPool.length) {
    idPool = randomFillSync(Buffer.allocUnsafe(ID_POOL_BYTES));
    idOffset = 0;
  }
  const o = idOffset;
  idOffset += 16;
  idPool[o + 6] = ((idPool[o + 6] ?? 0) & 0x0f) | 0x40; // version 4
  idPool[o + 8] = ((idPool[o + 8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  return idPool.toString('hex', o, o + 16);
}

/** RFC3339 with nanosecond precision in UTC, as Go's time.RFC3339Nano prints it (trailing zeros trimmed). */
export function rfc3339Nano(date: Date): string {
  const iso = date.toISOString(); // 2006-01-02T15:04:05.000Z (or ±YYYYYY-... outside years 0-9999)
  const dot = iso.length - 5;
  let end = iso.length - 1;
  while (end > dot + 1 && iso.charCodeAt(end - 1) === 0x30) end--;
  return end === dot + 1 ? `${iso.slice(0, dot)}Z` : `${iso.slice(0, end)}Z`;
}

/** The current time in RFC3339Nano; a Date has millisecond precision, so it is formatted once per millisecond. */
let nowMs = -1;
let nowText = '';
function rfc3339NanoNow(): string {
  const ms = Date.now();
  if (ms !== nowMs) {
    nowMs = ms;
    nowText = rfc3339Nano(new Date(ms));
  }
  return nowText;
}

export interface NewEventInput {
  source: string;
  type: string;
  subject: string;
  data: Buffer;
  id?: string;
  time?: Date;
}

export function buildEvent(input: NewEventInput): SensorEvent {
  return {
    context: {
      id: input.id ?? newEventId(),
      source: input.source,
      specversion: '1.0',
      type: input.type,
      datacontenttype: 'application/json',
      subject: input.subject,
      time: input.time === undefined ? rfc3339NanoNow() : rfc3339Nano(input.time),
    },
    data: input.data,
  };
}

/**
 * Wire bytes this process encoded carry the event they hold under this key. Consumers in this process that
 * are handed the same Buffer (the embedded bus delivers the published one) skip the JSON and base64 work and
 * share the event (its context is read-only by type). Bytes that came from elsewhere are decoded once per
 * delivery. A property on the Buffer costs far less than a WeakMap entry per event.
 */
const DECODED = Symbol('switchyard.decodedEvent');
type EventCarrier = { [DECODED]?: SensorEvent };

/**
 * The envelope for a bus that hands the published Buffer to consumers in this process (the embedded bus):
 * decodeEvent of the result gives back `event` without parsing. JSON data (an object or an array, as every
 * built-in source sends) is written as it is, in `data`, the last field: no base64 text to build, a quarter
 * fewer bytes to store, and decodeEvent reads back the very same bytes. Other data goes in `data_base64`.
 */
export function encodeSharedEvent(event: SensorEvent): Buffer {
  const first = event.data[0];
  const json = event.context.datacontenttype === 'application/json' && (first === 0x7b || first === 0x5b);
  const out = json ? encodeWith(event, '"data":', event.data, '}') : encodeEvent(event);
  // what decoding `out` would give: the wire always says specversion 1.0
  const context = event.context.specversion === '1.0' ? event.context : { ...event.context, specversion: '1.0' };
  (out as EventCarrier)[DECODED] = { context, data: event.data };
  return out;
}

/** Serialises an event into Argo's wire JSON (fields in CloudEventWire's order). */
export function encodeEvent(event: SensorEvent): Buffer {
  return encodeWith(event, '"data_base64":"', event.data.toString('base64'), '"}');
}

/** The context fields in CloudEventWire's order, then `dataHead`, the data (text written as latin1) and `tail`. */
function encodeWith(event: SensorEvent, dataHead: string, data: string | Buffer, tail: string): Buffer {
  const c = event.context;
  const q = JSON.stringify;
  const head =
    `{"specversion":"1.0","id":${q(c.id)},"source":${q(c.source)},"type":${q(c.type)},"subject":${q(c.subject)},` +
    `"datacontenttype":${q(c.datacontenttype)},"time":${q(c.time)},${dataHead}`;
  const headBytes = Buffer.byteLength(head);
  const out = Buffer.allocUnsafe(headBytes + data.length + tail.length);
  out.write(head, 0, 'utf8');
  if (typeof data === 'string') out.write(data, headBytes, 'latin1');
  else data.copy(out, headBytes);
  out.write(tail, headBytes + data.length, 'latin1');
  return out;
}

/** Decodes Argo's wire JSON. Accepts `data` (JSON) as well as `data_base64`. Throws on anything else. */
export function decodeEvent(bytes: Buffer | Uint8Array): SensorEvent {
  const shared = (bytes as EventCarrier)[DECODED];
  if (shared !== undefined) return shared;
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return readCompactEnvelope(buf) ?? parseEventJson(buf.toString('utf8'));
}

/** decodeEvent's reading of any envelope text, with JSON.parse. */
export function parseEventJson(text: string): SensorEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new Error(`event is not JSON: ${(cause as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('event is not a JSON object');
  const o = raw as Record<string, unknown>;
  const str = (k: string): string => {
    const v = o[k];
    if (typeof v !== 'string') throw new Error(`event field "${k}" is missing or not a string`);
    return v;
  };
  let data: Buffer;
  if (typeof o['data_base64'] === 'string') data = Buffer.from(o['data_base64'], 'base64');
  else if (typeof o['data'] === 'string') data = Buffer.from(o['data']);
  // JSON data is kept as written (as CloudEvents SDKs keep it): reformatting would change numbers like 1.50e3
  // (the member is there, so the text is found; re-serialising is only a guard that keeps the event)
  else if ('data' in o) data = Buffer.from(lastMemberText(text, 'data') ?? JSON.stringify(o['data']));
  else data = Buffer.alloc(0);
  return {
    context: {
      id: str('id'),
      source: str('source'),
      specversion: str('specversion'),
      type: str('type'),
      datacontenttype: typeof o['datacontenttype'] === 'string' ? o['datacontenttype'] : 'application/json',
      subject: str('subject'),
      time: typeof o['time'] === 'string' ? o['time'] : '',
    },
    data,
  };
}

/** Index after the string starting at the quote `text[i]`. */
function afterString(text: string, i: number): number {
  for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
  return i + 1;
}

function skipSpace(text: string, i: number): number {
  while (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t') i++;
  return i;
}

/** Index after the JSON value starting at `text[i]` (the text is known to be valid JSON). */
function afterValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return afterString(text, i);
  if (c !== '{' && c !== '[') {
    while (i < text.length && !',}] \n\r\t'.includes(text[i]!)) i++;
    return i;
  }
  let depth = 0;
  do {
    const d = text[i];
    if (d === '"') {
      i = afterString(text, i);
      continue;
    }
    if (d === '{' || d === '[') depth++;
    else if (d === '}' || d === ']') depth--;
    i++;
  } while (depth > 0);
  return i;
}

/**
 * The text of the value of the last member named `name` of the object `text` (valid JSON, as JSON.parse takes
 * the last of repeated names), or undefined when there is none.
 */
function lastMemberText(text: string, name: string): string | undefined {
  let found: string | undefined;
  let i = skipSpace(text, 0) + 1;
  for (;;) {
    i = skipSpace(text, i);
    if (text[i] !== '"') return found;
    const nameEnd = afterString(text, i);
    const raw = text.slice(i, nameEnd);
    const member = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    const valueStart = skipSpace(text, skipSpace(text, nameEnd) + 1);
    const valueEnd = afterValue(text, valueStart);
    if (member === name) found = text.slice(valueStart, valueEnd);
    i = skipSpace(text, valueEnd);
    if (text[i] === ',') i++;
  }
}
