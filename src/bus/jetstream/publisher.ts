/**
 * Publishes to JetStream and waits for each message's PubAck, writing many messages per socket write.
 *
 * The client library's publish is a request per message: a fresh reply subscription entry, a timer and,
 * on every answer, an Error built with a stack trace; and since it writes at the end of each microtask
 * checkpoint, one socket write per message when messages come from separate HTTP requests. Here publishes
 * made in one event-loop turn go out together at the next setImmediate, every reply comes to one
 * wildcard subscription, and one interval times out the answers that never come.
 *
 * At most `maxInFlight` publishes await their PubAck; the others wait their turn in order, within the same
 * timeout, so a burst from many webhook senders cannot pile up without bound on the connection.
 */
import { createInbox, headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { TextDecoder } from 'node:util';

export interface PubAck {
  seq: number;
  duplicate: boolean;
}

/** The status of a publish no stream answered (NATS "no responders"): the stream is missing. */
export const NO_STREAM = 503;

/** JetStream answered with an error (status is its HTTP-like code; 4xx: about this message). */
export class PubAckError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PubAckError';
  }
}

interface Waiting {
  resolve: (ack: PubAck) => void;
  reject: (err: Error) => void;
  deadline: number;
}

interface Queued {
  subject: string;
  payload: Uint8Array;
  msgId: string;
  waiting: Waiting;
}

const decoder = new TextDecoder();
/** How often answers past their deadline are looked for. */
const SWEEP_MS = 250;
/** Publishes awaiting their PubAck at most, by default (about 3 MB of 3 KB events). */
export const MAX_PUBLISHES_IN_FLIGHT = 1024;

export class Publisher {
  private readonly prefix: string;
  private readonly sub: Subscription;
  private readonly waiting = new Map<string, Waiting>();
  private queue: Queued[] = [];
  private scheduled = false;
  private next = 0;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
    private readonly maxInFlight = MAX_PUBLISHES_IN_FLIGHT,
  ) {
    this.prefix = `${createInbox()}.`;
    this.sub = nc.subscribe(`${this.prefix}*`, { callback: (err, msg) => (err ? this.failAll(err) : this.answer(msg)) });
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Resolves with the PubAck; rejects with PubAckError when JetStream refuses, or an Error on timeout. */
  publish(subject: string, payload: Uint8Array, msgId: string): Promise<PubAck> {
    return new Promise<PubAck>((resolve, reject) => {
      this.queue.push({ subject, payload, msgId, waiting: { resolve, reject, deadline: Date.now() + this.timeoutMs } });
      this.schedule();
    });
  }

  /** Publishes sent and awaiting their PubAck. */
  get inFlight(): number {
    return this.waiting.size;
  }

  /** Fails every publish still waiting; later answers are ignored. */
  close(reason: Error): void {
    clearInterval(this.sweeper);
    try {
      this.sub.unsubscribe();
    } catch {
      // the connection is already closed, and the subscription with it
    }
    this.failAll(reason);
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0 || this.waiting.size >= this.maxInFlight) return;
    this.scheduled = true;
    setImmediate(() => this.send());
  }

  private send(): void {
    this.scheduled = false;
    const room = this.maxInFlight - this.waiting.size;
    if (room <= 0) return;
    const batch = this.queue.length <= room ? this.queue : this.queue.slice(0, room);
    this.queue = this.queue.length <= room ? [] : this.queue.slice(room);
    for (const q of batch) {
      const token = (this.next++).toString(36);
      const h = headers();
      h.set('Nats-Msg-Id', q.msgId);
      try {
        this.nc.publish(q.subject, q.payload, { reply: this.prefix + token, headers: h });
        this.waiting.set(token, q.waiting);
      } catch (err) {
        q.waiting.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  private answer(msg: Msg): void {
    const token = msg.subject.slice(this.prefix.length);
    const w = this.waiting.get(token);
    if (w === undefined) return; // timed out already
    this.waiting.delete(token);
    this.schedule();
    const status = msg.headers?.code ?? 0;
    if (status === 503) {
      w.reject(new PubAckError(NO_STREAM, 'no JetStream stream captures this subject (no responders)'));
      return;
    }
    try {
      const v = JSON.parse(decoder.decode(msg.data)) as { stream?: string; seq?: number; duplicate?: boolean; error?: { code?: number; description?: string } };
      if (v.error !== undefined) w.reject(new PubAckError(v.error.code ?? 500, v.error.description ?? 'JetStream refused the message'));
      else if (typeof v.seq !== 'number' || !v.stream) w.reject(new PubAckError(500, 'invalid PubAck from the server'));
      else w.resolve({ seq: v.seq, duplicate: v.duplicate === true });
    } catch (err) {
      w.reject(new PubAckError(500, `unreadable PubAck from the server: ${(err as Error).message}`));
    }
  }

  private sweep(): void {
    const now = Date.now();
    let expired = 0;
    while (expired < this.queue.length && this.queue[expired]!.waiting.deadline <= now) expired++;
    for (const q of this.queue.splice(0, expired)) q.waiting.reject(new Error(`not sent within ${this.timeoutMs} ms: ${this.maxInFlight} publishes were awaiting their PubAck`));
    // Deadlines grow in insertion order: the first one not yet due ends the look.
    for (const [token, w] of this.waiting) {
      if (w.deadline > now) break;
      this.waiting.delete(token);
      w.reject(new Error(`no PubAck within ${this.timeoutMs} ms`));
    }
    this.schedule();
  }

  private failAll(err: Error): void {
    for (const q of this.queue.splice(0)) q.waiting.reject(err);
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
