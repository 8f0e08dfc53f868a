import type { EvalEvent } from '../event.ts';

/** The outcome of one filter group or one filter within it, for the decision record. */
export interface FilterResult {
  kind: 'data' | 'exprs' | 'context' | 'time' | 'script';
  /** Index of the filter within its group; -1 for the group as a whole. */
  index: number;
  passed: boolean;
  /** Why it failed or errored: the value seen and the value expected. */
  reason?: string;
  /** True when the filter could not be evaluated (missing path, bad template...). */
  error?: boolean;
}

export interface FilterGroup {
  readonly kind: FilterResult['kind'];
  /** Evaluates the group; appends per-filter results; returns whether the group passed. Never throws. */
  evaluate(ev: EvalEvent, results: FilterResult[]): boolean;
}

export type LogicalOperator = 'and' | 'or';

export function logicalOperator(value: string | undefined, field: string): LogicalOperator {
  const v = (value ?? '').toLowerCase();
  if (v === '' || v === 'and') return 'and';
  if (v === 'or') return 'or';
  throw new Error(`${field} "${value}" must be "and" or "or"`);
}

/**
 * A filter group made of a list of filters combined by a logical operator (data filters, exprs filters).
 * Argo's rule: an event with empty data passes the group. AND stops at the first failure, OR at the first pass.
 */
export function listGroup<F>(kind: FilterResult['kind'], filters: readonly F[], operator: LogicalOperator, evaluateOne: (f: F, ev: EvalEvent, index: number) => FilterResult): FilterGroup {
  return {
    kind,
    evaluate(ev: EvalEvent, results: FilterResult[]): boolean {
      if (ev.event.data.length === 0) {
        results.push({ kind, index: -1, passed: true, reason: 'event has no data' });
        return true;
      }
      let anyPassed = false;
      for (let i = 0; i < filters.length; i++) {
        const r = evaluateOne(filters[i]!, ev, i);
        results.push(r);
        if (r.passed) anyPassed = true;
        if (operator === 'and' && !r.passed) return false;
        if (operator === 'or' && r.passed) return true;
      }
      return operator === 'and' ? true : anyPassed;
    },
  };
}
