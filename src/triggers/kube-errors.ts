/**
 * How an API server failure classifies for a trigger: 'retry' when trying again can succeed (unreachable,
 * throttled, 5xx, a conflicting resourceVersion, a generateName collision), 'poison' when it cannot
 * (forbidden, not found, an invalid object, a fixed name that already exists). The kube client's message
 * already names verb, resource, namespace and object; this adds what the trigger was doing.
 */
import { SwitchyardError, errorMessage } from '../errors.ts';

const RETRY_CODES = new Set(['KUBE_UNREACHABLE', 'KUBE_THROTTLED', 'KUBE_SERVER_ERROR', 'KUBE_GONE', 'KUBE_BAD_RESPONSE']);

export interface KubeFailureContext {
  /** What the trigger was doing, e.g. "k8s create deployments.apps cicd/web". */
  action: string;
  /** A create: a 409 means the name is taken, which only a generateName create escapes by trying again. */
  create?: boolean;
  generateName?: boolean;
}

export function triggerKubeError(err: unknown, ctx: KubeFailureContext): SwitchyardError {
  const code = err instanceof SwitchyardError ? err.code : 'KUBE_UNREACHABLE';
  let errorClass: 'retry' | 'poison' = RETRY_CODES.has(code) ? 'retry' : 'poison';
  if (code === 'KUBE_CONFLICT') errorClass = ctx.create && !ctx.generateName ? 'poison' : 'retry';
  if (err instanceof SwitchyardError && err.code.startsWith('TRIGGER_')) return err;
  const hint = code === 'KUBE_CONFLICT' && ctx.create && !ctx.generateName ? '. An object with this name already exists: set metadata.generateName for a new object per event, or use operation update or patch' : '';
  return new SwitchyardError(code, `${ctx.action}: ${errorMessage(err)}${hint}`, { errorClass, cause: err });
}

/** True for the client's 404 answer. */
export function isNotFound(err: unknown): boolean {
  return err instanceof SwitchyardError && err.code === 'KUBE_NOT_FOUND';
}

/** Runs one API call, turning its failure into a classified trigger error. */
export async function kubeCall<T>(ctx: KubeFailureContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw triggerKubeError(err, ctx);
  }
}
