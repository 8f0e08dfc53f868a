/**
 * Workflows derived from other objects, shaped as Argo Workflows' own tools shape them: `submit --from`
 * a WorkflowTemplate or CronWorkflow, and `resubmit` of an existing Workflow (without --memoized).
 */
import type { KubeObject as ApiObject } from '../../kube/index.ts';
import type { KubeObject } from '../resource.ts';

export const LABEL_WORKFLOW_TEMPLATE = 'workflows.argoproj.io/workflow-template';
export const LABEL_CRON_WORKFLOW = 'workflows.argoproj.io/cron-workflow';
export const LABEL_RESUBMITTED_FROM = 'workflows.argoproj.io/resubmitted-from-workflow';
export const ANNOTATION_SCHEDULED_TIME = 'workflows.argoproj.io/scheduled-time';

/** Labels that describe one run and must not be copied to its resubmission. */
const RUN_LABELS = new Set([
  'workflows.argoproj.io/creator',
  'workflows.argoproj.io/creator-email',
  'workflows.argoproj.io/creator-preferred-username',
  'workflows.argoproj.io/phase',
  'workflows.argoproj.io/completed',
  'workflows.argoproj.io/workflow-archiving-status',
]);

const WORKFLOW = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' };

/** A Workflow that runs a WorkflowTemplate by reference. */
export function workflowFromTemplate(template: ApiObject, namespace: string): KubeObject {
  const name = template.metadata.name ?? '';
  return {
    ...WORKFLOW,
    metadata: { generateName: `${name}-`, namespace, labels: { [LABEL_WORKFLOW_TEMPLATE]: name }, annotations: {} },
    spec: { workflowTemplateRef: { name } },
  };
}

/** A Workflow from a CronWorkflow's workflowSpec and workflowMetadata, owned by the CronWorkflow. */
export function workflowFromCron(cron: ApiObject, namespace: string, now: Date = new Date()): KubeObject {
  const name = cron.metadata.name ?? '';
  const spec = (cron['spec'] ?? {}) as Record<string, unknown>;
  const wfMeta = (spec['workflowMetadata'] ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  return {
    ...WORKFLOW,
    metadata: {
      generateName: `${name}-`,
      namespace,
      labels: { ...(wfMeta.labels ?? {}), [LABEL_CRON_WORKFLOW]: name },
      annotations: { ...(wfMeta.annotations ?? {}), [ANNOTATION_SCHEDULED_TIME]: now.toISOString().replace(/\.\d{3}Z$/, 'Z') },
      ownerReferences: [
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', name, uid: cron.metadata.uid, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: structuredClone(spec['workflowSpec'] ?? {}),
  };
}

/** A new run of an existing Workflow: same spec (shutdown and a zero deadline cleared), user labels and annotations. */
export function resubmittedWorkflow(old: ApiObject): KubeObject {
  const meta = old.metadata;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta.labels ?? {})) if (!RUN_LABELS.has(k)) labels[k] = v;
  labels[LABEL_RESUBMITTED_FROM] = meta.name ?? '';
  const spec = structuredClone((old['spec'] ?? {}) as Record<string, unknown>);
  delete spec['shutdown'];
  if (spec['activeDeadlineSeconds'] === 0) delete spec['activeDeadlineSeconds'];
  return {
    ...WORKFLOW,
    metadata: {
      generateName: meta.generateName || `${meta.name ?? ''}-`,
      namespace: meta.namespace,
      labels,
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(Array.isArray(meta['ownerReferences']) ? { ownerReferences: meta['ownerReferences'] } : {}),
    },
    spec,
  };
}

/**
 * resume: clears spec.suspend and marks every running suspend node succeeded, as Argo's resume does.
 * Returns undefined when there is nothing to resume.
 */
export function resumedWorkflow(wf: ApiObject, now: Date = new Date()): ApiObject | undefined {
  const out = structuredClone(wf);
  const spec = (out['spec'] ?? {}) as Record<string, unknown>;
  let changed = false;
  if (spec['suspend'] === true) {
    delete spec['suspend'];
    changed = true;
  }
  const nodes = ((out['status'] as Record<string, unknown> | undefined)?.['nodes'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const node of Object.values(nodes)) {
    if (node['type'] === 'Suspend' && node['phase'] === 'Running') {
      node['phase'] = 'Succeeded';
      node['finishedAt'] = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
      changed = true;
    }
  }
  return changed ? out : undefined;
}
