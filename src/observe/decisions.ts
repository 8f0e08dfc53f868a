/**
 * Where decision records go: a debug log line each, counters, the last N per sensor in memory,
 * and an info line for triggers that fired, failed or were skipped, so a user sees outcomes without debug logs.
 */
import type { DecisionRecord, DecisionSink } from '../sensors/decision.ts';
import { DecisionRing } from '../sensors/decision.ts';
import { isLevelEnabled, type Logger } from './log.ts';
import { ARGO_METRICS, type MetricsRegistry } from './metrics.ts';

export interface DecisionCounters {
  eventsMatched: number;
  eventsFiltered: number;
  triggersFired: number;
  triggersFailed: number;
  triggersWaiting: number;
  triggersSkipped: number;
}

type Counter = ReturnType<MetricsRegistry['counter']>;
type Summary = ReturnType<MetricsRegistry['summary']>;
interface DependencyMetrics {
  matched: Counter;
  filtered: Counter;
}
interface TriggerMetrics {
  triggered: Counter;
  duration: Summary;
  failed: Counter;
  retriesFailed: Counter;
}

export class DecisionLog {
  readonly counters = new Map<string, DecisionCounters>();
  private readonly rings = new Map<string, DecisionRing>();
  private readonly byDependency = new Map<string, DependencyMetrics>();
  private readonly byTrigger = new Map<string, TriggerMetrics>();

  constructor(
    private readonly log: Logger,
    private readonly keep = 200,
    private readonly metrics?: MetricsRegistry,
  ) {}

  readonly sink: DecisionSink = (r: DecisionRecord) => {
    const c = this.countersOf(r.sensor);
    (this.rings.get(r.sensor) ?? cached(this.rings, r.sensor, new DecisionRing(this.keep))).push(r);
    if (isLevelEnabled('debug')) this.log.debug('decision', { record: r });
    if (r.dependency) {
      if (this.metrics) this.dependencyMetrics(this.metrics, r.sensor, r.dependency.dependency)[r.dependency.matched ? 'matched' : 'filtered'].inc();
      if (r.dependency.matched) c.eventsMatched++;
      else {
        c.eventsFiltered++;
        const why = r.dependency.filters.filter((f) => !f.passed).map((f) => f.reason).join('; ');
        this.log.debug('event filtered out', { sensor: r.sensor, dependency: r.dependency.dependency, eventId: r.eventId, reason: why });
      }
    }
    if (r.trigger) {
      const m = this.metrics ? this.triggerMetrics(this.metrics, r.sensor, r.trigger.trigger) : undefined;
      switch (r.trigger.status) {
        case 'fired':
          c.triggersFired++;
          m?.triggered.inc();
          if (r.trigger.durationMs !== undefined) m?.duration.observe(r.trigger.durationMs);
          break;
        case 'failed':
          c.triggersFailed++;
          m?.failed.inc();
          if ((r.trigger.attempts ?? 0) > 1) m?.retriesFailed.inc();
          break;
        case 'waiting':
          c.triggersWaiting++;
          this.log.info('trigger waiting for dependencies', { sensor: r.sensor, trigger: r.trigger.trigger, waitingFor: r.trigger.waitingFor?.join(',') });
          break;
        case 'skipped':
          c.triggersSkipped++;
          this.log.warn('event skipped', { sensor: r.sensor, trigger: r.trigger.trigger, reason: r.trigger.reason });
          break;
      }
      for (const p of r.trigger.parameters ?? []) {
        if (p.fallbackReason) this.log.info('parameter fell back', { sensor: r.sensor, trigger: r.trigger.trigger, dest: p.dest, used: p.source, reason: p.fallbackReason });
      }
    }
  };

  /** A dependency's metric series, resolved once per (sensor, dependency) rather than per event. */
  private dependencyMetrics(metrics: MetricsRegistry, sensor: string, dependency: string): DependencyMetrics {
    const key = `${sensor}\u0000${dependency}`;
    return this.byDependency.get(key) ?? cached(this.byDependency, key, dependencySeries(metrics, { sensor_name: sensor, dependency_name: dependency }));
  }

  /** A trigger's metric series, with Argo's names, resolved once per (sensor, trigger). */
  private triggerMetrics(metrics: MetricsRegistry, sensor: string, trigger: string): TriggerMetrics {
    const key = `${sensor}\u0000${trigger}`;
    return this.byTrigger.get(key) ?? cached(this.byTrigger, key, triggerSeries(metrics, { sensor_name: sensor, trigger_name: trigger }));
  }

  recent(sensor: string): readonly DecisionRecord[] {
    return this.rings.get(sensor)?.list() ?? [];
  }

  private countersOf(sensor: string): DecisionCounters {
    return this.counters.get(sensor) ?? cached(this.counters, sensor, { eventsMatched: 0, eventsFiltered: 0, triggersFired: 0, triggersFailed: 0, triggersWaiting: 0, triggersSkipped: 0 });
  }
}

/** Stores `value` under `key` and returns it (the miss side of `cache.get(key) ?? cached(...)`). */
function cached<T>(cache: Map<string, T>, key: string, value: T): T {
  cache.set(key, value);
  return value;
}

function dependencySeries(metrics: MetricsRegistry, labels: Record<string, string>): DependencyMetrics {
  return {
    matched: metrics.counter('switchyard_sensor_events_matched_total', 'Events that passed a dependency.', labels),
    filtered: metrics.counter('switchyard_sensor_events_filtered_total', 'Events a dependency filtered out.', labels),
  };
}

function triggerSeries(metrics: MetricsRegistry, labels: Record<string, string>): TriggerMetrics {
  return {
    triggered: metrics.counter(ARGO_METRICS.actionTriggered, 'Actions triggered.', labels),
    duration: metrics.summary(ARGO_METRICS.actionDuration, 'Action duration in milliseconds.', labels),
    failed: metrics.counter(ARGO_METRICS.actionFailed, 'Actions that failed.', labels),
    retriesFailed: metrics.counter(ARGO_METRICS.actionRetriesFailed, 'Actions that failed after retries.', labels),
  };
}
