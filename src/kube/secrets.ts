/**
 * Secrets from Kubernetes Secret objects, when Switchyard runs with a kubeconfig: `{name, key}` is the key of the
 * Secret `name` in the namespace of the resource that refers to it, as Argo mounts it into the pod.
 */
import type { SecretKeySelector } from '../api/types.ts';
import { SwitchyardError, errorMessage, isSwitchyardError } from '../errors.ts';
import type { SecretResolver } from '../runtime/secrets.ts';
import type { KubeClient } from './client.ts';

export function kubeSecrets(client: KubeClient, namespace: string): SecretResolver {
  return {
    async resolve(sel: SecretKeySelector): Promise<string> {
      let secret: { data?: Record<string, string> }; // the API server returns stringData merged into data
      try {
        secret = (await client.get({ version: 'v1', resource: 'secrets', namespace }, sel.name)) as typeof secret;
      } catch (err) {
        if (isSwitchyardError(err) && err.code === 'KUBE_NOT_FOUND') {
          throw new SwitchyardError('SECRET_NOT_FOUND', `Secret ${namespace}/${sel.name} does not exist on ${client.server}; create it with key "${sel.key}"`, { cause: err });
        }
        throw new SwitchyardError('SECRET_UNREADABLE', `cannot read Secret ${namespace}/${sel.name}: ${errorMessage(err)}`, { cause: err, errorClass: isSwitchyardError(err) ? err.errorClass : 'retry' });
      }
      const value = secret.data?.[sel.key];
      if (value === undefined) {
        throw new SwitchyardError('SECRET_NOT_FOUND', `Secret ${namespace}/${sel.name} has no key "${sel.key}" (it has: ${Object.keys(secret.data ?? {}).join(', ') || 'none'})`);
      }
      return Buffer.from(value, 'base64').toString('utf8');
    },
  };
}
