/**
 * A durable consumer's persisted state: its subject, its floor (every sequence at or below is done),
 * the acked sequences above the floor and the delivery counts of messages not yet acked.
 * It exists whether or not a handler is attached, and holds its messages in the stream until acked.
 */
import type { MessageMeta, Stream } from './stream.ts';
import { background, unavailable } from './failures.ts';
import type { DurableRecord, Layout } from './layout.ts';
import { subjectMatcher, type SubjectMatcher } from './subjects.ts';

/** What a durable tells the consumer attached to it. */
export interface DurableListener {
  acked(seq: number): void;
}

/**
 * A delivery count is written when the handler returns without an ack, or this long after the delivery
 * if the handler is still running; a message acked by then never has its count written nor deleted.
 * The cost: a process killed while a handler runs, within this window, redelivers its message with a
 * count one lower. Acks are never delayed.
 */
export const DELIVERY_SAVE_DELAY_MS = 100;

export class Durable {
  readonly matches: SubjectMatcher;
  /** Acked sequences above the floor. */
  readonly acked = new Set<number>();
  /** Delivery counts of messages not yet acked. */
  readonly deliveries = new Map<number, number>();
  listener: DurableListener | undefined;
  /** Set by remove(): late acks of its messages change nothing. */
  private removed = false;
  /** Acks and delivery counts that have a record on disk (or queued for it). */
  private readonly storedAcks = new Set<number>();
  private readonly storedDeliveries = new Set<number>();
  /** Delivery counts not yet written. */
  private readonly unsavedDeliveries = new Set<number>();
  private saveTimer: NodeJS.Timeout | undefined;
  /** Acks made since the last write: written together (one floor record) by a microtask, in one transaction. */
  private ackBatch: number[] = [];
  private ackWrite: Promise<void> | undefined;
  /** The last batch handed to the store; transactions commit in order, so it covers every earlier one. */
  private lastAckWrite: Promise<void> | undefined;

  constructor(
    readonly name: string,
    private record: DurableRecord,
    private readonly db: Layout,
    private readonly stream: Stream,
  ) {
    this.matches = subjectMatcher(record.subject);
  }

  get subject(): string {
    return this.record.subject;
  }
  get floor(): number {
    return this.record.floor;
  }

  /** Whether this durable still has to ack the message (so retention keeps it). */
  awaits(meta: MessageMeta): boolean {
    return meta.seq > this.record.floor && !this.acked.has(meta.seq) && this.matches(meta.subject);
  }

  /**
   * Creates a durable. It takes its place in memory at once (so no publish slips between) and
   * `written` resolves once its record is on disk.
   */
  static create(name: string, subject: string, policy: 'new' | 'all', db: Layout, stream: Stream): { durable: Durable; written: Promise<void> } {
    const record: DurableRecord = { subject, floor: policy === 'all' ? 0 : stream.lastSeq, createdAt: Date.now() };
    const durable = new Durable(name, record, db, stream);
    for (const meta of stream.metas.values()) if (durable.awaits(meta)) stream.claim(meta);
    const written = db.durables.put(name, record).then(
      () => undefined,
      (err: unknown) => {
        throw unavailable(`create durable consumer ${name}`, err);
      },
    );
    return { durable, written };
  }

  /** State read back when the bus opens. */
  restore(kind: 'ack', seq: number): void;
  restore(kind: 'delivery', seq: number, count: number): void;
  restore(kind: 'ack' | 'delivery', seq: number, count = 0): void {
    if (kind === 'ack') {
      this.acked.add(seq);
      this.storedAcks.add(seq);
    } else {
      this.deliveries.set(seq, count);
      this.storedDeliveries.add(seq);
    }
  }

  /** Counts a delivery; written in the background (see DELIVERY_SAVE_DELAY_MS) so delivery never waits for a disk sync. */
  delivered(seq: number): number {
    const n = (this.deliveries.get(seq) ?? 0) + 1;
    this.deliveries.set(seq, n);
    this.unsavedDeliveries.add(seq);
    if (this.saveTimer === undefined) {
      this.saveTimer = setTimeout(() => void this.saveDeliveries(), DELIVERY_SAVE_DELAY_MS);
      this.saveTimer.unref();
    }
    return n;
  }

  /** The handler returned and seq is still unacked: its delivery count must be kept now. */
  keepDelivery(seq: number): void {
    const n = this.deliveries.get(seq);
    if (!this.unsavedDeliveries.delete(seq) || n === undefined || this.db.closed || this.removed) return;
    this.storedDeliveries.add(seq);
    background(this.db.deliveries.put([this.name, seq], n), `count delivery of ${seq} to ${this.name}`);
  }

  /** Writes the delivery counts not yet written (also when the bus closes); resolves once they are on disk. */
  saveDeliveries(): Promise<unknown> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const writes: Array<Promise<unknown>> = [];
    if (!this.db.closed && !this.removed) {
      for (const seq of this.unsavedDeliveries) {
        const n = this.deliveries.get(seq);
        if (n === undefined) continue;
        this.storedDeliveries.add(seq);
        const written = this.db.deliveries.put([this.name, seq], n);
        background(written, `count delivery of ${seq} to ${this.name}`);
        writes.push(written);
      }
    }
    this.unsavedDeliveries.clear();
    return Promise.allSettled(writes);
  }

  /**
   * Marks seq done; resolves once that is on disk. Acking twice is harmless. Acks made together share one
   * write, queued by a microtask before the event turn ends, so in the same group commit as its publishes.
   */
  ack(seq: number): Promise<void> {
    if (this.db.closed) return Promise.reject(unavailable(`ack message ${seq} for ${this.name}: the bus is closed`));
    if (this.removed) return Promise.resolve();
    if (seq <= this.record.floor || this.acked.has(seq)) {
      return this.ackWrite ?? this.lastAckWrite ?? this.db.env.committed.then(() => undefined);
    }
    this.acked.add(seq);
    this.deliveries.delete(seq);
    this.unsavedDeliveries.delete(seq);
    this.listener?.acked(seq);
    const meta = this.stream.metas.get(seq);
    if (meta && this.matches(meta.subject)) this.stream.release(meta);
    this.ackBatch.push(seq);
    this.ackWrite ??= new Promise<void>((resolve, reject) => {
      queueMicrotask(() => {
        const write = this.writeAcks();
        this.lastAckWrite = write;
        write.then(resolve, reject);
      });
    });
    return this.ackWrite;
  }

  private async writeAcks(): Promise<void> {
    const batch = this.ackBatch;
    this.ackBatch = [];
    this.ackWrite = undefined;
    if (this.removed) return;
    const writes: Array<Promise<boolean>> = [];
    try {
      if (this.db.closed) throw new Error('the bus is closed');
      for (const seq of batch) if (this.storedDeliveries.delete(seq)) writes.push(this.db.deliveries.remove([this.name, seq]));
      if (this.advanceFloor()) writes.push(this.db.durables.put(this.name, this.record));
      for (const seq of batch) {
        if (!this.acked.has(seq) || this.storedAcks.has(seq)) continue;
        this.storedAcks.add(seq);
        writes.push(this.db.acks.put([this.name, seq], true));
      }
      await Promise.all(writes);
    } catch (err) {
      const seqs = batch.length === 1 ? `message ${batch[0]}` : `${batch.length} messages`;
      throw unavailable(`record the ack of ${seqs} for ${this.name}`, err);
    }
  }

  /** Moves the floor over acked and foreign sequences; stops at a message still owed or not yet stored. */
  private advanceFloor(): boolean {
    const start = this.record.floor;
    let floor = start;
    while (floor < this.stream.lastSeq) {
      const next = floor + 1;
      const meta = this.stream.metas.get(next);
      if (meta && !meta.committed) break;
      if (this.acked.has(next)) {
        this.acked.delete(next);
        if (this.storedAcks.delete(next)) background(this.db.acks.remove([this.name, next]), 'compact acks');
      } else if (meta && this.matches(meta.subject)) {
        break;
      }
      floor = next;
    }
    if (floor === start) return false;
    this.record = { ...this.record, floor };
    return true;
  }

  /** Deletes the durable's state and releases the messages it held. */
  async remove(): Promise<void> {
    this.removed = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    for (const meta of [...this.stream.metas.values()]) if (this.awaits(meta)) this.stream.release(meta);
    const writes: Array<Promise<boolean>> = [this.db.durables.remove(this.name)];
    for (const seq of this.storedAcks) writes.push(this.db.acks.remove([this.name, seq]));
    for (const seq of this.storedDeliveries) writes.push(this.db.deliveries.remove([this.name, seq]));
    this.acked.clear();
    this.deliveries.clear();
    this.storedAcks.clear();
    this.storedDeliveries.clear();
    this.unsavedDeliveries.clear();
    try {
      await Promise.all(writes);
    } catch (err) {
      throw unavailable(`delete durable ${this.name}`, err);
    }
  }
}

/** Loads every durable with its acks and delivery counts, and counts who awaits each stored message. */
export function loadDurables(db: Layout, stream: Stream): Map<string, Durable> {
  const all = new Map<string, Durable>();
  for (const { key, value } of db.durables.getRange()) all.set(key, new Durable(key, value, db, stream));
  for (const key of db.acks.getKeys()) {
    const [name, seq] = key;
    const d = all.get(name);
    if (d && seq > d.floor) d.restore('ack', seq);
    else background(db.acks.remove(key), 'drop stale ack');
  }
  for (const { key, value } of db.deliveries.getRange()) {
    const [name, seq] = key;
    const d = all.get(name);
    if (d && seq > d.floor && !d.acked.has(seq)) d.restore('delivery', seq, value);
    else background(db.deliveries.remove(key), 'drop stale delivery count');
  }
  for (const meta of stream.metas.values()) {
    for (const d of all.values()) if (d.awaits(meta)) meta.waiting++;
  }
  return all;
}
