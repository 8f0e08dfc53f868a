/**
 * A trigger kind is a folder under src/triggers/ exporting a TriggerKind. The host (host.ts) owns the stages
 * around it: trigger-level parameters, render, execute, policy, retries, rate limit, dead-letter trigger.
 */
import type { Trigger } from '../api/types.ts';
import type { KubeClient } from '../kube/index.ts';
import type { Logger } from '../observe/log.ts';
import type { SecretResolver } from '../runtime/secrets.ts';
import type { CompiledSensor, TriggerPlan } from '../sensors/compile.ts';
import type { EventsByDependency } from '../sensors/event.ts';
import type { ParameterOutcome } from '../sensors/parameters.ts';
import type { ObjectStore } from '../store/objects.ts';

/** What a trigger kind may use while running. */
export interface TriggerEnv {
  readonly sensor: CompiledSensor;
  readonly plan: TriggerPlan;
  readonly store: ObjectStore;
  readonly secrets: SecretResolver;
  readonly log: Logger;
  /** Set in cluster mode: the k8s and argoWorkflow kinds act on this API server instead of the local store. */
  readonly kube?: KubeClient;
}

export interface ExecuteResult {
  /** A short human summary, e.g. "POST http://x -> 200" or "created Workflow cicd/provision-app-x7k2q". */
  summary: string;
  /** HTTP status for triggers that have one (policy.status.allow applies to it). */
  status?: number;
  /** Anything worth keeping in the decision record (the created object's name, a response excerpt). */
  output?: unknown;
}

/** A trigger prepared from its spec: compiled parameters and fixed settings. */
export interface PreparedTrigger {
  /** Applies parameters to build what will be sent or created. Pure; throws poison-class errors. */
  render(events: EventsByDependency, outcomes: ParameterOutcome[]): Promise<unknown>;
  /** Performs the action. Throws a SwitchyardError: class 'retry' for transient failures, 'poison' otherwise. */
  execute(rendered: unknown, signal: AbortSignal): Promise<ExecuteResult>;
}

export interface TriggerKind<Spec> {
  /** The key of the trigger type in the template, e.g. "http". */
  readonly key: string;
  /** Compiles the spec; throws a stop-class SwitchyardError naming the field when it is unusable. */
  prepare(spec: Spec, trigger: Trigger, env: TriggerEnv): PreparedTrigger;
}
