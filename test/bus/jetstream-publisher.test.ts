/** The JetStream publisher on a real nats-server: PubAcks matched to publishes, the in-flight bound, refusals. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { PubAckError, Publisher } from '../../src/bus/jetstream/publisher.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';

describe('JetStream publisher', () => {
  let nats: NatsServer;
  let nc: NatsConnection;
  before(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url, noAsyncTraces: true });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'pubtest', subjects: ['pubtest.>'] });
  });
  after(async () => {
    await nc.close();
    await nats.cleanup();
  });

  test('2,000 publishes at once: each gets its own sequence, never more than the bound await a PubAck', async () => {
    let peak = 0;
    // The connection as the publisher sees it, counting what awaits a PubAck at each message sent.
    const counting = {
      subscribe: nc.subscribe.bind(nc),
      publish: (...args: Parameters<NatsConnection['publish']>) => {
        peak = Math.max(peak, publisher.inFlight + 1);
        nc.publish(...args);
      },
    } as unknown as NatsConnection;
    const publisher = new Publisher(counting, 10_000, 50);
    const acks = await Promise.all(Array.from({ length: 2000 }, (_, i) => publisher.publish('pubtest.a.b', Buffer.from(`m${i}`), `id-${i}`)));
    publisher.close(new Error('done'));
    assert.equal(new Set(acks.map((a) => a.seq)).size, 2000, 'distinct sequences');
    assert.ok(acks.every((a) => !a.duplicate));
    assert.equal(peak, 50, 'the bound is reached and never passed');
  });

  test('a repeated message id is reported as a duplicate with the first sequence', async () => {
    const publisher = new Publisher(nc, 10_000);
    const first = await publisher.publish('pubtest.a.b', Buffer.from('x'), 'same-id');
    const again = await publisher.publish('pubtest.a.b', Buffer.from('x'), 'same-id');
    publisher.close(new Error('done'));
    assert.deepEqual(again, { seq: first.seq, duplicate: true });
  });

  test('a subject no stream captures is refused with status 503 (no responders)', async () => {
    const publisher = new Publisher(nc, 10_000);
    await assert.rejects(publisher.publish('elsewhere.a.b', Buffer.from('x'), 'id-x'), (err: unknown) => err instanceof PubAckError && err.status === 503);
    publisher.close(new Error('done'));
  });

  test('close() fails the publishes still waiting', async () => {
    const publisher = new Publisher(nc, 10_000, 1);
    const pending = Array.from({ length: 5 }, (_, i) => publisher.publish('pubtest.a.b', Buffer.from('y'), `close-${i}`));
    publisher.close(new Error('bus closed'));
    const results = await Promise.allSettled(pending);
    assert.ok(results.every((r) => r.status === 'rejected' && /bus closed/.test(String(r.reason))), JSON.stringify(results.map((r) => r.status)));
  });
});
