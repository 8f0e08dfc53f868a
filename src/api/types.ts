/**
 * Resource types of the argoproj.io/v1alpha1 API that Switchyard reads, as users write them in YAML.
 * Field names follow Argo Events' CRDs exactly. Only what Switchyard interprets is typed closely;
 * everything else is carried through as unknown.
 */

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface TypedObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export interface SecretKeySelector {
  name: string;
  key: string;
  optional?: boolean;
}

// ---------- EventSource ----------

export interface EventSourceFilter {
  expression?: string;
}

export interface WebhookContext {
  endpoint: string;
  /** A string in Argo's CRD; a number is accepted too. */
  port: string | number;
  method?: string;
  url?: string;
  serverCertSecret?: SecretKeySelector;
  serverKeySecret?: SecretKeySelector;
  authSecret?: SecretKeySelector;
  maxPayloadSize?: number;
  metadata?: Record<string, string>;
}

export interface WebhookEventSource extends WebhookContext {
  filter?: EventSourceFilter;
}

export interface EventSourceSpec {
  eventBusName?: string;
  template?: Record<string, unknown>;
  service?: Record<string, unknown>;
  replicas?: number;
  webhook?: Record<string, WebhookEventSource>;
  [sourceKind: string]: unknown;
}

export interface EventSource extends TypedObject {
  kind: 'EventSource';
  spec: EventSourceSpec;
}

// ---------- Sensor ----------

export interface DataFilter {
  path: string;
  type: string;
  value?: string[];
  comparator?: string;
  template?: string;
}

export interface ExprFilter {
  expr: string;
  fields: { name: string; path: string }[];
}

export interface EventContextFilter {
  type?: string;
  subject?: string;
  source?: string;
  datacontenttype?: string;
}

export interface TimeFilter {
  start: string;
  stop: string;
  timezone?: string;
}

export interface EventDependencyFilter {
  time?: TimeFilter;
  context?: EventContextFilter;
  data?: DataFilter[];
  exprs?: ExprFilter[];
  dataLogicalOperator?: string;
  exprLogicalOperator?: string;
  script?: string;
}

export interface EventDependencyTransformer {
  jq?: string;
  script?: string;
}

export interface EventDependency {
  name: string;
  eventSourceName: string;
  eventName: string;
  filters?: EventDependencyFilter;
  transform?: EventDependencyTransformer;
  filtersLogicalOperator?: string;
}

export interface TriggerParameterSource {
  dependencyName: string;
  contextKey?: string;
  contextTemplate?: string;
  dataKey?: string;
  dataTemplate?: string;
  value?: string;
  useRawData?: boolean;
}

export interface TriggerParameter {
  src?: TriggerParameterSource;
  dest: string;
  operation?: string;
}

export interface ArtifactLocation {
  resource?: Record<string, unknown> | string;
  configmap?: { name: string; key: string };
  file?: { path: string };
  url?: { path: string; verifyCert?: boolean };
  inline?: string;
  git?: Record<string, unknown>;
  s3?: Record<string, unknown>;
}

export interface StandardK8STrigger {
  source?: ArtifactLocation;
  operation?: string;
  parameters?: TriggerParameter[];
  patchStrategy?: string;
  liveObject?: boolean;
}

export interface ArgoWorkflowTrigger {
  source?: ArtifactLocation;
  operation?: string;
  parameters?: TriggerParameter[];
  args?: string[];
}

export interface HTTPTrigger {
  url: string;
  method?: string;
  payload?: TriggerParameter[];
  parameters?: TriggerParameter[];
  timeout?: number;
  headers?: Record<string, string>;
  secureHeaders?: { name: string; valueFrom?: { secretKeyRef?: SecretKeySelector; configMapKeyRef?: SecretKeySelector } }[];
  basicAuth?: { username?: SecretKeySelector; password?: SecretKeySelector };
  tls?: Record<string, unknown>;
  dynamicHeaders?: TriggerParameter[];
}

export interface LogTrigger {
  intervalSeconds?: number;
}

export interface SlackTrigger {
  slackToken?: SecretKeySelector;
  channel?: string;
  message?: string;
  attachments?: string;
  blocks?: string;
  thread?: Record<string, unknown>;
  sender?: Record<string, unknown>;
  parameters?: TriggerParameter[];
}

export interface TimeReset {
  byTime?: { cron: string; timezone?: string };
}

export interface TriggerTemplate {
  name: string;
  conditions?: string;
  conditionsReset?: TimeReset[];
  k8s?: StandardK8STrigger;
  argoWorkflow?: ArgoWorkflowTrigger;
  http?: HTTPTrigger;
  log?: LogTrigger;
  slack?: SlackTrigger;
  [triggerKind: string]: unknown;
}

export interface Backoff {
  steps?: number;
  duration?: string | number;
  factor?: string | number;
  jitter?: string | number;
}

export interface RateLimit {
  unit?: string;
  requestsPerUnit?: number;
}

export interface TriggerPolicy {
  k8s?: { backoff?: Backoff; labels?: Record<string, string>; errorOnBackoffTimeout?: boolean };
  status?: { allow?: number[] };
}

export interface Trigger {
  template?: TriggerTemplate;
  parameters?: TriggerParameter[];
  policy?: TriggerPolicy;
  retryStrategy?: Backoff;
  rateLimit?: RateLimit;
  atLeastOnce?: boolean;
  dlqTrigger?: Trigger;
}

export interface SensorSpec {
  dependencies: EventDependency[];
  triggers: Trigger[];
  template?: Record<string, unknown>;
  eventBusName?: string;
  replicas?: number;
  errorOnFailedRound?: boolean;
  loggingFields?: Record<string, string>;
  revisionHistoryLimit?: number;
}

export interface Sensor extends TypedObject {
  kind: 'Sensor';
  spec: SensorSpec;
}

// ---------- EventBus ----------

export interface EventBusSpec {
  nats?: Record<string, unknown>;
  jetstream?: { streamConfig?: string; replicas?: number; [key: string]: unknown };
  jetstreamExotic?: { url: string; accessSecret?: SecretKeySelector; streamConfig?: string; tls?: Record<string, unknown> };
  kafka?: Record<string, unknown>;
}

export interface EventBus extends TypedObject {
  kind: 'EventBus';
  spec: EventBusSpec;
}

/** Argo Workflows templates, kept for the workflow runner. */
export interface WorkflowTemplate extends TypedObject {
  kind: 'WorkflowTemplate' | 'ClusterWorkflowTemplate' | 'CronWorkflow';
  spec: Record<string, unknown>;
}

export type SwitchyardResource = EventSource | Sensor | EventBus | WorkflowTemplate;
