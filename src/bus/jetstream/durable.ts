/** Creates or adjusts the durable pull consumer behind a Bus consumer. */
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type ConsumerConfig, type ConsumerInfo, type JetStreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { logger } from '../../observe/log.ts';
import { ackPendingLimit } from './consumer.ts';

const log = logger({ component: 'bus.jetstream' });

export interface DurableSpec {
  stream: string;
  /** The JetStream consumer name (see names.ts). */
  name: string;
  durableName: string;
  subject: string;
  deliverPolicy: 'new' | 'all';
  /** Where a durable created now starts, overriding deliverPolicy (a deleted durable created again). */
  startSeq?: number;
  ackWaitMs: number;
  maxInFlight: number;
}

async function existing(jsm: JetStreamManager, stream: string, name: string): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.info(stream, name);
  } catch (err) {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound) return undefined;
    throw err;
  }
}

export async function ensureDurable(jsm: JetStreamManager, spec: DurableSpec): Promise<void> {
  const ackWait = nanos(spec.ackWaitMs);
  const config: Partial<ConsumerConfig> = {
    durable_name: spec.name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: spec.startSeq !== undefined ? DeliverPolicy.StartSequence : spec.deliverPolicy === 'all' ? DeliverPolicy.All : DeliverPolicy.New,
    ...(spec.startSeq !== undefined ? { opt_start_seq: spec.startSeq } : {}),
    filter_subject: spec.subject,
    ack_wait: ackWait,
    max_ack_pending: ackPendingLimit(spec.maxInFlight),
    max_deliver: -1,
  };
  let info = await existing(jsm, spec.stream, spec.name);
  if (info && info.config.filter_subject !== spec.subject) {
    // Older servers cannot change a consumer's filter; a changed subject starts the durable afresh.
    log.warn('durable consumer subject changed; starting it afresh', { durable: spec.durableName, was: info.config.filter_subject, now: spec.subject });
    await jsm.consumers.delete(spec.stream, spec.name);
    info = undefined;
  }
  if (!info) {
    await jsm.consumers.add(spec.stream, config);
    return;
  }
  if (info.config.ack_wait !== ackWait || info.config.max_ack_pending !== config.max_ack_pending) {
    await jsm.consumers.update(spec.stream, spec.name, { ack_wait: ackWait, max_ack_pending: config.max_ack_pending });
  }
}
