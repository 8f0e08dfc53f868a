/**
 * Time filter: the event time's clock time must be within [start, stop) in UTC or the given timezone;
 * stop before start wraps past midnight.
 */
import type { TimeFilter } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';
import type { EvalEvent } from '../event.ts';
import type { FilterGroup, FilterResult } from './types.ts';

function parseClock(value: string, where: string): number {
  const m = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) throw new SwitchyardError('FILTER_INVALID', `${where} "${value}" is not a time of day; write HH:MM:SS`);
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h > 23 || mi > 59 || s > 59) throw new SwitchyardError('FILTER_INVALID', `${where} "${value}" is out of range`);
  return h * 3600 + mi * 60 + s;
}

function clockSeconds(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 3600 + get('minute') * 60 + get('second');
}

export function compileTimeFilter(filter: TimeFilter, where: string): FilterGroup {
  const start = parseClock(filter.start, `${where}.start`);
  const stop = parseClock(filter.stop, `${where}.stop`);
  const timeZone = filter.timezone || 'UTC';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new SwitchyardError('FILTER_INVALID', `${where}.timezone "${timeZone}" is not an IANA time zone (e.g. Europe/Berlin)`);
  }
  return {
    kind: 'time',
    evaluate(ev: EvalEvent, results: FilterResult[]): boolean {
      const t = new Date(ev.context.time);
      if (Number.isNaN(t.getTime())) {
        results.push({ kind: 'time', index: -1, passed: false, error: true, reason: `event time "${ev.context.time}" is not a time` });
        return false;
      }
      const now = clockSeconds(t, timeZone);
      const passed = start <= stop ? now >= start && now < stop : now >= start || now < stop;
      results.push(passed ? { kind: 'time', index: -1, passed } : { kind: 'time', index: -1, passed, reason: `event time ${ev.context.time} is outside ${filter.start}-${filter.stop} ${timeZone}` });
      return passed;
    },
  };
}
