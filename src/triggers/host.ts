/**
 * The trigger host: prepares every trigger of a sensor once at start, and fires them through the same stages:
 * rate limit -> trigger-level parameters -> render -> execute (with retries) -> policy -> dead-letter trigger.
 * Every firing ends in a TriggerDecision; nothing here throws to the caller.
 */
import type { Trigger } from '../api/types.ts';
import { SwitchyardError, errorMessage } from '../errors.ts';
import type { KubeClient } from '../kube/index.ts';
import { isLevelEnabled, type Logger } from '../observe/log.ts';
import type { SecretResolver } from '../runtime/secrets.ts';
import type { CompiledSensor, TriggerPlan } from '../sensors/compile.ts';
import type { TriggerDecision } from '../sensors/decision.ts';
import type { EventsByDependency } from '../sensors/event.ts';
import { applyParameters, compileParameters, type CompiledParameter, type ParameterOutcome } from '../sensors/parameters.ts';
import type { FireFn, FireRequest } from '../sensors/runner.ts';
import type { ObjectStore } from '../store/objects.ts';
import { retryPolicy, type RetryPolicy } from './backoff.ts';
import { RateLimiter } from './rate-limit.ts';
import { triggerKindOf } from './registry.ts';
import type { PreparedTrigger, TriggerEnv, TriggerKind } from './types.ts';

export interface TriggerHostDeps {
  store: ObjectStore;
  secrets: SecretResolver;
  log: Logger;
  /** Cluster mode: the Kubernetes API server the k8s and argoWorkflow triggers act on. */
  kube?: KubeClient;
  /** Replaceable in tests to avoid real waiting between retries. */
  sleep?: (ms: number) => Promise<void>;
}

interface Prepared {
  trigger: Trigger;
  key: string;
  kind: TriggerKind<never>;
  env: TriggerEnv;
  /** Prepared once, unless trigger-level parameters patch the template per event. */
  prepared?: PreparedTrigger;
  templateParams: CompiledParameter[];
  retry: RetryPolicy;
  limiter?: RateLimiter;
  allow?: number[];
  dlq?: Prepared;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const EXECUTE_TIMEOUT_MS = 10 * 60_000;
/**
 * Executions started within the same second share one timeout signal (each aborts within a second of
 * its own 10 minutes): a timer and signal per firing is a large part of a cheap trigger's cost.
 */
let sharedSignal: AbortSignal | undefined;
let sharedSince = 0;
function executeTimeout(): AbortSignal {
  const now = Date.now();
  if (sharedSignal === undefined || now - sharedSince >= 1000) {
    sharedSignal = AbortSignal.timeout(EXECUTE_TIMEOUT_MS);
    sharedSince = now;
  }
  return sharedSignal;
}

/** Prepares all triggers of a sensor (throws a stop-class error naming the field) and returns its FireFn. */
export function prepareTriggers(sensor: CompiledSensor, deps: TriggerHostDeps): FireFn {
  const sleep = deps.sleep ?? defaultSleep;
  const table = new Map<string, Prepared>();
  for (const plan of sensor.triggers) {
    table.set(plan.name, prepareOne(plan.trigger, plan, sensor, deps, `Sensor/${sensor.name} spec.triggers[${plan.index}]`));
  }
  return async (req: FireRequest) => {
    const p = table.get(req.plan.name);
    if (!p) return { trigger: req.plan.name, status: 'failed', reason: 'trigger was not prepared' };
    return fire(p, req.events, sleep);
  };
}

function prepareOne(trigger: Trigger, plan: TriggerPlan, sensor: CompiledSensor, deps: TriggerHostDeps, where: string): Prepared {
  const template = trigger.template;
  if (!template) throw new SwitchyardError('TRIGGER_INVALID', `${where}.template is required`);
  const { key, kind } = triggerKindOf(template, `${where}.template`);
  const env: TriggerEnv = { sensor, plan, store: deps.store, secrets: deps.secrets, log: deps.log.child({ sensor: sensor.name, trigger: template.name }), ...(deps.kube ? { kube: deps.kube } : {}) };
  const templateParams = compileParameters(trigger.parameters, `${where}.parameters`);
  const p: Prepared = {
    trigger,
    key,
    kind,
    env,
    templateParams,
    retry: retryPolicy(trigger.retryStrategy),
    ...(trigger.rateLimit ? { limiter: new RateLimiter(trigger.rateLimit, where) } : {}),
    ...(trigger.policy?.status?.allow?.length ? { allow: trigger.policy.status.allow } : {}),
  };
  // Prepare now even when parameters patch the template per event: a broken spec must stop the start.
  const prepared = kind.prepare(template[key] as never, trigger, env);
  if (templateParams.length === 0) p.prepared = prepared;
  if (trigger.dlqTrigger) p.dlq = prepareOne(trigger.dlqTrigger, plan, sensor, deps, `${where}.dlqTrigger`);
  return p;
}

async function fire(p: Prepared, events: EventsByDependency, sleep: (ms: number) => Promise<void>): Promise<TriggerDecision> {
  const name = p.trigger.template?.name ?? '';
  const started = Date.now();
  const parameters: ParameterOutcome[] = [];
  const decision: TriggerDecision = { trigger: name, status: 'failed', dependencies: [...events.keys()], parameters };
  if (p.limiter) await p.limiter.take();
  let rendered: unknown;
  let prepared: PreparedTrigger;
  try {
    prepared = p.prepared ?? patchTemplate(p, events, parameters);
    rendered = await prepared.render(events, parameters);
    decision.rendered = rendered;
  } catch (err) {
    decision.reason = `render failed: ${errorMessage(err)}`;
    decision.durationMs = Date.now() - started;
    p.env.log.warn('trigger not fired: render failed', { reason: errorMessage(err) });
    return withDlq(p, events, decision, sleep);
  }
  for (let attempt = 1; attempt <= p.retry.attempts; attempt++) {
    decision.attempts = attempt;
    try {
      const result = await prepared.execute(rendered, executeTimeout());
      decision.outcome = result;
      if (p.allow && result.status !== undefined && !p.allow.includes(result.status)) {
        throw new SwitchyardError('TRIGGER_POLICY', `${result.summary}: status ${result.status} is not in policy.status.allow ${JSON.stringify(p.allow)}`, { errorClass: 'retry' });
      }
      decision.status = 'fired';
      delete decision.reason;
      decision.durationMs = Date.now() - started;
      // The log trigger's own line already tells the user; a second line per event would double the log.
      if (p.key !== 'log') p.env.log.info('trigger fired', { result: result.summary, attempts: attempt });
      else if (isLevelEnabled('debug')) p.env.log.debug('trigger fired', { result: result.summary, attempts: attempt });
      return decision;
    } catch (err) {
      decision.reason = errorMessage(err);
      const poison = err instanceof SwitchyardError && err.errorClass !== 'retry';
      if (poison || attempt === p.retry.attempts) break;
      const wait = p.retry.delayMs(attempt);
      p.env.log.warn('trigger attempt failed; retrying', { attempt, of: p.retry.attempts, inMs: Math.round(wait), reason: errorMessage(err) });
      await sleep(wait);
    }
  }
  decision.durationMs = Date.now() - started;
  p.env.log.error('trigger failed', { attempts: decision.attempts, reason: decision.reason });
  return withDlq(p, events, decision, sleep);
}

async function withDlq(p: Prepared, events: EventsByDependency, decision: TriggerDecision, sleep: (ms: number) => Promise<void>): Promise<TriggerDecision> {
  if (!p.dlq) return decision;
  const dlq = await fire(p.dlq, events, sleep);
  decision.outcome = { ...(decision.outcome as object | undefined), dlqTrigger: { trigger: dlq.trigger, status: dlq.status, reason: dlq.reason } };
  return decision;
}

/** Trigger-level parameters patch the trigger template (e.g. dest "http.url") before the kind renders. */
function patchTemplate(p: Prepared, events: EventsByDependency, outcomes: ParameterOutcome[]): PreparedTrigger {
  const patched = JSON.parse(applyParameters(JSON.stringify(p.trigger.template), p.templateParams, events, outcomes)) as Record<string, unknown>;
  return p.kind.prepare(patched[p.key] as never, p.trigger, p.env);
}

/**
 * Renders triggers without executing them (`switchyard test`): the same preparation and parameters as
 * firing, so what it shows is what would be sent or created.
 */
export function offlineRenderer(sensor: CompiledSensor): (triggerName: string, events: EventsByDependency) => Promise<{ rendered?: unknown; parameters: ParameterOutcome[]; error?: string }> {
  const deps: TriggerHostDeps = { store: offlineStore, secrets: { resolve: async () => '' }, log: silentLog };
  const table = new Map<string, Prepared>();
  for (const plan of sensor.triggers) table.set(plan.name, prepareOne(plan.trigger, plan, sensor, deps, `Sensor/${sensor.name} spec.triggers[${plan.index}]`));
  return async (name, events) => {
    const parameters: ParameterOutcome[] = [];
    const p = table.get(name);
    if (!p) return { parameters, error: `no trigger named ${name}` };
    try {
      const prepared = p.prepared ?? patchTemplate(p, events, parameters);
      return { rendered: await prepared.render(events, parameters), parameters };
    } catch (err) {
      return { parameters, error: errorMessage(err) };
    }
  };
}

const silentLog: Logger = { debug() {}, info() {}, infoBytes() {}, warn() {}, error() {}, child: () => silentLog };

/** Offline rendering never reaches a store; a trigger that tried would be a bug, said loudly. */
const offlineStore: ObjectStore = new Proxy({} as ObjectStore, {
  get: (_t, prop) => () => Promise.reject(new SwitchyardError('OFFLINE', `the object store is not available offline (${String(prop)})`)),
});
