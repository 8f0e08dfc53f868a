/**
 * Which API server a `resource` event watches, in this order: an explicit kubeconfig (--kubeconfig), KUBECONFIG
 * from the EventSource's spec.template.container.env, KUBECONFIG from the process environment, the in-cluster
 * service account. A template KUBECONFIG that points into a volume mounted from a Secret (as Argo deploys it)
 * is read from that Secret through the secret resolver when the file does not exist on this machine.
 */
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import { SwitchyardError } from '../../errors.ts';
import { loadKubeConfig, parseKubeConfig, readKubeConfig, type KubeConnection } from '../../kube/kubeconfig.ts';
import type { SecretResolver } from '../../runtime/secrets.ts';

export interface KubeconfigChoice {
  /** An explicit kubeconfig path, e.g. from --kubeconfig. */
  kubeconfig?: string;
  /** Environment for KUBECONFIG and KUBERNETES_SERVICE_HOST/PORT; process.env unless told. */
  env?: NodeJS.ProcessEnv;
  serviceAccountDir?: string;
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Dict[] => (Array.isArray(v) ? v.filter(isDict) : []);

/** The value of an env var in an EventSource's spec.template.container.env, if set there. */
export function templateEnv(template: unknown, name: string): string | undefined {
  if (!isDict(template) || !isDict(template['container'])) return undefined;
  const hit = list(template['container']['env']).find((e) => e['name'] === name);
  return typeof hit?.['value'] === 'string' && hit['value'] !== '' ? hit['value'] : undefined;
}

/** The Secret name and key behind a file path inside a Secret volume the template mounts, if any. */
export function secretBehindPath(template: unknown, path: string): { name: string; key: string } | undefined {
  if (!isDict(template) || !isDict(template['container'])) return undefined;
  const volumes = list(template['volumes']);
  for (const mount of list(template['container']['volumeMounts'])) {
    const mountPath = typeof mount['mountPath'] === 'string' ? mount['mountPath'].replace(/\/+$/, '') : '';
    if (mountPath === '' || !path.startsWith(mountPath + '/')) continue;
    const rel = posix.normalize(path.slice(mountPath.length + 1));
    const volume = volumes.find((v) => v['name'] === mount['name']);
    const secret = isDict(volume?.['secret']) ? volume['secret'] : undefined;
    if (secret === undefined || typeof secret['secretName'] !== 'string') continue;
    const subPath = typeof mount['subPath'] === 'string' && mount['subPath'] !== '' ? mount['subPath'] : undefined;
    const itemPath = subPath === undefined ? rel : posix.join(subPath, rel);
    const item = list(secret['items']).find((i) => i['path'] === itemPath);
    const key = typeof item?.['key'] === 'string' ? item['key'] : itemPath;
    return { name: secret['secretName'], key };
  }
  return undefined;
}

export async function resolveConnection(template: unknown, secrets: SecretResolver, choice: KubeconfigChoice = {}): Promise<KubeConnection> {
  const base = { ...(choice.env === undefined ? {} : { env: choice.env }), ...(choice.serviceAccountDir === undefined ? {} : { serviceAccountDir: choice.serviceAccountDir }) };
  if (choice.kubeconfig !== undefined && choice.kubeconfig !== '') return loadKubeConfig({ ...base, path: choice.kubeconfig });
  const fromTemplate = templateEnv(template, 'KUBECONFIG');
  if (fromTemplate !== undefined) {
    if (existsSync(fromTemplate)) return readKubeConfig(fromTemplate);
    const secret = secretBehindPath(template, fromTemplate);
    if (secret === undefined) {
      throw new SwitchyardError('KUBECONFIG_UNREADABLE', `spec.template.container.env sets KUBECONFIG=${fromTemplate}, which does not exist here and is not in a Secret volume of the template; create the file or run with --kubeconfig`);
    }
    let text: string;
    try {
      text = await secrets.resolve(secret);
    } catch (err) {
      throw new SwitchyardError('KUBECONFIG_UNREADABLE', `KUBECONFIG=${fromTemplate} comes from secret ${secret.name} key ${secret.key}, which could not be read: ${(err as Error).message}`, { cause: err });
    }
    return parseKubeConfig(text, `secret ${secret.name}/${secret.key} (KUBECONFIG=${fromTemplate})`);
  }
  return loadKubeConfig(base);
}
