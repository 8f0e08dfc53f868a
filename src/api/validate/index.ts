/**
 * The one validator: lint, start-up and the controller all call these. Pure: no I/O.
 * validateResource checks one document; validateSet checks rules that span resources.
 */
import type { EventSource, Sensor } from '../types.ts';
import { at, isNonEmptyString, isRecord, kubernetesNameProblem, show } from './common.ts';
import { validateEventBusSpec } from './eventbus.ts';
import { validateEventSourceSpec, webhookPort } from './eventsource.ts';
import { FindingSink, type Finding } from './findings.ts';
import { validateSensorSpec } from './sensor.ts';
import type { ManifestSet, Origin } from './set.ts';
import { SOURCE_KINDS } from './source-kinds.ts';

export type { Finding, Severity } from './findings.ts';
export { hasErrors } from './findings.ts';
export type { ManifestSet, Origin, SkippedDocument } from './set.ts';
export { emptyManifestSet } from './set.ts';

export const API_VERSION = 'argoproj.io/v1alpha1';
export const EVENTS_KINDS = ['EventSource', 'Sensor', 'EventBus'] as const;
export const WORKFLOW_KINDS = ['WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'] as const;

/** Kind/name for messages, e.g. Sensor/slo-remediation. */
export function resourceLabel(obj: unknown): string | undefined {
  if (!isRecord(obj)) return undefined;
  const kind = typeof obj.kind === 'string' ? obj.kind : '?';
  const name = isRecord(obj.metadata) && typeof obj.metadata.name === 'string' ? obj.metadata.name : '?';
  return `${kind}/${name}`;
}

/** True for documents Switchyard validates: Argo Events kinds, or anything under argoproj.io. */
export function isSwitchyardDocument(obj: unknown): boolean {
  if (!isRecord(obj)) return false;
  const kind = obj.kind;
  const api = obj.apiVersion;
  if (typeof kind === 'string' && (EVENTS_KINDS as readonly string[]).includes(kind)) return true;
  if (typeof api === 'string' && api.startsWith('argoproj.io/')) {
    return kind === undefined || (typeof kind === 'string' && (WORKFLOW_KINDS as readonly string[]).includes(kind));
  }
  return false;
}

/** Validates one document. Documents of kinds Switchyard does not run yield no findings. */
export function validateResource(obj: unknown): Finding[] {
  if (!isRecord(obj)) {
    const out = new FindingSink();
    out.error('SY101', '', `a manifest must be a mapping with apiVersion, kind, metadata and spec, found ${show(obj)}`);
    return out.findings;
  }
  if (!isSwitchyardDocument(obj)) return [];
  const out = new FindingSink(resourceLabel(obj));
  const kind = obj.kind;
  if (!isNonEmptyString(kind)) {
    out.error('SY103', 'kind', `kind is required: one of ${[...EVENTS_KINDS, ...WORKFLOW_KINDS].join(', ')}`);
    return out.findings;
  }
  if (obj.apiVersion !== API_VERSION) {
    out.error('SY102', 'apiVersion', `apiVersion must be ${API_VERSION}, found ${show(obj.apiVersion)}`);
  }
  const name = checkMetadata(obj.metadata, out);
  const spec = obj.spec;
  if (!isRecord(spec)) {
    out.error('SY106', 'spec', `spec is required and must be a mapping, found ${show(spec)}`);
    return out.findings;
  }
  if (kind === 'EventSource') validateEventSourceSpec(name, spec, out);
  else if (kind === 'Sensor') validateSensorSpec(name, spec, out);
  else if (kind === 'EventBus') validateEventBusSpec(spec, out);
  return out.findings;
}

function checkMetadata(meta: unknown, out: FindingSink): string | undefined {
  if (!isRecord(meta)) {
    out.error('SY104', 'metadata', `metadata with a name is required, found ${show(meta)}`);
    return undefined;
  }
  const name = meta.name;
  if (!isNonEmptyString(name)) {
    const hint = meta.generateName !== undefined ? '; generateName is not enough, Switchyard needs a fixed name' : '';
    out.error('SY104', 'metadata.name', `metadata.name is required${hint}`);
    return undefined;
  }
  const problem = kubernetesNameProblem(name);
  if (problem !== undefined) out.error('SY105', 'metadata.name', `name "${name}" ${problem}`);
  return name;
}

/** Cross-resource rules over a whole set. */
export function validateSet(set: ManifestSet): Finding[] {
  const findings: Finding[] = [];
  const add = (obj: object, code: string, severity: 'error' | 'warning', path: string, message: string): void => {
    const f: Finding = { code, severity, path, message };
    const label = resourceLabel(obj);
    if (label !== undefined) f.resource = label;
    const o = set.origin.get(obj);
    if (o !== undefined) Object.assign(f, { file: o.file, document: o.index, line: o.line });
    findings.push(f);
  };
  const where = (obj: object): string => {
    const o: Origin | undefined = set.origin.get(obj);
    return o === undefined ? '' : ` (${o.file}:${o.line})`;
  };

  const sources = new Map<string, EventSource>();
  for (const es of set.eventSources) {
    const name = es.metadata?.name;
    if (typeof name !== 'string') continue;
    const first = sources.get(name);
    if (first !== undefined) {
      add(es, 'SY240', 'error', 'metadata.name', `EventSource "${name}" is defined twice, first${where(first)}; event names on the bus would collide, rename one`);
    } else sources.set(name, es);
  }
  checkDuplicateNames(set.sensors, 'Sensor', 'SY364', add, where);
  checkDuplicateNames(set.eventBuses, 'EventBus', 'SY404', add, where);
  checkWebhookRoutes(set.eventSources, add, where);
  checkDependencyTargets(set.sensors, sources, add);
  return findings;
}

type Add = (obj: object, code: string, severity: 'error' | 'warning', path: string, message: string) => void;

function checkDuplicateNames(list: { metadata: { name?: string } }[], kind: string, code: string, add: Add, where: (o: object) => string): void {
  const seen = new Map<string, object>();
  for (const r of list) {
    const name = r.metadata?.name;
    if (typeof name !== 'string') continue;
    const first = seen.get(name);
    if (first !== undefined) add(r, code, 'error', 'metadata.name', `${kind} "${name}" is defined twice, first${where(first)}; rename one`);
    else seen.set(name, r);
  }
}

/** Routes that would share a server: the same port and endpoint can be bound only once. */
function checkWebhookRoutes(sources: EventSource[], add: Add, where: (o: object) => string): void {
  const routes = new Map<string, { es: EventSource; label: string }>();
  for (const es of sources) {
    for (const [kind, events] of Object.entries(es.spec ?? {})) {
      const info = SOURCE_KINDS[kind];
      if (info === undefined || !isRecord(events) || (kind !== 'webhook' && !info.webhookContext)) continue;
      for (const [eventName, cfg] of Object.entries(events)) {
        const ctx = kind === 'webhook' ? cfg : isRecord(cfg) ? cfg.webhook : undefined;
        if (!isRecord(ctx) || typeof ctx.endpoint !== 'string') continue;
        const port = webhookPort(ctx.port);
        if (port === undefined) continue;
        const key = `${port} ${ctx.endpoint}`;
        const label = `EventSource/${es.metadata?.name ?? '?'} ${kind}.${eventName}`;
        const first = routes.get(key);
        const path = kind === 'webhook' ? at(at('spec', kind), eventName) : at(at(at('spec', kind), eventName), 'webhook');
        if (first !== undefined) {
          add(es, 'SY241', 'error', path, `port ${port} endpoint ${ctx.endpoint} is already used by ${first.label}${where(first.es)}; one route can serve only one event, change the endpoint or port`);
        } else routes.set(key, { es, label });
      }
    }
  }
}

/** A dependency naming a source or event not in the set may be defined elsewhere: warn only. */
function checkDependencyTargets(sensors: Sensor[], sources: Map<string, EventSource>, add: Add): void {
  for (const s of sensors) {
    const deps = s.spec?.dependencies;
    if (!Array.isArray(deps)) continue;
    deps.forEach((d, i) => {
      if (!isRecord(d) || typeof d.eventSourceName !== 'string' || typeof d.eventName !== 'string') return;
      const path = at('spec.dependencies', i);
      const es = sources.get(d.eventSourceName);
      if (es === undefined) {
        const known = [...sources.keys()];
        add(s, 'SY361', 'warning', at(path, 'eventSourceName'), `no EventSource named "${d.eventSourceName}" in these manifests${known.length ? ` (found: ${known.join(', ')})` : ''}; the dependency never fires unless it is defined elsewhere`);
        return;
      }
      const events = Object.entries(es.spec ?? {}).flatMap(([k, v]) => (SOURCE_KINDS[k] !== undefined && isRecord(v) ? Object.keys(v) : []));
      if (!events.includes(d.eventName)) {
        add(s, 'SY362', 'warning', at(path, 'eventName'), `EventSource "${d.eventSourceName}" has no event named "${d.eventName}" (it has: ${events.join(', ') || 'none'}); the dependency never fires`);
      }
    });
  }
}
