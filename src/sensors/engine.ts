/**
 * The sensor's decisions for one event, without I/O: does the event pass its dependency (transform, then
 * filters), and what does each trigger whose conditions name that dependency do with it (fire now, wait for
 * more dependencies, or fire with the saved events of a join). The bus runner and `switchyard test` both use it.
 */
import { errorMessage } from '../errors.ts';
import type { CompiledDependency, TriggerPlan } from './compile.ts';
import { evaluateCondition } from './conditions.ts';
import type { EvalEvent } from './event.ts';
import type { FilterResult } from './filters/index.ts';

export interface DependencyOutcome {
  passed: boolean;
  results: FilterResult[];
  /** The event after the dependency's transform (what triggers see). */
  event: EvalEvent;
}

export function evaluateDependency(dep: CompiledDependency, ev: EvalEvent): DependencyOutcome {
  let event = ev;
  if (dep.transform) {
    try {
      event = dep.transform(ev);
    } catch (err) {
      return { passed: false, event: ev, results: [{ kind: 'script', index: -1, passed: false, error: true, reason: `transform failed: ${errorMessage(err)}` }] };
    }
  }
  const { passed, results } = dep.filter.evaluate(event);
  return { passed, results, event };
}

export type TriggerStep =
  | { action: 'fire'; events: Map<string, EvalEvent> }
  | { action: 'wait'; saved: Map<string, EvalEvent>; waitingFor: string[] };

/**
 * One passing event of `depName` reaching a trigger. Without `&&` the trigger fires with that event alone.
 * With a join, the event is added to the saved ones (the latest per dependency wins); the trigger fires with
 * all of them once its conditions hold, and the caller then clears the saved state.
 */
export function stepTrigger(plan: TriggerPlan, depName: string, ev: EvalEvent, saved: ReadonlyMap<string, EvalEvent>): TriggerStep {
  if (!plan.join) return { action: 'fire', events: new Map([[depName, ev]]) };
  const next = new Map(saved);
  next.set(depName, ev);
  if (evaluateCondition(plan.conditions, (d) => next.has(d))) return { action: 'fire', events: next };
  return { action: 'wait', saved: next, waitingFor: plan.dependencies.filter((d) => !next.has(d)) };
}
