/**
 * The ack-wait deadlines of one embedded consumer (see AckDeadlines), and what the consumer keeps per
 * pending message.
 */

export interface Pending {
  readonly seq: number;
  /** When the message becomes due for redelivery after an ack wait (performance.now() ms); Infinity while nak'ed. */
  due: number;
  /** The timer of a nak's delay; ack waits share one timer (see AckDeadlines). */
  timer: NodeJS.Timeout | undefined;
  ready: boolean;
}

/** Entries past the live ones (or dropped from the front) tolerated before the arrays are rebuilt. */
const SWEEP_SLACK = 1024;

/**
 * The ack-wait deadlines of one consumer. Every delivery sets one, always ackWaitMs ahead, so they come
 * due in the order they were set: a queue and one timer serve them all, instead of a timer per message.
 * Entries of acked messages leave from the front as acks arrive; a message whose deadline was moved
 * (working()) is queued again and its older entry is skipped.
 */
export class AckDeadlines {
  private entries: Pending[] = [];
  private dues: number[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly waitMs: number,
    private readonly of: {
      isPending(p: Pending): boolean;
      /** How many messages are pending: at most that many entries are still in force. */
      pendingCount(): number;
      expired(p: Pending): void;
    },
  ) {}

  /** Entries queued, in force or not yet swept out. */
  get size(): number {
    return this.entries.length - this.head;
  }

  add(p: Pending): void {
    p.due = performance.now() + this.waitMs;
    this.entries.push(p);
    this.dues.push(p.due);
    if (this.timer === undefined) this.wake(this.waitMs);
    else if (!this.timer.hasRef()) this.timer.ref();
  }

  /**
   * Drops the entries at the front whose message is no longer pending. The timer stays set even when none
   * is left (setting one per delivery is what this class saves), but no longer keeps the process alive.
   * A message held long (a slow trigger) keeps its entry at the front until it comes due; should the entries
   * of acked messages behind it pile up past twice the pending count, they are swept out.
   */
  trim(): void {
    while (this.head < this.entries.length && !this.of.isPending(this.entries[this.head]!)) this.head++;
    const queued = this.entries.length - this.head;
    if (queued === 0) {
      this.timer?.unref();
      this.entries.length = 0;
      this.dues.length = 0;
      this.head = 0;
    } else if (queued > SWEEP_SLACK && queued > 2 * this.of.pendingCount()) {
      this.keep((p, due) => this.of.isPending(p) && p.due === due);
    } else if (this.head > SWEEP_SLACK && this.head * 2 > this.entries.length) {
      this.keep(() => true);
    }
  }

  /** Keeps the entries from the front on for which `inForce` holds, in their order. */
  private keep(inForce: (p: Pending, due: number) => boolean): void {
    const entries: Pending[] = [];
    const dues: number[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      if (!inForce(this.entries[i]!, this.dues[i]!)) continue;
      entries.push(this.entries[i]!);
      dues.push(this.dues[i]!);
    }
    this.entries = entries;
    this.dues = dues;
    this.head = 0;
  }

  /** Forgets every deadline (the consumer stopped). */
  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.entries = [];
    this.dues = [];
    this.head = 0;
  }

  private wake(delayMs: number): void {
    this.timer = setTimeout(() => this.fire(), Math.max(1, Math.ceil(delayMs)));
  }

  private fire(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.head < this.entries.length && this.dues[this.head]! <= now) {
      const p = this.entries[this.head++]!;
      // skipped: acked, nak'ed since (its own timer), or moved later (queued again further back)
      if (this.of.isPending(p) && p.timer === undefined && p.due <= now) this.of.expired(p);
    }
    this.trim();
    if (this.head < this.entries.length) this.wake(this.dues[this.head]! - now);
  }
}
