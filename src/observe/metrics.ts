/**
 * Prometheus metrics in the text exposition format, with Argo Events' metric names and labels so existing
 * dashboards and alerts keep working. A small registry: counters, gauges and summaries (count and sum).
 */

type Labels = Record<string, string>;

interface Series {
  labels: Labels;
  value: number;
  sum?: number;
}

type Kind = 'counter' | 'gauge' | 'summary';

class Family {
  readonly series = new Map<string, Series>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly kind: Kind,
  ) {}

  get(labels: Labels): Series {
    const key = JSON.stringify(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels, value: 0, ...(this.kind === 'summary' ? { sum: 0 } : {}) };
      this.series.set(key, s);
    }
    return s;
  }
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

function addObservation(s: Series, value: number): void {
  s.value += 1;
  s.sum = (s.sum ?? 0) + value;
}

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();
  constructor(private readonly constLabels: Labels = {}) {}

  /** The series of `labels` (with the constant labels) in family `name`, created at zero on first use. */
  private series(name: string, help: string, kind: Kind, labels: Labels): Series {
    let f = this.families.get(name);
    if (!f) this.families.set(name, (f = new Family(name, help, kind)));
    return f.get({ ...this.constLabels, ...labels });
  }

  inc(name: string, help: string, labels: Labels, by = 1): void {
    this.series(name, help, 'counter', labels).value += by;
  }

  set(name: string, help: string, labels: Labels, value: number): void {
    this.series(name, help, 'gauge', labels).value = value;
  }

  observe(name: string, help: string, labels: Labels, value: number): void {
    addObservation(this.series(name, help, 'summary', labels), value);
  }

  /**
   * One counter series to bump often: resolved on first use (so, as with inc(), it is exposed only once
   * counted), then without building and hashing its label key again.
   */
  counter(name: string, help: string, labels: Labels): { inc(by?: number): void } {
    let s: Series | undefined;
    return {
      inc: (by = 1) => {
        (s ??= this.series(name, help, 'counter', labels)).value += by;
      },
    };
  }

  /** One summary series to observe often (see counter()). */
  summary(name: string, help: string, labels: Labels): { observe(value: number): void } {
    let s: Series | undefined;
    return {
      observe: (value) => addObservation((s ??= this.series(name, help, 'summary', labels)), value),
    };
  }

  /** The value of one series (tests and status pages). */
  value(name: string, labels: Labels): number | undefined {
    return this.families.get(name)?.series.get(JSON.stringify({ ...this.constLabels, ...labels }))?.value;
  }

  /** Text exposition format 0.0.4. */
  render(): string {
    const out: string[] = [];
    for (const f of this.families.values()) {
      out.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.kind}`);
      for (const s of f.series.values()) {
        if (f.kind === 'summary') {
          out.push(`${f.name}_sum${labelText(s.labels)} ${s.sum ?? 0}`, `${f.name}_count${labelText(s.labels)} ${s.value}`);
        } else out.push(`${f.name}${labelText(s.labels)} ${s.value}`);
      }
    }
    return out.join('\n') + '\n';
  }
}

/** Argo Events' metric names (reference: pkg/metrics). */
export const ARGO_METRICS = {
  eventServiceRunning: 'argo_events_event_service_running_total',
  eventsSent: 'argo_events_events_sent_total',
  eventsSentFailed: 'argo_events_events_sent_failed_total',
  eventsProcessingFailed: 'argo_events_events_processing_failed_total',
  eventProcessingDuration: 'argo_events_event_processing_duration_milliseconds',
  actionTriggered: 'argo_events_action_triggered_total',
  actionFailed: 'argo_events_action_failed_total',
  actionRetriesFailed: 'argo_events_action_retries_failed_total',
  actionDuration: 'argo_events_action_duration_milliseconds',
} as const;
