/** sprig date functions. Like sprig, numbers given as dates are accepted only as Go ints (Unix seconds). */
import { def, type FuncTable } from '../funcs.ts';
import { formatDuration, formatTime, isValidZone, parseDuration, parseTime } from '../time.ts';
import { GoTime } from '../values.ts';
import { toInt64 } from './convert.ts';

const ZERO_TIME_MS = -62135596800000;

function now(): GoTime {
  const t = process.hrtime.bigint();
  return new GoTime(Date.now(), 'Local', Number(t % 1000000n));
}

function toTime(date: unknown): GoTime {
  if (date instanceof GoTime) return date;
  if (typeof date === 'bigint') return new GoTime(Number(date) * 1000, 'Local');
  return now();
}

function formatDate(layout: string, date: unknown, zone: string): string {
  const z = isValidZone(zone) ? zone : 'UTC';
  const t = toTime(date);
  return formatTime(new GoTime(t.ms, z === '' ? 'UTC' : z, t.nanos), layout);
}

function toDate(layout: string, value: string): GoTime {
  return parseTime(layout, value, 'Local') ?? new GoTime(ZERO_TIME_MS, 'UTC');
}

function mustToDate(layout: string, value: string): GoTime {
  const t = parseTime(layout, value, 'Local');
  if (!t) throw new Error(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse`);
  return t;
}

function durationOf(sec: unknown): string {
  let n = 0n;
  if (typeof sec === 'string') n = /^[+-]?[0-9]+$/.test(sec) ? BigInt(sec) : 0n;
  return formatDuration(n * 1000000000n);
}

function roundTo(ns: bigint, unit: bigint): bigint {
  const r = ns % unit;
  const neg = ns < 0n;
  const a = neg ? -r : r;
  let out = ns - r;
  if (a + a >= unit) out += neg ? -unit : unit;
  return out;
}

function ago(date: unknown): string {
  let t: GoTime;
  if (date instanceof GoTime) t = date;
  else if (typeof date === 'bigint') t = new GoTime(Number(date) * 1000);
  else t = now();
  const ns = BigInt(Date.now() - t.ms) * 1000000n;
  return formatDuration(roundTo(ns, 1000000000n));
}

function dateModify(fmt: string, date: GoTime): GoTime {
  const d = parseDuration(fmt);
  if (d === null) return date;
  const totalNs = BigInt(date.nanos) + d;
  const ms = date.ms + Number(totalNs / 1000000n);
  return new GoTime(ms, date.zone, Number(((totalNs % 1000000n) + 1000000n) % 1000000n));
}

function mustDateModify(fmt: string, date: GoTime): GoTime {
  if (parseDuration(fmt) === null) throw new Error(`time: invalid duration ${JSON.stringify(fmt)}`);
  return dateModify(fmt, date);
}

function durationRound(v: unknown): string {
  let ns: bigint;
  if (typeof v === 'string') ns = parseDuration(v) ?? 0n;
  else if (v instanceof GoTime) ns = BigInt(Date.now() - v.ms) * 1000000n;
  else ns = toInt64(v);
  const neg = ns < 0n;
  const u = neg ? -ns : ns;
  const units: [bigint, string][] = [
    [365n * 24n * 3600n * 1000000000n, 'y'],
    [30n * 24n * 3600n * 1000000000n, 'mo'],
    [24n * 3600n * 1000000000n, 'd'],
    [3600n * 1000000000n, 'h'],
    [60n * 1000000000n, 'm'],
    [1000000000n, 's'],
  ];
  for (const [size, name] of units) if (u >= size) return (neg ? '-' : '') + (u / size).toString() + name;
  return '0s';
}

export const dateFuncs: FuncTable = {
  now: def([], now),
  date: def(['string', 'any'], (f: string, d: unknown) => formatDate(f, d, 'Local')),
  dateInZone: def(['string', 'any', 'string'], formatDate),
  date_in_zone: def(['string', 'any', 'string'], formatDate),
  htmlDate: def(['any'], (d: unknown) => formatDate('2006-01-02', d, 'Local')),
  htmlDateInZone: def(['any', 'string'], (d: unknown, z: string) => formatDate('2006-01-02', d, z)),
  toDate: def(['string', 'string'], toDate),
  mustToDate: def(['string', 'string'], mustToDate),
  unixEpoch: def(['time'], (t: GoTime) => String(Math.floor(t.ms / 1000))),
  dateModify: def(['string', 'time'], dateModify),
  date_modify: def(['string', 'time'], dateModify),
  mustDateModify: def(['string', 'time'], mustDateModify),
  must_date_modify: def(['string', 'time'], mustDateModify),
  ago: def(['any'], ago),
  duration: def(['any'], durationOf),
  durationRound: def(['any'], durationRound),
};
