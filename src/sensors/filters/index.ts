/**
 * A dependency's filters: the groups exprs, data, context, time (and script, later), combined by
 * filtersLogicalOperator. AND (default): every defined group must pass. OR: any defined group passing is enough.
 */
import type { EventDependencyFilter } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';
import type { EvalEvent } from '../event.ts';
import { compileContextFilter } from './context.ts';
import { compileDataFilters } from './data.ts';
import { compileExprFilters } from './exprs.ts';
import { compileScriptFilter } from './script.ts';
import { compileTimeFilter } from './time.ts';
import { logicalOperator, type FilterGroup, type FilterResult, type LogicalOperator } from './types.ts';

export type { FilterResult } from './types.ts';

export interface DependencyFilter {
  /** Evaluates every group; never throws. */
  evaluate(ev: EvalEvent): { passed: boolean; results: FilterResult[] };
}

function op(value: string | undefined, where: string): LogicalOperator {
  try {
    return logicalOperator(value, where);
  } catch (cause) {
    throw new SwitchyardError('FILTER_INVALID', (cause as Error).message, { cause });
  }
}

export function compileDependencyFilter(filters: EventDependencyFilter | undefined, operator: string | undefined, where: string): DependencyFilter {
  const groups: FilterGroup[] = [];
  if (filters?.exprs?.length) groups.push(compileExprFilters(filters.exprs, op(filters.exprLogicalOperator, `${where}.filters.exprLogicalOperator`), `${where}.filters.exprs`));
  if (filters?.data?.length) groups.push(compileDataFilters(filters.data, op(filters.dataLogicalOperator, `${where}.filters.dataLogicalOperator`), `${where}.filters.data`));
  if (filters?.context) groups.push(compileContextFilter(filters.context));
  if (filters?.time) groups.push(compileTimeFilter(filters.time, `${where}.filters.time`));
  if (filters?.script) groups.push(compileScriptFilter(filters.script, `${where}.filters.script`));
  const mode = op(operator, `${where}.filtersLogicalOperator`);
  return {
    evaluate(ev: EvalEvent) {
      const results: FilterResult[] = [];
      if (groups.length === 0) return { passed: true, results };
      let any = false;
      let all = true;
      for (const g of groups) {
        const passed = g.evaluate(ev, results);
        any ||= passed;
        all &&= passed;
        if (mode === 'and' && !passed) break;
      }
      return { passed: mode === 'and' ? all : any, results };
    },
  };
}
