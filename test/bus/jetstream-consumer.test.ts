/**
 * The pull consumer's handling of a message that is not a JetStream delivery. Nothing the client's callback
 * receives may throw back into the client (which would stop pulling). A real nats-server never sends such a
 * message to a pull subscription, so it cannot be produced on demand: here the client's side is played by
 * plain objects. Everything else about consuming runs on a real nats-server (jetstream.test.ts, the bus
 * conformance suite).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { PullConsumer, type OnMessage } from '../../src/bus/jetstream/consumer.ts';
import type { BusMessage } from '../../src/bus/types.ts';

/** What the client's consume() returns, reduced to what the consumer uses: it ends when closed. */
function pullOf(): ConsumerMessages & { isClosed: () => boolean } {
  let close!: () => void;
  let closed = false;
  const ended = new Promise<void>((r) => (close = r));
  return {
    close: async () => {
      closed = true;
      close();
    },
    closed: () => ended,
    status: () =>
      (async function* () {
        await ended;
      })(),
    isClosed: () => closed,
  } as unknown as ConsumerMessages & { isClosed: () => boolean };
}

/** A delivered message; `acks` records what was sent for it. */
function delivery(seq: number, acks: string[]): JsMsg {
  return {
    seq,
    subject: 'default.src.ev',
    data: Buffer.from(`{"n":${seq}}`),
    ack: () => acks.push(`ack ${seq}`),
    nak: () => acks.push(`nak ${seq}`),
    working: () => acks.push(`working ${seq}`),
  } as unknown as JsMsg;
}

/** A message whose reply subject is not a JetStream ack subject: reading its sequence throws, as the client's does. */
const notADelivery = {
  subject: 'default.src.ev',
  get seq(): number {
    throw new Error('unable to parse delivery info - not a jetstream message');
  },
} as unknown as JsMsg;

describe('JetStream pull consumer', () => {
  test('hands each message to the handler; a message that is not a JetStream delivery is skipped without throwing', async () => {
    let onMessage: OnMessage | undefined;
    const pull = pullOf();
    const seen: BusMessage[] = [];
    const acks: string[] = [];
    const consumer = await PullConsumer.start('d', { maxInFlight: 4, ackWaitMs: 30_000 }, async (m) => {
      seen.push(m);
      await m.ack();
    }, {
      open: async (cb) => {
        onMessage = cb;
        return pull;
      },
      closed: () => false,
      flush: async () => undefined,
      send: async (signal) => signal(),
      dropStalePulls: async () => undefined,
      onStop: () => undefined,
    });
    assert.ok(onMessage, 'open was given the callback');
    assert.doesNotThrow(() => onMessage!(notADelivery));
    onMessage(delivery(1, acks));
    onMessage(delivery(2, acks));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(seen.map((m) => [m.seq, m.payload.toString()]), [[1, '{"n":1}'], [2, '{"n":2}']]);
    assert.deepEqual(acks, ['ack 1', 'ack 2']);
    await consumer.stop();
    assert.ok(pull.isClosed(), 'stop closes the pull');
  });
});
