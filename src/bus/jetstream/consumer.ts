/**
 * One durable pull consumer: pulls up to maxInFlight messages per request, hands at most maxInFlight
 * to the handler at once, and on stop() gives back (naks) what it still holds so the next consumer
 * of the same durable gets it at once instead of after ackWait.
 */
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Consumer, MessageHandler } from '../types.ts';
import { logger } from '../../observe/log.ts';
import { JetStreamMessage, type MessageContext } from './message.ts';

const log = logger({ component: 'bus.jetstream' });

/** A handler that throws gets its message again after this delay. */
export const HANDLER_ERROR_RETRY_MS = 1000;
/** How long one pull request waits on the server before it is renewed; its idle heartbeats (half of it) tell a
 * consumer within seconds that the server went away and came back, so pulling resumes promptly after an outage. */
export const PULL_EXPIRES_MS = 5_000;

export interface PullSettings {
  maxInFlight: number;
}

/**
 * Messages a consumer may hold unacknowledged, server side, for a handler concurrency of maxInFlight.
 * With maxInFlight > 1 a handler's slot is free once it sends its ack, while the server's confirmation is
 * still on its way; the server must meanwhile deliver more, or the acks' round trips would idle the handlers.
 * With maxInFlight 1 (strict order) the server holds back the next message until the ack is processed.
 */
export function ackPendingLimit(maxInFlight: number): number {
  return maxInFlight === 1 ? 1 : maxInFlight * 4;
}

export interface PullContext {
  closed(): boolean;
  flush(): Promise<void>;
  /** See MessageContext.send. */
  send(signal: () => void): Promise<void>;
  /**
   * Makes the server forget pull requests nobody listens to any more. nats-server 2.9 mishandles a
   * redelivery that meets only such stale requests (the message is skipped and the consumer's
   * position steps back by one), so this runs before held messages are given back.
   */
  dropStalePulls(): Promise<void>;
  /** Called once the consumer has stopped. */
  onStop(): void;
}

export class PullConsumer implements Consumer {
  /** Delivered and not yet acked or nak'ed, by stream sequence (a redelivery replaces the older copy). */
  private readonly held = new Map<number, JsMsg>();
  private readonly running = new Set<Promise<void>>();
  /** Sequences whose handler holds a slot: until it acks or naks (maxInFlight > 1) or returns. */
  private readonly busy = new Set<number>();
  private readonly waiters: Array<() => void> = [];
  private readonly loop: Promise<void>;
  private readonly msgCtx: MessageContext;
  private stopped = false;
  private stopping: Promise<void> | undefined;

  constructor(
    readonly durableName: string,
    private readonly messages: ConsumerMessages,
    private readonly settings: PullSettings,
    private readonly handler: MessageHandler,
    private readonly ctx: PullContext,
  ) {
    this.msgCtx = {
      closed: () => ctx.closed(),
      send: (signal) => ctx.send(signal),
      settled: (m) => {
        if (this.held.get(m.seq) === m) this.held.delete(m.seq);
      },
      answering: (m) => {
        if (settings.maxInFlight > 1) this.release(m.seq);
      },
    };
    this.loop = this.pull();
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async pull(): Promise<void> {
    try {
      for await (const m of this.messages) {
        this.held.set(m.seq, m);
        await this.slot();
        if (this.stopped) continue; // left held: given back on stop
        this.run(m);
      }
    } catch (err) {
      if (!this.stopped) log.error('consumer stopped pulling', { durable: this.durableName, err });
    }
  }

  /** Waits until fewer than maxInFlight handlers run (or the consumer stops). */
  private slot(): Promise<void> {
    if (this.busy.size < this.settings.maxInFlight || this.stopped) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(seq: number): void {
    if (this.busy.delete(seq)) this.waiters.shift()?.();
  }

  private run(m: JsMsg): void {
    this.busy.add(m.seq);
    const msg = new JetStreamMessage(m, this.msgCtx);
    const p = this.handler(msg)
      .catch(async (err: unknown) => {
        log.warn('handler failed; message will be delivered again', { durable: this.durableName, seq: msg.seq, err });
        if (this.held.get(m.seq) === m && !this.ctx.closed()) await msg.nak(HANDLER_ERROR_RETRY_MS).catch(() => undefined);
      })
      .finally(() => {
        this.running.delete(p);
        this.release(m.seq);
      });
    this.running.add(p);
  }

  private async shutdown(): Promise<void> {
    this.stopped = true;
    await this.messages.close().catch(() => undefined);
    for (const wake of this.waiters.splice(0)) wake();
    await this.loop;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    // Give back what no handler settled, so it is redelivered now rather than after ackWait.
    if (this.held.size > 0 && !this.ctx.closed()) {
      try {
        await this.ctx.flush(); // the server has seen the pull subscription go away
        await this.ctx.dropStalePulls();
        for (const m of this.held.values()) m.nak();
        await this.ctx.flush();
      } catch (err) {
        log.warn('could not give back held messages; they return after ackWait', { durable: this.durableName, err });
      }
    }
    this.held.clear();
    this.ctx.onStop();
  }
}
