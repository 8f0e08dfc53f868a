import { randomUUID } from 'node:crypto';

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
  context: EventContext;
  data: Buffer;
}

/** Argo's event id: a UUID without dashes, 32 lowercase hex characters. */
export function newEventId(): string {
  return randomUUID().replaceAll('-', '');
}

/** RFC3339 with nanosecond precision in UTC, as Go's time.RFC3339Nano prints it (trailing zeros trimmed). */
export function rfc3339Nano(date: Date): string {
  const iso = date.toISOString(); // 2006-01-02T15:04:05.000Z
  const [head, frac = ''] = iso.slice(0, -1).split('.');
  const trimmed = frac.replace(/0+$/, '');
  return trimmed.length > 0 ? `${head}.${trimmed}Z` : `${head}Z`;
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
      time: rfc3339Nano(input.time ?? new Date()),
    },
    data: input.data,
  };
}

/** Serialises an event into Argo's wire JSON. */
export function encodeEvent(event: SensorEvent): Buffer {
  const wire: CloudEventWire = {
    specversion: '1.0',
    id: event.context.id,
    source: event.context.source,
    type: event.context.type,
    subject: event.context.subject,
    datacontenttype: event.context.datacontenttype,
    time: event.context.time,
    data_base64: event.data.toString('base64'),
  };
  return Buffer.from(JSON.stringify(wire));
}

/** Decodes Argo's wire JSON. Accepts `data` (JSON) as well as `data_base64`. Throws on anything else. */
export function decodeEvent(bytes: Buffer | Uint8Array): SensorEvent {
  const text = Buffer.from(bytes).toString('utf8');
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
  else if ('data' in o) data = Buffer.from(typeof o['data'] === 'string' ? o['data'] : JSON.stringify(o['data']));
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
