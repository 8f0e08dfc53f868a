import type { EventSourceSpec } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';
import type { SourceKind } from './types.ts';
import { resourceSource } from './resource/index.ts';
import { webhookSource } from './webhook/index.ts';

/** Every source key an Argo EventSource spec may hold (the map key, not the CloudEvent type). */
export const ARGO_SOURCE_KEYS = [
  'minio', 'calendar', 'file', 'sftp', 'resource', 'webhook', 'amqp', 'kafka', 'mqtt', 'nats', 'sns', 'sqs',
  'pubSub', 'github', 'gitlab', 'bitbucket', 'bitbucketserver', 'gerrit', 'hdfs', 'slack', 'storageGrid',
  'azureEventsHub', 'azureServiceBus', 'azureQueueStorage', 'stripe', 'emitter', 'redis', 'redisStream', 'nsq',
  'pulsar', 'generic', 'mns',
] as const;
export type SourceKey = (typeof ARGO_SOURCE_KEYS)[number];

/** Spec keys of an EventSource that are not source kinds. */
const NON_SOURCE_KEYS = new Set(['eventBusName', 'template', 'service', 'replicas']);

// A kind's spec type is checked inside the kind; here only the shape of the record matters.
type AnySourceKind = SourceKind<never>;

/** Source kinds by spec key; null = an Argo kind Switchyard does not run yet. Must list every Argo key. */
export const sourceKinds = {
  minio: null, calendar: null, file: null, sftp: null,
  resource: resourceSource,
  webhook: webhookSource,
  amqp: null, kafka: null, mqtt: null, nats: null, sns: null, sqs: null, pubSub: null, github: null, gitlab: null,
  bitbucket: null, bitbucketserver: null, gerrit: null, hdfs: null, slack: null, storageGrid: null,
  azureEventsHub: null, azureServiceBus: null, azureQueueStorage: null, stripe: null, emitter: null, redis: null,
  redisStream: null, nsq: null, pulsar: null, generic: null, mns: null,
} as const satisfies { readonly [K in SourceKey]: AnySourceKind | null };

export function supportedSourceKeys(): SourceKey[] {
  return ARGO_SOURCE_KEYS.filter((k) => sourceKinds[k] !== null);
}

const isSourceKey = (k: string): k is SourceKey => (ARGO_SOURCE_KEYS as readonly string[]).includes(k);

/** The kind registered for a spec key; throws SOURCE_UNSUPPORTED naming it and the supported keys. */
export function lookupSourceKind(key: string): SourceKind<unknown> {
  const kind = isSourceKey(key) ? sourceKinds[key] : undefined;
  if (kind === undefined || kind === null) {
    const why = isSourceKey(key) ? 'is not supported by Switchyard yet' : 'is not an event source kind';
    throw new SwitchyardError('SOURCE_UNSUPPORTED', `event source kind "${key}" ${why}; supported: ${supportedSourceKeys().join(', ')}`);
  }
  return kind as SourceKind<unknown>;
}

export interface SourceKindUse {
  key: string;
  kind: SourceKind<unknown>;
  /** eventName -> spec as written. */
  specs: Map<string, unknown>;
}

/** The source kinds an EventSource spec uses, in spec order. Rejects mixing leader-elected and active-active kinds. */
export function sourceKindsOf(spec: EventSourceSpec, eventSourceName: string): SourceKindUse[] {
  const uses: SourceKindUse[] = [];
  for (const [key, value] of Object.entries(spec ?? {})) {
    if (NON_SOURCE_KEYS.has(key) || value === undefined || value === null) continue;
    const kind = lookupSourceKind(key);
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new SwitchyardError('SOURCE_INVALID', `event source "${eventSourceName}": spec.${key} must be a map of event names to settings`);
    }
    const specs = new Map(Object.entries(value as Record<string, unknown>));
    if (specs.size > 0) uses.push({ key, kind, specs });
  }
  if (uses.length === 0) {
    throw new SwitchyardError('SOURCE_EMPTY', `event source "${eventSourceName}" defines no events; add at least one, e.g. spec.webhook.<eventName>`);
  }
  const modes = new Set(uses.map((u) => u.kind.activeActive));
  if (modes.size > 1) {
    const describe = uses.map((u) => `${u.key} (${u.kind.activeActive ? 'active-active' : 'leader-elected'})`).join(', ');
    throw new SwitchyardError('SOURCE_MIXED_HA', `event source "${eventSourceName}" mixes kinds that run on every replica with kinds that need a leader: ${describe}; split it into two EventSources`);
  }
  return uses;
}
