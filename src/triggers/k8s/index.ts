/**
 * The k8s trigger. With a cluster (env.kube) it acts on the Kubernetes API server (./cluster.ts). Standalone:
 * create, update, patch (merge) and delete act on the local object store; `switchyard get resources` lists
 * what is there. Created objects get generateName resolved and Argo's labels.
 */
import type { StandardK8STrigger } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';
import { addArgoLabels, loadSource, objectRef, resourceRenderer, type KubeObject } from '../resource.ts';
import type { TriggerKind } from '../types.ts';
import { prepareClusterK8s } from './cluster.ts';

const OPERATIONS = ['create', 'update', 'patch', 'delete'] as const;

export const k8sTrigger: TriggerKind<StandardK8STrigger> = {
  key: 'k8s',
  prepare(spec, trigger, env) {
    const where = 'k8s';
    const operation = (spec?.operation || 'create') as (typeof OPERATIONS)[number];
    if (!OPERATIONS.includes(operation)) throw new SwitchyardError('TRIGGER_INVALID', `${where}.operation "${operation}" is not one of ${OPERATIONS.join(', ')}`);
    if (env.kube) return prepareClusterK8s(spec, trigger, env, operation, env.kube);
    if (operation === 'patch' && spec.patchStrategy && spec.patchStrategy !== 'application/merge-patch+json') {
      throw new SwitchyardError('TRIGGER_UNSUPPORTED', `${where}.patchStrategy "${spec.patchStrategy}" needs a cluster; standalone mode applies merge patches only`);
    }
    const renderer = resourceRenderer(loadSource(spec.source, where), spec.parameters, env.sensor.namespace, where);
    return {
      async render(events, outcomes) {
        return renderer.render(events, outcomes);
      },
      async execute(rendered) {
        const obj = structuredClone(rendered) as KubeObject;
        const meta = obj.metadata ?? {};
        const kind = String(obj['kind']);
        const ns = String(meta['namespace']);
        const name = typeof meta['name'] === 'string' ? meta['name'] : '';
        switch (operation) {
          case 'create': {
            addArgoLabels(obj, env.sensor.name, env.plan.name);
            const s = await env.store.create(obj);
            return { summary: `created ${kind} ${s.namespace}/${s.name}`, output: { name: s.name, namespace: s.namespace } };
          }
          case 'update': {
            requireName(name, obj);
            const s = await env.store.put(obj);
            return { summary: `updated ${kind} ${s.namespace}/${s.name}` };
          }
          case 'patch': {
            requireName(name, obj);
            const existing = await env.store.get(kind, ns, name);
            if (!existing) throw new SwitchyardError('OBJECT_NOT_FOUND', `cannot patch ${objectRef(obj)}: it does not exist`, { errorClass: 'poison' });
            const s = await env.store.put(mergePatch(existing.object, obj) as Record<string, unknown>);
            return { summary: `patched ${kind} ${s.namespace}/${s.name}` };
          }
          case 'delete': {
            requireName(name, obj);
            const gone = await env.store.delete(kind, ns, name);
            return { summary: gone ? `deleted ${kind} ${ns}/${name}` : `${kind} ${ns}/${name} did not exist` };
          }
        }
      },
    };
  },
};

function requireName(name: string, obj: KubeObject): void {
  if (!name) throw new SwitchyardError('TRIGGER_INVALID', `${objectRef(obj)}: update, patch and delete need metadata.name`, { errorClass: 'poison' });
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
