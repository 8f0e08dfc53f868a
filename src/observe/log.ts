/**
 * A small structured logger: one line per entry on stderr, `time level msg key=value ...`.
 * SWITCHYARD_LOG_LEVEL or setLogLevel() chooses the least level printed (debug, info, warn, error).
 * SWITCHYARD_LOG_FORMAT=json prints JSON lines instead.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

let threshold: number = ORDER[(process.env['SWITCHYARD_LOG_LEVEL'] as LogLevel | undefined) ?? 'info'] ?? ORDER.info;
let json = process.env['SWITCHYARD_LOG_FORMAT'] === 'json';
let sink: (line: string) => void = (line) => process.stderr.write(line + '\n');

export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level];
}
export function setLogFormat(format: 'text' | 'json'): void {
  json = format === 'json';
}
/** Redirects log lines (tests). */
export function setLogSink(fn: (line: string) => void): void {
  sink = fn;
}
export function isLevelEnabled(level: LogLevel): boolean {
  return ORDER[level] >= threshold;
}

export type Fields = Record<string, unknown>;

function fmtValue(v: unknown): string {
  if (v instanceof Error) v = v.message;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s === undefined) return 'undefined';
  return /[\s"=]/.test(s) || s === '' ? JSON.stringify(s) : s;
}

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
  child(fields: Fields): Logger;
}

export function logger(base: Fields = {}): Logger {
  const emit = (level: LogLevel, msg: string, fields?: Fields): void => {
    if (ORDER[level] < threshold) return;
    const all = { ...base, ...fields };
    const time = new Date().toISOString();
    if (json) {
      const rec: Record<string, unknown> = { time, level, msg };
      for (const [k, v] of Object.entries(all)) rec[k] = v instanceof Error ? v.message : v;
      sink(JSON.stringify(rec));
      return;
    }
    let line = `${time} ${level.toUpperCase().padEnd(5)} ${msg}`;
    for (const [k, v] of Object.entries(all)) if (v !== undefined) line += ` ${k}=${fmtValue(v)}`;
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
