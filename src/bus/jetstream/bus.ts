/** The JetStream Bus: Argo Events' stream layout and envelope on a NATS JetStream server or cluster. */
import { jetstream, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { SwitchyardError } from '../../errors.ts';
import { logger } from '../../observe/log.ts';
import type { Bus, Consumer, ConsumerOptions, KeyValueStore, MessageHandler, PublishResult, StreamSettings } from '../types.ts';
import { alreadyConsuming, consumerLimits } from '../consumer-options.ts';
import { ackPendingLimit, PULL_EXPIRES_MS, PullConsumer } from './consumer.ts';
import { ensureDurable } from './durable.ts';
import { invalid, isMaxPayloadError, tooLarge, unavailable } from './failures.ts';
import { openBucket } from './kv.ts';
import { consumerName } from './names.ts';
import { NO_STREAM, PubAckError, Publisher } from './publisher.ts';
import { StreamKeeper, type StreamIdentity } from './stream-keeper.ts';
import { checkPublishSubject, jetstreamFilter } from './subjects.ts';

const log = logger({ component: 'bus.jetstream' });
/** How long a publish or ack waits for the server's answer before the caller is told to retry. */
export const REQUEST_TIMEOUT_MS = 5_000;
const DRAIN_TIMEOUT_MS = 5_000;

function timeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** The acks, naks and in-progress signals of one event-loop turn, and the promise they all wait on. */
interface SignalTurn {
  signals: Array<() => void>;
  sent: Promise<void>;
}

/** How a publish failed, as the caller should treat it. */
function publishFailure(subject: string, err: unknown, maxPayload: number | undefined): SwitchyardError {
  // A 4xx from JetStream is about this message (e.g. too large for the stream); anything else is transient.
  if (err instanceof PubAckError && err.status >= 400 && err.status < 500) {
    return new SwitchyardError('BUS_PUBLISH_REJECTED', `JetStream rejected the message on ${subject}: ${err.message}`, { errorClass: 'poison', cause: err });
  }
  if (isMaxPayloadError(err)) return tooLarge('message', maxPayload);
  return unavailable(`publish to ${subject}`, err);
}

export class JetStreamBus implements Bus {
  readonly driver = 'jetstream';
  readonly stream: Readonly<StreamSettings>;
  private readonly js: JetStreamClient;
  private readonly publisher: Publisher;
  private readonly keeper: StreamKeeper;
  private readonly active = new Map<string, PullConsumer>();
  private readonly statusLoop: Promise<void>;
  private connected = true;
  /** Acks, naks and in-progress signals of this event-loop turn, sent together by sendSignals(). */
  private turn: SignalTurn | undefined;
  /** Set by close(): no new publishes or consumers. */
  private closing: Promise<void> | undefined;
  /** Set once the connection is going away: messages can no longer be acked. */
  private connClosed = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    settings: Readonly<StreamSettings>,
    identity: StreamIdentity,
  ) {
    this.stream = settings;
    this.keeper = new StreamKeeper(jsm, settings, identity);
    this.js = jetstream(nc, { timeout: REQUEST_TIMEOUT_MS });
    this.publisher = new Publisher(nc, REQUEST_TIMEOUT_MS);
    this.statusLoop = this.watchStatus();
  }

  /** True while the NATS connection is up (false between a disconnect and the reconnect, and after close). */
  get isConnected(): boolean {
    return this.connected && !this.connClosed && this.closing === undefined;
  }

  private async watchStatus(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect') {
        this.connected = false;
        log.warn('lost the NATS connection; publishes answer "retry" until it is back', { server: s.server });
      } else if (s.type === 'reconnect') {
        this.connected = true;
        log.info('NATS connection restored', { server: s.server });
      } else if (s.type === 'error') {
        log.warn('NATS connection error', { err: s.error });
      }
    }
  }

  async publish(subject: string, payload: Buffer, msgId: string): Promise<PublishResult> {
    if (this.closing) throw unavailable('publish: the bus is closed');
    checkPublishSubject(this.stream.name, subject);
    if (typeof msgId !== 'string' || msgId === '') {
      throw new SwitchyardError('BUS_MSGID_INVALID', 'message id must be a non-empty string', { errorClass: 'poison' });
    }
    const max = this.nc.info?.max_payload;
    if (max !== undefined && payload.length > max) {
      throw tooLarge('message', max, payload.length);
    }
    if (!this.connected) throw unavailable(`publish to ${subject}: the NATS connection is lost and being re-established`);
    try {
      return await this.publisher.publish(subject, payload, msgId);
    } catch (err) {
      if (!(err instanceof PubAckError && err.status === NO_STREAM)) throw publishFailure(subject, err, max);
    }
    // No stream took the message: the stream was deleted. Create it again and publish once more.
    try {
      await this.keeper.restore();
      return await this.publisher.publish(subject, payload, msgId);
    } catch (err) {
      throw publishFailure(subject, err, max);
    }
  }

  async consume(options: ConsumerOptions, handler: MessageHandler): Promise<Consumer> {
    if (this.closing) throw unavailable('start a consumer: the bus is closed');
    const { durableName, subject } = options;
    if (typeof durableName !== 'string' || durableName === '') {
      throw invalid('BUS_DURABLE_INVALID', 'durable name must be a non-empty string');
    }
    const filter = jetstreamFilter(this.stream.name, subject);
    const { ackWaitMs, maxInFlight } = consumerLimits(options);
    if (this.active.has(durableName)) {
      throw alreadyConsuming(durableName);
    }
    const name = consumerName(durableName);
    let consumer: PullConsumer;
    try {
      const spec = { stream: this.stream.name, name, durableName, subject: filter, deliverPolicy: options.deliverPolicy ?? 'new', ackWaitMs, maxInFlight } as const;
      // The stream the durable reads (created again first if it is missing): one created again later has
      // its sequences start afresh.
      let streamCreated = await this.keeper.current();
      await ensureDurable(this.jsm, spec);
      consumer = await PullConsumer.start(durableName, { maxInFlight, ackWaitMs }, handler, {
        open: async (onMessage, startSeq) => {
          if (startSeq !== undefined) {
            const created = await this.keeper.current();
            // In a stream created again, everything came after the durable was lost with the old one.
            await ensureDurable(this.jsm, created === streamCreated ? { ...spec, startSeq } : { ...spec, deliverPolicy: 'all' });
            streamCreated = created;
          }
          const c = await this.js.consumers.get(this.stream.name, name);
          return c.consume({ max_messages: ackPendingLimit(maxInFlight), expires: PULL_EXPIRES_MS, callback: onMessage });
        },
        closed: () => this.connClosed,
        flush: () => timeout(this.nc.flush(), REQUEST_TIMEOUT_MS, 'NATS flush'),
        send: (signal) => this.sendSignal(signal),
        // Reading consumer info makes the server drop pull requests without interest.
        dropStalePulls: async () => {
          await this.jsm.consumers.info(this.stream.name, name);
        },
        onStop: () => {
          if (this.active.get(durableName) === consumer) this.active.delete(durableName);
        },
      });
    } catch (err) {
      if (err instanceof SwitchyardError) throw err;
      throw unavailable(`start consumer ${durableName} (JetStream name ${name}) on ${subject}`, err);
    }
    if (this.active.has(durableName)) {
      await consumer.stop();
      throw alreadyConsuming(durableName);
    }
    this.active.set(durableName, consumer);
    return consumer;
  }

  /**
   * Sends a signal (ack, nak, in-progress) with the others of this event-loop turn and resolves once the
   * server has received them: the lot goes out in one write, followed by one PING whose PONG confirms it.
   */
  private sendSignal(signal: () => void): Promise<void> {
    if (this.turn === undefined) {
      const signals: Array<() => void> = [];
      const sent = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.sendSignals(signals));
      this.turn = { signals, sent };
    }
    this.turn.signals.push(signal);
    return this.turn.sent;
  }

  /**
   * Sends a turn's signals. Should one fail to be sent (the connection is closing, and then they all do), the
   * whole turn is reported failed: an ack reported failed that did arrive costs nothing, and one that did not
   * arrive means the message comes again after ackWait, which is what a failed ack means anyway.
   */
  private async sendSignals(signals: Array<() => void>): Promise<void> {
    if (this.turn?.signals === signals) this.turn = undefined;
    let failure: unknown;
    for (const signal of signals) {
      try {
        signal();
      } catch (err) {
        failure ??= err;
      }
    }
    if (failure !== undefined) throw failure;
    await timeout(this.nc.flush(), REQUEST_TIMEOUT_MS, 'NATS flush');
  }

  async kv(bucket: string): Promise<KeyValueStore> {
    if (this.closing) throw unavailable(`open bucket ${bucket}: the bus is closed`);
    return openBucket(this.js, bucket, this.stream.replicas, () => this.nc.info?.max_payload);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await Promise.all([...this.active.values()].map((c) => c.stop()));
    this.connClosed = true;
    try {
      await timeout(this.nc.drain(), DRAIN_TIMEOUT_MS, 'NATS drain');
    } catch (err) {
      log.debug('drain did not finish; closing the connection', { err });
      await this.nc.close().catch(() => undefined);
    }
    this.publisher.close(unavailable('publish: the bus closed before the server confirmed it'));
    await this.statusLoop.catch(() => undefined);
  }
}
