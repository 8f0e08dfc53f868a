/**
 * policy.k8s: after the trigger acted, read the object again until it carries every label in `labels`,
 * waiting between reads by `backoff` (steps = reads, default 5; duration default 1s; factor default 1; no
 * jitter). When the labels never show up the trigger still counts as fired, unless errorOnBackoffTimeout:
 * then it fails as poison, because acting again would create a second object.
 */
import type { TriggerPolicy } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';
import type { KubeClient, ResourceRef } from '../kube/index.ts';
import { retryPolicy } from './backoff.ts';
import { kubeCall } from './kube-errors.ts';

export type K8sPolicy = NonNullable<TriggerPolicy['k8s']>;

export interface PolicyOutcome {
  /** True when the labels showed up; false after the last read without them. */
  satisfied: boolean;
  reads: number;
}

const wait = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

/** Undefined when there is no label policy to apply. */
export function labelPolicy(policy: TriggerPolicy | undefined): K8sPolicy | undefined {
  const k8s = policy?.k8s;
  return k8s?.labels && Object.keys(k8s.labels).length > 0 ? k8s : undefined;
}

export async function applyLabelPolicy(kube: KubeClient, ref: ResourceRef, name: string, policy: K8sPolicy, display: string, signal?: AbortSignal): Promise<PolicyOutcome> {
  const timing = retryPolicy(policy.backoff, () => 0);
  const want = policy.labels ?? {};
  for (let read = 1; ; read++) {
    const obj = await kubeCall({ action: `policy.k8s: reading ${display}` }, () => kube.get(ref, name));
    const labels = obj.metadata.labels ?? {};
    if (Object.entries(want).every(([k, v]) => labels[k] === v)) return { satisfied: true, reads: read };
    if (read >= timing.attempts || signal?.aborted) {
      if (policy.errorOnBackoffTimeout) {
        throw new SwitchyardError(
          'TRIGGER_POLICY_TIMEOUT',
          `policy.k8s: ${display} did not get the labels ${JSON.stringify(want)} within ${read} reads (it has ${JSON.stringify(labels)}); the trigger fails because errorOnBackoffTimeout is set`,
          { errorClass: 'poison' },
        );
      }
      return { satisfied: false, reads: read };
    }
    await wait(timing.delayMs(read), signal);
  }
}
