/**
 * Trigger parameters with Argo's semantics (pure, no I/O):
 *  - a parameter's value comes from one dependency's event: dataTemplate/dataKey on the data, else
 *    contextTemplate/contextKey on the context, else `value`, else the whole event;
 *  - a template is tried first, then the key, then `value`; a missing event uses `value` or skips the parameter;
 *  - `dest` is an sjson path; operation overwrite (default), append or prepend;
 *  - a result is inserted as a JSON string unless `useRawData` is set and the value is not a string.
 * Templates are compiled once, when the sensor is compiled.
 */
import type { TriggerParameter } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';
import { gjsonGet } from '../lang/gjson/index.ts';
import { sjsonSet, sjsonSetRaw } from '../lang/sjson/index.ts';
import { compileGoTemplate, type GoTemplate } from '../lang/gotemplate/index.ts';
import { contextJson, wholeEventJson, type EventsByDependency, type EvalEvent } from './event.ts';

export type ParamValueType = 'String' | 'Number' | 'True' | 'False' | 'Null' | 'JSON';

export interface CompiledParameter {
  readonly spec: TriggerParameter;
  readonly dependencyName: string;
  readonly dest: string;
  readonly operation: 'overwrite' | 'append' | 'prepend';
  readonly template?: GoTemplate;
  readonly templateOn: 'data' | 'context';
  readonly key?: string;
  readonly keyOn: 'data' | 'context';
}

/** What happened to one parameter, for the decision record. */
export interface ParameterOutcome {
  dest: string;
  dependencyName: string;
  source: 'template' | 'key' | 'value' | 'event' | 'skipped';
  /** Why an earlier source was not used (template failed, key missing, event missing). */
  fallbackReason?: string;
  value?: string;
}

export function compileParameters(params: readonly TriggerParameter[] | undefined, where: string): CompiledParameter[] {
  return (params ?? []).map((p, i) => compileParameter(p, `${where}[${i}]`));
}

function compileParameter(p: TriggerParameter, where: string): CompiledParameter {
  const src = p.src;
  if (!src) throw new SwitchyardError('PARAM_NO_SRC', `${where}: parameter has no src; set src.dependencyName and a key, template or value`);
  const onData = Boolean(src.dataKey || src.dataTemplate);
  const tmplSource = onData ? src.dataTemplate : src.contextTemplate;
  const key = onData ? src.dataKey : src.contextKey;
  let template: GoTemplate | undefined;
  if (tmplSource) {
    try {
      template = compileGoTemplate(tmplSource, { name: 'param' });
    } catch (cause) {
      throw new SwitchyardError('PARAM_TEMPLATE', `${where}.src.${onData ? 'dataTemplate' : 'contextTemplate'}: ${(cause as Error).message}`, { cause });
    }
  }
  const op = p.operation ?? 'overwrite';
  if (op !== 'overwrite' && op !== 'append' && op !== 'prepend' && op !== '') {
    throw new SwitchyardError('PARAM_OPERATION', `${where}.operation "${op}" is not one of overwrite, append, prepend`);
  }
  return {
    spec: p,
    dependencyName: src.dependencyName,
    dest: p.dest ?? '',
    operation: op === '' ? 'overwrite' : op,
    ...(template ? { template } : {}),
    templateOn: onData ? 'data' : 'context',
    ...(key ? { key } : {}),
    keyOn: onData ? 'data' : 'context',
  };
}

export interface ResolvedValue {
  value: string;
  type: ParamValueType;
}

/**
 * Resolves a parameter's value. Returns undefined when the dependency has no event and no `value` default
 * (Argo skips the parameter). Throws a poison-class error when the event exists but nothing resolves.
 */
export function resolveParameter(p: CompiledParameter, events: EventsByDependency, outcome: ParameterOutcome): ResolvedValue | undefined {
  const src = p.spec.src!;
  const ev = events.get(p.dependencyName);
  const reasons: string[] = [];
  if (ev) {
    if (p.template) {
      const r = runTemplate(p, ev);
      if (r.ok) {
        outcome.source = 'template';
        return { value: r.value, type: 'String' };
      }
      reasons.push(r.reason);
    }
    if (p.key !== undefined) {
      const json = p.keyOn === 'data' ? ev.text : contextJson(ev.context);
      const res = gjsonGet(json, p.key);
      if (res.exists()) {
        outcome.source = 'key';
        if (reasons.length) outcome.fallbackReason = reasons.join('; ');
        if (res.type === 'Null') return { value: 'null', type: 'Null' };
        return { value: res.type === 'JSON' ? res.raw : res.string(), type: res.type };
      }
      reasons.push(`key "${p.key}" does not exist in the event ${p.keyOn}`);
    }
    if (!p.template && p.key === undefined && src.value === undefined) {
      outcome.source = 'event';
      return { value: wholeEventJson(ev), type: 'JSON' };
    }
  } else {
    reasons.push(`no event for dependency "${p.dependencyName}"`);
  }
  if (src.value !== undefined) {
    outcome.source = 'value';
    if (reasons.length) outcome.fallbackReason = reasons.join('; ');
    return { value: src.value, type: 'String' };
  }
  if (!ev) {
    outcome.source = 'skipped';
    outcome.fallbackReason = reasons.join('; ');
    return undefined;
  }
  throw new SwitchyardError(
    'PARAM_UNRESOLVED',
    `parameter for ${p.dest || 'payload'} from dependency "${p.dependencyName}" did not resolve: ${reasons.join('; ')}; fix the key or template, or add src.value as a default`,
    { errorClass: 'poison' },
  );
}

function runTemplate(p: CompiledParameter, ev: EvalEvent): { ok: true; value: string } | { ok: false; reason: string } {
  const input = p.templateOn === 'data' ? ev.value : JSON.parse(contextJson(ev.context));
  let out: string;
  try {
    out = p.template!.execute({ Input: input });
  } catch (err) {
    return { ok: false, reason: `template failed: ${(err as Error).message}` };
  }
  if (out === '' || out === '<no value>') return { ok: false, reason: 'template evaluated to an empty string or <no value>' };
  return { ok: true, value: out };
}

/** Applies parameters to a JSON document (text) and returns the new text. */
export function applyParameters(
  json: string,
  params: readonly CompiledParameter[],
  events: EventsByDependency,
  outcomes: ParameterOutcome[] = [],
): string {
  let doc = json;
  for (const p of params) {
    const outcome: ParameterOutcome = { dest: p.dest, dependencyName: p.dependencyName, source: 'skipped' };
    outcomes.push(outcome);
    const resolved = resolveParameter(p, events, outcome);
    if (!resolved) continue;
    let value = resolved.value;
    if (p.operation !== 'overwrite') {
      const current = gjsonGet(doc, p.dest);
      if (current.exists()) value = p.operation === 'append' ? current.string() + value : value + current.string();
    }
    outcome.value = value;
    doc = setValue(doc, p, value, resolved.type);
  }
  return doc;
}

/** Builds a payload from scratch (http and similar triggers); an empty dest makes the value the whole payload. */
export function buildPayload(params: readonly CompiledParameter[], events: EventsByDependency, outcomes: ParameterOutcome[] = []): Buffer {
  let doc = '';
  for (const p of params) {
    const outcome: ParameterOutcome = { dest: p.dest, dependencyName: p.dependencyName, source: 'skipped' };
    outcomes.push(outcome);
    const resolved = resolveParameter(p, events, outcome);
    if (!resolved) continue;
    outcome.value = resolved.value;
    if (p.dest === '') {
      doc = resolved.value;
      continue;
    }
    doc = setValue(doc, p, resolved.value, resolved.type);
  }
  return Buffer.from(doc);
}

function setValue(doc: string, p: CompiledParameter, value: string, type: ParamValueType): string {
  if (p.spec.src?.useRawData && type !== 'String') return sjsonSetRaw(doc, p.dest, value);
  return sjsonSet(doc, p.dest, value);
}
