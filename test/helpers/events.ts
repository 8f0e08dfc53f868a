import { buildEvent } from '../../src/events/envelope.ts';
import { EvalEvent } from '../../src/sensors/event.ts';

/** An event as a webhook source would put it on the bus: {"header":{...},"body":...}. */
export function webhookEvent(body: unknown, opts: { source?: string; subject?: string; header?: Record<string, string[]> } = {}): EvalEvent {
  const data = { header: opts.header ?? { 'Content-Type': ['application/json'] }, body };
  return new EvalEvent(
    buildEvent({ source: opts.source ?? 'webhook', type: 'webhook', subject: opts.subject ?? 'example', data: Buffer.from(JSON.stringify(data)), time: new Date('2026-11-23T10:15:30.123Z') }),
  );
}

export function eventsOf(entries: Record<string, EvalEvent>): Map<string, EvalEvent> {
  return new Map(Object.entries(entries));
}
