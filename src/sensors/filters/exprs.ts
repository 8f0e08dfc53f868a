/**
 * Exprs filters: govaluate expressions over named gjson paths of the event data, combined by exprLogicalOperator.
 * A missing path is an error (Argo); an event with empty data passes.
 */
import type { ExprFilter } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';
import { gjsonGet } from '../../lang/gjson/index.ts';
import { compileGovaluate, type GovaluateExpression } from '../../lang/govaluate/index.ts';
import type { EvalEvent } from '../event.ts';
import { listGroup, type FilterGroup, type FilterResult, type LogicalOperator } from './types.ts';

interface CompiledExpr {
  spec: ExprFilter;
  expr: GovaluateExpression;
}

export function compileExprFilters(filters: ExprFilter[], operator: LogicalOperator, where: string): FilterGroup {
  const compiled: CompiledExpr[] = filters.map((f, i) => {
    try {
      return { spec: f, expr: compileGovaluate(f.expr) };
    } catch (cause) {
      throw new SwitchyardError('FILTER_INVALID', `${where}[${i}].expr: ${(cause as Error).message}`, { cause });
    }
  });
  return listGroup('exprs', compiled, operator, evaluateOne);
}

function evaluateOne(c: CompiledExpr, ev: EvalEvent, index: number): FilterResult {
  const params: Record<string, unknown> = {};
  for (const field of c.spec.fields ?? []) {
    const r = gjsonGet(ev.text, field.path);
    if (!r.exists()) return { kind: 'exprs', index, passed: false, error: true, reason: `path "${field.path}" (field ${field.name}) does not exist in the event data` };
    params[field.name] = r.value();
  }
  let result: unknown;
  try {
    result = c.expr.evaluate(params);
  } catch (err) {
    return { kind: 'exprs', index, passed: false, error: true, reason: `expr "${c.spec.expr}" failed: ${(err as Error).message}` };
  }
  if (result === true) return { kind: 'exprs', index, passed: true };
  return { kind: 'exprs', index, passed: false, reason: `expr "${c.spec.expr}" is ${JSON.stringify(result)} with ${JSON.stringify(params).slice(0, 300)}` };
}
