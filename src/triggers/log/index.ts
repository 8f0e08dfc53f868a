/**
 * The log trigger: logs each dependency's event data with its context, at most once per intervalSeconds
 * (events in between are skipped and counted, not silently lost).
 */
import type { LogTrigger } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';
import { logWritten } from '../../observe/log.ts';
import { contextJson, type EvalEvent, type EventsByDependency } from '../../sensors/event.ts';
import type { TriggerKind } from '../types.ts';

/** One line to log. The data stays bytes, written as they are; it is decoded only to be shown (switchyard test). */
class LogEntry {
  constructor(
    readonly dependencyName: string,
    readonly event: EvalEvent,
    readonly eventContext: string,
  ) {}

  toJSON(): { dependencyName: string; data: string; eventContext: string } {
    return { dependencyName: this.dependencyName, data: this.event.text, eventContext: this.eventContext };
  }
}

interface RenderedLog {
  entries: LogEntry[];
}

export const logTrigger: TriggerKind<LogTrigger | null> = {
  key: 'log',
  prepare(spec, _trigger, env) {
    const interval = spec?.intervalSeconds ?? 0;
    if (!(interval >= 0)) throw new SwitchyardError('TRIGGER_INVALID', `log.intervalSeconds must be 0 or more, not ${interval}`);
    let last = 0;
    let skipped = 0;
    return {
      async render(events: EventsByDependency): Promise<RenderedLog> {
        return {
          entries: [...events].map(([dependencyName, ev]) => new LogEntry(dependencyName, ev, contextJson(ev.context))),
        };
      },
      async execute(rendered) {
        const now = Date.now();
        if (interval > 0 && now - last < interval * 1000) {
          skipped++;
          return { summary: `skipped: logged less than ${interval}s ago (${skipped} skipped so far)` };
        }
        last = now;
        for (const e of (rendered as RenderedLog).entries) {
          env.log.infoBytes(e.event.event.data, { dependencyName: e.dependencyName, eventContext: e.eventContext });
        }
        // The line is this trigger's effect: it must be out before the message is acknowledged.
        await logWritten();
        return { summary: `logged ${(rendered as RenderedLog).entries.length} event(s)` };
      },
    };
  },
};
