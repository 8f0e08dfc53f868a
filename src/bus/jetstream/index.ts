/**
 * The JetStream bus driver: Argo Events' stream (`default`, subjects `default.*.*`), envelope and
 * Nats-Msg-Id on NATS JetStream, so Argo and Switchyard components can share one bus.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import { SwitchyardError } from '../../errors.ts';
import { logger } from '../../observe/log.ts';
import { DEFAULT_STREAM, type StreamSettings } from '../types.ts';
import { JetStreamBus, REQUEST_TIMEOUT_MS } from './bus.ts';
import { openConnection, type ConnectionSettings } from './connect.ts';
import { unavailable } from './failures.ts';
import { ensureStream, wantedStream } from './stream.ts';

export { JetStreamBus } from './bus.ts';
export { HANDLER_ERROR_RETRY_MS } from './consumer.ts';
export type { JetStreamTlsOptions } from './connect.ts';
export { consumerName, argoConsumerName, fnv32a } from './names.ts';
export { wantedStream, streamSubject, differences, type WantedStream, type Difference } from './stream.ts';

const log = logger({ component: 'bus.jetstream' });

export interface JetStreamBusOptions extends ConnectionSettings {
  stream?: Partial<StreamSettings>;
}

export async function openJetStreamBus(options: JetStreamBusOptions): Promise<JetStreamBus> {
  const wanted: StreamSettings = { ...DEFAULT_STREAM, ...options.stream };
  const nc = await openConnection(options);
  try {
    const jsm = await jetstreamManager(nc, { timeout: REQUEST_TIMEOUT_MS });
    const clustered = nc.info?.cluster !== undefined;
    if (!clustered && wanted.replicas > 1) {
      log.warn('the NATS server is not clustered; the stream keeps 1 replica', { wanted: wanted.replicas });
    }
    const ensured = await ensureStream(jsm, wantedStream(wanted), clustered);
    for (const d of ensured.updated) {
      log.info('updated the JetStream stream setting', { stream: wanted.name, field: d.field, was: d.existing, now: d.wanted });
    }
    log.info('JetStream stream ready', {
      stream: wanted.name,
      replicas: ensured.replicas,
      server: nc.info?.server_name,
      ...(ensured.leader === undefined ? {} : { streamLeader: ensured.leader }),
    });
    return new JetStreamBus(nc, jsm, Object.freeze({ ...wanted, replicas: ensured.replicas }));
  } catch (err) {
    await nc.close().catch(() => undefined);
    if (err instanceof SwitchyardError) throw err;
    throw unavailable(`set up JetStream stream "${wanted.name}"`, err);
  }
}
