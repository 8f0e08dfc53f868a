/** Rules for one EventSource document (SY2xx). */
import {
  at, checkUnknownFields, isInteger, isNonEmptyString, isRecord, parseGoDuration, show, subjectTokenProblem,
  HTTP_METHODS, type Json,
} from './common.ts';
import type { FindingSink } from './findings.ts';
import { EVENT_SOURCE_SPEC_FIELDS, SOURCE_KINDS } from './source-kinds.ts';

export function validateEventSourceSpec(name: string | undefined, spec: Json, out: FindingSink): void {
  if (name !== undefined) {
    const problem = subjectTokenProblem(name);
    if (problem !== undefined) {
      out.error('SY204', 'metadata.name', `EventSource name "${name}" ${problem}; it becomes a bus subject token, so use only letters, digits, "-" and "_"`);
    }
  }
  const kinds: string[] = [];
  for (const [key, value] of Object.entries(spec)) {
    if ((EVENT_SOURCE_SPEC_FIELDS as readonly string[]).includes(key)) continue;
    const info = SOURCE_KINDS[key];
    if (info === undefined) {
      // Kubernetes prunes unknown fields, so Argo ignores them too: warn, do not fail.
      const close = Object.keys(SOURCE_KINDS).find((k) => k.toLowerCase() === key.toLowerCase());
      const hint = close ? `did you mean "${close}"?` : key === 'type' ? 'older versions used spec.type; remove it' : `known kinds: ${Object.keys(SOURCE_KINDS).join(', ')}`;
      out.warn('SY201', at('spec', key), `"${key}" is not an event source kind or EventSource field and is ignored; ${hint}`);
      continue;
    }
    kinds.push(key);
    checkEvents(key, value, out);
    if (!info.runs) {
      out.warn('SY202', at('spec', key), `event source kind "${key}" is valid but Switchyard cannot run it yet; its events will not be produced`);
    }
  }
  if (kinds.length === 0) {
    out.error('SY200', 'spec', 'EventSource defines no event source; add one, e.g. spec.webhook.<event-name>: {port: "12000", endpoint: /hook, method: POST}');
  }
  const active = kinds.filter((k) => SOURCE_KINDS[k]?.activeActive);
  const elected = kinds.filter((k) => !SOURCE_KINDS[k]?.activeActive);
  if (active.length > 0 && elected.length > 0) {
    out.error('SY206', 'spec', `EventSource mixes kinds that run in every replica (${active.join(', ')}) with leader-elected kinds (${elected.join(', ')}); split them into two EventSources`);
  }
  if (spec.replicas !== undefined && !(isInteger(spec.replicas) && spec.replicas >= 1)) {
    out.error('SY207', 'spec.replicas', `replicas must be an integer of at least 1, found ${show(spec.replicas)}`);
  }
}

function checkEvents(kind: string, value: unknown, out: FindingSink): void {
  const path = at('spec', kind);
  if (!isRecord(value) || Object.keys(value).length === 0) {
    out.error('SY203', path, `spec.${kind} must map event names to their configuration, found ${show(value)}`);
    return;
  }
  for (const [eventName, config] of Object.entries(value)) {
    const p = at(path, eventName);
    const problem = subjectTokenProblem(eventName);
    if (problem !== undefined) {
      out.error('SY205', p, `event name "${eventName}" ${problem}; it becomes a bus subject token, so use only letters, digits, "-" and "_"`);
    }
    if (!isRecord(config)) {
      out.error('SY203', p, `event "${eventName}" must be a mapping of its settings, found ${show(config)}`);
      continue;
    }
    if (kind === 'webhook') checkWebhook(config, p, out, true);
    else if (SOURCE_KINDS[kind]?.webhookContext && isRecord(config.webhook)) checkWebhook(config.webhook, at(p, 'webhook'), out, false);
    else if (kind === 'calendar') checkCalendar(config, p, out);
    else if (kind === 'resource') checkResource(config, p, out);
  }
}

/** Port as Switchyard binds it: a string or number holding an integer 1-65535. */
export function webhookPort(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

const WEBHOOK_FIELDS = ['endpoint', 'port', 'method', 'url', 'serverCertSecret', 'serverKeySecret', 'authSecret', 'maxPayloadSize', 'metadata', 'filter'];

function checkWebhook(w: Json, path: string, out: FindingSink, plain: boolean): void {
  if (plain) checkUnknownFields(w, WEBHOOK_FIELDS, path, out);
  if (w.port === undefined || w.port === '') out.error('SY210', at(path, 'port'), 'port is required, e.g. port: "12000"');
  else if (webhookPort(w.port) === undefined) out.error('SY210', at(path, 'port'), `port must be an integer from 1 to 65535, found ${show(w.port)}`);
  if (!isNonEmptyString(w.endpoint)) out.error('SY211', at(path, 'endpoint'), 'endpoint is required, e.g. endpoint: /hook');
  else if (!w.endpoint.startsWith('/')) out.error('SY211', at(path, 'endpoint'), `endpoint must start with "/": write "/${w.endpoint}"`);
  if (w.method === undefined || w.method === '') {
    // An empty method matches no request, so every delivery would be answered 400.
    if (plain) out.error('SY212', at(path, 'method'), 'method is required: requests whose method differs are rejected; add method: POST');
  } else if (typeof w.method !== 'string' || !(HTTP_METHODS as readonly string[]).includes(w.method)) {
    const upper = typeof w.method === 'string' ? w.method.toUpperCase() : '';
    const hint = (HTTP_METHODS as readonly string[]).includes(upper) ? `write "${upper}" (methods are compared exactly)` : `use one of ${HTTP_METHODS.join(', ')}`;
    out.error('SY212', at(path, 'method'), `method ${show(w.method)} is not an HTTP method; ${hint}`);
  }
  if (w.maxPayloadSize !== undefined && !(isInteger(w.maxPayloadSize) && w.maxPayloadSize > 0)) {
    out.error('SY213', at(path, 'maxPayloadSize'), `maxPayloadSize must be a positive number of bytes, found ${show(w.maxPayloadSize)}`);
  }
}

function checkCalendar(c: Json, path: string, out: FindingSink): void {
  const schedule = c.schedule;
  const interval = c.interval;
  if (!isNonEmptyString(schedule) && !isNonEmptyString(interval)) {
    out.error('SY220', path, 'calendar needs a schedule (cron, e.g. "*/5 * * * *") or an interval (e.g. "10s")');
    return;
  }
  if (isNonEmptyString(schedule)) {
    const fields = schedule.replace(/^(CRON_TZ|TZ)=\S+\s+/, '').trim().split(/\s+/);
    if (schedule.trim().startsWith('@')) {
      out.error('SY220', at(path, 'schedule'), `schedule "${schedule}" uses a descriptor, which calendar sources reject; write 5 cron fields, e.g. "0 0 * * *" for @daily`);
    } else if (fields.length !== 5) {
      out.error('SY220', at(path, 'schedule'), `schedule "${schedule}" must have 5 cron fields (minute hour day-of-month month day-of-week), found ${fields.length}`);
    }
  } else if (isNonEmptyString(interval) && parseGoDuration(interval) === undefined) {
    out.error('SY220', at(path, 'interval'), `interval "${interval}" is not a duration; write e.g. "30s", "5m" or "1h30m"`);
  }
}

const RESOURCE_EVENT_TYPES = ['ADD', 'UPDATE', 'DELETE'];

function checkResource(r: Json, path: string, out: FindingSink): void {
  for (const key of ['version', 'resource']) {
    if (!isNonEmptyString(r[key])) out.error('SY230', at(path, key), `resource source needs ${key} (e.g. version: v1, resource: pods)`);
  }
  const types = r.eventTypes;
  if (types === undefined) return;
  if (!Array.isArray(types) || types.length === 0) {
    out.error('SY231', at(path, 'eventTypes'), `eventTypes must be a non-empty list of ${RESOURCE_EVENT_TYPES.join(', ')}`);
    return;
  }
  types.forEach((t, i) => {
    if (typeof t !== 'string' || !RESOURCE_EVENT_TYPES.includes(t)) {
      out.error('SY231', at(at(path, 'eventTypes'), i), `event type ${show(t)} is not one of ${RESOURCE_EVENT_TYPES.join(', ')}`);
    }
  });
}
