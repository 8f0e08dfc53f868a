/**
 * Where a k8s or argoWorkflow trigger's object comes from. resource, inline and file are read once at start;
 * configmap (cluster mode: read from the API server in the sensor's namespace) and url (HTTP GET) are read
 * on every firing, as Argo fetches the source each time, so edits to them apply without a restart.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { parse as parseYaml } from 'yaml';
import type { ArtifactLocation } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';
import type { KubeClient } from '../kube/index.ts';
import { kubeCall } from './kube-errors.ts';
import { loadSource, toKubeObject, type KubeObject } from './resource.ts';

export interface SourceLoader {
  /** Set when the object is known at start. */
  readonly fixed?: KubeObject;
  load(signal?: AbortSignal): Promise<KubeObject>;
}

export interface SourceOptions {
  kube?: KubeClient;
  /** The sensor's namespace, where a configmap source is read. */
  namespace: string;
}

export function sourceLoader(source: ArtifactLocation | undefined, where: string, opts: SourceOptions): SourceLoader {
  if (source?.configmap) {
    const { name, key } = source.configmap;
    const kube = opts.kube;
    if (!name || !key) throw new SwitchyardError('TRIGGER_INVALID', `${where}.source.configmap needs name and key`);
    if (!kube) {
      throw new SwitchyardError('TRIGGER_UNSUPPORTED', `${where}.source.configmap needs a cluster (start with --kubeconfig); standalone mode reads source.resource, source.inline, source.file or source.url`);
    }
    const action = `${where}: reading source configmap ${opts.namespace}/${name}`;
    return {
      async load() {
        const cm = await kubeCall({ action }, () => kube.get({ version: 'v1', resource: 'configmaps', namespace: opts.namespace }, name));
        const text = (cm['data'] as Record<string, string> | undefined)?.[key];
        if (typeof text !== 'string') {
          throw new SwitchyardError('TRIGGER_SOURCE', `${action}: it has no key "${key}" in data; add the object's YAML under that key`, { errorClass: 'poison' });
        }
        return toKubeObject(parseSourceYaml(text, action), `${action} key ${key}`, 'poison');
      },
    };
  }
  if (source?.url) {
    const { path, verifyCert } = source.url;
    if (!path || !/^https?:\/\//.test(path)) throw new SwitchyardError('TRIGGER_INVALID', `${where}.source.url.path "${path ?? ''}" must be an http:// or https:// URL`);
    const action = `${where}: fetching source url ${path}`;
    return {
      async load(signal) {
        const text = await httpGet(path, verifyCert !== false, action, signal);
        return toKubeObject(parseSourceYaml(text, action), action, 'poison');
      },
    };
  }
  const fixed = loadSource(source, where);
  return { fixed, load: async () => fixed };
}

function parseSourceYaml(text: string, action: string): unknown {
  try {
    return parseYaml(text);
  } catch (cause) {
    throw new SwitchyardError('TRIGGER_SOURCE', `${action}: not valid YAML or JSON: ${(cause as Error).message}`, { errorClass: 'poison', cause });
  }
}

const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

/** GET a URL as text: network failures and 5xx are worth retrying, other non-2xx answers are not. */
function httpGet(url: string, verifyCert: boolean, action: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', timeout: 30_000, ...(url.startsWith('https:') ? { rejectUnauthorized: verifyCert } : {}), ...(signal ? { signal } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_SOURCE_BYTES) req.destroy(new Error(`the answer is larger than ${MAX_SOURCE_BYTES} bytes`));
        else chunks.push(c);
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).toString('utf8');
        if (status >= 200 && status < 300) resolve(body);
        else reject(new SwitchyardError('TRIGGER_SOURCE', `${action}: answered ${status}`, { errorClass: status >= 500 || status === 429 ? 'retry' : 'poison' }));
      });
      res.on('error', (err) => reject(new SwitchyardError('TRIGGER_SOURCE', `${action}: ${err.message}`, { errorClass: 'retry', cause: err })));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', (err) => reject(new SwitchyardError('TRIGGER_SOURCE', `${action}: ${err.message}`, { errorClass: 'retry', cause: err })));
    req.end();
  });
}
