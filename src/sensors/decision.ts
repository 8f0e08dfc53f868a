/**
 * Decision records: for every event x dependency, what the filters said; for every trigger, whether it
 * fired or waited and why, what it rendered and how it ended. Nothing a sensor does is silent.
 */
import type { FilterResult } from './filters/index.ts';
import type { ParameterOutcome } from './parameters.ts';

export interface DependencyDecision {
  dependency: string;
  eventId: string;
  eventSource: string;
  eventName: string;
  matched: boolean;
  filters: FilterResult[];
}

export type TriggerStatus = 'fired' | 'waiting' | 'failed' | 'skipped';

export interface TriggerDecision {
  trigger: string;
  status: TriggerStatus;
  reason?: string;
  /** Dependencies whose events the trigger fired with, or is still waiting for. */
  dependencies?: string[];
  waitingFor?: string[];
  parameters?: ParameterOutcome[];
  rendered?: unknown;
  outcome?: unknown;
  attempts?: number;
  durationMs?: number;
}

export interface DecisionRecord {
  time: string;
  sensor: string;
  eventId: string;
  dependency?: DependencyDecision;
  trigger?: TriggerDecision;
}

/** Receives decision records (log, metrics, the last-N ring kept per sensor). */
export type DecisionSink = (record: DecisionRecord) => void;

/** Keeps the last N records per sensor in memory. */
export class DecisionRing {
  private readonly records: DecisionRecord[] = [];
  constructor(private readonly capacity = 200) {}
  push(r: DecisionRecord): void {
    this.records.push(r);
    if (this.records.length > this.capacity) this.records.shift();
  }
  list(): readonly DecisionRecord[] {
    return this.records;
  }
}
