/**
 * A small structured logger: one line per entry on stderr, `time level msg key=value ...`.
 * SWITCHYARD_LOG_LEVEL or setLogLevel() chooses the least level printed (debug, info, warn, error).
 * SWITCHYARD_LOG_FORMAT=json prints JSON lines instead.
 *
 * Lines logged in one event-loop turn reach stderr in one write at the end of the turn (one system call
 * instead of one per line, or per request); logWritten() waits for that write, and rejects if it failed.
 */
import { stderrOutput } from './stderr-output.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const LABEL: Record<LogLevel, string> = { debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR' };

let threshold: number = ORDER[(process.env['SWITCHYARD_LOG_LEVEL'] as LogLevel | undefined) ?? 'info'] ?? ORDER.info;
let json = process.env['SWITCHYARD_LOG_FORMAT'] === 'json';

/** Past this many characters waiting, lines are written at once rather than at the end of the turn. */
const MAX_PENDING = 1 << 16;
const output = stderrOutput();
let pending = '';
let flushQueued = false;
/** A write to stderr is under way (regular files only); lines logged meanwhile wait for the next one. */
let writing = false;
interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}
let waiters: Waiter[] = [];

function flush(): void {
  flushQueued = false;
  if (writing) return; // the write under way starts the next one when it ends
  const batch = waiters;
  waiters = [];
  const out = pending;
  pending = '';
  if (out === '') {
    for (const w of batch) w.resolve();
    return;
  }
  writing = output.async;
  output.write(out, (err) => {
    writing = false;
    for (const w of batch) {
      if (err) w.reject(new Error(`cannot write to stderr: ${err.message}`));
      else w.resolve();
    }
    if (output.async && (pending !== '' || waiters.length > 0)) flush();
  });
}
process.on('exit', () => {
  // Only synchronous writes happen now. A write still under way (after process.exit or a crash) ends in the
  // kernel or not at all, so its lines may follow these; a normal exit waits for it.
  if (pending !== '') output.writeNow(pending);
  pending = '';
});

const stderrSink = (line: string): void => {
  pending += line + '\n';
  if (pending.length > MAX_PENDING) flush();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flush);
  }
};
let sink: (line: string) => void = stderrSink;

/**
 * Resolves once every line logged so far has been handed to stderr (written, when stderr is a file), or to the
 * sink set by setLogSink; rejects when stderr refused them.
 */
export function logWritten(): Promise<void> {
  if (sink !== stderrSink || (pending === '' && !flushQueued && !writing)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    waiters.push({ resolve, reject });
    if (!flushQueued && !writing) flush();
  });
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
  const emit = (level: LogLevel, msg: string, fields?: Fields): void => {
    if (ORDER[level] < threshold) return;
    const time = isoNow();
    if (json) {
      const rec: Record<string, unknown> = { time, level, msg };
      for (const [k, v] of Object.entries({ ...base, ...fields })) rec[k] = v instanceof Error ? v.message : v;
      sink(JSON.stringify(rec));
      return;
    }
    baseText ??= textFields(base);
    let line = `${time} ${LABEL[level]} ${msg}`;
    if (fields === undefined) line += baseText;
    else if (overlaps(fields, base)) line += textFields({ ...base, ...fields }); // a field replaces the base's, in its place
    else line += baseText + textFields(fields);
    sink(line);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (f) => logger({ ...base, ...f }),
  };
}

export const log = logger();
