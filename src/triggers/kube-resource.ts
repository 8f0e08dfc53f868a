/**
 * apiVersion + kind -> the REST resource a trigger's object lives under, without discovery (the API server
 * may serve nothing but one CRD, and the identity may not be allowed to read discovery). Known kinds come
 * from a table; any other kind is pluralised by rule: lower-case kind, then "s" -> "ses", "x"/"z"/"ch"/"sh" ->
 * "+es", consonant + "y" -> "ies", otherwise "+s". A CRD whose plural breaks the rule is not reachable.
 */
import type { ResourceRef } from '../kube/index.ts';
import { SwitchyardError } from '../errors.ts';
import type { KubeObject } from './resource.ts';

interface KnownKind {
  resource: string;
  clusterScoped?: boolean;
}

/** Keyed by `group/Kind` (core group: `/Kind`). */
const KNOWN: Record<string, KnownKind> = {
  '/ConfigMap': { resource: 'configmaps' },
  '/Secret': { resource: 'secrets' },
  '/Pod': { resource: 'pods' },
  '/Service': { resource: 'services' },
  '/ServiceAccount': { resource: 'serviceaccounts' },
  '/Endpoints': { resource: 'endpoints' },
  '/Event': { resource: 'events' },
  '/PersistentVolumeClaim': { resource: 'persistentvolumeclaims' },
  '/ResourceQuota': { resource: 'resourcequotas' },
  '/LimitRange': { resource: 'limitranges' },
  '/Namespace': { resource: 'namespaces', clusterScoped: true },
  '/Node': { resource: 'nodes', clusterScoped: true },
  '/PersistentVolume': { resource: 'persistentvolumes', clusterScoped: true },
  'apps/Deployment': { resource: 'deployments' },
  'apps/StatefulSet': { resource: 'statefulsets' },
  'apps/DaemonSet': { resource: 'daemonsets' },
  'apps/ReplicaSet': { resource: 'replicasets' },
  'batch/Job': { resource: 'jobs' },
  'batch/CronJob': { resource: 'cronjobs' },
  'networking.k8s.io/Ingress': { resource: 'ingresses' },
  'networking.k8s.io/NetworkPolicy': { resource: 'networkpolicies' },
  'networking.k8s.io/IngressClass': { resource: 'ingressclasses', clusterScoped: true },
  'policy/PodDisruptionBudget': { resource: 'poddisruptionbudgets' },
  'autoscaling/HorizontalPodAutoscaler': { resource: 'horizontalpodautoscalers' },
  'rbac.authorization.k8s.io/Role': { resource: 'roles' },
  'rbac.authorization.k8s.io/RoleBinding': { resource: 'rolebindings' },
  'rbac.authorization.k8s.io/ClusterRole': { resource: 'clusterroles', clusterScoped: true },
  'rbac.authorization.k8s.io/ClusterRoleBinding': { resource: 'clusterrolebindings', clusterScoped: true },
  'storage.k8s.io/StorageClass': { resource: 'storageclasses', clusterScoped: true },
  'scheduling.k8s.io/PriorityClass': { resource: 'priorityclasses', clusterScoped: true },
  'apiextensions.k8s.io/CustomResourceDefinition': { resource: 'customresourcedefinitions', clusterScoped: true },
  'argoproj.io/Workflow': { resource: 'workflows' },
  'argoproj.io/WorkflowTemplate': { resource: 'workflowtemplates' },
  'argoproj.io/ClusterWorkflowTemplate': { resource: 'clusterworkflowtemplates', clusterScoped: true },
  'argoproj.io/CronWorkflow': { resource: 'cronworkflows' },
  'argoproj.io/WorkflowEventBinding': { resource: 'workfloweventbindings' },
  'argoproj.io/Sensor': { resource: 'sensors' },
  'argoproj.io/EventSource': { resource: 'eventsources' },
  'argoproj.io/EventBus': { resource: 'eventbus' },
  'argoproj.io/Application': { resource: 'applications' },
  'argoproj.io/Rollout': { resource: 'rollouts' },
};

/** The plural a kind gets when it is not in the table. */
export function guessPlural(kind: string): string {
  const k = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(k)) return `${k}es`;
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  return `${k}s`;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** True for kinds known to be cluster-scoped; unknown kinds count as namespaced. */
export function isClusterScoped(apiVersion: string, kind: string): boolean {
  return KNOWN[`${splitApiVersion(apiVersion).group}/${kind}`]?.clusterScoped === true;
}

export interface ResolvedResource {
  ref: ResourceRef;
  /** metadata.name; '' when only generateName is set. */
  name: string;
  /** '' for cluster-scoped kinds. */
  namespace: string;
  /** "deployments.apps cicd/web", for messages. */
  display: string;
}

/** Where `obj` lives on the API server: its resource, namespace (the sensor's when unset) and name. */
export function resolveResource(obj: KubeObject, defaultNamespace: string): ResolvedResource {
  const apiVersion = obj['apiVersion'];
  const kind = obj['kind'];
  if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
    throw new SwitchyardError('TRIGGER_INVALID', 'the rendered object needs apiVersion and kind', { errorClass: 'poison' });
  }
  const { group, version } = splitApiVersion(apiVersion);
  const known = KNOWN[`${group}/${kind}`];
  const resource = known?.resource ?? guessPlural(kind);
  const meta = obj.metadata ?? {};
  const ns = known?.clusterScoped ? '' : typeof meta['namespace'] === 'string' && meta['namespace'] !== '' ? meta['namespace'] : defaultNamespace;
  const name = typeof meta['name'] === 'string' ? meta['name'] : '';
  const ref: ResourceRef = { ...(group ? { group } : {}), version, resource, ...(ns ? { namespace: ns } : {}) };
  const qualified = group ? `${resource}.${group}` : resource;
  const shown = name || `${typeof meta['generateName'] === 'string' ? meta['generateName'] : ''}*`;
  return { ref, name, namespace: ns, display: `${qualified} ${ns ? `${ns}/` : ''}${shown}` };
}
