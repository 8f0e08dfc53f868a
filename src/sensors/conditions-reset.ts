/**
 * `conditionsReset: [{byTime: {cron, timezone}}]`: at each cron time, a join trigger's saved events are cleared,
 * so a partial join does not wait forever. The schedule is compiled when the sensor starts.
 */
import type { TimeReset } from '../api/types.ts';
import { SwitchyardError, errorMessage } from '../errors.ts';
import { parseCron, type CronSchedule } from '../lang/cron/index.ts';

export function compileResets(resets: readonly TimeReset[] | undefined, where: string): CronSchedule[] {
  return (resets ?? []).flatMap((r, i) => {
    if (!r.byTime) return [];
    try {
      return [parseCron(r.byTime.cron, { ...(r.byTime.timezone ? { timeZone: r.byTime.timezone } : {}) })];
    } catch (cause) {
      throw new SwitchyardError('SENSOR_INVALID', `${where}.conditionsReset[${i}].byTime: ${errorMessage(cause)}`, { cause });
    }
  });
}

/**
 * The latest activation of any of `schedules` at or before `now` (within about ten years), or undefined.
 * `@every` schedules have none: they count from when the sensor starts.
 * The window looked at doubles from one minute until it holds an activation, so a frequent schedule costs a
 * few steps and a yearly one about twenty.
 */
export function lastActivation(schedules: readonly CronSchedule[], now: Date): Date | undefined {
  let latest: Date | undefined;
  for (const s of schedules) {
    if (s.relative === true) continue;
    for (let windowMs = 60_000; windowMs <= 10 * 366 * 86_400_000; windowMs *= 2) {
      let at = s.next(new Date(now.getTime() - windowMs));
      if (at.getTime() > now.getTime()) continue;
      for (let next = s.next(at); next.getTime() <= now.getTime(); next = s.next(at)) at = next;
      if (latest === undefined || at.getTime() > latest.getTime()) latest = at;
      break;
    }
  }
  return latest;
}

/** Calls `reset` at every activation of every schedule until the returned function is called. */
export function scheduleResets(schedules: readonly CronSchedule[], reset: () => void, now: () => Date = () => new Date()): () => void {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const arm = (s: CronSchedule): void => {
    if (stopped) return;
    const at = s.next(now());
    // setTimeout holds at most ~24.8 days; longer waits re-arm on the way.
    const wait = Math.min(at.getTime() - now().getTime(), 2 ** 31 - 1);
    const t = setTimeout(() => {
      timers.delete(t);
      if (now().getTime() >= at.getTime() - 5) reset();
      arm(s);
    }, Math.max(0, wait));
    t.unref();
    timers.add(t);
  };
  schedules.forEach(arm);
  return () => {
    stopped = true;
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };
}
