/**
 * Where and as whom to reach a Kubernetes API server: a kubeconfig file (KUBECONFIG, an explicit path), or the
 * in-cluster service account. Only static credentials are supported (token, token file, client certificate,
 * basic auth); exec and auth-provider plugins are refused with a message saying so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { SwitchyardError } from '../errors.ts';
import { inClusterConfig, SERVICE_ACCOUNT_DIR } from './incluster.ts';

export interface KubeConnection {
  /** Base URL, e.g. https://127.0.0.1:6443 (no trailing slash). */
  server: string;
  /** PEM of the CAs to trust; unset: the system's. */
  ca?: string;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
  token?: string;
  /** A file holding the token, read again when it changes (projected service-account tokens rotate). */
  tokenFile?: string;
  /** PEM client certificate and key. */
  cert?: string;
  key?: string;
  username?: string;
  password?: string;
  /** The context's default namespace, if any. */
  namespace?: string;
  /** Where this came from, for messages: `kubeconfig /path (context "x")` or `in-cluster service account`. */
  origin: string;
}

export interface LoadKubeConfigOptions {
  /** An explicit kubeconfig path, e.g. from --kubeconfig or from KUBECONFIG in an EventSource's template env. */
  path?: string;
  /** A context other than current-context. */
  context?: string;
  /** Environment to read KUBECONFIG and KUBERNETES_SERVICE_HOST/PORT from; process.env unless told. */
  env?: NodeJS.ProcessEnv;
  /** Folder of the service-account files; /var/run/secrets/kubernetes.io/serviceaccount unless told. */
  serviceAccountDir?: string;
}

type Dict = Record<string, unknown>;
interface Named {
  name: string;
  value: Dict;
  /** Folder of the file that defined the entry: relative file paths in it are relative to this. */
  dir: string;
}

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (d: Dict, k: string): string | undefined => (typeof d[k] === 'string' && d[k] !== '' ? (d[k] as string) : undefined);

function configError(origin: string, what: string): SwitchyardError {
  return new SwitchyardError('KUBECONFIG_INVALID', `${origin}: ${what}`);
}

interface Merged {
  clusters: Map<string, Named>;
  users: Map<string, Named>;
  contexts: Map<string, Named>;
  currentContext?: string;
}

function addEntries(into: Map<string, Named>, list: unknown, inner: string, dir: string, origin: string): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw configError(origin, `${inner}s must be a list`);
  for (const entry of list) {
    if (!isDict(entry) || typeof entry['name'] !== 'string') throw configError(origin, `every entry of ${inner}s needs a name`);
    const value = entry[inner];
    // The first file that defines a name wins, as kubectl merges KUBECONFIG lists.
    if (!into.has(entry['name'])) into.set(entry['name'], { name: entry['name'], value: isDict(value) ? value : {}, dir });
  }
}

function mergeFile(m: Merged, text: string, file: string): void {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new SwitchyardError('KUBECONFIG_INVALID', `kubeconfig ${file} is not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  if (doc === null || doc === undefined) return;
  if (!isDict(doc)) throw configError(`kubeconfig ${file}`, 'must be a YAML mapping (kind: Config)');
  const dir = dirname(file);
  addEntries(m.clusters, doc['clusters'], 'cluster', dir, `kubeconfig ${file}`);
  addEntries(m.users, doc['users'], 'user', dir, `kubeconfig ${file}`);
  addEntries(m.contexts, doc['contexts'], 'context', dir, `kubeconfig ${file}`);
  m.currentContext ??= str(doc, 'current-context');
}

function readRelative(dir: string, file: string, origin: string, what: string): string {
  const path = isAbsolute(file) ? file : join(dir, file);
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new SwitchyardError('KUBECONFIG_INVALID', `${origin}: cannot read ${what} ${path}: ${(err as Error).message}`, { cause: err });
  }
}

const fromBase64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');

/** Builds a connection from already-merged kubeconfig entries. */
function resolve(m: Merged, files: string, contextName: string | undefined): KubeConnection {
  const name = contextName ?? m.currentContext;
  if (name === undefined) throw configError(`kubeconfig ${files}`, 'has no current-context; set one (kubectl config use-context) or name a context');
  const origin = `kubeconfig ${files} (context "${name}")`;
  const ctx = m.contexts.get(name);
  if (ctx === undefined) throw configError(origin, `context "${name}" is not defined; defined: ${[...m.contexts.keys()].join(', ') || 'none'}`);
  const clusterName = str(ctx.value, 'cluster');
  const cluster = clusterName === undefined ? undefined : m.clusters.get(clusterName);
  if (cluster === undefined) throw configError(origin, `the context's cluster "${clusterName ?? ''}" is not defined`);
  const server = str(cluster.value, 'server');
  if (server === undefined) throw configError(origin, `cluster "${cluster.name}" has no server`);
  const conn: KubeConnection = { server: server.replace(/\/+$/, ''), insecureSkipTlsVerify: cluster.value['insecure-skip-tls-verify'] === true, origin };
  const caData = str(cluster.value, 'certificate-authority-data');
  const caFile = str(cluster.value, 'certificate-authority');
  if (caData !== undefined) conn.ca = fromBase64(caData);
  else if (caFile !== undefined) conn.ca = readRelative(cluster.dir, caFile, origin, 'certificate-authority');
  const sni = str(cluster.value, 'tls-server-name');
  if (sni !== undefined) conn.tlsServerName = sni;
  const ns = str(ctx.value, 'namespace');
  if (ns !== undefined) conn.namespace = ns;

  const userName = str(ctx.value, 'user');
  if (userName === undefined) return conn; // anonymous
  const user = m.users.get(userName);
  if (user === undefined) throw configError(origin, `the context's user "${userName}" is not defined`);
  const u = user.value;
  for (const plugin of ['exec', 'auth-provider'] as const) {
    if (u[plugin] !== undefined && u[plugin] !== null) {
      throw new SwitchyardError('KUBECONFIG_UNSUPPORTED', `${origin}: user "${userName}" uses an ${plugin} credential plugin, which Switchyard does not support; use a token, tokenFile or client certificate (e.g. a ServiceAccount token)`);
    }
  }
  const token = str(u, 'token');
  const tokenFile = str(u, 'tokenFile');
  if (token !== undefined) conn.token = token;
  else if (tokenFile !== undefined) conn.tokenFile = isAbsolute(tokenFile) ? tokenFile : join(user.dir, tokenFile);
  const certData = str(u, 'client-certificate-data');
  const certFile = str(u, 'client-certificate');
  const keyData = str(u, 'client-key-data');
  const keyFile = str(u, 'client-key');
  if (certData !== undefined) conn.cert = fromBase64(certData);
  else if (certFile !== undefined) conn.cert = readRelative(user.dir, certFile, origin, 'client-certificate');
  if (keyData !== undefined) conn.key = fromBase64(keyData);
  else if (keyFile !== undefined) conn.key = readRelative(user.dir, keyFile, origin, 'client-key');
  if ((conn.cert === undefined) !== (conn.key === undefined)) throw configError(origin, `user "${userName}" needs both a client certificate and a client key`);
  const username = str(u, 'username');
  const password = str(u, 'password');
  if (username !== undefined && password !== undefined) {
    conn.username = username;
    conn.password = password;
  }
  return conn;
}

/** Parses kubeconfig text (named `file` in messages; relative paths in it are relative to its folder). */
export function parseKubeConfig(text: string, file: string, context?: string): KubeConnection {
  const m: Merged = { clusters: new Map(), users: new Map(), contexts: new Map() };
  mergeFile(m, text, file);
  return resolve(m, file, context);
}

/** Reads one kubeconfig path, or a KUBECONFIG-style list (joined by ':'), merged as kubectl does. */
export function readKubeConfig(paths: string, context?: string): KubeConnection {
  const files = paths.split(delimiter).filter((p) => p !== '');
  const m: Merged = { clusters: new Map(), users: new Map(), contexts: new Map() };
  let read = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      // kubectl skips missing entries of a list; a single named file must exist.
      if (files.length > 1 && (err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new SwitchyardError('KUBECONFIG_UNREADABLE', `cannot read kubeconfig ${file}: ${(err as Error).message}; check the path given by KUBECONFIG or --kubeconfig`, { cause: err });
    }
    mergeFile(m, text, file);
    read++;
  }
  if (read === 0) throw new SwitchyardError('KUBECONFIG_UNREADABLE', `none of the kubeconfig files ${paths} exists`);
  return resolve(m, files.join(delimiter), context);
}

/**
 * The connection to use: an explicit path, else KUBECONFIG, else the in-cluster service account.
 * Throws KUBECONFIG_MISSING naming all three when none is available.
 */
export function loadKubeConfig(options: LoadKubeConfigOptions = {}): KubeConnection {
  const env = options.env ?? process.env;
  const path = options.path ?? (env['KUBECONFIG'] || undefined);
  if (path !== undefined) return readKubeConfig(path, options.context);
  const saDir = options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  if (env['KUBERNETES_SERVICE_HOST'] && existsSync(join(saDir, 'token'))) return inClusterConfig(env, saDir);
  throw new SwitchyardError(
    'KUBECONFIG_MISSING',
    `no Kubernetes connection configured: set KUBECONFIG (in the environment or in the EventSource's spec.template.container.env), pass --kubeconfig, or run in a pod with a service account (${saDir}/token and KUBERNETES_SERVICE_HOST)`,
  );
}
