/**
 * Starts the event sources and sensors a process runs: all of them (`switchyard run`), or one EventSource or
 * one Sensor (`switchyard eventsource` / `switchyard sensor`, like Argo's pods).
 * Start order: validate and compile everything (nothing starts if anything is wrong), open the object store
 * and prepare triggers, serve /metrics and /readyz, open the bus (JetStream: retried until reachable), then
 * sensors, and last the event sources, so no event is accepted before its consumers exist.
 * Stop order is the reverse: sources stop accepting, sensors finish what they hold, the bus closes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Bus } from '../bus/types.ts';
import { SwitchyardError } from '../errors.ts';
import { DecisionLog } from '../observe/decisions.ts';
import type { Logger } from '../observe/log.ts';
import { MetricsRegistry } from '../observe/metrics.ts';
import { compileSensor, type CompiledSensor } from '../sensors/compile.ts';
import { startSensor, type FireFn, type RunningSensor } from '../sensors/runner.ts';
import { startEventSource, type RunningSource } from '../sources/host.ts';
import { sourceKindsOf } from '../sources/registry.ts';
import { openObjectStore, type ObjectStore } from '../store/objects.ts';
import { prepareTriggers } from '../triggers/host.ts';
import { KubeClient, loadKubeConfig } from '../kube/index.ts';
import { busServers, selectBus } from './bus-config.ts';
import { BusLink } from './bus-link.ts';
import { acquireLeadership, LEASE_BUCKET, leaseHolder, runWhileLeader } from './leader.ts';
import { firstNotReady, type Stoppable } from './part.ts';
import { loadAndValidate } from './load.ts';
import { startObserveServer, type ObserveServer } from './observe-server.ts';
import { chainSecrets, standaloneSecrets, type SecretResolver } from './secrets.ts';
import { kubeSecrets } from '../kube/secrets.ts';
import { metricsNamespace, selectResources, type RunSelection, type SelectedResources } from './select.ts';

export type { RunSelection } from './select.ts';

export interface RuntimeOptions {
  paths: string[];
  dataDir: string;
  secretsDir?: string;
  /** Triggers act on this API server instead of the local store; resource sources use it too. */
  kubeconfig?: string;
  log: Logger;
  select: RunSelection;
  /** `--bus` / SWITCHYARD_BUS: JetStream servers; unset: the EventBus manifests decide (src/runtime/bus-config.ts). */
  busUrl?: string;
  /** Serve /metrics, /healthz and /readyz on this port (0: any free port); unset: no server. */
  metricsPort?: number;
  /** Open the object store even when no sensor runs (`run` keeps it for `switchyard get`). */
  alwaysOpenStore?: boolean;
  /** Aborts a start still waiting for the bus; the start then rejects with STARTUP_ABORTED. */
  signal?: AbortSignal;
  /** Lease TTL of leader election in `switchyard sensor` / `eventsource` processes (default 10 s). */
  leaseTtlMs?: number;
}

export interface Runtime {
  readonly bus: Bus;
  /** The local object store standalone triggers write to; undefined when no sensor runs (and not asked for). */
  readonly store: ObjectStore | undefined;
  readonly decisions: DecisionLog;
  /** Undefined when no metrics port was asked for. */
  readonly metrics: MetricsRegistry | undefined;
  /** The port /metrics is served on, when it is. */
  readonly metricsPort: number | undefined;
  stop(): Promise<void>;
}

/** The connection name a process shows in NATS's monitoring. */
function connectionName(select: RunSelection): string {
  return select.what === 'all' ? 'switchyard' : `switchyard-${select.what}-${select.name}`;
}

interface PartDeps {
  bus: Bus;
  secretsFor: (namespace: string | undefined) => SecretResolver;
  decisions: DecisionLog;
  metrics: MetricsRegistry | undefined;
  log: Logger;
  kubeconfig: string | undefined;
  /** A `switchyard sensor` / `eventsource` process, which may have replicas; `run` elects nothing. */
  single: boolean;
  leaseTtlMs: number | undefined;
}

async function startParts(r: SelectedResources, compiled: CompiledSensor[], fires: FireFn[], deps: PartDeps, parts: Stoppable[]): Promise<void> {
  for (let i = 0; i < compiled.length; i++) {
    const sensor = compiled[i]!;
    const start = (): Promise<RunningSensor> => startSensor(sensor, { bus: deps.bus, fire: fires[i]!, decisions: deps.decisions.sink, log: deps.log });
    parts.push(deps.single && sensor.triggers.some((t) => t.join) ? await elected(`sensor.${sensor.name}`, `sensor ${sensor.name}`, start, deps) : await start());
  }
  for (const es of r.eventSources) {
    const start = (): Promise<RunningSource> => startEventSource(es, { bus: deps.bus, secrets: deps.secretsFor(es.metadata.namespace), ...(deps.metrics ? { metrics: deps.metrics } : {}), ...(deps.kubeconfig ? { kubeconfig: deps.kubeconfig } : {}) });
    const name = es.metadata.name ?? '';
    const needsLeader = deps.single && sourceKindsOf(es.spec, name).some((u) => !u.kind.activeActive);
    parts.push(needsLeader ? await elected(`eventsource.${name}`, `event source ${name}`, start, deps) : await start());
  }
}

/**
 * A process running one Sensor with joins, or one EventSource of a leader-elected kind, may have replicas:
 * it runs its part only while it holds the lease (src/runtime/leader.ts, docs/ha.md).
 */
async function elected(key: string, what: string, start: () => Promise<Stoppable>, deps: PartDeps): Promise<Stoppable> {
  const kv = await deps.bus.kv(LEASE_BUCKET);
  const elector = acquireLeadership({ kv, key, holder: leaseHolder(), ...(deps.leaseTtlMs ? { ttlMs: deps.leaseTtlMs } : {}), log: deps.log });
  return runWhileLeader(elector, what, start, deps.log);
}

export async function startRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { log } = opts;
  const set = await loadAndValidate(opts.paths, log);
  const resources = selectResources(set, opts.select, opts.paths);
  const compiled: CompiledSensor[] = resources.sensors.map((s) => compileSensor(s));
  if (resources.eventSources.length === 0 && compiled.length === 0) {
    throw new SwitchyardError('NOTHING_TO_RUN', `no EventSource or Sensor found in ${opts.paths.join(', ')}`);
  }
  const secrets = standaloneSecrets(opts.secretsDir ? { dir: opts.secretsDir } : {});
  const plan = await selectBus({
    busUrl: opts.busUrl,
    eventBuses: set.eventBuses,
    eventBusNames: [...resources.eventSources, ...resources.sensors].map((x) => x.spec.eventBusName),
    secrets,
    tlsDir: join(opts.dataDir, 'tls'),
  });

  // With --kubeconfig, argoWorkflow and k8s triggers act on that API server; without, on the local store.
  const kube = opts.kubeconfig === undefined ? undefined : new KubeClient(loadKubeConfig({ path: opts.kubeconfig }));
  if (kube) log.info('triggers act on the Kubernetes API server', { server: kube.server, kubeconfig: opts.kubeconfig });
  // Secrets: the secrets folder and environment first; with a kubeconfig, then the resource's namespace's Secrets.
  const secretsFor = (namespace: string | undefined): SecretResolver => (kube ? chainSecrets(secrets, kubeSecrets(kube, namespace || 'default')) : secrets);

  mkdirSync(opts.dataDir, { recursive: true });
  const metrics = opts.metricsPort === undefined ? undefined : new MetricsRegistry({ namespace: metricsNamespace(resources) });
  const decisions = new DecisionLog(log, 200, metrics);
  const link = new BusLink(plan, { dataDir: opts.dataDir, log, name: connectionName(opts.select) });
  // sensors first, then event sources; stopped in reverse
  const parts: Stoppable[] = [];
  let store: ObjectStore | undefined;
  let observe: ObserveServer | undefined;
  let started = false;

  const stop = async (): Promise<void> => {
    for (const p of parts.splice(0).reverse()) await p.stop().catch((err: unknown) => log.error('stopping a sensor or event source failed', { err }));
    await store?.close().catch(() => undefined);
    await link.close();
    await observe?.close().catch(() => undefined);
    kube?.close();
  };

  try {
    if (compiled.length > 0 || opts.alwaysOpenStore) store = await openObjectStore(join(opts.dataDir, 'objects'));
    const openedStore = store;
    // Triggers are prepared before waiting for the bus, so a bad trigger fails at once, not after NATS is back.
    const fires: FireFn[] = openedStore === undefined ? [] : compiled.map((s) => prepareTriggers(s, { store: openedStore, secrets: secretsFor(s.namespace), log, ...(kube ? { kube } : {}) }));
    if (metrics !== undefined && opts.metricsPort !== undefined) {
      observe = await startObserveServer({ port: opts.metricsPort, metrics, notReady: () => link.notReady() ?? (started ? firstNotReady(parts) : 'starting event sources and sensors') });
      log.info('serving /metrics, /healthz and /readyz', { port: observe.port });
    }
    log.info('opening the event bus', { driver: plan.driver, servers: busServers(plan), why: plan.reason });
    const bus = await link.open(opts.signal ?? new AbortController().signal);
    await startParts(resources, compiled, fires, { bus, secretsFor, decisions, metrics, log, kubeconfig: opts.kubeconfig, single: opts.select.what !== 'all', leaseTtlMs: opts.leaseTtlMs }, parts);
    started = true;
    log.info('switchyard running', {
      eventSources: resources.eventSources.map((e) => e.metadata.name).join(',') || '-',
      sensors: compiled.map((s) => s.name).join(',') || '-',
      bus: plan.driver === 'embedded' ? 'embedded' : `jetstream ${busServers(plan)}`,
      dataDir: opts.dataDir,
    });
    return { bus, store, decisions, metrics, metricsPort: observe?.port, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
