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

export class Durable {
  readonly matches: SubjectMatcher;
  readonly acked = new Set<number>();
  readonly deliveries = new Map<number, number>();
  listener: DurableListener | undefined;
  /** Set by remove(): late acks of its messages change nothing. */
  private removed = false;

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

  /** Counts a delivery; written in the background so delivery does not wait for a disk sync. */
  delivered(seq: number): number {
    const n = (this.deliveries.get(seq) ?? 0) + 1;
    this.deliveries.set(seq, n);
    if (!this.db.closed) background(this.db.deliveries.put([this.name, seq], n), `count delivery of ${seq} to ${this.name}`);
    return n;
  }

  /** Marks seq done; resolves once that is on disk. Acking twice is harmless. */
  async ack(seq: number): Promise<void> {
    if (this.db.closed) throw unavailable(`ack message ${seq} for ${this.name}: the bus is closed`);
    if (this.removed) return;
    if (seq <= this.record.floor || this.acked.has(seq)) {
      await this.db.env.committed;
      return;
    }
    this.acked.add(seq);
    this.deliveries.delete(seq);
    this.listener?.acked(seq);
    const writes: Array<Promise<boolean>> = [this.db.deliveries.remove([this.name, seq])];
    const meta = this.stream.metas.get(seq);
    if (meta && this.matches(meta.subject)) this.stream.release(meta);
    if (this.advanceFloor(seq)) writes.push(this.db.durables.put(this.name, this.record));
    if (this.acked.has(seq)) writes.push(this.db.acks.put([this.name, seq], true));
    try {
      await Promise.all(writes);
    } catch (err) {
      throw unavailable(`record the ack of message ${seq} for ${this.name}`, err);
    }
  }

  /** Moves the floor over acked and foreign sequences; stops at a message still owed or not yet stored. */
  private advanceFloor(justAcked: number): boolean {
    const start = this.record.floor;
    let floor = start;
    while (floor < this.stream.lastSeq) {
      const next = floor + 1;
      const meta = this.stream.metas.get(next);
      if (meta && !meta.committed) break;
      if (this.acked.has(next)) {
        this.acked.delete(next);
        if (next !== justAcked) background(this.db.acks.remove([this.name, next]), 'compact acks');
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
    for (const meta of [...this.stream.metas.values()]) if (this.awaits(meta)) this.stream.release(meta);
    const writes: Array<Promise<boolean>> = [this.db.durables.remove(this.name)];
    // The in-memory sets mirror the disk: stale entries were dropped when the bus opened.
    for (const seq of this.acked) writes.push(this.db.acks.remove([this.name, seq]));
    for (const seq of this.deliveries.keys()) writes.push(this.db.deliveries.remove([this.name, seq]));
    this.acked.clear();
    this.deliveries.clear();
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
    if (d && seq > d.floor) d.acked.add(seq);
    else background(db.acks.remove(key), 'drop stale ack');
  }
  for (const { key, value } of db.deliveries.getRange()) {
    const [name, seq] = key;
    const d = all.get(name);
    if (d && seq > d.floor && !d.acked.has(seq)) d.deliveries.set(seq, value);
    else background(db.deliveries.remove(key), 'drop stale delivery count');
  }
  for (const meta of stream.metas.values()) {
    for (const d of all.values()) if (d.awaits(meta)) meta.waiting++;
  }
  return all;
}
