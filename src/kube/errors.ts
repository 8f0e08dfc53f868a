import { SwitchyardError } from '../errors.ts';
import { qualifiedResource } from './paths.ts';
import type { KubeStatus, ResourceRef } from './types.ts';

/** What a request was trying to do, so errors can say what is missing. */
export interface RequestIntent {
  /** The Kubernetes verb: get, list, watch, create, update, patch, delete. */
  verb: string;
  ref?: ResourceRef;
  name?: string;
  server: string;
}

export function describeTarget(intent: RequestIntent): string {
  if (intent.ref === undefined) return intent.server;
  const ns = intent.ref.namespace ? `namespace "${intent.ref.namespace}"` : 'all namespaces / cluster scope';
  const obj = intent.name === undefined ? qualifiedResource(intent.ref) : `${qualifiedResource(intent.ref)} "${intent.name}"`;
  return `${obj} in ${ns} on ${intent.server}`;
}

/** A status body's message, or the raw text when it is not a Status. */
export function statusMessage(status: KubeStatus | undefined, text: string): string {
  const m = status?.message;
  if (typeof m === 'string' && m !== '') return m;
  return text.trim().slice(0, 500) || '(empty response)';
}

/** The SwitchyardError for a non-2xx answer from the apiserver. */
export function kubeHttpError(code: number, status: KubeStatus | undefined, text: string, intent: RequestIntent): SwitchyardError {
  const msg = statusMessage(status, text);
  const target = describeTarget(intent);
  switch (code) {
    case 401:
      return new SwitchyardError('KUBE_UNAUTHORIZED', `${intent.server} rejected the credentials (401 Unauthorized: ${msg}); check the token or client certificate in the kubeconfig`, { errorClass: 'stop' });
    case 403: {
      const ref = intent.ref;
      const scope = ref === undefined ? '' : ref.namespace ? ` in namespace "${ref.namespace}"` : ' at cluster scope (all namespaces)';
      const need = ref === undefined ? 'the permission' : `verb "${intent.verb}" on resource "${ref.resource}" (apiGroup "${ref.group ?? ''}")${scope}`;
      return new SwitchyardError('KUBE_FORBIDDEN', `forbidden on ${intent.server}: ${msg}; grant the identity ${need} with a Role or ClusterRole and a binding`, { errorClass: 'stop' });
    }
    case 404:
      return new SwitchyardError('KUBE_NOT_FOUND', `${target}: not found (${msg}); check group, version, resource, namespace and name (is the CRD installed?)`, { errorClass: 'stop' });
    case 409:
      return new SwitchyardError('KUBE_CONFLICT', `${target}: conflict (${msg}); read the object again and retry with its current resourceVersion`, { errorClass: 'retry' });
    case 410:
      return new SwitchyardError('KUBE_GONE', `${target}: resource version expired (410 Gone: ${msg}); list again`, { errorClass: 'retry' });
    case 429:
      return new SwitchyardError('KUBE_THROTTLED', `${intent.server} is throttling requests (429: ${msg}); retry later`, { errorClass: 'retry' });
    default: {
      const errorClass = code >= 500 ? 'retry' : 'poison';
      return new SwitchyardError(code >= 500 ? 'KUBE_SERVER_ERROR' : 'KUBE_REQUEST_FAILED', `${intent.verb} ${target} failed with ${code}: ${msg}`, { errorClass });
    }
  }
}

export function kubeUnreachable(intent: RequestIntent, cause: unknown): SwitchyardError {
  const reason = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ? `${(cause as NodeJS.ErrnoException).code}: ${cause.message}` : cause.message) : String(cause);
  return new SwitchyardError('KUBE_UNREACHABLE', `cannot reach the Kubernetes API server ${intent.server} (${reason}); check the server address in the kubeconfig and that it is up`, { errorClass: 'retry', cause });
}
