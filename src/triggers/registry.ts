/**
 * The trigger kinds Switchyard runs, keyed by their template key. Argo picks the first key present in this
 * order when a template names several: k8s, argoWorkflow, http, awsLambda, azureEventHubs, azureServiceBus,
 * kafka, pulsar, nats, slack, openWhisk, custom, log, email.
 */
import type { TriggerTemplate } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';
import { argoWorkflowTrigger } from './argoWorkflow/index.ts';
import { httpTrigger } from './http/index.ts';
import { k8sTrigger } from './k8s/index.ts';
import { logTrigger } from './log/index.ts';
import type { TriggerKind } from './types.ts';

export const ARGO_TRIGGER_ORDER = [
  'k8s',
  'argoWorkflow',
  'http',
  'awsLambda',
  'azureEventHubs',
  'azureServiceBus',
  'kafka',
  'pulsar',
  'nats',
  'slack',
  'openWhisk',
  'custom',
  'log',
  'email',
] as const;

export type TriggerKey = (typeof ARGO_TRIGGER_ORDER)[number];

/** Kinds implemented now; the others are valid Argo keys that Switchyard reports as not yet supported. */
export const TRIGGER_KINDS: Partial<Record<TriggerKey, TriggerKind<never>>> = {
  k8s: k8sTrigger as TriggerKind<never>,
  argoWorkflow: argoWorkflowTrigger as TriggerKind<never>,
  http: httpTrigger as TriggerKind<never>,
  log: logTrigger as TriggerKind<never>,
};

/** The trigger type of a template, by Argo's order. */
export function triggerKeyOf(template: TriggerTemplate): TriggerKey | undefined {
  return ARGO_TRIGGER_ORDER.find((k) => template[k] !== undefined && template[k] !== null);
}

export function triggerKindOf(template: TriggerTemplate, where: string): { key: TriggerKey; kind: TriggerKind<never> } {
  const key = triggerKeyOf(template);
  if (!key) throw new SwitchyardError('TRIGGER_NO_TYPE', `${where}: the trigger template has no trigger type; add one of ${ARGO_TRIGGER_ORDER.join(', ')}`);
  const kind = TRIGGER_KINDS[key];
  if (!kind) {
    throw new SwitchyardError('TRIGGER_UNSUPPORTED', `${where}: trigger type "${key}" is not supported yet; supported: ${Object.keys(TRIGGER_KINDS).join(', ')}`);
  }
  return { key, kind };
}
