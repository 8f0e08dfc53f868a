/**
 * `switchyard run` on one machine: every EventSource and Sensor of the given manifests in one process.
 * The bus is the embedded one unless `busUrl` or a jetstreamExotic EventBus names NATS (src/runtime/bus-config.ts);
 * triggers that have no cluster write to the local object store. The wiring is src/runtime/runtime.ts.
 */
import type { Bus } from '../bus/types.ts';
import type { DecisionLog } from '../observe/decisions.ts';
import type { Logger } from '../observe/log.ts';
import type { MetricsRegistry } from '../observe/metrics.ts';
import type { ObjectStore } from '../store/objects.ts';
import { startRuntime } from './runtime.ts';

export interface StandaloneOptions {
  paths: string[];
  dataDir: string;
  secretsDir?: string;
  log: Logger;
  busUrl?: string;
  /** Triggers act on this API server instead of the local store; resource sources use it too. */
  kubeconfig?: string;
  /** Serve /metrics, /healthz, /readyz on this port; unset: off. */
  metricsPort?: number;
  signal?: AbortSignal;
}

export interface Standalone {
  readonly bus: Bus;
  readonly store: ObjectStore;
  readonly decisions: DecisionLog;
  readonly metrics: MetricsRegistry | undefined;
  readonly metricsPort: number | undefined;
  stop(): Promise<void>;
}

export async function startStandalone(opts: StandaloneOptions): Promise<Standalone> {
  const rt = await startRuntime({ ...opts, select: { what: 'all' }, alwaysOpenStore: true });
  const store = rt.store;
  if (store === undefined) {
    await rt.stop();
    throw new Error('the object store was not opened'); // alwaysOpenStore guarantees it
  }
  return { bus: rt.bus, store, decisions: rt.decisions, metrics: rt.metrics, metricsPort: rt.metricsPort, stop: () => rt.stop() };
}
