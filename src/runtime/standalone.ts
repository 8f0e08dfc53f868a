/**
 * `switchyard run` on one machine: every EventSource and Sensor of the given manifests in one process,
 * on the embedded bus, with triggers that have no cluster writing to the local object store.
 * Start order: validate and compile everything first (nothing starts if anything is wrong), then the bus,
 * sensors, and last the event sources, so no event is accepted before its consumers exist.
 * Stop order is the reverse: sources stop accepting, sensors finish what they hold, the bus closes.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Bus } from '../bus/types.ts';
import { openEmbeddedBus } from '../bus/embedded/index.ts';
import { SwitchyardError } from '../errors.ts';
import { DecisionLog } from '../observe/decisions.ts';
import type { Logger } from '../observe/log.ts';
import { compileSensor, type CompiledSensor } from '../sensors/compile.ts';
import { startSensor, type FireFn, type RunningSensor } from '../sensors/runner.ts';
import { startEventSource } from '../sources/host.ts';
import type { RunningSource } from '../sources/host.ts';
import { openObjectStore, type ObjectStore } from '../store/objects.ts';
import { prepareTriggers } from '../triggers/host.ts';
import { loadAndValidate } from './load.ts';
import { standaloneSecrets } from './secrets.ts';

export interface StandaloneOptions {
  paths: string[];
  dataDir: string;
  secretsDir?: string;
  log: Logger;
}

export interface Standalone {
  readonly bus: Bus;
  readonly store: ObjectStore;
  readonly decisions: DecisionLog;
  stop(): Promise<void>;
}

export async function startStandalone(opts: StandaloneOptions): Promise<Standalone> {
  const { log } = opts;
  const set = await loadAndValidate(opts.paths, log);
  const compiled: CompiledSensor[] = set.sensors.map((s) => compileSensor(s));
  if (set.eventSources.length === 0 && compiled.length === 0) {
    throw new SwitchyardError('NOTHING_TO_RUN', `no EventSource or Sensor found in ${opts.paths.join(', ')}`);
  }

  mkdirSync(opts.dataDir, { recursive: true });
  const bus = await openEmbeddedBus({ dir: join(opts.dataDir, 'bus') });
  const store = await openObjectStore(join(opts.dataDir, 'objects'));
  const secrets = standaloneSecrets(opts.secretsDir ? { dir: opts.secretsDir } : {});
  const decisions = new DecisionLog(log);
  const sensors: RunningSensor[] = [];
  const sources: RunningSource[] = [];

  const stop = async (): Promise<void> => {
    for (const s of sources.splice(0)) await s.stop().catch((err: unknown) => log.error('stopping event source failed', { err }));
    for (const s of sensors.splice(0)) await s.stop().catch((err: unknown) => log.error('stopping sensor failed', { err }));
    await store.close().catch(() => undefined);
    await bus.close().catch(() => undefined);
  };

  try {
    const fires: FireFn[] = compiled.map((s) => prepareTriggers(s, { store, secrets, log }));
    for (let i = 0; i < compiled.length; i++) {
      sensors.push(await startSensor(compiled[i]!, { bus, fire: fires[i]!, decisions: decisions.sink, log }));
    }
    for (const es of set.eventSources) sources.push(await startEventSource(es, { bus, secrets }));
  } catch (err) {
    await stop();
    throw err;
  }
  log.info('switchyard running', {
    eventSources: set.eventSources.map((e) => e.metadata.name).join(',') || '-',
    sensors: compiled.map((s) => s.name).join(',') || '-',
    dataDir: opts.dataDir,
  });
  return { bus, store, decisions, stop };
}
