import type { SensorEvent } from '../events/envelope.ts';

/**
 * An event as a sensor evaluates it: the envelope plus cached views of its data
 * (JSON text for gjson, the decoded value for templates). Views are computed once per event.
 */
export class EvalEvent {
  readonly event: SensorEvent;
  private textCache: string | undefined;
  private valueCache: { value: unknown } | undefined;

  constructor(event: SensorEvent) {
    this.event = event;
  }

  get context(): SensorEvent['context'] {
    return this.event.context;
  }

  /** The data as JSON text. */
  get text(): string {
    if (this.textCache === undefined) this.textCache = this.event.data.toString('utf8');
    return this.textCache;
  }

  /** The data decoded from JSON (undefined when it is empty or not JSON). */
  get value(): unknown {
    if (this.valueCache === undefined) {
      let value: unknown;
      try {
        value = this.text.length === 0 ? undefined : JSON.parse(this.text);
      } catch {
        value = undefined;
      }
      this.valueCache = { value };
    }
    return this.valueCache.value;
  }

  /** Returns a copy with new data (transforms). */
  withData(data: Buffer): EvalEvent {
    return new EvalEvent({ context: this.event.context, data });
  }
}

/** Events a trigger fires with, keyed by dependency name. */
export type EventsByDependency = ReadonlyMap<string, EvalEvent>;

/**
 * The context as Argo marshals it for contextKey/contextTemplate and whole-event parameters:
 * field order id, source, specversion, type, datacontenttype, subject, time (RFC3339, seconds).
 */
export function contextJson(ctx: SensorEvent['context']): string {
  return JSON.stringify({
    id: ctx.id,
    source: ctx.source,
    specversion: ctx.specversion,
    type: ctx.type,
    datacontenttype: ctx.datacontenttype,
    subject: ctx.subject,
    time: secondsPrecision(ctx.time),
  });
}

/** A UTC time whose date is valid in every month (day <= 28): cut to seconds without parsing a Date. */
const PLAIN_UTC = /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d)(?:\.\d{1,9})?Z$/;

function secondsPrecision(time: string): string {
  const plain = PLAIN_UTC.exec(time);
  if (plain !== null) return `${plain[1]}Z`;
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) return time;
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** The whole event as Argo marshals it: {"context":{...},"data":"<base64>"}. */
export function wholeEventJson(ev: EvalEvent): string {
  return `{"context":${contextJson(ev.context)},"data":${JSON.stringify(ev.event.data.toString('base64'))}}`;
}
