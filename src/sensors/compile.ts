/**
 * Compiles a Sensor once at start: filters, templates and conditions are parsed and frozen, so that each
 * event only evaluates. Throws SwitchyardError (class 'stop') naming the field when something cannot compile.
 */
import type { Sensor, Trigger } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';
import { conditionDependencies, conditionsHaveAnd, defaultConditions, parseConditions, resolveConditionName, type ConditionNode } from './conditions.ts';
import type { EvalEvent } from './event.ts';
import { compileDependencyFilter, type DependencyFilter } from './filters/index.ts';
import { compileTransform } from './transform.ts';
import { compileResets } from './conditions-reset.ts';
import type { CronSchedule } from '../lang/cron/index.ts';

export interface CompiledDependency {
  readonly name: string;
  readonly eventSourceName: string;
  readonly eventName: string;
  readonly filter: DependencyFilter;
  /** The dependency's transform (jq or Lua), applied before the filters; absent when there is none. */
  readonly transform?: (ev: EvalEvent) => EvalEvent;
}

export interface TriggerPlan {
  readonly name: string;
  readonly index: number;
  readonly trigger: Trigger;
  readonly conditions: ConditionNode;
  /** Dependencies the conditions name, in order of first mention. */
  readonly dependencies: readonly string[];
  /** True when the conditions contain `&&`: events are saved until the expression is satisfied. */
  readonly join: boolean;
  /** Run the trigger before acknowledging (Switchyard's default); false acknowledges first. */
  readonly atLeastOnce: boolean;
  /** conditionsReset byTime schedules that clear a join's saved events. */
  readonly resets: readonly CronSchedule[];
}

export interface CompiledSensor {
  readonly name: string;
  readonly namespace: string;
  readonly sensor: Sensor;
  readonly dependencies: ReadonlyMap<string, CompiledDependency>;
  readonly triggers: readonly TriggerPlan[];
}

export function compileSensor(sensor: Sensor): CompiledSensor {
  const name = sensor.metadata.name ?? '';
  const where = `Sensor/${name}`;
  const deps = new Map<string, CompiledDependency>();
  (sensor.spec.dependencies ?? []).forEach((d, i) => {
    const at = `${where} spec.dependencies[${i}]`;
    if (deps.has(d.name)) throw new SwitchyardError('SENSOR_INVALID', `${at}: dependency name "${d.name}" is used twice; names must be unique`);
    const transform = compileTransform(d.transform, at);
    deps.set(d.name, {
      name: d.name,
      eventSourceName: d.eventSourceName,
      eventName: d.eventName,
      filter: compileDependencyFilter(d.filters, d.filtersLogicalOperator, at),
      ...(transform ? { transform } : {}),
    });
  });
  const triggers = (sensor.spec.triggers ?? []).map((t, i) => planTrigger(t, i, [...deps.keys()], `${where} spec.triggers[${i}]`));
  return Object.freeze({ name, namespace: sensor.metadata.namespace ?? 'default', sensor, dependencies: deps, triggers: Object.freeze(triggers) });
}

function planTrigger(trigger: Trigger, index: number, depNames: string[], where: string): TriggerPlan {
  const tpl = trigger.template;
  if (!tpl?.name) throw new SwitchyardError('SENSOR_INVALID', `${where}.template.name is required`);
  let conditions: ConditionNode;
  try {
    conditions = tpl.conditions && tpl.conditions.trim() !== '' ? parseConditions(tpl.conditions) : defaultConditions(depNames);
  } catch (cause) {
    throw new SwitchyardError('SENSOR_INVALID', `${where}.template.conditions: ${(cause as Error).message}`, { cause });
  }
  conditions = resolveNames(conditions, depNames, where);
  const dependencies = conditionDependencies(conditions);
  return Object.freeze({
    name: tpl.name,
    index,
    trigger,
    conditions,
    dependencies,
    join: conditionsHaveAnd(conditions),
    atLeastOnce: trigger.atLeastOnce !== false,
    resets: compileResets(tpl.conditionsReset, `${where}.template`),
  });
}

/** Maps each name in the conditions to its dependency (Argo treats `-` and `_` alike there). */
function resolveNames(node: ConditionNode, depNames: string[], where: string): ConditionNode {
  if (node.kind !== 'dep') return { kind: node.kind, left: resolveNames(node.left, depNames, where), right: resolveNames(node.right, depNames, where) };
  const name = resolveConditionName(node.name, depNames);
  if (name === undefined) {
    throw new SwitchyardError('SENSOR_INVALID', `${where}.template.conditions names "${node.name}", which is not a dependency of this sensor (dependencies: ${depNames.join(', ')})`);
  }
  return { kind: 'dep', name };
}
