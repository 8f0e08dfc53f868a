// A real kube-apiserver backed by a real etcd, for tests. The binaries are built from pinned Go
// modules by tools/kube/build.sh (cached outside the checkout); see docs/testing.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports.ts';
import { tempDir } from './tmp.ts';
import { kubeRequest, type KubeRequestOptions, type KubeResponse } from '../kube/lib/http.ts';
import { Applier, type KubeObject } from '../kube/lib/apply.ts';
import { newToken, writeKubeconfig, writePki, type KubeUser } from '../kube/lib/pki.ts';

export type { KubeObject } from '../kube/lib/apply.ts';
export type { KubeRequestOptions, KubeResponse } from '../kube/lib/http.ts';

const ROOT = join(import.meta.dirname, '../..');

export interface KubeOptions {
  /** 'RBAC' (default) makes 403 tests possible; 'AlwaysAllow' lets every authenticated user do anything. */
  authorization?: 'RBAC' | 'AlwaysAllow';
  /** Extra kube-apiserver flags, e.g. ['--feature-gates=X=true']. */
  apiServerArgs?: string[];
  /** How long to wait for etcd and for /readyz; 90 s unless told. */
  readyTimeoutMs?: number;
}

export interface Kube {
  /** https://127.0.0.1:PORT */
  url: string;
  /** Bearer token of the admin user (group system:masters). */
  token: string;
  /** Bearer token of a user with no permissions beyond what every authenticated user has. */
  unprivilegedToken: string;
  /** User name behind unprivilegedToken, for RoleBindings. */
  unprivilegedUser: string;
  /** Kubeconfig for the admin user, with the CA inline. */
  kubeconfigPath: string;
  /** PEM of the apiserver's self-signed serving certificate (its own CA). */
  caFile: string;
  ca: string;
  etcdUrl: string;
  /** One HTTPS request as the admin user (or opts.token); JSON bodies are sent as JSON. */
  request(method: string, path: string, body?: unknown, opts?: KubeRequestOptions): Promise<KubeResponse>;
  /** Server-side applies objects from a YAML file, folder, YAML text or object list; CRDs first, waited for. */
  applyYaml(docsOrPath: string | readonly unknown[]): Promise<KubeObject[]>;
  /** Stops kube-apiserver and starts it again on the same port with the same etcd; resolves once ready and every CRD is served. */
  restartApiServer(): Promise<void>;
  /** Stops both servers and removes their files. Safe to call twice. */
  stop(): Promise<void>;
}

export interface KubeBinaries {
  etcd: string;
  kubeApiserver: string;
}

let binaries: Promise<KubeBinaries> | undefined;

/** Paths from SWITCHYARD_ETCD and SWITCHYARD_KUBE_APISERVER, or from tools/kube/build.sh (which builds once, then caches). */
export function kubeBinaries(): Promise<KubeBinaries> {
  const { SWITCHYARD_ETCD: etcd, SWITCHYARD_KUBE_APISERVER: kubeApiserver } = process.env;
  if (etcd && kubeApiserver) return Promise.resolve({ etcd, kubeApiserver });
  binaries ??= new Promise((resolve, reject) => {
    const child = spawn('bash', [join(ROOT, 'tools/kube/build.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const etcdPath = /^ETCD=(.+)$/m.exec(out)?.[1];
      const apiPath = /^KUBE_APISERVER=(.+)$/m.exec(out)?.[1];
      if (code === 0 && etcdPath && apiPath) resolve({ etcd: etcdPath, kubeApiserver: apiPath });
      else reject(new Error(`tools/kube/build.sh failed (exit ${code}); run it by hand to see why:\n${out}`));
    });
  });
  return binaries;
}

interface Server {
  child: ChildProcess;
  exited: Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

function startServer(bin: string, args: string[], logFile: string): Server {
  const fd = openSync(logFile, 'a');
  const child = spawn(bin, args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));
  child.once('error', () => undefined); // a spawn failure shows as an exit; the caller reports the log
  return { child, exited };
}

async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 15_000);
  await s.exited;
  clearTimeout(timer);
}

function logTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitReady(what: string, s: Server, logFile: string, timeoutMs: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (s.child.exitCode !== null || s.child.signalCode !== null) {
      throw new Error(`${what} exited (${s.child.exitCode ?? s.child.signalCode}) before it was ready; last log lines:\n${logTail(logFile)}`);
    }
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms; last log lines:\n${logTail(logFile)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** Starts etcd and kube-apiserver on free loopback ports in a temp dir. Call stop() when done. */
export async function startKube(options: KubeOptions = {}): Promise<Kube> {
  const bins = await kubeBinaries();
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;
  const tmp = tempDir('switchyard-kube-');
  const [etcdClientPort, etcdPeerPort, apiPort] = (await distinctFreePorts(3)) as [number, number, number];
  const admin: KubeUser = { name: 'switchyard-admin', token: newToken(), groups: ['system:masters'] };
  const nobody: KubeUser = { name: 'switchyard-nobody', token: newToken(), groups: [] };
  const pki = writePki(tmp.dir, [admin, nobody]);
  const etcdUrl = `http://127.0.0.1:${etcdClientPort}`;
  const peerUrl = `http://127.0.0.1:${etcdPeerPort}`;
  const url = `https://127.0.0.1:${apiPort}`;
  const ep = { url, ca: pki.ca, token: admin.token };
  const etcdLog = join(tmp.dir, 'etcd.log');
  const apiLog = join(tmp.dir, 'kube-apiserver.log');

  let etcd: Server | undefined;
  let api: Server | undefined;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (api) await stopServer(api);
    if (etcd) await stopServer(etcd);
    tmp.cleanup();
  };

  const apiArgs = [
    `--etcd-servers=${etcdUrl}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${apiPort}`,
    `--cert-dir=${tmp.dir}`,
    `--tls-cert-file=${pki.certFile}`,
    `--tls-private-key-file=${pki.keyFile}`,
    `--token-auth-file=${pki.tokenFile}`,
    `--authorization-mode=${options.authorization ?? 'RBAC'}`,
    '--anonymous-auth=false',
    '--service-account-issuer=https://kubernetes.default.svc',
    `--service-account-key-file=${pki.saPublicKeyFile}`,
    `--service-account-signing-key-file=${pki.saPrivateKeyFile}`,
    // Only an address range to allocate Service IPs from; nothing is ever sent there.
    '--service-cluster-ip-range=10.0.0.0/24',
    // Pods need no ServiceAccount to exist, as no controller manager runs to create them.
    '--disable-admission-plugins=ServiceAccount',
    '--profiling=false',
    ...(options.apiServerArgs ?? []),
  ];
  const startApi = async (): Promise<void> => {
    api = startServer(bins.kubeApiserver, apiArgs, apiLog);
    const current = api;
    await waitReady('kube-apiserver', current, apiLog, readyTimeoutMs, async () => (await kubeRequest(ep, 'GET', '/readyz', undefined, { timeoutMs: 5000 })).status === 200);
  };

  try {
    etcd = startServer(bins.etcd, [
      '--name=switchyard-test',
      `--data-dir=${join(tmp.dir, 'etcd')}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=switchyard-test=${peerUrl}`,
      // Test data need not survive a power cut; skipping fsync keeps tests fast on slow disks.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ], etcdLog);
    const etcdServer = etcd;
    await waitReady('etcd', etcdServer, etcdLog, readyTimeoutMs, async () => {
      const res = await fetch(`${etcdUrl}/health`);
      return res.ok && ((await res.json()) as { health?: string }).health === 'true';
    });
    await startApi();
  } catch (err) {
    await stop();
    throw err;
  }

  const kubeconfigPath = join(tmp.dir, 'kubeconfig');
  writeKubeconfig(kubeconfigPath, url, pki.ca, admin);
  const applier = new Applier(ep);

  return {
    url,
    token: admin.token,
    unprivilegedToken: nobody.token,
    unprivilegedUser: nobody.name,
    kubeconfigPath,
    caFile: pki.caFile,
    ca: pki.ca,
    etcdUrl,
    request: (method, path, body, opts) => kubeRequest(ep, method, path, body, opts),
    applyYaml: (docsOrPath) => applier.apply(docsOrPath),
    restartApiServer: async () => {
      if (stopped) throw new Error('restartApiServer: the harness was stopped');
      if (api) await stopServer(api);
      await startApi();
      await applier.waitForAllCrds(readyTimeoutMs);
    },
    stop,
  };
}
