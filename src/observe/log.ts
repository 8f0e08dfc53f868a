/**
 * A small structured logger: one line per entry on stderr, `time level msg key=value ...`.
 * SWITCHYARD_LOG_LEVEL or setLogLevel() chooses the least level printed (debug, info, warn, error).
 * SWITCHYARD_LOG_FORMAT=json prints JSON lines instead.
 *
 * How lines reach stderr (one write per event-loop turn, from the thread pool when stderr is a file):
 * stderr-writer.ts.
 */
import { flush, queueLine, queueLineWithBytes, written } from './stderr-writer.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const LABEL: Record<LogLevel, string> = { debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR' };

let threshold: number = ORDER[(process.env['SWITCHYARD_LOG_LEVEL'] as LogLevel | undefined) ?? 'info'] ?? ORDER.info;
let json = process.env['SWITCHYARD_LOG_FORMAT'] === 'json';

let sink: (line: string) => void = queueLine;

/**
 * Resolves once every line logged so far has been handed to stderr (written, when stderr is a file), or to the
 * sink set by setLogSink; rejects when stderr refused them.
 */
export function logWritten(): Promise<void> {
  return sink === queueLine ? written() : Promise.resolve();
}

export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level];
}
export function setLogFormat(format: 'text' | 'json'): void {
  json = format === 'json';
}
/** Redirects log lines (tests); each line is handed over as it is logged. */
export function setLogSink(fn: (line: string) => void): void {
  flush();
  sink = fn;
}
export function isLevelEnabled(level: LogLevel): boolean {
  return ORDER[level] >= threshold;
}

export type Fields = Record<string, unknown>;

const NEEDS_QUOTES = /[\s"=]/;

function fmtValue(v: unknown): string {
  if (v instanceof Error) v = v.message;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s === undefined) return 'undefined';
  return s === '' || NEEDS_QUOTES.test(s) ? JSON.stringify(s) : s;
}

/** The current time as ISO 8601, formatted once per millisecond however many callers share it. */
let lastMs = -1;
let lastIso = '';
export function isoNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  /** info() for a message that is UTF-8 text held in a Buffer (event data): written as is, not decoded. */
  infoBytes(msg: Buffer, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

function textFields(fields: Fields): string {
  let out = '';
  for (const k in fields) {
    const v = fields[k];
    if (v !== undefined) out += ` ${k}=${fmtValue(v)}`;
  }
  return out;
}

function overlaps(fields: Fields, base: Fields): boolean {
  for (const k in fields) if (Object.hasOwn(base, k)) return true;
  return false;
}

export function logger(base: Fields = {}): Logger {
  // A logger's own fields are formatted once (text format), not on every line.
  let baseText: string | undefined;
  const fieldsText = (fields: Fields | undefined): string => {
    baseText ??= textFields(base);
    if (fields === undefined) return baseText;
    if (overlaps(fields, base)) return textFields({ ...base, ...fields }); // a field replaces the base's, in its place
    return baseText + textFields(fields);
  };
  const emit = (level: LogLevel, msg: string, fields?: Fields): void => {
    if (ORDER[level] < threshold) return;
    const time = isoNow();
    if (json) {
      const rec: Record<string, unknown> = { time, level, msg };
      for (const [k, v] of Object.entries({ ...base, ...fields })) rec[k] = v instanceof Error ? v.message : v;
      sink(JSON.stringify(rec));
      return;
    }
    sink(`${time} ${LABEL[level]} ${msg}${fieldsText(fields)}`);
  };
  const emitBytes = (level: LogLevel, msg: Buffer, fields?: Fields): void => {
    if (ORDER[level] < threshold) return;
    if (json || sink !== queueLine) {
      emit(level, msg.toString('utf8'), fields);
      return;
    }
    queueLineWithBytes(`${isoNow()} ${LABEL[level]} `, msg, fieldsText(fields));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    infoBytes: (m, f) => emitBytes('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (f) => logger({ ...base, ...f }),
  };
}

export const log = logger();
