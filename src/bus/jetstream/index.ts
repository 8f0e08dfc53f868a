/**
 * The JetStream bus driver: Argo Events' stream (`default`, subjects `default.*.*`), envelope and
 * Nats-Msg-Id on NATS JetStream, so Argo and Switchyard components can share one bus.
 */
import { JetStreamApiError, jetstreamManager } from '@nats-io/jetstream';
import { SwitchyardError } from '../../errors.ts';
import { logger } from '../../observe/log.ts';
import { DEFAULT_STREAM, type StreamSettings } from '../types.ts';
import { JetStreamBus, REQUEST_TIMEOUT_MS } from './bus.ts';
import { openConnection, serverList, type ConnectionSettings } from './connect.ts';
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
    return new JetStreamBus(nc, jsm, Object.freeze({ ...wanted, replicas: ensured.replicas }), { clustered, created: ensured.created });
  } catch (err) {
    await nc.close().catch(() => undefined);
    if (err instanceof SwitchyardError) throw err;
    if (isJetStreamOff(err)) {
      // still retried: the server may be restarted with JetStream meanwhile
      throw unavailable(
        `use JetStream on the NATS server at ${serverList(options.servers)}: it has JetStream turned off (or not for this account); start nats-server with -js, or add a jetstream block to its configuration (and to the account's)`,
        err,
      );
    }
    throw unavailable(`set up JetStream stream "${wanted.name}"`, err);
  }
}

/** Error code of a server whose account has no JetStream. */
const JETSTREAM_NOT_ENABLED_FOR_ACCOUNT = 10039;

/** The server answered, but has no JetStream (no responder on its API subjects) or none for this account. */
function isJetStreamOff(err: unknown): boolean {
  if (err instanceof JetStreamApiError) return err.code === JETSTREAM_NOT_ENABLED_FOR_ACCOUNT;
  return err instanceof Error && err.name === 'JetStreamNotEnabled';
}
