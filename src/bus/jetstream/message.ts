/** A JetStream message as the Bus hands it to a handler. */
import type { JsMsg } from '@nats-io/jetstream';
import type { BusMessage } from '../types.ts';
import { unavailable } from './failures.ts';

/** What a message needs from its consumer: whether the bus still runs, and a way to confirm delivery. */
export interface MessageContext {
  closed(): boolean;
  /**
   * Sends `signal` (an ack, nak or in-progress) with the others of this event-loop turn, in one write, and
   * resolves once the server has received them (one PING/PONG round trip for the lot).
   */
  send(signal: () => void): Promise<void>;
  /** Called once the message is acked or nak'ed, so the consumer stops holding it. */
  settled(m: JsMsg): void;
  /** Called as an ack or nak is sent, before the server confirms it. */
  answering(m: JsMsg): void;
}

export class JetStreamMessage implements BusMessage {
  readonly subject: string;
  readonly seq: number;
  readonly payload: Buffer;

  constructor(
    private readonly m: JsMsg,
    private readonly ctx: MessageContext,
  ) {
    this.subject = m.subject;
    this.seq = m.seq;
    // A view, not a copy: the client hands each message bytes of its own (a fresh socket read), never reused.
    this.payload = Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
  }

  /** Read from the headers only when asked: the envelope carries the same id, and most handlers use that. */
  get msgId(): string {
    return this.m.headers?.get('Nats-Msg-Id') ?? '';
  }

  get deliveryCount(): number {
    return this.m.info.deliveryCount;
  }

  /**
   * Sends the ack and resolves once the server has it: acks sent in one event-loop turn share one PING/PONG
   * round trip instead of a request each. Should the server fail before applying it, the message comes
   * again (at-least-once).
   */
  ack(): Promise<void> {
    this.ctx.answering(this.m);
    return this.signal('ack', () => this.m.ack()).finally(() => this.ctx.settled(this.m));
  }

  async nak(delayMs?: number): Promise<void> {
    this.ctx.answering(this.m);
    await this.signal('nak', () => this.m.nak(delayMs && delayMs > 0 ? delayMs : undefined));
    this.ctx.settled(this.m);
  }

  working(): Promise<void> {
    return this.signal('working', () => this.m.working());
  }

  /** Sends an ack, nak or in-progress signal; the error, should it fail, says which and for which message. */
  private signal(kind: 'ack' | 'nak' | 'working', send: () => void): Promise<void> {
    if (this.ctx.closed()) return Promise.reject(unavailable(`${this.what(kind)}: the bus is closed`));
    return this.ctx.send(send).catch((err: unknown) => {
      throw unavailable(this.what(kind), err);
    });
  }

  private what(kind: 'ack' | 'nak' | 'working'): string {
    if (kind === 'ack') return `ack message ${this.seq} (it will be delivered again)`;
    return kind === 'nak' ? `nak message ${this.seq}` : `mark message ${this.seq} in progress`;
  }
}
