/**
 * Offline evaluation of a sensor against events given in order (`switchyard test`): no bus, no servers.
 * Join state lives in memory. Triggers are rendered, never executed.
 */
import { buildEvent } from '../events/envelope.ts';
import type { CompiledSensor } from './compile.ts';
import { evaluateDependency, stepTrigger } from './engine.ts';
import { EvalEvent } from './event.ts';
import type { FilterResult } from './filters/index.ts';
import type { ParameterOutcome } from './parameters.ts';

export interface OfflineEvent {
  dependency: string;
  /** How the user named it (a file path); shown in the report. */
  label: string;
  data: Buffer;
  /** CloudEvent type; defaults to "webhook". */
  type?: string;
}

export interface RenderResult {
  rendered?: unknown;
  parameters: ParameterOutcome[];
  error?: string;
}

/** Renders a trigger with the given events (the trigger host supplies it). */
export type RenderFn = (triggerName: string, events: ReadonlyMap<string, EvalEvent>) => Promise<RenderResult>;

export interface TestReport {
  dependencies: { name: string; event: string; matched: boolean; filters: FilterResult[] }[];
  triggers: { name: string; fired: boolean; reason: string; dependencies?: string[]; parameters?: ParameterOutcome[]; rendered?: unknown }[];
}

export async function evaluateOffline(sensor: CompiledSensor, inputs: OfflineEvent[], render: RenderFn, now: () => Date = () => new Date()): Promise<TestReport> {
  const report: TestReport = { dependencies: [], triggers: [] };
  const saved = new Map<string, Map<string, EvalEvent>>();
  const touched = new Set<string>();
  for (const input of inputs) {
    const dep = sensor.dependencies.get(input.dependency);
    if (!dep) throw new Error(`the event names dependency "${input.dependency}", which the sensor does not have (it has: ${[...sensor.dependencies.keys()].join(', ')})`);
    const ev = new EvalEvent(buildEvent({ source: dep.eventSourceName, subject: dep.eventName, type: input.type ?? 'webhook', data: input.data, time: now() }));
    const outcome = evaluateDependency(dep, ev);
    report.dependencies.push({ name: dep.name, event: input.label, matched: outcome.passed, filters: outcome.results });
    if (!outcome.passed) continue;
    for (const plan of sensor.triggers) {
      if (!plan.dependencies.includes(dep.name)) continue;
      touched.add(plan.name);
      const step = stepTrigger(plan, dep.name, outcome.event, saved.get(plan.name) ?? new Map());
      if (step.action === 'wait') {
        saved.set(plan.name, step.saved);
        report.triggers.push({ name: plan.name, fired: false, reason: `waiting for ${step.waitingFor.join(', ')}`, dependencies: [...step.saved.keys()] });
        continue;
      }
      saved.delete(plan.name);
      const r = await render(plan.name, step.events);
      report.triggers.push({
        name: plan.name,
        fired: r.error === undefined,
        reason: r.error === undefined ? `conditions satisfied by ${[...step.events.keys()].join(', ')}` : `render failed: ${r.error}`,
        dependencies: [...step.events.keys()],
        parameters: r.parameters,
        ...(r.rendered !== undefined ? { rendered: r.rendered } : {}),
      });
    }
  }
  for (const plan of sensor.triggers) {
    if (touched.has(plan.name)) continue;
    report.triggers.push({ name: plan.name, fired: false, reason: `no matching event for ${plan.dependencies.join(', ')}` });
  }
  return report;
}
