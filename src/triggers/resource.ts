/**
 * What the k8s and argoWorkflow triggers share: reading the object from `source`, applying parameters to it,
 * defaulting its namespace to the sensor's, and Argo's labels on created objects.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ArtifactLocation, TriggerParameter } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';
import type { EventsByDependency } from '../sensors/event.ts';
import { applyParameters, compileParameters, type CompiledParameter, type ParameterOutcome } from '../sensors/parameters.ts';

export type KubeObject = Record<string, unknown> & { metadata?: Record<string, unknown> };

/** Reads the object a trigger acts on, once, at prepare time. */
export function loadSource(source: ArtifactLocation | undefined, where: string): KubeObject {
  if (!source) throw new SwitchyardError('TRIGGER_INVALID', `${where}.source is required: set source.resource to the object to create`);
  let obj: unknown;
  if (source.resource !== undefined) {
    obj = typeof source.resource === 'string' ? parseYaml(source.resource) : source.resource;
  } else if (source.inline !== undefined) {
    obj = parseYaml(source.inline);
  } else if (source.file) {
    try {
      obj = parseYaml(readFileSync(source.file.path, 'utf8'));
    } catch (cause) {
      throw new SwitchyardError('TRIGGER_SOURCE', `${where}.source.file: cannot read ${source.file.path}: ${(cause as Error).message}`, { cause });
    }
  } else {
    const kind = Object.keys(source)[0] ?? 'none';
    throw new SwitchyardError('TRIGGER_UNSUPPORTED', `${where}.source.${kind} is not supported in standalone mode yet; put the object in source.resource or source.file`);
  }
  return toKubeObject(obj, `${where}.source`);
}

/** Checks that parsed YAML is one object with apiVersion and kind. */
export function toKubeObject(obj: unknown, where: string, errorClass: 'stop' | 'poison' = 'stop'): KubeObject {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new SwitchyardError('TRIGGER_INVALID', `${where} does not hold an object with apiVersion, kind and metadata`, { errorClass });
  }
  const o = obj as KubeObject;
  if (typeof o['kind'] !== 'string' || typeof o['apiVersion'] !== 'string') {
    throw new SwitchyardError('TRIGGER_INVALID', `${where}: the object needs apiVersion and kind`, { errorClass });
  }
  return o;
}

/** Applies compiled parameters to a copy of `base`. */
export function applyResourceParameters(base: KubeObject, compiled: CompiledParameter[], events: EventsByDependency, outcomes: ParameterOutcome[]): KubeObject {
  const json = JSON.stringify(base);
  return JSON.parse(compiled.length ? applyParameters(json, compiled, events, outcomes) : json) as KubeObject;
}

export interface ResourceRenderer {
  render(events: EventsByDependency, outcomes: ParameterOutcome[]): KubeObject;
}

export function resourceRenderer(base: KubeObject, params: TriggerParameter[] | undefined, defaultNamespace: string, where: string): ResourceRenderer {
  const compiled = compileParameters(params, `${where}.parameters`);
  const baseJson = JSON.stringify(base);
  return {
    render(events, outcomes) {
      const obj = JSON.parse(compiled.length ? applyParameters(baseJson, compiled, events, outcomes) : baseJson) as KubeObject;
      const meta = (obj.metadata ??= {});
      if (typeof meta['namespace'] !== 'string' || meta['namespace'] === '') meta['namespace'] = defaultNamespace;
      return obj;
    },
  };
}

/** Labels Argo adds to every object a trigger creates. */
export function addArgoLabels(obj: KubeObject, sensor: string, trigger: string, now: number = Date.now()): void {
  const meta = (obj.metadata ??= {});
  const labels = (meta['labels'] ??= {}) as Record<string, string>;
  labels['events.argoproj.io/sensor'] = sensor;
  labels['events.argoproj.io/trigger'] = trigger;
  labels['events.argoproj.io/action-timestamp'] = String(now);
}

export function objectRef(obj: KubeObject): string {
  const meta = obj.metadata ?? {};
  return `${String(obj['kind'])} ${String(meta['namespace'] ?? '')}/${String(meta['name'] ?? meta['generateName'] ?? '')}`;
}
