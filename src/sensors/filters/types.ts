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
