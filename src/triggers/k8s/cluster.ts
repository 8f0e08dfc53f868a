/**
 * The k8s trigger in cluster mode: create, update, patch and delete on the Kubernetes API server, as Argo's
 * sensor does them. update and patch of an object that does not exist create it; delete of one that does
 * not exist succeeds with nothing to do. See docs/triggers/k8s.md.
 */
import type { StandardK8STrigger, Trigger } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';
import type { KubeClient, KubeObject as ApiObject, PatchType } from '../../kube/index.ts';
import { compileParameters } from '../../sensors/parameters.ts';
import { isNotFound, kubeCall } from '../kube-errors.ts';
import { applyLabelPolicy, labelPolicy } from '../kube-policy.ts';
import { isClusterScoped, resolveResource, type ResolvedResource } from '../kube-resource.ts';
import { sourceLoader } from '../kube-source.ts';
import { addArgoLabels, applyResourceParameters, type KubeObject } from '../resource.ts';
import type { ExecuteResult, PreparedTrigger, TriggerEnv } from '../types.ts';

export type K8sOperation = 'create' | 'update' | 'patch' | 'delete';

const PATCH_STRATEGIES: Record<string, PatchType> = {
  '': 'merge',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic-merge',
};

/** The patch type for k8s.patchStrategy; throws a stop-class error for strategies that cannot work. */
export function patchTypeOf(strategy: string | undefined, where: string): PatchType {
  const s = strategy ?? '';
  const t = PATCH_STRATEGIES[s];
  if (t) return t;
  if (s === 'application/json-patch+json') {
    throw new SwitchyardError(
      'TRIGGER_UNSUPPORTED',
      `${where}.patchStrategy "${s}": the patch body is the trigger's object, and a JSON patch must be an array of operations, so the API server would reject every firing; use application/merge-patch+json or application/strategic-merge-patch+json`,
    );
  }
  throw new SwitchyardError('TRIGGER_INVALID', `${where}.patchStrategy "${s}" is not one of application/merge-patch+json (default), application/strategic-merge-patch+json`);
}

export function prepareClusterK8s(spec: StandardK8STrigger, trigger: Trigger, env: TriggerEnv, operation: K8sOperation, kube: KubeClient): PreparedTrigger {
  const where = 'k8s';
  const patchType = operation === 'patch' ? patchTypeOf(spec.patchStrategy, where) : 'merge';
  const loader = sourceLoader(spec.source, where, { kube, namespace: env.sensor.namespace });
  const params = compileParameters(spec.parameters, `${where}.parameters`);
  const live = spec.liveObject === true && (operation === 'update' || operation === 'patch');
  const policy = labelPolicy(trigger.policy);
  const sensorNs = env.sensor.namespace;

  return {
    async render(events, outcomes) {
      let base = await loader.load();
      if (live) base = await liveObject(kube, base, sensorNs);
      const obj = applyResourceParameters(base, params, events, outcomes);
      const meta = (obj.metadata ??= {});
      if (!isClusterScoped(String(obj['apiVersion']), String(obj['kind'])) && (typeof meta['namespace'] !== 'string' || meta['namespace'] === '')) meta['namespace'] = sensorNs;
      return obj;
    },
    async execute(rendered, signal) {
      const obj = structuredClone(rendered) as KubeObject;
      const r = resolveResource(obj, sensorNs);
      // A cluster-scoped object carrying a namespace would not match the request's scope.
      if (r.namespace === '' && obj.metadata) delete obj.metadata['namespace'];
      if (operation !== 'create' && r.name === '') {
        throw new SwitchyardError('TRIGGER_INVALID', `k8s ${operation} ${r.display}: the object needs metadata.name`, { errorClass: 'poison' });
      }
      let result: ApiObject | undefined;
      let summary: string;
      switch (operation) {
        case 'create':
          addArgoLabels(obj, env.sensor.name, env.plan.name);
          result = await create(kube, r, obj);
          summary = `created ${shown(r, result)}`;
          break;
        case 'update': {
          const old = await getOrUndefined(kube, r, 'update');
          if (old === undefined) {
            result = await create(kube, r, obj);
            summary = `created ${shown(r, result)} (update: it did not exist)`;
          } else {
            result = await kubeCall({ action: `k8s update ${r.display}` }, () => kube.update(r.ref, overlay(old, obj) as ApiObject));
            summary = `updated ${shown(r, result)}`;
          }
          break;
        }
        case 'patch': {
          const old = await getOrUndefined(kube, r, 'patch');
          if (old === undefined) {
            result = await create(kube, r, obj);
            summary = `created ${shown(r, result)} (patch: it did not exist)`;
          } else {
            result = await kubeCall({ action: `k8s patch (${patchType}) ${r.display}` }, () => kube.patch(r.ref, r.name, patchBody(obj, live), patchType));
            summary = `patched ${shown(r, result)}`;
          }
          break;
        }
        case 'delete': {
          const old = await getOrUndefined(kube, r, 'delete');
          if (old === undefined) return { summary: `${r.display} did not exist; nothing to delete` };
          await kubeCall({ action: `k8s delete ${r.display}` }, () => kube.delete(r.ref, r.name));
          return { summary: `deleted ${r.display}`, output: { name: r.name, namespace: r.namespace } };
        }
      }
      return withPolicy(kube, r, result, summary, policy, signal);
    },
  };
}

/** Runs policy.k8s (when set) on the object the trigger produced, and builds the result. */
export async function withPolicy(
  kube: KubeClient,
  r: ResolvedResource,
  result: ApiObject,
  summary: string,
  policy: ReturnType<typeof labelPolicy>,
  signal?: AbortSignal,
): Promise<ExecuteResult> {
  const meta = result.metadata ?? {};
  const output: Record<string, unknown> = { name: meta.name, namespace: meta.namespace ?? '', uid: meta.uid, resourceVersion: meta.resourceVersion };
  if (policy && meta.name) {
    const outcome = await applyLabelPolicy(kube, r.ref, meta.name, policy, shown(r, result), signal);
    output['policy'] = outcome;
    if (!outcome.satisfied) summary += `; policy.k8s labels not seen after ${outcome.reads} reads (not an error: errorOnBackoffTimeout is unset)`;
  }
  return { summary, output };
}

function shown(r: ResolvedResource, obj: ApiObject): string {
  const name = obj.metadata?.name ?? r.name;
  const prefix = r.display.slice(0, r.display.indexOf(' '));
  return `${prefix} ${r.namespace ? `${r.namespace}/` : ''}${name}`;
}

function create(kube: KubeClient, r: ResolvedResource, obj: KubeObject): Promise<ApiObject> {
  return kubeCall({ action: `k8s create ${r.display}`, create: true, generateName: r.name === '' }, () => kube.create(r.ref, obj as ApiObject));
}

async function getOrUndefined(kube: KubeClient, r: ResolvedResource, op: string): Promise<ApiObject | undefined> {
  try {
    return await kubeCall({ action: `k8s ${op}: reading ${r.display}` }, () => kube.get(r.ref, r.name));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** liveObject: the object as it is on the server now, which parameters then change. */
async function liveObject(kube: KubeClient, source: KubeObject, sensorNs: string): Promise<KubeObject> {
  const r = resolveResource(source, sensorNs);
  if (r.name === '') throw new SwitchyardError('TRIGGER_INVALID', `k8s liveObject: the source object ${r.display} needs metadata.name to be read from the server`, { errorClass: 'poison' });
  return (await kubeCall({ action: `k8s liveObject: reading ${r.display}` }, () => kube.get(r.ref, r.name))) as KubeObject;
}

/** A patch made from a live object must not carry server-managed fields that would act as preconditions. */
function patchBody(obj: KubeObject, live: boolean): KubeObject {
  if (!live || !obj.metadata) return obj;
  const { resourceVersion: _rv, managedFields: _mf, uid: _uid, creationTimestamp: _ct, generation: _g, ...meta } = obj.metadata;
  return { ...obj, metadata: meta };
}

/**
 * update: the rendered object laid over the live one. Objects merge key by key; any other value replaces,
 * except empty ones (null, "", 0, false, [] and {}), which leave the live value in place, as Argo's merge does.
 */
export function overlay(live: unknown, rendered: unknown): unknown {
  if (isPlainObject(live) && isPlainObject(rendered)) {
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(rendered)) {
      if (isEmpty(v)) continue;
      out[k] = overlay(out[k], v);
    }
    return out;
  }
  return isEmpty(rendered) ? live : rendered;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isPlainObject(v) && Object.keys(v).length === 0;
}
