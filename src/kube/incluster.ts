import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SwitchyardError } from '../errors.ts';
import type { KubeConnection } from './kubeconfig.ts';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function readOptional(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The pod's own identity: KUBERNETES_SERVICE_HOST/PORT and the mounted service-account token, CA and namespace. */
export function inClusterConfig(env: NodeJS.ProcessEnv, dir: string = SERVICE_ACCOUNT_DIR): KubeConnection {
  const host = env['KUBERNETES_SERVICE_HOST'];
  const port = env['KUBERNETES_SERVICE_PORT'] || '443';
  if (!host) throw new SwitchyardError('KUBECONFIG_MISSING', 'not running in a pod: KUBERNETES_SERVICE_HOST is not set');
  const tokenFile = join(dir, 'token');
  if (readOptional(tokenFile) === undefined) {
    throw new SwitchyardError('KUBECONFIG_MISSING', `in-cluster config: cannot read the service-account token ${tokenFile}; is automountServiceAccountToken off?`);
  }
  const ca = readOptional(join(dir, 'ca.crt'));
  const namespace = readOptional(join(dir, 'namespace'))?.trim();
  // IPv6 service addresses need brackets in a URL.
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    server: `https://${hostPart}:${port}`,
    insecureSkipTlsVerify: false,
    tokenFile,
    origin: 'in-cluster service account',
    ...(ca === undefined ? {} : { ca }),
    ...(namespace ? { namespace } : {}),
  };
}
