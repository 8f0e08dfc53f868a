/**
 * Every EventSource kind Argo defines, keyed by its spec field. `activeActive` kinds run in every
 * replica; the others are leader-elected, and Argo refuses an EventSource that mixes both.
 * `runs` says whether this Switchyard build can run the kind (others are valid but warned about).
 * `webhookContext` kinds receive events through an HTTP route configured under `webhook:`.
 */
export interface SourceKindInfo {
  activeActive: boolean;
  runs: boolean;
  webhookContext: boolean;
}

const k = (activeActive: boolean, runs: boolean, webhookContext = false): SourceKindInfo => ({ activeActive, runs, webhookContext });

export const SOURCE_KINDS: Readonly<Record<string, SourceKindInfo>> = {
  amqp: k(false, false),
  azureEventsHub: k(false, false),
  azureQueueStorage: k(true, false),
  azureServiceBus: k(false, false),
  bitbucket: k(true, false, true),
  bitbucketserver: k(true, false, true),
  calendar: k(false, false),
  emitter: k(false, false),
  file: k(false, false),
  generic: k(false, false),
  gerrit: k(true, false, true),
  github: k(true, false, true),
  gitlab: k(true, false, true),
  hdfs: k(false, false),
  kafka: k(false, false),
  minio: k(false, false),
  mns: k(true, false),
  mqtt: k(false, false),
  nats: k(false, false),
  nsq: k(false, false),
  pubSub: k(false, false),
  pulsar: k(false, false),
  redis: k(false, false),
  redisStream: k(false, false),
  resource: k(false, true),
  sftp: k(false, false),
  slack: k(true, false, true),
  sns: k(true, false, true),
  sqs: k(true, false),
  storageGrid: k(true, false, true),
  stripe: k(true, false, true),
  webhook: k(true, true),
};

/** EventSource spec fields that are not source kinds. */
export const EVENT_SOURCE_SPEC_FIELDS = ['eventBusName', 'template', 'service', 'replicas'] as const;
