/**
 * Where decision records go: a debug log line each, counters, the last N per sensor in memory,
 * and an info line for triggers that fired, failed or were skipped, so a user sees outcomes without debug logs.
 */
import type { DecisionRecord, DecisionSink } from '../sensors/decision.ts';
import { DecisionRing } from '../sensors/decision.ts';
import type { Logger } from './log.ts';
import { ARGO_METRICS, type MetricsRegistry } from './metrics.ts';

export interface DecisionCounters {
  eventsMatched: number;
  eventsFiltered: number;
  triggersFired: number;
  triggersFailed: number;
  triggersWaiting: number;
  triggersSkipped: number;
}

export class DecisionLog {
  readonly counters = new Map<string, DecisionCounters>();
  private readonly rings = new Map<string, DecisionRing>();

  constructor(
    private readonly log: Logger,
    private readonly keep = 200,
    private readonly metrics?: MetricsRegistry,
  ) {}

  readonly sink: DecisionSink = (r: DecisionRecord) => {
    const c = this.countersOf(r.sensor);
    let ring = this.rings.get(r.sensor);
    if (!ring) this.rings.set(r.sensor, (ring = new DecisionRing(this.keep)));
    ring.push(r);
    this.log.debug('decision', { record: r });
    if (r.dependency) {
      const labels = { sensor_name: r.sensor, dependency_name: r.dependency.dependency };
      this.metrics?.inc(r.dependency.matched ? 'switchyard_sensor_events_matched_total' : 'switchyard_sensor_events_filtered_total', r.dependency.matched ? 'Events that passed a dependency.' : 'Events a dependency filtered out.', labels);
      if (r.dependency.matched) c.eventsMatched++;
      else {
        c.eventsFiltered++;
        const why = r.dependency.filters.filter((f) => !f.passed).map((f) => f.reason).join('; ');
        this.log.debug('event filtered out', { sensor: r.sensor, dependency: r.dependency.dependency, eventId: r.eventId, reason: why });
      }
    }
    if (r.trigger) {
      const labels = { sensor_name: r.sensor, trigger_name: r.trigger.trigger };
      switch (r.trigger.status) {
        case 'fired':
          c.triggersFired++;
          this.metrics?.inc(ARGO_METRICS.actionTriggered, 'Actions triggered.', labels);
          if (r.trigger.durationMs !== undefined) this.metrics?.observe(ARGO_METRICS.actionDuration, 'Action duration in milliseconds.', labels, r.trigger.durationMs);
          break;
        case 'failed':
          c.triggersFailed++;
          this.metrics?.inc(ARGO_METRICS.actionFailed, 'Actions that failed.', labels);
          if ((r.trigger.attempts ?? 0) > 1) this.metrics?.inc(ARGO_METRICS.actionRetriesFailed, 'Actions that failed after retries.', labels);
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
    return this.rings.get(sensor)?.list() ?? [];
  }

  private countersOf(sensor: string): DecisionCounters {
    let c = this.counters.get(sensor);
    if (!c) {
      c = { eventsMatched: 0, eventsFiltered: 0, triggersFired: 0, triggersFailed: 0, triggersWaiting: 0, triggersSkipped: 0 };
      this.counters.set(sensor, c);
    }
    return c;
  }
}
