/**
 * One durable pull consumer: the server hands out up to ackPendingLimit(maxInFlight) unacked messages, at
 * most maxInFlight go to the handler at once (the rest wait here, kept alive with in-progress signals), and
 * stop() gives back (naks) what it still holds so the next consumer of the same durable gets it at once
 * instead of after ackWait. Should the durable be deleted on the server, it is created again from the
 * first message not yet acknowledged here, so nothing published meanwhile is skipped; should the whole stream
 * be deleted, the bus creates the stream again and the durable reads the new one from its start.
 *
 * Messages come through the client's callback, as they are read from the socket: its async iterator costs
 * several promises per message, about 4 µs each on a 2-core machine, for no gain.
 */
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { Consumer, MessageHandler } from '../types.ts';
import { logger } from '../../observe/log.ts';
import { Fifo } from '../fifo.ts';
import { JetStreamMessage, type MessageContext } from './message.ts';

const log = logger({ component: 'bus.jetstream' });

/** A handler that throws gets its message again after this delay. */
export const HANDLER_ERROR_RETRY_MS = 1000;
/** How long one pull request waits on the server before it is renewed; its idle heartbeats (half of it) tell a
 * consumer within seconds that the server went away and came back, so pulling resumes promptly after an outage. */
export const PULL_EXPIRES_MS = 5_000;

export interface PullSettings {
  maxInFlight: number;
  /** The consumer's ack wait: a message waiting here for a handler is marked in progress well before it. */
  ackWaitMs: number;
}

interface Waiting {
  /** When it was received, or last marked in progress. */
  since: number;
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

/** Called with each message, as the client reads it. */
export type OnMessage = (m: JsMsg) => void;

export interface PullContext {
  /**
   * Pulls from the durable, handing each message to `onMessage`; with `startSeq`, the durable is first
   * created again, starting at that stream sequence.
   */
  open(onMessage: OnMessage, startSeq?: number): Promise<ConsumerMessages>;
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

/** Wait between attempts to create a deleted durable again. */
const RECREATE_RETRY_MS = 1000;

export class PullConsumer implements Consumer {
  /** Delivered and not yet acked or nak'ed, by stream sequence (a redelivery replaces the older copy). */
  private readonly held = new Map<number, JsMsg>();
  private readonly running = new Set<Promise<void>>();
  /** Messages whose handler holds a slot: until it acks or naks (maxInFlight > 1) or returns. */
  private readonly busy = new Set<JsMsg>();
  /**
   * Received, not yet handed to the handler, oldest first. The server never has more than max_ack_pending
   * messages out, so this stays short; while here, a message's ack timer runs, so waiting ones are marked in
   * progress (keepWaitingAlive) rather than left to be delivered a second time.
   */
  private readonly waiting = new Fifo<JsMsg, Waiting>();
  private keepAlive: NodeJS.Timeout | undefined;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> = Promise.resolve();
  private readonly msgCtx: MessageContext;
  private stopped = false;
  private stopping: Promise<void> | undefined;
  /** The highest stream sequence received. */
  private lastSeen = 0;

  /** Starts pulling; resolves once the pull is set up. */
  static async start(durableName: string, settings: PullSettings, handler: MessageHandler, ctx: PullContext): Promise<PullConsumer> {
    const consumer = new PullConsumer(durableName, settings, handler, ctx);
    consumer.messages = await ctx.open((m) => consumer.receive(m));
    const every = Math.max(100, Math.floor(settings.ackWaitMs / 3));
    consumer.keepAlive = setInterval(() => consumer.keepWaitingAlive(every), every);
    consumer.keepAlive.unref();
    consumer.loop = consumer.pull();
    return consumer;
  }

  private constructor(
    readonly durableName: string,
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
        if (settings.maxInFlight > 1) this.release(m);
      },
    };
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  /** Takes one message from the client. Never throws: the client would stop pulling. */
  private receive(m: JsMsg): void {
    let seq: number;
    try {
      seq = m.seq;
    } catch (err) {
      log.warn('ignored a message that is not a JetStream delivery', { durable: this.durableName, subject: m.subject, err });
      return;
    }
    this.held.set(seq, m);
    this.lastSeen = Math.max(this.lastSeen, seq);
    if (this.stopped) return; // left held: given back on stop
    this.waiting.set(m, { since: Date.now() });
    this.pump();
  }

  /** Waits for each pull to end; a durable deleted on the server is created again and pulled from. */
  private async pull(): Promise<void> {
    while (!this.stopped && this.messages !== undefined) {
      const missing = this.watchForDeletion(this.messages);
      const err = await this.messages.closed();
      if (err && !this.stopped) log.error('consumer stopped pulling', { durable: this.durableName, err });
      const why = await missing;
      if (this.stopped || why === undefined) return;
      await this.recreate(why);
    }
  }

  /**
   * Resolves with what the server said (and ends the pull) once the durable, or the whole stream, is gone;
   * undefined when the pull ends otherwise. A deletion while no pull request waits is noticed by the
   * client's heartbeat check, as "not found".
   */
  private async watchForDeletion(messages: ConsumerMessages): Promise<string | undefined> {
    for await (const s of messages.status()) {
      if (s.type !== 'consumer_deleted' && s.type !== 'consumer_not_found' && s.type !== 'stream_not_found') continue;
      if (!this.stopped) await messages.close().catch(() => undefined);
      return this.stopped ? undefined : s.type.replaceAll('_', ' ');
    }
    return undefined;
  }

  /**
   * Creates the durable again from the first message not acknowledged here (held ones come again: at-least-once).
   * Their acks on the old durable cannot count any more, so they are forgotten. In a stream created again,
   * the bus starts the durable at the new stream's first message instead.
   */
  private async recreate(why: string): Promise<void> {
    const startSeq = Math.min(this.lastSeen + 1, ...this.held.keys());
    log.error('the durable consumer is gone from the server; creating it again from the first message not yet acknowledged', { durable: this.durableName, startSeq, server: why });
    this.held.clear();
    this.waiting.clear();
    while (!this.stopped) {
      try {
        this.messages = await this.ctx.open((m) => this.receive(m), startSeq);
        return;
      } catch (err) {
        log.warn('could not create the durable consumer again; retrying', { durable: this.durableName, startSeq, err });
        await new Promise((r) => setTimeout(r, RECREATE_RETRY_MS));
      }
    }
  }

  /** Starts handlers for waiting messages while fewer than maxInFlight hold a slot. */
  private pump(): void {
    while (!this.stopped && this.busy.size < this.settings.maxInFlight) {
      const next = this.waiting.shift();
      if (next === undefined) return;
      if (this.held.get(next.key.seq) === next.key) this.run(next.key);
    }
  }

  private release(m: JsMsg): void {
    if (this.busy.delete(m)) this.pump();
  }

  private keepWaitingAlive(olderThanMs: number): void {
    const now = Date.now();
    for (const { key: m, value: w } of this.waiting.entries()) {
      if (now - w.since < olderThanMs || this.ctx.closed()) continue;
      w.since = now;
      this.ctx.send(() => m.working()).catch(() => undefined);
    }
  }

  private run(m: JsMsg): void {
    this.busy.add(m);
    const msg = new JetStreamMessage(m, this.msgCtx);
    let handled: Promise<void>;
    try {
      handled = this.handler(msg);
    } catch (err) {
      handled = Promise.reject(err);
    }
    const p = handled
      .catch(async (err: unknown) => {
        log.warn('handler failed; message will be delivered again', { durable: this.durableName, seq: msg.seq, err });
        if (this.held.get(m.seq) === m && !this.ctx.closed()) await msg.nak(HANDLER_ERROR_RETRY_MS).catch(() => undefined);
      })
      .finally(() => {
        this.running.delete(p);
        this.release(m);
      });
    this.running.add(p);
  }

  private async shutdown(): Promise<void> {
    this.stopped = true;
    await this.messages?.close().catch(() => undefined);
    clearInterval(this.keepAlive);
    this.waiting.clear(); // still held: given back below
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
