import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { busConformance } from './conformance.ts';
import { consumerName, openJetStreamBus, type JetStreamBusOptions } from '../../src/bus/jetstream/index.ts';
import { busSubject, type Bus, type BusMessage } from '../../src/bus/types.ts';
import { buildEvent, decodeEvent, encodeEvent } from '../../src/events/envelope.ts';
import { isSwitchyardError } from '../../src/errors.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';
import { sleep, waitFor } from '../helpers/wait.ts';

busConformance('jetstream', async () => {
  const server = await startNatsServer();
  const opened: Bus[] = [];
  const openOne = async (): Promise<Bus> => {
    const b = await openJetStreamBus({ servers: server.url, stream: { replicas: 1 } });
    opened.push(b);
    return b;
  };
  const bus = await openOne();
  return {
    bus,
    reopen: openOne,
    cleanup: async () => {
      for (const b of opened) await b.close();
      await server.cleanup();
    },
  };
});

const hasCode = (code: string, errorClass?: string) => (err: unknown): boolean =>
  isSwitchyardError(err) && err.code === code && (errorClass === undefined || err.errorClass === errorClass);

/** A server, a raw nats.js connection to inspect it, and the buses a test opened. */
async function fixture(): Promise<{ server: NatsServer; nc: NatsConnection; jsm: JetStreamManager; open: (o?: Partial<JetStreamBusOptions>) => Promise<Bus>; done: () => Promise<void> }> {
  const server = await startNatsServer();
  const nc = await connect({ servers: server.url });
  const jsm = await jetstreamManager(nc);
  const buses: Bus[] = [];
  return {
    server,
    nc,
    jsm,
    open: async (o = {}) => {
      const b = await openJetStreamBus({ servers: server.url, ...o });
      buses.push(b);
      return b;
    },
    done: async () => {
      for (const b of buses) await b.close();
      await nc.close();
      await server.cleanup();
    },
  };
}

describe('jetstream bus: Argo wire format', () => {
  let f: Awaited<ReturnType<typeof fixture>>;
  before(async () => {
    f = await fixture();
  });
  after(() => f.done());

  test("creates Argo's stream: default, subjects default.*.*, file storage, limits, discard old", async () => {
    await f.open();
    const { config } = await f.jsm.streams.info('default');
    assert.deepEqual(config.subjects, ['default.*.*']);
    assert.equal(config.storage, 'file');
    assert.equal(config.retention, 'limits');
    assert.equal(config.discard, 'old');
    assert.equal(config.max_msgs, 50_000);
    assert.equal(config.max_bytes, -1);
    assert.equal(config.max_age, nanos(168 * 3600 * 1000));
    assert.equal(config.duplicate_window, nanos(300_000));
    assert.equal(config.num_replicas, 1, 'a server that is not clustered keeps 1 replica instead of the default 3');
  });

  test("what Switchyard publishes is Argo's envelope, subject and Nats-Msg-Id", async () => {
    const bus = await f.open();
    const event = buildEvent({ source: 'webhook', type: 'webhook', subject: 'example', data: Buffer.from('{"header":{},"body":{"n":1}}') });
    const subject = busSubject('default', 'webhook', 'example');
    const { seq } = await bus.publish(subject, encodeEvent(event), event.context.id);
    const raw = await f.jsm.streams.getMessage('default', { seq });
    assert.ok(raw);
    assert.equal(raw.subject, 'default.webhook.example');
    assert.equal(raw.header.get('Nats-Msg-Id'), event.context.id);
    const wire = JSON.parse(Buffer.from(raw.data).toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(wire), ['specversion', 'id', 'source', 'type', 'subject', 'datacontenttype', 'time', 'data_base64']);
    assert.equal(wire['specversion'], '1.0');
    assert.match(String(wire['id']), /^[0-9a-f]{32}$/);
    assert.equal(wire['id'], event.context.id);
    assert.equal(wire['source'], 'webhook');
    assert.equal(wire['type'], 'webhook');
    assert.equal(wire['subject'], 'example');
    assert.equal(wire['datacontenttype'], 'application/json');
    assert.match(String(wire['time']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.equal(Buffer.from(String(wire['data_base64']), 'base64').toString(), '{"header":{},"body":{"n":1}}');
    assert.equal('data' in wire, false);
  });

  test('an Argo-shaped message written with nats.js is consumed through the Bus and decodes to the same event', async () => {
    const bus = await f.open();
    const id = 'a3f1c2d4e5b60718293a4b5c6d7e8f90';
    const data = '{"header":{"Content-Type":["application/json"]},"body":{"message":"hello"}}';
    const argoJson =
      `{"specversion":"1.0","id":"${id}","source":"webhook","type":"webhook","subject":"argo",` +
      `"datacontenttype":"application/json","time":"2024-05-01T12:00:00.123456789Z","data_base64":"${Buffer.from(data).toString('base64')}"}`;
    const seen: BusMessage[] = [];
    await bus.consume({ durableName: 'argo-shaped', subject: 'default.webhook.argo' }, async (m) => {
      seen.push(m);
      await m.ack();
    });
    const ack = await jetstream(f.nc).publish('default.webhook.argo', argoJson, { msgID: id });
    await waitFor('delivery', () => (seen.length === 1 ? true : undefined));
    const msg = seen[0]!;
    assert.equal(msg.msgId, id);
    assert.equal(msg.seq, ack.seq);
    assert.equal(msg.deliveryCount, 1);
    const decoded = decodeEvent(msg.payload);
    assert.deepEqual(decoded.context, {
      id,
      source: 'webhook',
      specversion: '1.0',
      type: 'webhook',
      datacontenttype: 'application/json',
      subject: 'argo',
      time: '2024-05-01T12:00:00.123456789Z',
    });
    assert.equal(decoded.data.toString(), data);
    assert.deepEqual(encodeEvent(decoded).toString(), argoJson, 'Switchyard re-encodes it byte for byte');
  });

  test('durable names JetStream would reject are mapped and still work', async () => {
    const bus = await f.open();
    const durableName = `my.sensor-with a space-${'x'.repeat(80)}`;
    const seen: string[] = [];
    const c = await bus.consume({ durableName, subject: 'default.names.evt' }, async (m) => {
      seen.push(m.payload.toString());
      await m.ack();
    });
    await bus.publish('default.names.evt', Buffer.from('ok'), 'names-1');
    await waitFor('delivery', () => (seen.length === 1 ? true : undefined));
    const names: string[] = [];
    for await (const ci of f.jsm.consumers.list('default')) names.push(ci.name);
    assert.ok(names.some((n) => /^my_sensor-with_a_space-x+-[0-9a-f]{8}$/.test(n)), `mapped name among ${names.join(', ')}`);
    await c.stop();
  });

  test('subjects outside the stream are refused with a clear error', async () => {
    const bus = await f.open();
    await assert.rejects(() => bus.publish('default.a.b.c', Buffer.from('x'), 'x1'), hasCode('BUS_SUBJECT_INVALID', 'stop'));
    await assert.rejects(() => bus.publish('other.a.b', Buffer.from('x'), 'x2'), hasCode('BUS_SUBJECT_INVALID', 'stop'));
    await assert.rejects(() => bus.consume({ durableName: 'deep', subject: 'default.a.b.c' }, async () => undefined), hasCode('BUS_SUBJECT_INVALID', 'stop'));
  });

  test("a message or key-value entry over the server's max_payload is refused as too large (poison), naming the limit", async () => {
    const bus = await f.open();
    const big = Buffer.alloc(1_100_000, 0x61);
    const tooLarge = (err: unknown): boolean => hasCode('BUS_PAYLOAD_TOO_LARGE', 'poison')(err) && /max_payload of 1048576 bytes; raise max_payload/.test((err as Error).message);
    await assert.rejects(() => bus.publish('default.big.evt', big, 'big-1'), tooLarge);
    const kv = await bus.kv('sizes');
    await assert.rejects(() => kv.put('k', big), tooLarge);
    await assert.rejects(() => kv.create('k2', big), tooLarge);
    await kv.put('k4', Buffer.alloc(1_000_000, 0x61));
    assert.equal((await kv.get('k4'))?.length, 1_000_000);
  });
});

describe('jetstream bus: authentication', () => {
  test('token auth: the right token connects, a wrong one fails with BUS_AUTH', async () => {
    const server = await startNatsServer({ token: 's3cret-token' });
    try {
      const bus = await openJetStreamBus({ servers: server.url, token: 's3cret-token' });
      const r = await bus.publish('default.auth.token', Buffer.from('x'), 'tok-1');
      assert.equal(r.duplicate, false);
      await bus.close();
      await assert.rejects(() => openJetStreamBus({ servers: server.url, token: 'wrong' }), hasCode('BUS_AUTH', 'stop'));
    } finally {
      await server.cleanup();
    }
  });

  test('user/password auth: the right pair connects, a wrong password fails with BUS_AUTH', async () => {
    const server = await startNatsServer({ user: 'argo', pass: 'p4ss' });
    try {
      const bus = await openJetStreamBus({ servers: [server.url], user: 'argo', pass: 'p4ss' });
      const r = await bus.publish('default.auth.user', Buffer.from('x'), 'usr-1');
      assert.equal(r.duplicate, false);
      await bus.close();
      await assert.rejects(() => openJetStreamBus({ servers: server.url, user: 'argo', pass: 'nope' }), hasCode('BUS_AUTH', 'stop'));
    } finally {
      await server.cleanup();
    }
  });

  test('a server without JetStream: opening fails with a retry-class BUS_UNAVAILABLE that says to enable it', async () => {
    const server = await startNatsServer({}, { jetstream: false });
    try {
      await assert.rejects(
        () => openJetStreamBus({ servers: server.url }),
        (err: unknown) => {
          assert.ok(hasCode('BUS_UNAVAILABLE', 'retry')(err), String(err));
          assert.match((err as Error).message, new RegExp(`NATS server at ${server.url}: it has JetStream turned off.*start nats-server with -js`));
          return true;
        },
      );
    } finally {
      await server.cleanup();
    }
  });

  test('no server listening: opening fails with a retry-class BUS_UNAVAILABLE', async () => {
    const server = await startNatsServer();
    const url = server.url;
    await server.cleanup();
    await assert.rejects(() => openJetStreamBus({ servers: url }), hasCode('BUS_UNAVAILABLE', 'retry'));
  });
});

describe('jetstream bus: server outage', () => {
  test('publish while the server is down rejects with a retry-class error; after a restart publishing and consuming resume', async () => {
    const server = await startNatsServer();
    const bus = await openJetStreamBus({ servers: server.url });
    try {
      const seen: string[] = [];
      const acked: string[] = [];
      await bus.consume({ durableName: 'outage', subject: 'default.outage.evt', ackWaitMs: 5_000 }, async (m) => {
        seen.push(m.payload.toString());
        await m.ack();
        acked.push(m.payload.toString());
      });
      await bus.publish('default.outage.evt', Buffer.from('before'), 'o-1');
      // Stop the server only once the ack is confirmed: an ack lost in the outage means a redelivery, which is
      // correct at-least-once behaviour but not what this test is about.
      await waitFor('first delivery acknowledged', () => (acked.length === 1 ? true : undefined));

      await server.stop();
      await assert.rejects(() => bus.publish('default.outage.evt', Buffer.from('down'), 'o-2'), hasCode('BUS_UNAVAILABLE', 'retry'));

      await server.start(); // same port, same store dir
      const r = await waitFor('publish after restart', () => bus.publish('default.outage.evt', Buffer.from('after'), 'o-3').catch(() => undefined), 20_000);
      assert.equal(r.duplicate, false);
      await waitFor('delivery after restart', () => (seen.includes('after') ? true : undefined), 45_000);
      assert.deepEqual(seen, ['before', 'after']);
      const again = await bus.publish('default.outage.evt', Buffer.from('before'), 'o-1');
      assert.equal(again.duplicate, true, 'the store (and its duplicates window) survived the restart');
    } finally {
      await bus.close();
      await server.cleanup();
    }
  });
});

/**
 * Deletes a consumer as an operator would. nats-server 2.9 can answer "directory not empty" when the consumer
 * writes its state while its folder is removed; the consumer is gone by then or the next try removes it.
 */
async function deleteConsumer(jsm: JetStreamManager, stream: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await jsm.consumers.delete(stream, name);
      return;
    } catch (err) {
      if (err instanceof Error && /consumer not found/i.test(err.message)) return;
      if (attempt >= 10 || !(err instanceof Error && /directory not empty/.test(err.message))) throw err;
      await sleep(50);
    }
  }
}

/** Consumes `subject` through `durableName`, acking each message; the array fills with their payloads, in order. */
async function payloadsOf(bus: Bus, durableName: string, subject: string, maxInFlight: number): Promise<string[]> {
  const seen: string[] = [];
  await bus.consume({ durableName, subject, maxInFlight }, async (m) => {
    seen.push(m.payload.toString());
    await m.ack();
  });
  return seen;
}

describe('jetstream bus: a durable deleted on the server', () => {
  test('is created again from the first message not acknowledged; events published meanwhile are delivered', async () => {
    const server = await startNatsServer();
    const bus = await openJetStreamBus({ servers: server.url, stream: { replicas: 1 } });
    const nc = await connect({ servers: server.url });
    try {
      const jsm = await jetstreamManager(nc);
      const seen = await payloadsOf(bus, 'survivor', 'default.gone.evt', 4);
      await bus.publish('default.gone.evt', Buffer.from('before'), 'g-1');
      await waitFor('the first event', () => (seen.includes('before') ? true : undefined));

      await deleteConsumer(jsm, 'default', 'survivor');
      // Published while the durable is gone (or about to be created again): none may be skipped.
      for (let i = 0; i < 5; i++) await bus.publish('default.gone.evt', Buffer.from(`after-${i}`), `g-a${i}`);
      await waitFor('the events published after the deletion', () => (Array.from({ length: 5 }, (_, i) => `after-${i}`).every((p) => seen.includes(p)) ? true : undefined), 30_000);
      const info = await jsm.consumers.info('default', 'survivor');
      assert.equal(info.config.durable_name, 'survivor', 'the durable exists again');
    } finally {
      await nc.close();
      await bus.close();
      await server.cleanup();
    }
  });
});

describe('jetstream bus: a stream deleted on the server', () => {
  test('the next publish creates it again, and a running consumer reads the new stream from its first event', async () => {
    const f = await fixture();
    try {
      const bus = await f.open({ stream: { replicas: 1, maxMsgs: 777 } });
      const seen = await payloadsOf(bus, 'keeper', 'default.kept.evt', 4);
      for (let i = 0; i < 3; i++) await bus.publish('default.kept.evt', Buffer.from(`old-${i}`), `k-o${i}`);
      await waitFor('the events before the deletion', () => (seen.length === 3 ? true : undefined));

      assert.equal(await f.jsm.streams.delete('default'), true);
      const first = await bus.publish('default.kept.evt', Buffer.from('new-0'), 'k-n0');
      assert.equal(first.seq, 1, 'stored as the first message of a new stream');
      const { config } = await f.jsm.streams.info('default');
      assert.equal(config.max_msgs, 777, 'created with the EventBus settings');
      for (let i = 1; i < 4; i++) await bus.publish('default.kept.evt', Buffer.from(`new-${i}`), `k-n${i}`);

      await waitFor('the events after the deletion', () => (seen.length >= 7 ? true : undefined), 30_000);
      await sleep(300); // room for a redelivery that must not come
      assert.deepEqual(seen, ['old-0', 'old-1', 'old-2', 'new-0', 'new-1', 'new-2', 'new-3']);
    } finally {
      await f.done();
    }
  });

  test('a key-value bucket deleted on the server is created again by the next call', async () => {
    const f = await fixture();
    try {
      const bus = await f.open({ stream: { replicas: 1 } });
      const kv = await bus.kv('kept');
      await kv.put('before', Buffer.from('1'));
      assert.equal(await f.jsm.streams.delete('KV_kept'), true);
      await kv.put('after', Buffer.from('2'));
      assert.equal((await kv.get('after'))?.toString(), '2');
      assert.equal(await kv.get('before'), undefined, 'the keys the deleted bucket held are gone');
      assert.equal((await f.jsm.streams.info('KV_kept')).config.max_msgs_per_subject, 1, 'created again as a bucket');
    } finally {
      await f.done();
    }
  });

  test('with no publish, the consumer creates it again and then reads what is published', async () => {
    const f = await fixture();
    try {
      const bus = await f.open({ stream: { replicas: 1 } });
      const seen = await payloadsOf(bus, 'lonely', 'default.kept.solo', 1);
      await f.jsm.streams.delete('default');
      await waitFor('the stream and the durable created again', async () => {
        try {
          return (await f.jsm.consumers.info('default', consumerName('lonely'))).config.durable_name === consumerName('lonely') ? true : undefined;
        } catch {
          return undefined;
        }
      }, 30_000);
      // Published by another client: this bus's publisher plays no part.
      const js = jetstream(f.nc);
      await js.publish('default.kept.solo', Buffer.from('after'), { msgID: 'k-s1' });
      await waitFor('the event', () => (seen.length === 1 ? true : undefined), 30_000);
      assert.deepEqual(seen, ['after']);
    } finally {
      await f.done();
    }
  });
});

describe('jetstream bus: existing stream settings', () => {
  test('updatable settings are brought in line with the EventBus', async () => {
    const f = await fixture();
    try {
      await f.jsm.streams.add({ name: 'default', subjects: ['default.*.*'], storage: StorageType.File, max_msgs: 10, max_age: 0 });
      const bus = await f.open({ stream: { maxMsgs: 1234, maxAgeMs: 3_600_000, duplicatesMs: 60_000 } });
      const { config } = await f.jsm.streams.info('default');
      assert.equal(config.max_msgs, 1234);
      assert.equal(config.max_age, nanos(3_600_000));
      assert.equal(config.duplicate_window, nanos(60_000));
      assert.equal(bus.stream.maxMsgs, 1234);
    } finally {
      await f.done();
    }
  });

  test('a stream that differs where JetStream cannot change it is reported field by field', async () => {
    const f = await fixture();
    try {
      await f.jsm.streams.add({ name: 'default', subjects: ['default.*.*'], storage: StorageType.Memory });
      await assert.rejects(
        () => f.open(),
        (err: unknown) => {
          assert.ok(hasCode('BUS_STREAM_MISMATCH', 'stop')(err), String(err));
          const message = (err as Error).message;
          assert.match(message, /storage is "memory", wanted "file"/);
          assert.match(message, /stream "default"/);
          return true;
        },
      );
    } finally {
      await f.done();
    }
  });

  test("a stream Argo created with interest retention and discard new is used as it is when the EventBus says so, and reported when it does not", async () => {
    const f = await fixture();
    try {
      // as Argo creates it from streamConfig retention: 1, discard: 1
      await f.jsm.streams.add({ name: 'default', subjects: ['default.*.*'], storage: StorageType.File, retention: RetentionPolicy.Interest, discard: DiscardPolicy.New });
      const bus = await f.open({ stream: { retention: 'interest', discard: 'new' } });
      const { config } = await f.jsm.streams.info('default');
      assert.equal(config.retention, RetentionPolicy.Interest);
      assert.equal(config.discard, DiscardPolicy.New);
      assert.equal((await bus.publish('default.src.evt', Buffer.from('{}'), 'interest-1')).duplicate, false);
      await bus.close();
      await assert.rejects(() => f.open(), (err: unknown) => hasCode('BUS_STREAM_MISMATCH', 'stop')(err) && /retention is "interest", wanted "limits"/.test((err as Error).message));
    } finally {
      await f.done();
    }
  });

  test('a custom stream name gets its own subjects', async () => {
    const f = await fixture();
    try {
      const bus = await f.open({ stream: { name: 'events' } });
      const r = await bus.publish('events.src.evt', Buffer.from('x'), 'custom-1');
      const { config } = await f.jsm.streams.info('events');
      assert.deepEqual(config.subjects, ['events.*.*']);
      assert.equal(config.name, bus.stream.name);
      assert.equal((await f.jsm.streams.getMessage('events', { seq: r.seq }))?.subject, 'events.src.evt');
    } finally {
      await f.done();
    }
  });
});
