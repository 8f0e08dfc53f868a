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
/** Waiting output: whole pieces, then the text logged since the last of them (joined as it comes). */
const pieces: Array<string | Buffer> = [];
let pendingText = '';
let pendingSize = 0;
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
  if (pendingSize === 0) {
    for (const w of batch) w.resolve();
    return;
  }
  const out = takePending();
  writing = output.async;
  output.write(out, (err) => {
    writing = false;
    for (const w of batch) {
      if (err) w.reject(new Error(`cannot write to stderr: ${err.message}`));
      else w.resolve();
    }
    if (output.async && (pendingSize > 0 || waiters.length > 0)) flush();
  });
}
process.on('exit', () => {
  // Only synchronous writes happen now. A write still under way (after process.exit or a crash) ends in the
  // kernel or not at all, so its lines may follow these; a normal exit waits for it.
  if (pendingSize > 0) output.writeNow(takePending());
});

/** The waiting output as one Buffer: strings are encoded straight into it, Buffers copied. */
function takePending(): Buffer {
  if (pendingText !== '') pieces.push(pendingText);
  let bytes = 0;
  for (const p of pieces) bytes += typeof p === 'string' ? Buffer.byteLength(p) : p.length;
  const out = Buffer.allocUnsafe(bytes);
  let at = 0;
  for (const p of pieces) at += typeof p === 'string' ? out.write(p, at) : p.copy(out, at);
  pieces.length = 0;
  pendingText = '';
  pendingSize = 0;
  return out;
}

function queued(size: number): void {
  pendingSize += size;
  if (pendingSize > MAX_PENDING) flush();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flush);
  }
}

const stderrSink = (line: string): void => {
  pendingText += line + '\n';
  queued(line.length + 1);
};

/** A line whose message is UTF-8 text in a Buffer, queued without decoding it. */
function queueBytesLine(head: string, msg: Buffer, tail: string): void {
  if (pendingText !== '') pieces.push(pendingText);
  pieces.push(head, msg);
  pendingText = tail + '\n';
  queued(head.length + msg.length + tail.length + 1);
}
let sink: (line: string) => void = stderrSink;

/**
 * Resolves once every line logged so far has been handed to stderr (written, when stderr is a file), or to the
 * sink set by setLogSink; rejects when stderr refused them.
 */
export function logWritten(): Promise<void> {
  if (sink !== stderrSink || (pendingSize === 0 && !flushQueued && !writing)) return Promise.resolve();
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
    if (json || sink !== stderrSink) {
      emit(level, msg.toString('utf8'), fields);
      return;
    }
    queueBytesLine(`${isoNow()} ${LABEL[level]} `, msg, fieldsText(fields));
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
