/** Manifests, child processes and HTTP probes shared by the runtime tests. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSwitchyard, waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import type { HttpSink } from '../helpers/http-sink.ts';
import type { Kube } from '../helpers/kube.ts';
import { waitFor } from '../helpers/wait.ts';

/** Writes `yaml` to DIR/FILE (creating DIR) and returns DIR, the folder to give `-f`. */
export function writeManifest(dir: string, file: string, yaml: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), yaml);
  return dir;
}

/** A webhook EventSource `hooks` (event `ingest`) and a Sensor `forwarder` posting `{n}` to `sinkUrl`/got. */
export function writePipeline(dir: string, webhookPort: number, sinkUrl: string, extra = ''): string {
  return writeManifest(
    dir,
    'pipeline.yaml',
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: hooks, namespace: ops}
spec:
  webhook:
    ingest: {port: "${webhookPort}", endpoint: /ingest, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: forwarder, namespace: ops}
spec:
  dependencies:
    - {name: dep, eventSourceName: hooks, eventName: ingest}
  triggers:
    - template:
        name: forward
        http:
          url: ${sinkUrl}/got
          payload:
            - src: {dependencyName: dep, dataKey: body.n}
              dest: n
      retryStrategy: {steps: 10, duration: 50ms}
${extra}`,
  );
}

/**
 * EventSource `cms` (event `added`: each ConfigMap created in `namespace`) and Sensor `configmaps` posting the
 * ConfigMap's `{name}` to `url`, as YAML to write with writeManifest.
 */
export function configMapManifests(namespace: string, url: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: cms}
spec:
  resource:
    added: {version: v1, resource: configmaps, namespace: ${namespace}, eventTypes: [ADD]}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: configmaps}
spec:
  dependencies:
    - {name: cm, eventSourceName: cms, eventName: added}
  triggers:
    - template:
        name: post
        http:
          url: ${url}
          payload:
            - src: {dependencyName: cm, dataKey: body.metadata.name}
              dest: name
      retryStrategy: {steps: 10, duration: 50ms}
`;
}

/**
 * A jetstreamExotic EventBus document to append to writePipeline's manifests. `fields` are further YAML lines
 * under jetstreamExotic (accessSecret, tls, ...), indented by four spaces; `streamConfig` is its YAML text.
 */
export function exoticEventBus(url: string, streamConfig: string, fields: string[] = []): string {
  return `---
apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata: {name: default, namespace: ops}
spec:
  jetstreamExotic:
    url: ${url}
${fields.map((f) => `    ${f}\n`).join('')}    streamConfig: |
      ${streamConfig}
`;
}

export interface ElectedPair {
  leader: SwitchyardProcess;
  standby: SwitchyardProcess;
}

/**
 * Starts two replicas (`replica(1)`, `replica(2)` spawn them; both are kept in `procs` for tearDown) and waits
 * until one is elected and the other stands by, ready (healthy and /readyz 200: a standby waits, it does not fail).
 */
export async function electedPair(procs: SwitchyardProcess[], replica: (i: number) => SwitchyardProcess): Promise<ElectedPair> {
  const replicas = [replica(1), replica(2)];
  procs.push(...replicas);
  await Promise.all(replicas.map((p) => waitForOutput(p, /elected leader|standing by/, 30_000)));
  const leaderAt = replicas.findIndex((p) => p.output().includes('elected leader'));
  assert.ok(leaderAt >= 0, 'no replica was elected');
  const leader = replicas[leaderAt]!;
  const standby = replicas[1 - leaderAt]!;
  await waitForOutput(standby, 'standing by');
  assert.equal(standby.output().includes('elected leader'), false, 'both replicas were elected');
  const standbyPort = /serving \/metrics, \/healthz and \/readyz port=(\d+)/.exec(standby.output())?.[1];
  assert.ok(standbyPort, 'the standby did not say where /readyz is');
  await waitFor('standby ready', async () => ((await statusOf(`http://127.0.0.1:${standbyPort}/readyz`)) === 200 ? true : undefined));
  return { leader, standby };
}

/** Kills the leader with SIGKILL and waits until the standby takes over once the lease expired (within 15 s). */
export async function killLeader({ leader, standby }: ElectedPair): Promise<void> {
  const killedAt = Date.now();
  leader.child.kill('SIGKILL');
  await leader.exited;
  await waitForOutput(standby, /elected leader.*lease of .* expired/, 20_000);
  const tookMs = Date.now() - killedAt;
  assert.ok(tookMs < 15_000, `takeover took ${tookMs} ms`);
}

export function spawnLogged(args: string[], env: NodeJS.ProcessEnv = {}): SwitchyardProcess {
  return spawnSwitchyard(args, { SWITCHYARD_LOG_LEVEL: 'info', ...env });
}

/** spawnLogged, kept in `procs` for tearDown, then waits until it printed `ready` ('switchyard running', 30 s unless told). */
export async function startLogged(procs: SwitchyardProcess[], args: string[], opts: { ready?: string | RegExp; timeoutMs?: number } = {}): Promise<SwitchyardProcess> {
  const p = spawnLogged(args);
  procs.push(p);
  await waitForOutput(p, opts.ready ?? 'switchyard running', opts.timeoutMs ?? 30_000);
  return p;
}

/** The runtime tests' after(): stops every process, then closes the sink, the NATS server (or cluster) and the temp dir. */
export async function tearDown(procs: readonly (SwitchyardProcess | undefined)[], sink: HttpSink, nats: { cleanup(): Promise<void> }, tmp: { cleanup(): void }): Promise<void> {
  for (const p of procs) await stopProcess(p);
  await sink.close();
  await nats.cleanup();
  tmp.cleanup();
}

/** SIGTERM, then SIGKILL after 10 s; resolves with the exit code (null when killed by a signal). */
export async function stopProcess(p: SwitchyardProcess | undefined): Promise<number | null> {
  if (p === undefined) return null;
  if (p.child.exitCode !== null || p.child.signalCode !== null) return p.child.exitCode;
  p.child.kill('SIGTERM');
  const killer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
  const code = await p.exited;
  clearTimeout(killer);
  return code;
}

/** Status of GET url, or 0 when nothing answers. */
export async function statusOf(url: string): Promise<number> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

export async function textOf(url: string): Promise<string> {
  const res = await fetch(url);
  return res.text();
}

/** POSTs `body` as JSON to `path` on the webhook port; the status, or 0 when the connection failed. */
export async function postJson(port: number, path: string, body: unknown): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** POSTs {n} to writePipeline's webhook (/ingest); the status, or 0 when the connection failed. */
export function postEvent(port: number, n: number): Promise<number> {
  return postJson(port, '/ingest', { n });
}

/** The value of one sample in Prometheus text, matching the name and every label given. */
export function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

/** The numbers the sink received. */
export function receivedNumbers(bodies: readonly { body: string }[]): Set<number> {
  return new Set(bodies.map((r) => Number((JSON.parse(r.body) as { n: unknown }).n)));
}

/**
 * Waits until every acknowledged event number reached the sink; on timeout, fails naming how many and which
 * never arrived, followed by `context()` (a process's output, say).
 */
export async function waitForAllDelivered(acked: ReadonlySet<number>, sink: { requests: readonly { body: string }[] }, timeoutMs = 180_000, context?: () => string): Promise<void> {
  await waitFor(
    'every acknowledged event at the trigger',
    () => {
      const seen = receivedNumbers(sink.requests);
      for (const n of acked) if (!seen.has(n)) return undefined;
      return true;
    },
    timeoutMs,
  ).catch((err: Error) => {
    const seen = receivedNumbers(sink.requests);
    const missing = [...acked].filter((n) => !seen.has(n));
    const more = context === undefined ? '' : `\n${context()}`;
    throw new Error(`${err.message}: ${missing.length} of ${acked.size} never reached the trigger, e.g. ${missing.slice(0, 10).join(',')}${more}`);
  });
}

/** Creates a Namespace on the test kube-apiserver. */
export async function createNamespace(kube: Kube, name: string): Promise<void> {
  const res = await kube.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
}

/** Creates a ConfigMap `name` in `namespace` holding `{k: value}`. */
export async function createConfigMap(kube: Kube, namespace: string, name: string, value: string): Promise<void> {
  const res = await kube.request('POST', `/api/v1/namespaces/${namespace}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: value } });
  assert.equal(res.status, 201, JSON.stringify(res.body).slice(0, 500));
}
