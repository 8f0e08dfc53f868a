/**
 * A small structured logger: one line per entry on stderr, `time level msg key=value ...`.
 * SWITCHYARD_LOG_LEVEL or setLogLevel() chooses the least level printed (debug, info, warn, error).
 * SWITCHYARD_LOG_FORMAT=json prints JSON lines instead.
 *
 * Lines logged in one event-loop turn reach stderr in one write at the end of the turn (one system call
 * instead of one per line, or per request); logWritten() waits for that write.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const LABEL: Record<LogLevel, string> = { debug: 'DEBUG', info: 'INFO ', warn: 'WARN ', error: 'ERROR' };

let threshold: number = ORDER[(process.env['SWITCHYARD_LOG_LEVEL'] as LogLevel | undefined) ?? 'info'] ?? ORDER.info;
let json = process.env['SWITCHYARD_LOG_FORMAT'] === 'json';

/** Past this many characters waiting, lines are written at once rather than at the end of the turn. */
const MAX_PENDING = 1 << 16;
let pending = '';
let flushQueued = false;
let waiters: Array<() => void> = [];

function flush(): void {
  flushQueued = false;
  if (pending !== '') {
    const out = pending;
    pending = '';
    process.stderr.write(out);
  }
  const done = waiters;
  waiters = [];
  for (const resolve of done) resolve();
}
process.on('exit', flush);

const stderrSink = (line: string): void => {
  pending += line + '\n';
  if (pending.length > MAX_PENDING) flush();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flush);
  }
};
let sink: (line: string) => void = stderrSink;

/** Resolves once every line logged so far has been handed to stderr (or to the sink set by setLogSink). */
export function logWritten(): Promise<void> {
  if (sink !== stderrSink || (pending === '' && !flushQueued)) return Promise.resolve();
  return new Promise((resolve) => waiters.push(resolve));
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
