/**
 * Reads Switchyard's log file as it grows and picks out the log trigger's lines for tagged events.
 * A log line is `TIME LEVEL msg key=value...`; the log trigger's msg is the event data, whose body starts
 * with `"benchId":"…","sentAt":…` (see payload.ts).
 */
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface LoggedEvent {
  id: string;
  /** ms since the epoch, as the client stamped it. */
  sentAt: number;
  /**
   * ms since the epoch, from the log line's timestamp. That timestamp is cut to the millisecond, so the middle
   * of its millisecond is taken: otherwise every end-to-end time would read 0.5 ms short on average (and
   * sub-millisecond ones below zero).
   */
  loggedAt: number;
}

const TAG = /"benchId":"([^"]+)","sentAt":([0-9.]+)/;

/** Parses one log line; undefined if it is not a tagged event line. */
export function parseEventLine(line: string): LoggedEvent | undefined {
  const m = TAG.exec(line);
  if (!m) return undefined;
  const loggedMs = Date.parse(line.slice(0, line.indexOf(' ')));
  if (Number.isNaN(loggedMs)) return undefined;
  return { id: m[1]!, sentAt: Number(m[2]), loggedAt: loggedMs + 0.5 };
}

export class LogTail {
  private offset = 0;
  private partial = '';
  private readonly decoder = new StringDecoder('utf8');
  private readonly buf = Buffer.alloc(1 << 20);
  private readonly fd: number;
  /** Every tagged event line seen so far, in file order. */
  readonly events: LoggedEvent[] = [];
  /** WARN and ERROR lines seen so far, without their timestamp, with how often each occurred. */
  readonly problems = new Map<string, number>();

  constructor(file: string) {
    this.fd = openSync(file, 'r');
  }

  /** Reads what was appended since the last call. */
  poll(): void {
    const size = fstatSync(this.fd).size;
    const buf = this.buf;
    while (this.offset < size) {
      const n = readSync(this.fd, buf, 0, Math.min(buf.length, size - this.offset), this.offset);
      if (n <= 0) break;
      this.offset += n;
      const lines = (this.partial + this.decoder.write(buf.subarray(0, n))).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) this.take(line);
    }
  }

  private take(line: string): void {
    const ev = parseEventLine(line);
    if (ev) {
      this.events.push(ev);
      return;
    }
    if (/^\S+ (WARN|ERROR)/.test(line)) {
      const text = line.slice(line.indexOf(' ') + 1, 600);
      if (this.problems.has(text) || this.problems.size < 50) this.problems.set(text, (this.problems.get(text) ?? 0) + 1);
    }
  }

  /** Count of tagged lines whose id starts with prefix. */
  count(prefix: string): number {
    let n = 0;
    for (const e of this.events) if (e.id.startsWith(prefix)) n++;
    return n;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Polls until `expected` tagged lines with the prefix were logged, or nothing new arrived for idleMs, or
 * maxMs passed. Returns the count reached.
 */
export async function waitForLogged(tail: LogTail, prefix: string, expected: number, idleMs = 10_000, maxMs = 90_000): Promise<number> {
  const start = Date.now();
  let last = -1;
  let lastChange = start;
  for (;;) {
    tail.poll();
    const n = tail.count(prefix);
    if (n >= expected) return n;
    if (n !== last) {
      last = n;
      lastChange = Date.now();
    }
    if (Date.now() - lastChange > idleMs || Date.now() - start > maxMs) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Deliveries {
  /** Event id -> end-to-end ms of its first log line (log time - send time). */
  firstMs: Map<string, number>;
  /** Distinct ids logged. */
  logged: number;
  /** Log lines for an id already logged (at-least-once allows them). */
  duplicates: number;
  /** Ids sent but never logged, and the first ten of them. */
  missing: number;
  missingSample: string[];
}

/** What became of the events `${prefix}0` .. `${prefix}${sent - 1}`, from the lines read so far. */
export function deliveries(tail: LogTail, prefix: string, sent: number): Deliveries {
  const firstMs = new Map<string, number>();
  let lines = 0;
  for (const e of tail.events) {
    if (!e.id.startsWith(prefix)) continue;
    lines++;
    if (!firstMs.has(e.id)) firstMs.set(e.id, e.loggedAt - e.sentAt);
  }
  const out: Deliveries = { firstMs, logged: firstMs.size, duplicates: lines - firstMs.size, missing: 0, missingSample: [] };
  for (let i = 0; i < sent; i++) {
    if (firstMs.has(`${prefix}${i}`)) continue;
    out.missing++;
    if (out.missingSample.length < 10) out.missingSample.push(`${prefix}${i}`);
  }
  return out;
}

export interface LoggedRate {
  logged: number;
  /** Events logged per second, from the start of the load to the last one logged. */
  deliveredPerSec: number;
  /** How long after the load ended the last one was logged (ms). */
  drainMs: number;
}

/** How fast the `logged` events tagged `id` were logged, for a load that ran from loadStart to loadEnd. */
export function loggedRate(tail: LogTail, id: string, logged: number, loadStart: number, loadEnd: number): LoggedRate {
  let last = loadStart;
  for (const e of tail.events) if (e.id === id) last = Math.max(last, e.loggedAt);
  return { logged, deliveredPerSec: (logged * 1000) / Math.max(1, last - loadStart), drainMs: Math.max(0, last - loadEnd) };
}
