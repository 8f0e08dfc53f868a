/** A JetStream message as the Bus hands it to a handler. */
import type { JsMsg } from '@nats-io/jetstream';
import type { BusMessage } from '../types.ts';
import { unavailable } from './failures.ts';

/** What a message needs from its consumer: whether the bus still runs, and a way to confirm delivery. */
export interface MessageContext {
  closed(): boolean;
  /** Resolves once the server has processed everything sent so far (a PING/PONG round trip). */
  flush(): Promise<void>;
  ackTimeoutMs: number;
  /** Called once the message is acked or nak'ed, so the consumer stops holding it. */
  settled(m: JsMsg): void;
}

export class JetStreamMessage implements BusMessage {
  readonly subject: string;
  readonly seq: number;
  readonly msgId: string;
  readonly payload: Buffer;
  readonly deliveryCount: number;

  constructor(
    private readonly m: JsMsg,
    private readonly ctx: MessageContext,
  ) {
    this.subject = m.subject;
    this.seq = m.seq;
    this.msgId = m.headers?.get('Nats-Msg-Id') ?? '';
    this.payload = Buffer.from(m.data); // a copy: the handler may keep it past the next read
    this.deliveryCount = m.info.deliveryCount;
  }

  async ack(): Promise<void> {
    if (this.ctx.closed()) throw unavailable(`ack message ${this.seq}: the bus is closed`);
    try {
      // ackAck waits for the server's confirmation; false means this message was already settled.
      await this.m.ackAck({ timeout: this.ctx.ackTimeoutMs });
    } catch (err) {
      throw unavailable(`ack message ${this.seq} (it will be delivered again)`, err);
    } finally {
      this.ctx.settled(this.m);
    }
  }

  async nak(delayMs?: number): Promise<void> {
    await this.signal(`nak message ${this.seq}`, () => this.m.nak(delayMs && delayMs > 0 ? delayMs : undefined));
    this.ctx.settled(this.m);
  }

  working(): Promise<void> {
    return this.signal(`mark message ${this.seq} in progress`, () => this.m.working());
  }

  private async signal(what: string, send: () => void): Promise<void> {
    if (this.ctx.closed()) throw unavailable(`${what}: the bus is closed`);
    try {
      send();
      await this.ctx.flush();
    } catch (err) {
      throw unavailable(what, err);
    }
  }
}
