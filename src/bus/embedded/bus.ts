/** The embedded Bus: one LMDB environment in a local directory, owned by one process. */
import type { Bus, Consumer, ConsumerOptions, KeyValueStore, MessageHandler, PublishOptions, PublishResult, StreamSettings } from '../types.ts';
import { alreadyConsuming, consumerLimits } from '../consumer-options.ts';
import { ActiveConsumer } from './consumer.ts';
import { Durable, loadDurables } from './durable.ts';
import { invalid, unavailable } from './failures.ts';
import { openBucket } from './kv.ts';
import type { Layout } from './layout.ts';
import { Stream, type EmbeddedBusStats } from './stream.ts';
import { checkFilterSubject, checkPublishSubject } from './subjects.ts';
import { logger } from '../../observe/log.ts';
import { SwitchyardError } from '../../errors.ts';

const log = logger({ component: 'bus.embedded' });
const DURABLE_NAME = /^[a-zA-Z0-9_-]+$/;
/** Message ids are keys of the duplicates index; CloudEvent ids are 32 characters. */
const MAX_MSG_ID_BYTES = 512;

export class EmbeddedBus implements Bus {
  readonly driver = 'embedded';
  readonly deliversPublishedBuffers = true;
  readonly stream: Readonly<StreamSettings>;
  private readonly messages: Stream;
  private durables = new Map<string, Durable>();
  private readonly active = new Map<string, ActiveConsumer>();
  private readonly ageTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly db: Layout,
    settings: Readonly<StreamSettings>,
    private readonly unlock: () => void,
  ) {
    this.stream = settings;
    this.messages = new Stream(db, settings, {
      interested: (subject) => {
        let n = 0;
        for (const d of this.durables.values()) if (d.matches(subject)) n++;
        return n;
      },
      settled: () => {
        for (const c of this.active.values()) c.schedule();
      },
    });
    this.messages.load();
    this.durables = loadDurables(db, this.messages);
    this.messages.indexUnclaimed();
    if (settings.maxAgeMs > 0) {
      this.ageTimer = setInterval(() => this.messages.discardExpired(Date.now()), Math.min(settings.maxAgeMs, 1000));
      this.ageTimer.unref();
    }
  }

  publish(subject: string, payload: Buffer, msgId: string, options?: PublishOptions): Promise<PublishResult> {
    if (this.closing) return Promise.reject(unavailable('publish: the bus is closed'));
    try {
      checkPublishSubject(subject);
      if (typeof msgId !== 'string' || Buffer.byteLength(msgId) > MAX_MSG_ID_BYTES) {
        throw new SwitchyardError('BUS_MSGID_INVALID', `message id must be a string of at most ${MAX_MSG_ID_BYTES} bytes`, { errorClass: 'poison' });
      }
      if (!Buffer.isBuffer(payload)) {
        throw new SwitchyardError('BUS_PAYLOAD_INVALID', 'payload must be a Buffer', { errorClass: 'poison' });
      }
      return this.messages.publish(subject, payload, msgId, options?.uniqueId === true);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async consume(options: ConsumerOptions, handler: MessageHandler): Promise<Consumer> {
    if (this.closing) throw unavailable('start a consumer: the bus is closed');
    const { durableName, subject } = options;
    if (typeof durableName !== 'string' || !DURABLE_NAME.test(durableName)) {
      throw invalid('BUS_DURABLE_INVALID', `durable name "${durableName}" is invalid: use only letters, digits, '_' and '-'`);
    }
    checkFilterSubject(subject);
    const { ackWaitMs, maxInFlight } = consumerLimits(options);
    if (this.active.has(durableName)) {
      throw alreadyConsuming(durableName);
    }
    let durable = this.durables.get(durableName);
    if (durable && durable.subject !== subject) {
      log.warn('durable consumer subject changed; starting it afresh', { durable: durableName, was: durable.subject, now: subject });
      await this.deleteConsumer(durableName);
      durable = undefined;
    }
    if (!durable) {
      const created = Durable.create(durableName, subject, options.deliverPolicy ?? 'new', this.db, this.messages);
      durable = created.durable;
      this.durables.set(durableName, durable);
      await created.written;
    }
    if (this.active.has(durableName)) {
      throw alreadyConsuming(durableName);
    }
    const consumer = new ActiveConsumer(durable, this.messages, this.db, { ackWaitMs, maxInFlight }, handler, () => {
      if (this.active.get(durableName) === consumer) this.active.delete(durableName);
    });
    this.active.set(durableName, consumer);
    return consumer;
  }

  /**
   * Forgets a durable consumer (embedded only): its position and acks are deleted and the messages it
   * still held become subject to retention. Use when a sensor or trigger is removed for good.
   */
  async deleteConsumer(durableName: string): Promise<boolean> {
    if (this.closing) throw unavailable('delete a consumer: the bus is closed');
    const durable = this.durables.get(durableName);
    if (!durable) return false;
    await this.active.get(durableName)?.stop();
    this.durables.delete(durableName);
    await durable.remove();
    return true;
  }

  /** What the stream holds now (for metrics and tests). */
  stats(): EmbeddedBusStats {
    return this.messages.stats();
  }

  async kv(bucket: string): Promise<KeyValueStore> {
    if (this.closing) throw unavailable(`open bucket ${bucket}: the bus is closed`);
    return openBucket(this.db, bucket);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.ageTimer);
    this.messages.close();
    await Promise.all([...this.active.values()].map((c) => c.stop()));
    await Promise.all([...this.durables.values()].map((d) => d.saveDeliveries()));
    await this.messages.saveLastSeq().catch((err: unknown) => log.warn('could not store the last sequence; the next run skips a few', { error: err }));
    this.db.closed = true;
    try {
      await this.db.env.flushed;
      await this.db.env.close();
    } finally {
      this.unlock();
    }
  }
}
