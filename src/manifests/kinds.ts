/**
 * Which documents Switchyard keeps. Folders of real deployments also hold Services, Kustomizations,
 * Helm charts and values; those are skipped with a reason instead of failing the load.
 */
import { EVENTS_KINDS, WORKFLOW_KINDS, isSwitchyardDocument } from '../api/validate/index.ts';

export type ResourceKind = (typeof EVENTS_KINDS)[number] | (typeof WORKFLOW_KINDS)[number];

export type Classification =
  | { action: 'keep'; kind: ResourceKind }
  /** Switchyard's own document, but too broken to place (not a mapping, no kind): validation reports it. */
  | { action: 'invalid' }
  | { action: 'skip'; kind: string; reason: string };

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function classifyDocument(obj: unknown): Classification {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return { action: 'invalid' };
  const rec = obj as Record<string, unknown>;
  const kind = str(rec.kind);
  const api = str(rec.apiVersion);
  if (isSwitchyardDocument(obj)) {
    const all: readonly string[] = [...EVENTS_KINDS, ...WORKFLOW_KINDS];
    return kind !== undefined && all.includes(kind) ? { action: 'keep', kind: kind as ResourceKind } : { action: 'invalid' };
  }
  if (kind === undefined && api === undefined) {
    return { action: 'skip', kind: '(none)', reason: 'not a Kubernetes resource (no apiVersion or kind), e.g. Helm values' };
  }
  if (kind === undefined) {
    return { action: 'skip', kind: '(none)', reason: `no kind (apiVersion ${api}), e.g. a Helm Chart.yaml` };
  }
  if (api?.startsWith('argoproj.io/') && kind === 'Workflow') {
    return { action: 'skip', kind, reason: 'a Workflow is a single run, not a template; Switchyard keeps WorkflowTemplate, ClusterWorkflowTemplate and CronWorkflow' };
  }
  if (kind === 'Kustomization') {
    return { action: 'skip', kind, reason: 'kustomize configuration; Switchyard reads the manifests themselves' };
  }
  return { action: 'skip', kind, reason: `${api ?? '(no apiVersion)'} ${kind} is not a resource Switchyard runs` };
}
