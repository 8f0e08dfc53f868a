/**
 * Keyed entries in insertion order: look up or delete any of them, and find the oldest in amortised O(1).
 *
 * A plain Map used as a queue slows down as entries are deleted at its front: V8 keeps deleted slots
 * until the table is rebuilt, and each look at the first entry walks over all of them. Here the order is
 * a separate array whose stale slots are skipped once, from the head, and compacted away.
 */
export interface FifoEntry<K, V> {
  readonly key: K;
  readonly value: V;
}

/** Stale slots tolerated beyond the live ones before the order array is rebuilt. */
const SLACK = 1024;

export class Fifo<K, V> {
  private readonly live = new Map<K, FifoEntry<K, V>>();
  /** Entries in insertion order from `head` on; slots before `head` are emptied and cut off in bulk. */
  private order: Array<FifoEntry<K, V> | undefined> = [];
  private head = 0;

  get size(): number {
    return this.live.size;
  }

  get(key: K): V | undefined {
    return this.live.get(key)?.value;
  }

  has(key: K): boolean {
    return this.live.has(key);
  }

  /** Adds the entry as the newest (an existing one with this key is replaced and moves to the back). */
  set(key: K, value: V): void {
    const entry = { key, value };
    this.live.set(key, entry);
    this.order.push(entry);
    if (this.order.length - this.head > 2 * this.live.size + SLACK) this.compact();
  }

  delete(key: K): boolean {
    return this.live.delete(key);
  }

  /** Removes and returns the oldest live entry. */
  shift(): FifoEntry<K, V> | undefined {
    const entry = this.oldest();
    if (entry !== undefined) {
      this.live.delete(entry.key);
      this.advance();
    }
    return entry;
  }

  clear(): void {
    this.live.clear();
    this.order = [];
    this.head = 0;
  }

  /** The oldest live entry. */
  oldest(): FifoEntry<K, V> | undefined {
    while (this.head < this.order.length) {
      const entry = this.order[this.head];
      if (entry !== undefined && this.live.get(entry.key) === entry) return entry;
      this.advance();
    }
    this.order = [];
    this.head = 0;
    return undefined;
  }

  /** Live values, oldest first. Deleting the value just yielded is allowed. */
  *values(): IterableIterator<V> {
    for (const entry of this.entries()) yield entry.value;
  }

  /** Live entries, oldest first. Deleting the entry just yielded is allowed. */
  *entries(): IterableIterator<FifoEntry<K, V>> {
    for (let i = this.head; i < this.order.length; i++) {
      const entry = this.order[i];
      if (entry !== undefined && this.live.get(entry.key) === entry) yield entry;
    }
  }

  /** Steps past the head slot, releasing its entry; once most of the array lies behind the head, cuts it off. */
  private advance(): void {
    this.order[this.head] = undefined;
    this.head++;
    if (this.head > SLACK && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  private compact(): void {
    this.order = this.order.slice(this.head).filter((e) => e !== undefined && this.live.get(e.key) === e);
    this.head = 0;
  }
}
