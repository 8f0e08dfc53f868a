/**
 * The delivery loop of one durable consumer: hands stored messages to the handler in sequence order,
 * at most maxInFlight at once, and redelivers what is not acked within ackWaitMs or is nak'ed.
 */
import type { BusMessage, Consumer, MessageHandler } from '../types.ts';
import { logger } from '../../observe/log.ts';
import type { Durable, DurableListener } from './durable.ts';
import type { Layout } from './layout.ts';
import { AckDeadlines, type Pending } from './ack-deadlines.ts';
import { decodeMessage } from './message-codec.ts';
import type { Stream } from './stream.ts';

const log = logger({ component: 'bus.embedded' });

/** A handler that throws gets its message again after this delay. */
export const HANDLER_ERROR_RETRY_MS = 1000;

export interface ConsumerSettings {
  ackWaitMs: number;
  maxInFlight: number;
}

export class ActiveConsumer implements Consumer, DurableListener {
  private cursor: number;
  private readonly pending = new Map<number, Pending>();
  /** Sequences due for redelivery, ascending. */
  private readonly ready: number[] = [];
  private readonly ackWaits: AckDeadlines;
  /** Handler calls under way, each settled when its handler returned. */
  private readonly running = new Set<Promise<void>>();
  private inFlight = 0;
  private stopped = false;
  private pumpQueued = false;

  constructor(
    private readonly durable: Durable,
    private readonly stream: Stream,
    private readonly db: Layout,
    private readonly settings: ConsumerSettings,
    private readonly handler: MessageHandler,
    private readonly onStop: () => void,
  ) {
    this.cursor = durable.floor + 1;
    this.ackWaits = new AckDeadlines(settings.ackWaitMs, {
      isPending: (p) => this.pending.get(p.seq) === p,
      pendingCount: () => this.pending.size,
      expired: (p) => this.makeReady(p),
    });
    durable.listener = this;
    this.schedule();
  }

  get durableName(): string {
    return this.durable.name;
  }

  /** Called when a message may have become deliverable. Coalesced into one pass per microtask. */
  schedule(): void {
    if (this.pumpQueued || this.stopped) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  acked(seq: number): void {
    const p = this.pending.get(seq);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(seq);
    if (p.ready) this.ready.splice(this.ready.indexOf(seq), 1);
    this.ackWaits.trim();
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      for (const p of this.pending.values()) clearTimeout(p.timer);
      this.pending.clear();
      this.ackWaits.clear();
      this.ready.length = 0;
      if (this.durable.listener === this) this.durable.listener = undefined;
      this.onStop();
    }
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.settings.maxInFlight) {
      const seq = this.ready.shift() ?? this.nextNew();
      if (seq === undefined) return;
      const p = this.pending.get(seq);
      if (p) p.ready = false;
      this.deliver(seq);
    }
  }

  private nextNew(): number | undefined {
    const { metas, lastSeq } = this.stream;
    while (this.cursor <= lastSeq) {
      const meta = metas.get(this.cursor);
      if (meta && !meta.committed) return undefined;
      const seq = this.cursor++;
      if (meta && this.durable.awaits(meta) && !this.pending.has(seq)) return seq;
    }
    return undefined;
  }

  private deliver(seq: number): void {
    const meta = this.stream.metas.get(seq);
    let stored: { subject: string; msgId: string; payload: Buffer } | undefined;
    try {
      // Every consumer of a cached message gets the very Buffer that was published (read-only by contract).
      stored = meta?.payload !== undefined ? { subject: meta.subject, msgId: meta.msgId, payload: meta.payload } : this.read(seq);
      if (stored === undefined && meta !== undefined) throw new Error('it is in the index but no longer in the store');
    } catch (err) {
      // Delivering it again would fail again: it is acknowledged for this durable, with the reason logged.
      log.error('stored message cannot be read; acknowledged without delivery', { durable: this.durable.name, seq, err });
      this.forget(seq);
      void this.durable.ack(seq).catch((ackErr: unknown) => log.warn('could not record the ack of an unreadable message', { durable: this.durable.name, seq, err: ackErr }));
      return;
    }
    if (!stored) {
      // Removed meanwhile: every durable acked it, or a redelivery found it already acked.
      this.forget(seq);
      return;
    }
    const deliveryCount = this.durable.delivered(seq);
    this.arm(seq, this.settings.ackWaitMs);
    this.inFlight++;
    const run = this.run(new Delivery(this, seq, stored.subject, stored.msgId, stored.payload, deliveryCount));
    this.running.add(run);
    void run.then(() => this.running.delete(run));
  }

  /**
   * Frees a delivery's slot. With maxInFlight > 1 a message holds its slot until it is acked (as JetStream's
   * MaxAckPending counts), not until the ack is on disk: handlers waiting for the group commit must not idle
   * the consumer. With maxInFlight 1 the next message waits for the handler to return (strict order).
   */
  release(d: Delivery, fromAck: boolean): void {
    if (!d.holding || (fromAck && this.settings.maxInFlight === 1)) return;
    d.holding = false;
    this.inFlight--;
    this.schedule();
  }

  ackDelivery(d: Delivery): Promise<void> {
    const written = this.durable.ack(d.seq);
    this.release(d, true);
    return written;
  }

  /** Sets when the delivery comes again (nak: after delayMs; working: a full ack wait from now). */
  redeliverAfter(d: Delivery, delayMs: number | undefined): void {
    if (this.durable.listener === this && this.pending.has(d.seq)) this.arm(d.seq, delayMs ?? this.settings.ackWaitMs);
  }

  private forget(seq: number): void {
    clearTimeout(this.pending.get(seq)?.timer);
    this.pending.delete(seq);
    this.ackWaits.trim();
  }

  private read(seq: number): { subject: string; msgId: string; payload: Buffer } | undefined {
    const bytes = this.db.msgs.get(seq);
    return bytes === undefined ? undefined : decodeMessage(bytes);
  }

  private async run(d: Delivery): Promise<void> {
    try {
      await this.handler(d);
    } catch (err) {
      log.warn('handler failed; message will be redelivered', { durable: this.durable.name, seq: d.seq, err });
      await d.nak(HANDLER_ERROR_RETRY_MS);
    } finally {
      this.release(d, false);
      if (this.pending.has(d.seq)) this.durable.keepDelivery(d.seq);
    }
  }

  /** (Re)sets when seq becomes due for redelivery. */
  private arm(seq: number, delayMs: number): void {
    let p = this.pending.get(seq);
    if (!p) {
      p = { seq, due: Infinity, timer: undefined, ready: false };
      this.pending.set(seq, p);
    }
    clearTimeout(p.timer);
    p.timer = undefined;
    if (p.ready) {
      p.ready = false;
      this.ready.splice(this.ready.indexOf(seq), 1);
    }
    if (delayMs === this.settings.ackWaitMs) {
      this.ackWaits.add(p);
      return;
    }
    p.due = Infinity;
    const entry = p;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      this.makeReady(entry);
    }, Math.max(0, delayMs));
  }

  private makeReady(p: Pending): void {
    if (this.pending.get(p.seq) !== p || this.stopped || p.ready) return;
    p.ready = true;
    insertSorted(this.ready, p.seq);
    this.schedule();
  }
}

function insertSorted(list: number[], value: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}

/** One delivery of a message to the handler: the message, and its slot in the consumer until acked or returned. */
class Delivery implements BusMessage {
  /** Holds one of the consumer's maxInFlight slots. */
  holding = true;

  constructor(
    private readonly consumer: ActiveConsumer,
    readonly seq: number,
    readonly subject: string,
    readonly msgId: string,
    readonly payload: Buffer,
    readonly deliveryCount: number,
  ) {}

  ack(): Promise<void> {
    return this.consumer.ackDelivery(this);
  }

  async nak(delayMs = 0): Promise<void> {
    this.consumer.redeliverAfter(this, delayMs);
  }

  async working(): Promise<void> {
    this.consumer.redeliverAfter(this, undefined);
  }
}
