/**
 * The argoWorkflow trigger in cluster mode, through the Kubernetes API (no `argo` CLI): submit, submit-from,
 * resubmit, suspend, resume, terminate and stop act on Workflow objects; the workflow controller does the
 * rest. retry is refused at start: it rewrites node statuses and deletes pods, which only the controller's
 * own code does faithfully. See docs/triggers/argoWorkflow.md.
 */
import type { ArgoWorkflowTrigger, Trigger } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';
import type { KubeClient, KubeObject as ApiObject, ResourceRef } from '../../kube/index.ts';
import { compileParameters } from '../../sensors/parameters.ts';
import { withPolicy } from '../k8s/cluster.ts';
import { kubeCall } from '../kube-errors.ts';
import { labelPolicy } from '../kube-policy.ts';
import type { ResolvedResource } from '../kube-resource.ts';
import { sourceLoader } from '../kube-source.ts';
import { addArgoLabels, applyResourceParameters, type KubeObject } from '../resource.ts';
import type { PreparedTrigger, TriggerEnv } from '../types.ts';
import { resubmittedWorkflow, resumedWorkflow, workflowFromCron, workflowFromTemplate } from './derive.ts';
import { applySubmitOptions, parseSubmitArgs, type SubmitOptions } from './submit-args.ts';

export type WorkflowOperation = 'submit' | 'submit-from' | 'resubmit' | 'resume' | 'retry' | 'suspend' | 'terminate' | 'stop';

const GROUP = 'argoproj.io';
const VERSION = 'v1alpha1';
const workflows = (namespace: string): ResourceRef => ({ group: GROUP, version: VERSION, resource: 'workflows', namespace });

export function prepareClusterWorkflow(spec: ArgoWorkflowTrigger, trigger: Trigger, env: TriggerEnv, operation: WorkflowOperation, kube: KubeClient): PreparedTrigger {
  const where = 'argoWorkflow';
  if (operation === 'retry') {
    throw new SwitchyardError(
      'TRIGGER_UNSUPPORTED',
      `${where}.operation "retry" is not supported: retrying resets failed nodes in the Workflow's status and deletes their pods, which only Argo Workflows' own server or CLI does faithfully; use "resubmit" (a new run from the same spec) or call the Argo Server's retry API from an http trigger`,
    );
  }
  let submitOpts: SubmitOptions | undefined;
  if (operation === 'submit' || operation === 'submit-from') submitOpts = parseSubmitArgs(spec.args, where);
  else if (spec.args?.length) {
    throw new SwitchyardError('TRIGGER_UNSUPPORTED', `${where}.args are not supported for operation "${operation}" (only for submit and submit-from); remove them`);
  }
  const loader = sourceLoader(spec.source, where, { kube, namespace: env.sensor.namespace });
  if (loader.fixed) checkKind(loader.fixed, operation, `${where}.source`, 'stop');
  const params = compileParameters(spec.parameters, `${where}.parameters`);
  const policy = labelPolicy(trigger.policy);
  const sensorNs = env.sensor.namespace;

  return {
    async render(events, outcomes) {
      const obj = applyResourceParameters(await loader.load(), params, events, outcomes);
      const meta = (obj.metadata ??= {});
      if (typeof meta['namespace'] !== 'string' || meta['namespace'] === '') meta['namespace'] = sensorNs;
      return obj;
    },
    async execute(rendered, signal) {
      const obj = structuredClone(rendered) as KubeObject;
      checkKind(obj, operation, 'the rendered source', 'poison');
      const ns = String(obj.metadata?.['namespace'] || sensorNs);
      const name = typeof obj.metadata?.['name'] === 'string' ? obj.metadata['name'] : '';
      if (name === '' && operation !== 'submit') {
        throw new SwitchyardError('TRIGGER_INVALID', `argoWorkflow ${operation}: the source has no metadata.name; it must name the ${operation === 'submit-from' ? 'WorkflowTemplate or CronWorkflow' : 'Workflow'} to act on`, { errorClass: 'poison' });
      }
      const ref = workflows(ns);
      const r: ResolvedResource = { ref, name, namespace: ns, display: `workflows.argoproj.io ${ns}/${name || '*'}` };
      const get = (): Promise<ApiObject> => kubeCall({ action: `argoWorkflow ${operation}: reading ${r.display}` }, () => kube.get(ref, name));
      const create = async (wf: KubeObject, verb: string): Promise<{ result: ApiObject; summary: string }> => {
        const gen = !wf.metadata?.['name'];
        const result = await kubeCall({ action: `argoWorkflow ${operation}: creating a Workflow in namespace ${ns}`, create: true, generateName: gen }, () => kube.create(ref, wf as ApiObject));
        return { result, summary: `${verb} Workflow ${ns}/${result.metadata.name ?? ''}` };
      };
      let done: { result: ApiObject; summary: string };
      switch (operation) {
        case 'submit': {
          if (name === '' && !obj.metadata?.['generateName']) {
            throw new SwitchyardError('TRIGGER_INVALID', 'argoWorkflow submit: the Workflow has neither metadata.name nor metadata.generateName', { errorClass: 'poison' });
          }
          applySubmitOptions(obj, submitOpts ?? { parameters: [], labels: {} });
          addArgoLabels(obj, env.sensor.name, env.plan.name);
          done = await create(obj, 'submitted');
          break;
        }
        case 'submit-from': {
          const cron = String(obj['kind']).toLowerCase() === 'cronworkflow';
          const fromRef: ResourceRef = { group: GROUP, version: VERSION, resource: cron ? 'cronworkflows' : 'workflowtemplates', namespace: ns };
          const from = await kubeCall({ action: `argoWorkflow submit-from: reading ${fromRef.resource}.${GROUP} ${ns}/${name}` }, () => kube.get(fromRef, name));
          const wf = cron ? workflowFromCron(from, ns) : workflowFromTemplate(from, ns);
          applySubmitOptions(wf, submitOpts ?? { parameters: [], labels: {} });
          done = await create(wf, `submitted from ${cron ? 'CronWorkflow' : 'WorkflowTemplate'} ${name}:`);
          break;
        }
        case 'resubmit':
          done = await create(resubmittedWorkflow(await get()), `resubmitted ${name} as`);
          break;
        case 'suspend': {
          const wf = await get();
          if (wf.metadata.labels?.['workflows.argoproj.io/completed'] === 'true') {
            throw new SwitchyardError('WORKFLOW_COMPLETED', `argoWorkflow suspend: Workflow ${ns}/${name} has completed and cannot be suspended`, { errorClass: 'poison' });
          }
          done = { result: await patchSpec(kube, r, { suspend: true }, operation), summary: `suspended Workflow ${ns}/${name}` };
          break;
        }
        case 'resume': {
          const wf = await get();
          if ((wf['status'] as Record<string, unknown> | undefined)?.['offloadNodeStatusVersion']) {
            throw new SwitchyardError('TRIGGER_UNSUPPORTED', `argoWorkflow resume: Workflow ${ns}/${name} keeps its node status in Argo's database (offloaded), which only the Argo Server can read; resume it with the argo CLI or the Argo Server API`, { errorClass: 'poison' });
          }
          const resumed = resumedWorkflow(wf);
          if (!resumed) {
            done = { result: wf, summary: `Workflow ${ns}/${name} was not suspended; nothing to resume` };
          } else {
            done = { result: await kubeCall({ action: `argoWorkflow resume: updating ${r.display}` }, () => kube.update(ref, resumed)), summary: `resumed Workflow ${ns}/${name}` };
          }
          break;
        }
        case 'terminate':
          done = { result: await patchSpec(kube, r, { shutdown: 'Terminate' }, operation), summary: `terminated Workflow ${ns}/${name}` };
          break;
        case 'stop':
          done = { result: await patchSpec(kube, r, { shutdown: 'Stop' }, operation), summary: `stopped Workflow ${ns}/${name}` };
          break;
      }
      return withPolicy(kube, r, done.result, done.summary, policy, signal);
    },
  };
}

function patchSpec(kube: KubeClient, r: ResolvedResource, spec: Record<string, unknown>, op: string): Promise<ApiObject> {
  return kubeCall({ action: `argoWorkflow ${op}: patching ${r.display}` }, () => kube.patch(r.ref, r.name, { spec }, 'merge'));
}

/** submit needs a Workflow; submit-from a WorkflowTemplate or CronWorkflow; the others name a Workflow. */
function checkKind(obj: KubeObject, operation: WorkflowOperation, where: string, errorClass: 'stop' | 'poison'): void {
  const kind = String(obj['kind']);
  if (operation === 'submit-from') {
    if (!['workflowtemplate', 'cronworkflow'].includes(kind.toLowerCase())) {
      throw new SwitchyardError('TRIGGER_INVALID', `${where} is a ${kind}; operation submit-from needs a WorkflowTemplate or CronWorkflow naming the one to submit from`, { errorClass });
    }
  } else if (operation === 'submit' && kind !== 'Workflow') {
    throw new SwitchyardError('TRIGGER_INVALID', `${where} is a ${kind}; operation submit needs a Workflow`, { errorClass });
  }
}
