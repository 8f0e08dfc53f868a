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

/** What the log keeps per sensor; metric series are resolved once per dependency and trigger, not per event. */
interface SensorState {
  counters: DecisionCounters;
  ring: DecisionRing;
  dependencies: Map<string, DependencyMetrics>;
  triggers: Map<string, TriggerMetrics>;
}

export class DecisionLog {
  readonly counters = new Map<string, DecisionCounters>();
  private readonly sensors = new Map<string, SensorState>();

  constructor(
    private readonly log: Logger,
    private readonly keep = 200,
    private readonly metrics?: MetricsRegistry,
  ) {}

  readonly sink: DecisionSink = (r: DecisionRecord) => {
    const state = this.stateOf(r.sensor);
    const c = state.counters;
    state.ring.push(r);
    const debug = isLevelEnabled('debug');
    if (debug) this.log.debug('decision', { record: r });
    if (r.dependency) {
      const m = this.metrics ? seriesOf(this.metrics, state.dependencies, r.sensor, r.dependency.dependency, dependencySeries) : undefined;
      if (r.dependency.matched) {
        c.eventsMatched++;
        m?.matched.inc();
      } else {
        c.eventsFiltered++;
        m?.filtered.inc();
        if (debug) {
          const why = r.dependency.filters.filter((f) => !f.passed).map((f) => f.reason).join('; ');
          this.log.debug('event filtered out', { sensor: r.sensor, dependency: r.dependency.dependency, eventId: r.eventId, reason: why });
        }
      }
    }
    if (r.trigger) {
      const m = this.metrics ? seriesOf(this.metrics, state.triggers, r.sensor, r.trigger.trigger, triggerSeries) : undefined;
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

  recent(sensor: string): readonly DecisionRecord[] {
    return this.sensors.get(sensor)?.ring.list() ?? [];
  }

  private stateOf(sensor: string): SensorState {
    let state = this.sensors.get(sensor);
    if (state === undefined) {
      const counters = { eventsMatched: 0, eventsFiltered: 0, triggersFired: 0, triggersFailed: 0, triggersWaiting: 0, triggersSkipped: 0 };
      state = { counters, ring: new DecisionRing(this.keep), dependencies: new Map(), triggers: new Map() };
      this.sensors.set(sensor, state);
      this.counters.set(sensor, counters);
    }
    return state;
  }
}

/** The metric series of one dependency or trigger of a sensor, built on first use and then kept. */
function seriesOf<T>(metrics: MetricsRegistry, byName: Map<string, T>, sensor: string, name: string, build: (metrics: MetricsRegistry, sensor: string, name: string) => T): T {
  let m = byName.get(name);
  if (m === undefined) byName.set(name, (m = build(metrics, sensor, name)));
  return m;
}

function dependencySeries(metrics: MetricsRegistry, sensor: string, dependency: string): DependencyMetrics {
  const labels = { sensor_name: sensor, dependency_name: dependency };
  return {
    matched: metrics.counter('switchyard_sensor_events_matched_total', 'Events that passed a dependency.', labels),
    filtered: metrics.counter('switchyard_sensor_events_filtered_total', 'Events a dependency filtered out.', labels),
  };
}

/** A trigger's series, with Argo's metric names. */
function triggerSeries(metrics: MetricsRegistry, sensor: string, trigger: string): TriggerMetrics {
  const labels = { sensor_name: sensor, trigger_name: trigger };
  return {
    triggered: metrics.counter(ARGO_METRICS.actionTriggered, 'Actions triggered.', labels),
    duration: metrics.summary(ARGO_METRICS.actionDuration, 'Action duration in milliseconds.', labels),
    failed: metrics.counter(ARGO_METRICS.actionFailed, 'Actions that failed.', labels),
    retriesFailed: metrics.counter(ARGO_METRICS.actionRetriesFailed, 'Actions that failed after retries.', labels),
  };
}
