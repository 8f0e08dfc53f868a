/**
 * The message ids of the duplicates window, oldest first, in a ring of fixed capacity. Remembering an id
 * allocates nothing but its Map slot: no entry object per id for the garbage collector to trace, which
 * matters with 100,000 ids turned over at thousands of events a second.
 */
export class IdWindow {
  /** id -> its ring slot */
  private readonly slots = new Map<string, number>();
  private readonly ids: Array<string | undefined>;
  private readonly seqs: Float64Array;
  private readonly times: Float64Array;
  /** The oldest slot. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`IdWindow capacity must be a positive integer, not ${capacity}`);
    this.ids = new Array<string | undefined>(capacity).fill(undefined);
    this.seqs = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The sequence remembered for id at or after `notBefore` (ms), or -1. */
  seqOf(id: string, notBefore: number): number {
    const slot = this.slots.get(id);
    if (slot === undefined || (this.times[slot] ?? 0) < notBefore) return -1;
    return this.seqs[slot] ?? -1;
  }

  /** Adds id as the newest; when full, the oldest id is forgotten first. */
  remember(id: string, seq: number, ts: number): void {
    if (this.count === this.capacity) this.dropOldest();
    const slot = (this.head + this.count) % this.capacity;
    this.ids[slot] = id;
    this.seqs[slot] = seq;
    this.times[slot] = ts;
    this.slots.set(id, slot);
    this.count++;
  }

  /** Forgets id if it is remembered with seq (its publish failed); its ring slot stays, unused, until it is the oldest. */
  forget(id: string, seq: number): void {
    const slot = this.slots.get(id);
    if (slot !== undefined && this.seqs[slot] === seq) this.slots.delete(id);
  }

  /** Forgets the ids remembered before `notBefore` (ms). Ids are remembered in time order. */
  expire(notBefore: number): void {
    while (this.count > 0 && (this.times[this.head] ?? 0) < notBefore) this.dropOldest();
  }

  private dropOldest(): void {
    const id = this.ids[this.head];
    // the same id remembered again later points at its newer slot, which stays
    if (id !== undefined && this.slots.get(id) === this.head) this.slots.delete(id);
    this.ids[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
  }
}
