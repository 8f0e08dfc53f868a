/** The embedded bus driver: durable messages, consumers and key-value buckets in a local LMDB directory. */
import { DEFAULT_STREAM, type StreamSettings } from '../types.ts';
import { EmbeddedBus } from './bus.ts';
import { unavailable } from './failures.ts';
import { lockDir, openLayout } from './layout.ts';

export { EmbeddedBus } from './bus.ts';
export { HANDLER_ERROR_RETRY_MS } from './consumer.ts';
export type { EmbeddedBusStats } from './stream.ts';

export interface EmbeddedBusOptions {
  /** Directory holding the bus files; created if missing. One process may own it at a time. */
  dir: string;
  stream?: Partial<StreamSettings>;
}

export async function openEmbeddedBus(options: EmbeddedBusOptions): Promise<EmbeddedBus> {
  const settings: Readonly<StreamSettings> = Object.freeze({ ...DEFAULT_STREAM, ...options.stream });
  const unlock = lockDir(options.dir);
  try {
    return new EmbeddedBus(openLayout(options.dir), settings, unlock);
  } catch (err) {
    unlock();
    throw unavailable(`open its store in ${options.dir}`, err);
  }
}
