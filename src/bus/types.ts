/**
 * The Bus interface every driver implements (embedded/ on LMDB, jetstream/ on NATS JetStream).
 * The bus is generic: it stores opaque payloads under subjects. Sources and sensors encode and decode
 * Argo's CloudEvent envelope themselves (src/events/envelope.ts).
 *
 * Data safety contract (DESIGN.md):
 *  - publish() resolves only after the message is durably stored; otherwise it rejects with a
 *    SwitchyardError of class 'retry' (code BUS_UNAVAILABLE or BUS_FULL), and the caller answers 503.
 *  - a consumer's message stays pending until ack(); a message not acked within ackWaitMs (or nak'ed)
 *    is delivered again, to this consumer or to the next one that opens the same durable name.
 */

import { isSwitchyardError, type SwitchyardError } from '../errors.ts';

/** Subject layout shared with Argo Events: `<stream>.<eventSourceName>.<eventName>`. */
export function busSubject(stream: string, eventSourceName: string, eventName: string): string {
  return `${stream}.${eventSourceName}.${eventName}`;
}

export interface StreamSettings {
  /** Stream name; Argo uses "default". */
  name: string;
  /** Most messages kept; -1 = unlimited. */
  maxMsgs: number;
  /** Oldest message age kept, in milliseconds; 0 = unlimited. */
  maxAgeMs: number;
  /** Most bytes kept; -1 = unlimited. */
  maxBytes: number;
  /** Window in which a repeated message id is recognised as a duplicate, in milliseconds. */
  duplicatesMs: number;
  replicas: number;
  /** When JetStream removes a message: at the limits (Argo's default), or once every consumer acked it. */
  retention: 'limits' | 'interest';
  /** What JetStream does at a limit: drop the oldest messages (Argo's default) or refuse new ones. */
  discard: 'old' | 'new';
}

export const DEFAULT_STREAM: Readonly<StreamSettings> = Object.freeze({
  name: 'default',
  maxMsgs: 50_000,
  maxAgeMs: 168 * 3600 * 1000,
  maxBytes: -1,
  duplicatesMs: 300_000,
  replicas: 3,
  retention: 'limits',
  discard: 'old',
});

export interface PublishResult {
  /** Stream sequence of the stored message (of the original, when duplicate). */
  seq: number;
  /** True when a message with the same id was stored within the duplicates window; nothing new was stored. */
  duplicate: boolean;
}

export interface PublishOptions {
  /**
   * The message id is unique to this message: made for it (a random event id) and never given again. The
   * duplicates window can then neither hold it nor be asked for it, and the embedded bus skips both; JetStream
   * still sends it as Nats-Msg-Id, as Argo does.
   */
  uniqueId?: boolean;
}

export interface ConsumerOptions {
  /** Durable name: the consumer's position and pending messages survive restarts under this name. */
  durableName: string;
  /** Full subject to receive, e.g. busSubject('default', 'webhook', 'example'). */
  subject: string;
  /** When the durable consumer is first created: 'new' starts after the last stored message (Argo's DeliverNew), 'all' at the first. */
  deliverPolicy?: 'new' | 'all';
  /** A delivered message not acked within this time is delivered again. Default 30 000 ms. */
  ackWaitMs?: number;
  /**
   * Most messages delivered and not yet acked (JetStream's MaxAckPending). Default 1: strict order, the next
   * message is delivered only after the handler of the previous one returned.
   */
  maxInFlight?: number;
}

export interface BusMessage {
  readonly subject: string;
  readonly seq: number;
  /** The message id given at publish (the CloudEvent id). */
  readonly msgId: string;
  /** The stored bytes; shared with other consumers in the same process, so treat it as read-only. */
  readonly payload: Buffer;
  /** 1 on first delivery, then 2, 3, ... */
  readonly deliveryCount: number;
  /** Marks the message done for this consumer; resolves once that is durable. */
  ack(): Promise<void>;
  /** Asks for redelivery after delayMs (default: at once). */
  nak(delayMs?: number): Promise<void>;
  /** Resets the ack deadline: the handler is still working on it. */
  working(): Promise<void>;
}

/**
 * Handles one message. It must ack() or nak() the message; if it throws, the consumer naks it
 * for redelivery after a short delay.
 */
export type MessageHandler = (msg: BusMessage) => Promise<void>;

export interface Consumer {
  readonly durableName: string;
  /** Stops delivering and waits for handlers in flight to return. Unacked messages stay pending. */
  stop(): Promise<void>;
}

/** A stored value and its revision; every write to a bucket gets a higher revision than any before it. */
export interface KeyValueEntry {
  value: Buffer;
  revision: number;
}

/** The error code create() and update() reject with when the key's state is not the expected one. */
export const KV_CONFLICT = 'BUS_KV_CONFLICT';
/** Error code of a publish whose message is larger than the bus accepts (it would fail again the same way). */
export const BUS_PAYLOAD_TOO_LARGE = 'BUS_PAYLOAD_TOO_LARGE';

/** The bus refused a message or key-value entry for its size: retrying it would fail the same way. */
export function isPayloadTooLarge(err: unknown): err is SwitchyardError {
  return isSwitchyardError(err) && err.code === BUS_PAYLOAD_TOO_LARGE;
}

/** A durable key-value bucket (join state of sensors, leases). */
export interface KeyValueStore {
  get(key: string): Promise<Buffer | undefined>;
  /** The value with its revision, for a later update(). */
  entry(key: string): Promise<KeyValueEntry | undefined>;
  put(key: string, value: Buffer): Promise<void>;
  /** Stores a key that does not exist (or was deleted); rejects with code KV_CONFLICT if it exists. Returns the revision. */
  create(key: string, value: Buffer): Promise<number>;
  /** Stores a key only if its revision is still `revision`; rejects with code KV_CONFLICT otherwise. Returns the new revision. */
  update(key: string, value: Buffer, revision: number): Promise<number>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export interface Bus {
  /** Driver name, e.g. "embedded" or "jetstream". */
  readonly driver: string;
  readonly stream: Readonly<StreamSettings>;
  /**
   * True when consumers in this process are handed the very Buffer that was published (the embedded bus), so
   * a publisher may attach the decoded event to it (encodeSharedEvent) and spare them the decoding.
   */
  readonly deliversPublishedBuffers?: boolean;
  publish(subject: string, payload: Buffer, msgId: string, options?: PublishOptions): Promise<PublishResult>;
  consume(options: ConsumerOptions, handler: MessageHandler): Promise<Consumer>;
  /** Opens (creating if needed) a key-value bucket. Bucket names match ^[a-zA-Z0-9_-]+$. */
  kv(bucket: string): Promise<KeyValueStore>;
  /** Stops all consumers and closes the store or connection. */
  close(): Promise<void>;
}
