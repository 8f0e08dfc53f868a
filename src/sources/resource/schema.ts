/** A `resource` event's settings as written, checked once and compiled. */
import { SwitchyardError } from '../../errors.ts';
import type { ChangeType } from '../../kube/informer.ts';
import type { ResourceRef } from '../../kube/types.ts';
import { fieldChecks, labelSelector, type FieldCheck, type Selector } from './selectors.ts';

export interface ResourceFilter {
  prefix?: string;
  labels?: Selector[];
  fields?: Selector[];
  createdBy?: string;
  afterStart?: boolean;
  expression?: string;
}

/** Argo's ResourceEventSource fields (group/version/resource inline). */
export interface ResourceEventSourceSpec {
  namespace?: string;
  group?: string;
  version: string;
  resource: string;
  eventTypes: string[];
  filter?: ResourceFilter;
  metadata?: Record<string, string>;
}

export interface CompiledResource {
  eventName: string;
  ref: ResourceRef;
  /** The written group/version/resource, copied into every event. */
  group: string;
  version: string;
  resource: string;
  eventTypes: ReadonlySet<ChangeType>;
  metadata?: Readonly<Record<string, string>>;
  labelSelector: string;
  prefix: string;
  fields: readonly FieldCheck[];
  /** Epoch ms; objects created after it are dropped. */
  createdBy?: number;
  afterStart: boolean;
}

const TYPES: readonly ChangeType[] = ['ADD', 'UPDATE', 'DELETE'];
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function compileResource(eventSourceName: string, eventName: string, raw: unknown): CompiledResource {
  const where = `event source "${eventSourceName}" resource "${eventName}"`;
  const bad = (msg: string): SwitchyardError => new SwitchyardError('RESOURCE_INVALID', `${where}: ${msg}`);
  if (!isObj(raw)) throw bad('settings must be a map');
  const spec = raw as Partial<ResourceEventSourceSpec>;
  const group = spec.group ?? '';
  if (typeof group !== 'string') throw bad('group must be a string ("" for the core group)');
  if (typeof spec.version !== 'string' || spec.version === '') throw bad('version is required, e.g. v1alpha1');
  if (typeof spec.resource !== 'string' || spec.resource === '') throw bad('resource is required: the plural resource name, e.g. organizations');
  const namespace = spec.namespace ?? '';
  if (typeof namespace !== 'string') throw bad('namespace must be a string ("" for all namespaces)');
  if (!Array.isArray(spec.eventTypes) || spec.eventTypes.length === 0) throw bad('eventTypes is required: a list of ADD, UPDATE, DELETE');
  const eventTypes = new Set<ChangeType>();
  for (const t of spec.eventTypes) {
    if (!TYPES.includes(t as ChangeType)) throw bad(`eventTypes: unknown event type ${JSON.stringify(t)}; use ADD, UPDATE or DELETE`);
    eventTypes.add(t as ChangeType);
  }
  if (spec.metadata !== undefined && !isObj(spec.metadata)) throw bad('metadata must be a map of strings');
  const filter = spec.filter ?? {};
  if (!isObj(filter)) throw bad('filter must be a map');
  const selectors = (k: 'labels' | 'fields'): Selector[] | undefined => {
    const v = filter[k];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every(isObj)) throw bad(`filter.${k} must be a list of {key, operation, value}`);
    return v as unknown as Selector[];
  };
  let createdBy: number | undefined;
  if (filter.createdBy !== undefined && filter.createdBy !== null && filter.createdBy !== '') {
    createdBy = Date.parse(String(filter.createdBy));
    if (Number.isNaN(createdBy)) throw bad(`filter.createdBy ${JSON.stringify(filter.createdBy)} is not an RFC 3339 time, e.g. 2024-01-02T15:04:05Z`);
  }
  const compiled: CompiledResource = {
    eventName,
    ref: { group, version: spec.version, resource: spec.resource, ...(namespace === '' ? {} : { namespace }) },
    group,
    version: spec.version,
    resource: spec.resource,
    eventTypes,
    labelSelector: labelSelector(selectors('labels'), where),
    prefix: typeof filter.prefix === 'string' ? filter.prefix : '',
    fields: fieldChecks(selectors('fields'), where),
    afterStart: filter.afterStart === true,
    ...(createdBy === undefined ? {} : { createdBy }),
    ...(spec.metadata === undefined ? {} : { metadata: Object.freeze({ ...spec.metadata }) }),
  };
  return Object.freeze(compiled);
}
