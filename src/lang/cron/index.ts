/**
 * Cron schedules as robfig/cron v3's standard parser reads them: five fields (minute hour day-of-month month
 * day-of-week) with `*`, `?`, lists, ranges, steps and month/day names, an optional `CRON_TZ=` or `TZ=` prefix,
 * and (when allowed) descriptors such as @daily and @every. Times are evaluated in an IANA time zone.
 * Pure: no timers here.
 */
import { SwitchyardError } from '../../errors.ts';

interface Field {
  bits: Set<number>;
  star: boolean;
}

export interface CronSchedule {
  readonly source: string;
  readonly timeZone: string;
  /** The first activation strictly after `after`. */
  next(after: Date): Date;
  /** True for `@every`: activations count from whenever the schedule starts, not from the clock. */
  readonly relative?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function bad(spec: string, why: string): never {
  throw new SwitchyardError('CRON_INVALID', `cron "${spec}": ${why}; write five fields, e.g. "0 * * * *" (every hour)`);
}

function parseField(spec: string, text: string, min: number, max: number, names: string[] | undefined, what: string): Field {
  const bits = new Set<number>();
  let star = false;
  const value = (v: string): number => {
    const idx = names?.indexOf(v.toUpperCase()) ?? -1;
    if (idx >= 0) return idx + (what === 'month' ? 1 : 0);
    if (!/^\d+$/.test(v)) bad(spec, `${what} "${v}" is not a number${names ? ' or a name' : ''}`);
    const n = Number(v);
    if (n < min || n > max) bad(spec, `${what} ${n} is out of range ${min}-${max}`);
    return n;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    if (range === undefined || range === '' || part.split('/').length > 2) bad(spec, `${what} "${part}" is malformed`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = min;
      hi = max;
      if (stepText === undefined) star = true;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = value(a ?? '');
      hi = value(b ?? '');
      if (lo > hi) bad(spec, `${what} range ${range} goes backwards`);
    } else {
      lo = value(range);
      hi = stepText === undefined ? lo : max;
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) bad(spec, `${what} step "${stepText}" must be a positive whole number`);
    for (let i = lo; i <= hi; i += step) bits.add(i);
  }
  return { bits, star };
}

function checkZone(spec: string, tz: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
  } catch {
    bad(spec, `time zone "${tz}" is not an IANA zone such as Europe/Berlin`);
  }
}

export function parseCron(spec: string, options: { timeZone?: string; descriptors?: boolean } = {}): CronSchedule {
  let text = spec.trim();
  let timeZone = options.timeZone || 'UTC';
  const tzPrefix = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(text);
  if (tzPrefix) {
    timeZone = tzPrefix[1]!;
    text = text.slice(tzPrefix[0].length);
  }
  checkZone(spec, timeZone);
  if (text.startsWith('@')) {
    if (options.descriptors === false) bad(spec, 'descriptors such as @daily are not accepted here');
    const every = /^@every\s+(.+)$/.exec(text);
    if (every) return everySchedule(spec, every[1]!, timeZone);
    const expanded = DESCRIPTORS[text];
    if (!expanded) bad(spec, `unknown descriptor ${text}`);
    text = expanded;
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 5) bad(spec, `has ${parts.length} fields, not 5`);
  const [mi, h, dom, mo, dow] = parts as [string, string, string, string, string];
  const minute = parseField(spec, mi, 0, 59, undefined, 'minute');
  const hour = parseField(spec, h, 0, 23, undefined, 'hour');
  const day = parseField(spec, dom, 1, 31, undefined, 'day of month');
  const month = parseField(spec, mo, 1, 12, MONTHS, 'month');
  const weekday = parseField(spec, dow, 0, 6, DAYS, 'day of week');
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
  const local = (d: Date): { mo: number; d: number; h: number; mi: number; wd: number } => {
    const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]));
    return { mo: Number(p['month']), d: Number(p['day']), h: Number(p['hour']), mi: Number(p['minute']), wd: DAYS.indexOf(String(p['weekday']).toUpperCase()) };
  };
  const dayMatches = (l: { d: number; wd: number }): boolean =>
    day.star || weekday.star ? day.bits.has(l.d) && weekday.bits.has(l.wd) : day.bits.has(l.d) || weekday.bits.has(l.wd);
  return {
    source: spec,
    timeZone,
    next(after: Date): Date {
      let t = Math.floor(after.getTime() / 60_000) * 60_000 + 60_000; // next whole minute
      const limit = t + 5 * 366 * 86_400_000;
      while (t < limit) {
        const l = local(new Date(t));
        if (!month.bits.has(l.mo) || !dayMatches(l)) {
          t += (24 * 60 - (l.h * 60 + l.mi)) * 60_000; // to the next local midnight, unless the day was short:
          // a day that lost an hour (DST starts) ends earlier: back to that midnight, not an hour past it, if it
          // exists (where clocks jump at midnight, the day starts at 01:00)
          const at = local(new Date(t));
          if (at.h > 0 && at.h < 12 && at.d !== l.d) {
            const midnight = t - (at.h * 60 + at.mi) * 60_000;
            if (local(new Date(midnight)).d === at.d) t = midnight;
          }
          continue;
        }
        if (!hour.bits.has(l.h)) {
          t += (60 - l.mi) * 60_000;
          continue;
        }
        if (!minute.bits.has(l.mi)) {
          t += 60_000;
          continue;
        }
        return new Date(t);
      }
      return bad(spec, 'never fires within five years');
    },
  };
}

function everySchedule(spec: string, text: string, timeZone: string): CronSchedule {
  const m = /^(\d+)(ms|s|m|h)$/.exec(text.trim());
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m?.[2] ?? ''] ?? 0;
  const every = Number(m?.[1] ?? 0) * unit;
  if (!m || every < 1000) bad(spec, `@every needs a duration of at least 1s, e.g. @every 5m`);
  return { source: spec, timeZone, relative: true, next: (after) => new Date(after.getTime() + every) };
}
