/** Rules for a Sensor's triggers (SY32x-SY35x). Conditions are checked in conditions-rule.ts. */
import {
  at, checkUnknownFields, isInteger, isNonEmptyString, isRecord, optionalList, optionalRecord, parseGoDuration,
  requireString, show, type Json,
} from './common.ts';
import type { FindingSink } from './findings.ts';

/** Trigger kinds in the order Argo picks the first one present. `runs`: this Switchyard build executes it. */
export const TRIGGER_KINDS: readonly { kind: string; runs: boolean }[] = [
  { kind: 'k8s', runs: true },
  { kind: 'argoWorkflow', runs: true },
  { kind: 'http', runs: true },
  { kind: 'awsLambda', runs: false },
  { kind: 'azureEventHubs', runs: false },
  { kind: 'azureServiceBus', runs: false },
  { kind: 'kafka', runs: false },
  { kind: 'pulsar', runs: false },
  { kind: 'nats', runs: false },
  { kind: 'slack', runs: false },
  { kind: 'openWhisk', runs: false },
  { kind: 'custom', runs: false },
  { kind: 'log', runs: true },
  { kind: 'email', runs: false },
];

const TEMPLATE_FIELDS = ['name', 'conditions', 'conditionsReset', ...TRIGGER_KINDS.map((t) => t.kind)];
const TRIGGER_FIELDS = ['template', 'parameters', 'policy', 'retryStrategy', 'rateLimit', 'atLeastOnce', 'dlqTrigger'];
const PARAMETER_OPERATIONS = ['overwrite', 'append', 'prepend', ''];
const HTTP_TRIGGER_METHODS = ['GET', 'DELETE', 'PATCH', 'POST', 'PUT'];
const K8S_OPERATIONS = ['create', 'update', 'patch', 'delete', ''];
const WORKFLOW_OPERATIONS = ['submit', 'submit-from', 'resubmit', 'resume', 'retry', 'suspend', 'terminate', 'stop'];
const SOURCE_FIELDS = ['resource', 'inline', 'configmap', 'file', 'url', 'git', 's3'];
const RATE_UNITS = ['Second', 'Minute', 'Hour'];

/** Fields Argo requires for the kinds Switchyard only checks. */
const REQUIRED_FIELDS: Record<string, string[]> = {
  awsLambda: ['functionName', 'region', 'payload'],
  kafka: ['url', 'topic', 'payload'],
  nats: ['url', 'subject', 'payload'],
  pulsar: ['url', 'topic', 'payload'],
  openWhisk: ['host', 'actionName', 'payload'],
  azureEventHubs: ['fqdn', 'hubName', 'payload'],
  custom: ['serverURL', 'spec'],
  email: ['host'],
};

/** Validates spec.triggers; returns [path, template] for each trigger with a usable template. */
export function validateTriggers(spec: Json, depNames: readonly string[], out: FindingSink): [string, Json][] {
  const triggers = spec.triggers;
  if (!Array.isArray(triggers) || triggers.length === 0) {
    out.error('SY320', 'spec.triggers', `a Sensor needs at least one trigger, found ${show(triggers)}`);
    return [];
  }
  const templates: [string, Json][] = [];
  const names = new Set<string>();
  triggers.forEach((t, i) => {
    const path = at('spec.triggers', i);
    const tpl = validateTrigger(t, path, depNames, out);
    if (tpl === undefined) return;
    templates.push([at(path, 'template'), tpl]);
    const name = tpl.name;
    if (typeof name === 'string' && name !== '') {
      if (names.has(name)) out.error('SY321', at(at(path, 'template'), 'name'), `trigger name "${name}" is used twice; names must be unique`);
      names.add(name);
    }
  });
  return templates;
}

function validateTrigger(t: unknown, path: string, deps: readonly string[], out: FindingSink): Json | undefined {
  if (!isRecord(t)) {
    out.error('SY321', path, `a trigger must be a mapping with a template, found ${show(t)}`);
    return undefined;
  }
  checkUnknownFields(t, TRIGGER_FIELDS, path, out);
  checkParameters(t.parameters, at(path, 'parameters'), deps, out, false);
  const patched = patchedPaths(t.parameters);
  checkDelivery(t, path, out);
  const tpl = t.template;
  if (!isRecord(tpl)) {
    out.error('SY321', at(path, 'template'), `trigger template is required, found ${show(tpl)}`);
    return undefined;
  }
  const tp = at(path, 'template');
  // Trigger fields written one level too deep are a common slip; Argo silently ignores them there.
  const misplaced = TRIGGER_FIELDS.filter((f) => f !== 'template' && tpl[f] !== undefined);
  for (const f of misplaced) out.warn('SY108', at(tp, f), `${f} belongs on the trigger, beside template, not inside it; here it is ignored: move it up one level`);
  checkUnknownFields(tpl, [...TEMPLATE_FIELDS, ...misplaced], tp, out);
  requireString(tpl, 'name', tp, out, 'SY321', 'trigger name');
  checkConditionsReset(tpl, tp, out);
  const present = TRIGGER_KINDS.filter(({ kind }) => tpl[kind] !== undefined && tpl[kind] !== null);
  const first = present[0];
  if (first === undefined) {
    out.error('SY322', tp, `trigger has no type: add one of ${TRIGGER_KINDS.map((k) => k.kind).join(', ')}`);
  } else {
    if (present.length > 1) {
      out.warn('SY323', tp, `trigger defines ${present.map((k) => k.kind).join(', ')}; only the first in Argo's order (${first.kind}) runs, remove the others`);
    }
    if (!first.runs) out.warn('SY324', at(tp, first.kind), `trigger type "${first.kind}" is valid but Switchyard cannot run it yet`);
    for (const { kind } of present) checkKind(kind, tpl[kind], at(tp, kind), deps, out, patched);
  }
  const dlq = t.dlqTrigger;
  if (dlq !== undefined && dlq !== null) {
    if (t.atLeastOnce !== true) out.error('SY352', at(path, 'dlqTrigger'), 'dlqTrigger needs atLeastOnce: true on this trigger');
    if (!isRecord(dlq) || dlq.atLeastOnce !== true) out.error('SY352', at(path, 'dlqTrigger'), 'dlqTrigger needs atLeastOnce: true inside the dlqTrigger too');
    validateTrigger(dlq, at(path, 'dlqTrigger'), deps, out);
  }
  return tpl;
}

/**
 * Trigger-level parameters patch the template before it runs (dest e.g. argoWorkflow.parameters.0.src.dependencyName),
 * so a value they overwrite is a placeholder and is not checked.
 */
function patchedPaths(params: unknown): (rel: string) => boolean {
  const dests = Array.isArray(params) ? params.flatMap((p) => (isRecord(p) && isNonEmptyString(p.dest) ? [p.dest] : [])) : [];
  return (rel) => dests.some((d) => d === rel || rel.startsWith(`${d}.`));
}

function checkKind(kind: string, v: unknown, path: string, deps: readonly string[], out: FindingSink, patched: (rel: string) => boolean): void {
  if (!isRecord(v)) {
    if (kind !== 'log') out.error('SY107', path, `${kind} must be a mapping, found ${show(v)}`);
    return;
  }
  checkParameters(v.parameters, at(path, 'parameters'), deps, out, false, (i) => patched(`${kind}.parameters.${i}.src.dependencyName`));
  checkParameters(v.payload, at(path, 'payload'), deps, out, kind === 'http', (i) => patched(`${kind}.payload.${i}.src.dependencyName`));
  switch (kind) {
    case 'http': {
      if (v.url === undefined && v.serverURL !== undefined) {
        out.error('SY340', at(path, 'serverURL'), 'http url is required; serverURL is the old name of this field: rename it to url');
      } else requireString(v, 'url', path, out, 'SY340', 'http url');
      if (v.method !== undefined && v.method !== '' && (typeof v.method !== 'string' || !HTTP_TRIGGER_METHODS.includes(v.method))) {
        out.error('SY341', at(path, 'method'), `http method ${show(v.method)} is not supported; use one of ${HTTP_TRIGGER_METHODS.join(', ')}`);
      }
      checkParameters(v.dynamicHeaders, at(path, 'dynamicHeaders'), deps, out, false, (i) => patched(`http.dynamicHeaders.${i}.src.dependencyName`));
      if (v.timeout !== undefined && !(isInteger(v.timeout) && v.timeout >= 0)) {
        out.error('SY340', at(path, 'timeout'), `timeout must be a whole number of seconds, found ${show(v.timeout)}`);
      }
      break;
    }
    case 'argoWorkflow': {
      const op = v.operation;
      if (op === undefined || op === '') {
        out.error('SY342', at(path, 'operation'), `argoWorkflow operation is required: one of ${WORKFLOW_OPERATIONS.join(', ')}`);
      } else if (typeof op !== 'string' || !WORKFLOW_OPERATIONS.includes(op)) {
        out.error('SY342', at(path, 'operation'), `argoWorkflow operation ${show(op)} is not one of ${WORKFLOW_OPERATIONS.join(', ')}`);
      }
      checkSource(v, path, out, 'SY343', 'argoWorkflow');
      break;
    }
    case 'k8s': {
      if (v.operation !== undefined && (typeof v.operation !== 'string' || !K8S_OPERATIONS.includes(v.operation))) {
        out.error('SY345', at(path, 'operation'), `k8s operation ${show(v.operation)} is not one of create, update, patch, delete`);
      }
      checkSource(v, path, out, 'SY344', 'k8s');
      break;
    }
    case 'slack':
      if (!isRecord(v.slackToken)) out.error('SY347', at(path, 'slackToken'), 'slack trigger needs slackToken (a secret key selector: {name, key})');
      break;
    case 'log':
      if (v.intervalSeconds !== undefined && !(isInteger(v.intervalSeconds) && v.intervalSeconds >= 0)) {
        out.error('SY348', at(path, 'intervalSeconds'), `intervalSeconds must be a whole number, found ${show(v.intervalSeconds)}`);
      }
      break;
    default:
      for (const field of REQUIRED_FIELDS[kind] ?? []) {
        if (v[field] === undefined || v[field] === null || v[field] === '') out.error('SY348', at(path, field), `${kind} trigger needs ${field}`);
      }
  }
}

function checkSource(v: Json, path: string, out: FindingSink, code: string, kind: string): void {
  const src = v.source;
  if (!isRecord(src)) {
    out.error(code, at(path, 'source'), `${kind} trigger needs a source (e.g. source.resource: <the object to create>)`);
    return;
  }
  if (!SOURCE_FIELDS.some((f) => src[f] !== undefined && src[f] !== null)) {
    out.error('SY346', at(path, 'source'), `source needs one of ${SOURCE_FIELDS.join(', ')}`);
  }
}

/** Parameters of any list (trigger, type-specific, payload, dynamicHeaders). */
function checkParameters(
  list: unknown, path: string, deps: readonly string[], out: FindingSink, destOptional: boolean,
  depPatched: (index: number) => boolean = () => false,
): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    out.error('SY107', path, `parameters must be a list, found ${show(list)}`);
    return;
  }
  list.forEach((p, i) => {
    const pp = at(path, i);
    if (!isRecord(p)) {
      out.error('SY330', pp, `a parameter must be a mapping with src and dest, found ${show(p)}`);
      return;
    }
    const src = p.src;
    if (!isRecord(src)) {
      out.error('SY330', at(pp, 'src'), 'parameter src is required: {dependencyName, dataKey | dataTemplate | contextKey | contextTemplate | value}');
    } else {
      const dep = requireString(src, 'dependencyName', at(pp, 'src'), out, 'SY330', 'parameter src.dependencyName');
      if (dep !== undefined && !deps.includes(dep) && !depPatched(i)) {
        out.error('SY331', at(at(pp, 'src'), 'dependencyName'), `dependencyName "${dep}" names no dependency of this sensor; use one of ${deps.join(', ') || '(none defined)'}`);
      }
    }
    if (!destOptional && !isNonEmptyString(p.dest)) {
      out.error('SY332', at(pp, 'dest'), 'parameter dest is required: the path to set, e.g. spec.arguments.parameters.0.value');
    }
    if (p.operation !== undefined && (typeof p.operation !== 'string' || !PARAMETER_OPERATIONS.includes(p.operation))) {
      out.error('SY333', at(pp, 'operation'), `parameter operation ${show(p.operation)} is not one of overwrite, append, prepend`);
    }
  });
}

function checkDelivery(t: Json, path: string, out: FindingSink): void {
  const retry = optionalRecord(t, 'retryStrategy', path, out);
  if (retry !== undefined) {
    const rp = at(path, 'retryStrategy');
    if (retry.steps !== undefined && !(isInteger(retry.steps) && retry.steps >= 0)) {
      out.error('SY350', at(rp, 'steps'), `steps must be a whole number of attempts, found ${show(retry.steps)}`);
    }
    const d = retry.duration;
    if (d !== undefined && !(isInteger(d) && d >= 0) && !(typeof d === 'string' && parseGoDuration(d) !== undefined)) {
      out.error('SY350', at(rp, 'duration'), `duration must be a duration like "1s" or "500ms" (or an integer of nanoseconds), found ${show(d)}`);
    }
    for (const key of ['factor', 'jitter']) {
      const v = retry[key];
      if (v !== undefined && !(Number(v) >= 0 && (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '')))) {
        out.error('SY350', at(rp, key), `${key} must be a non-negative number, found ${show(v)}`);
      }
    }
  }
  const rate = optionalRecord(t, 'rateLimit', path, out);
  if (rate !== undefined) {
    const rp = at(path, 'rateLimit');
    if (rate.unit !== undefined && (typeof rate.unit !== 'string' || !RATE_UNITS.includes(rate.unit))) {
      out.error('SY351', at(rp, 'unit'), `rateLimit unit ${show(rate.unit)} is not one of ${RATE_UNITS.join(', ')}`);
    }
    if (!(isInteger(rate.requestsPerUnit) && rate.requestsPerUnit >= 1)) {
      out.error('SY351', at(rp, 'requestsPerUnit'), `requestsPerUnit must be a whole number of at least 1, found ${show(rate.requestsPerUnit)}`);
    }
  }
  if (t.atLeastOnce !== undefined && typeof t.atLeastOnce !== 'boolean') {
    out.error('SY107', at(path, 'atLeastOnce'), `atLeastOnce must be true or false, found ${show(t.atLeastOnce)}`);
  }
  const policy = optionalRecord(t, 'policy', path, out);
  if (policy !== undefined) {
    const k8s = optionalRecord(policy, 'k8s', at(path, 'policy'), out);
    if (k8s !== undefined && !isRecord(k8s.labels)) {
      out.error('SY353', at(at(path, 'policy'), 'k8s'), 'policy.k8s needs labels: the labels to wait for on the created object');
    }
    const status = optionalRecord(policy, 'status', at(path, 'policy'), out);
    if (status !== undefined && (!Array.isArray(status.allow) || !status.allow.every((s) => isInteger(s)))) {
      out.error('SY353', at(at(at(path, 'policy'), 'status'), 'allow'), 'policy.status.allow must list the HTTP status codes that count as success, e.g. [200, 201]');
    }
  }
}

function checkConditionsReset(tpl: Json, path: string, out: FindingSink): void {
  optionalList(tpl, 'conditionsReset', path, out)?.forEach((r, i) => {
    const rp = at(at(path, 'conditionsReset'), i);
    const byTime = isRecord(r) ? r.byTime : undefined;
    if (!isRecord(byTime)) {
      out.error('SY354', rp, 'conditionsReset entries need byTime: {cron: "0 * * * *"}');
      return;
    }
    const cron = byTime.cron;
    if (typeof cron !== 'string' || cron.trim().split(/\s+/).length !== 5) {
      out.error('SY354', at(at(rp, 'byTime'), 'cron'), `cron must have 5 fields (minute hour day-of-month month day-of-week), found ${show(cron)}`);
    }
  });
}
