/**
 * The argoWorkflow trigger. With a cluster (env.kube) every operation but retry goes through the Kubernetes
 * API (./cluster.ts). Standalone (no cluster): `submit` records the rendered Workflow, generateName
 * resolved and Argo's labels added, in the local object store, where `switchyard get workflows` lists it.
 * Other operations need a cluster or the workflow runner, and are refused with a clear error at start.
 */
import type { ArgoWorkflowTrigger } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';
import { addArgoLabels, loadSource, objectRef, resourceRenderer, type KubeObject } from '../resource.ts';
import type { TriggerKind } from '../types.ts';
import { prepareClusterWorkflow, type WorkflowOperation } from './cluster.ts';

const OPERATIONS = ['submit', 'submit-from', 'resubmit', 'resume', 'retry', 'suspend', 'terminate', 'stop'];

export const argoWorkflowTrigger: TriggerKind<ArgoWorkflowTrigger> = {
  key: 'argoWorkflow',
  prepare(spec, trigger, env) {
    const where = `argoWorkflow`;
    const operation = spec?.operation || 'submit';
    if (!OPERATIONS.includes(operation)) {
      throw new SwitchyardError('TRIGGER_INVALID', `${where}.operation "${operation}" is not one of ${OPERATIONS.join(', ')}`);
    }
    if (env.kube) return prepareClusterWorkflow(spec, trigger, env, operation as WorkflowOperation, env.kube);
    if (operation !== 'submit') {
      throw new SwitchyardError('TRIGGER_UNSUPPORTED', `${where}.operation "${operation}" needs a cluster; standalone mode supports "submit" only for now`);
    }
    const base = loadSource(spec.source, where);
    if (base['kind'] !== 'Workflow') {
      throw new SwitchyardError('TRIGGER_INVALID', `${where}.source.resource is a ${String(base['kind'])}; operation submit needs a Workflow`);
    }
    const renderer = resourceRenderer(base, spec.parameters, env.sensor.namespace, where);
    return {
      async render(events, outcomes) {
        return renderer.render(events, outcomes);
      },
      async execute(rendered) {
        const obj = structuredClone(rendered) as KubeObject;
        addArgoLabels(obj, env.sensor.name, env.plan.name);
        try {
          const stored = await env.store.create(obj);
          return { summary: `submitted Workflow ${stored.namespace}/${stored.name}`, output: { name: stored.name, namespace: stored.namespace } };
        } catch (err) {
          throw new SwitchyardError('WORKFLOW_SUBMIT', `submitting ${objectRef(obj)} failed: ${(err as Error).message}`, {
            errorClass: err instanceof SwitchyardError ? err.errorClass : 'retry',
            cause: err,
          });
        }
      },
    };
  },
};
