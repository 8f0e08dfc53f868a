/** The time.Time methods templates commonly call, e.g. {{ now.Unix }} or {{ (toDate "2006-01-02" .d).Year }}. */
import { formatTime, formatTimeString, zoneOffset } from './time.ts';
import { GoTime } from './values.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function wall(t: GoTime): Date {
  return new Date(t.ms + zoneOffset(t.zone, t.ms) * 1000);
}

type Method = (t: GoTime, args: unknown[]) => unknown;

const METHODS: Record<string, Method> = {
  Unix: (t) => BigInt(Math.floor(t.ms / 1000)),
  UnixMilli: (t) => BigInt(Math.floor(t.ms)),
  UnixNano: (t) => BigInt(Math.floor(t.ms)) * 1000000n + BigInt(t.nanos),
  Year: (t) => BigInt(wall(t).getUTCFullYear()),
  Month: (t) => MONTHS[wall(t).getUTCMonth()],
  Day: (t) => BigInt(wall(t).getUTCDate()),
  Hour: (t) => BigInt(wall(t).getUTCHours()),
  Minute: (t) => BigInt(wall(t).getUTCMinutes()),
  Second: (t) => BigInt(wall(t).getUTCSeconds()),
  Weekday: (t) => DAYS[wall(t).getUTCDay()],
  UTC: (t) => new GoTime(t.ms, 'UTC', t.nanos),
  Local: (t) => new GoTime(t.ms, 'Local', t.nanos),
  String: (t) => formatTimeString(t),
  IsZero: (t) => t.ms === -62135596800000 && t.nanos === 0,
  Format: (t, args) => {
    if (args.length !== 1 || typeof args[0] !== 'string') throw new Error('Format takes one string argument');
    return formatTime(t, args[0]);
  },
};

export function hasMethod(_t: GoTime, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(METHODS, name);
}

export function callMethod(t: GoTime, name: string, args: unknown[]): unknown {
  const m = METHODS[name];
  if (!m) throw new Error(`can't evaluate field ${name} in type time.Time`);
  if (name !== 'Format' && args.length > 0) throw new Error(`wrong number of args for ${name}: want 0 got ${args.length}`);
  return m(t, args);
}
