import { ARGO_METRICS, type MetricsRegistry } from '../observe/metrics.ts';

/** Per event counts kept by the host (tests and status), beside the Prometheus metrics. */
export interface SourceCounts {
  /** Events the bus stored. */
  sent: number;
  /** Events dropped by `filter.expression` (including expression errors and non-bool results). */
  filtered: number;
  /** Events the bus could not store. */
  failed: number;
}

export class SourceCounterSet {
  readonly #counts = new Map<string, SourceCounts>();

  /** The live counters of one event, created at zero. */
  of(eventSourceName: string, eventName: string): SourceCounts {
    const key = `${eventSourceName}\u0000${eventName}`;
    let c = this.#counts.get(key);
    if (c === undefined) {
      c = { sent: 0, filtered: 0, failed: 0 };
      this.#counts.set(key, c);
    }
    return c;
  }

  /** A snapshot of one event's counters (zeros when it never counted anything). */
  get(eventSourceName: string, eventName: string): Readonly<SourceCounts> {
    return { ...this.of(eventSourceName, eventName) };
  }

  /** Snapshots of every counted event. */
  entries(): { eventSourceName: string; eventName: string; counts: Readonly<SourceCounts> }[] {
    return [...this.#counts].map(([key, counts]) => {
      const [eventSourceName = '', eventName = ''] = key.split('\u0000');
      return { eventSourceName, eventName, counts: { ...counts } };
    });
  }

  reset(): void {
    this.#counts.clear();
  }
}

/** Argo Events' event source metrics for one event (labels eventsource_name, event_name). */
export interface SourceMetrics {
  sent(): void;
  sentFailed(): void;
  processingFailed(): void;
  duration(ms: number): void;
}

export function sourceMetrics(registry: MetricsRegistry, eventSourceName: string, eventName: string): SourceMetrics {
  const labels = { eventsource_name: eventSourceName, event_name: eventName };
  const sent = registry.counter(ARGO_METRICS.eventsSent, 'How many events have been sent successfully.', labels);
  const sentFailed = registry.counter(ARGO_METRICS.eventsSentFailed, 'How many events failed to send to the event bus.', labels);
  const processingFailed = registry.counter(ARGO_METRICS.eventsProcessingFailed, 'Events that failed to process; includes those that failed to send.', labels);
  const duration = registry.summary(ARGO_METRICS.eventProcessingDuration, 'Summary of durations of event processing.', labels);
  return {
    sent: () => sent.inc(),
    sentFailed: () => sentFailed.inc(),
    processingFailed: () => processingFailed.inc(),
    duration: (ms) => duration.observe(ms),
  };
}

/** Adds `by` (negative to remove) to the running events of an EventSource (label eventsource_name, as Argo). */
export function addRunningEvents(registry: MetricsRegistry, eventSourceName: string, by: number): void {
  const labels = { eventsource_name: eventSourceName };
  const now = registry.value(ARGO_METRICS.eventServiceRunning, labels) ?? 0;
  registry.set(ARGO_METRICS.eventServiceRunning, 'How many configured events of the EventSource are actively running.', labels, now + by);
}
