/**
 * The contract every Bus driver must meet. A driver's test file calls busConformance() with a factory
 * that opens a fresh, empty bus and can reopen the same storage after close().
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { isSwitchyardError } from '../../src/errors.ts';
import { KV_CONFLICT, type Bus, type BusMessage, type ConsumerOptions, type MessageHandler } from '../../src/bus/types.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

export interface OpenedBus {
  bus: Bus;
  /** Opens the same storage again; the caller has closed `bus` first. */
  reopen: () => Promise<Bus>;
  cleanup: () => Promise<void>;
}

function unique(): string {
  return randomBytes(4).toString('hex');
}

/** A subject in Argo's layout with a fresh event source name. */
function subjectFor(tag: string, event = 'evt'): string {
  return `default.${tag}${unique()}.${event}`;
}

interface Seen {
  seq: number;
  msgId: string;
  subject: string;
  payload: string;
  deliveryCount: number;
}

function record(into: Seen[], msg: BusMessage): void {
  into.push({ seq: msg.seq, msgId: msg.msgId, subject: msg.subject, payload: msg.payload.toString(), deliveryCount: msg.deliveryCount });
}

/** A handler that records and acks every message. */
function acking(into: Seen[]): MessageHandler {
  return async (msg) => {
    record(into, msg);
    await msg.ack();
  };
}

export function busConformance(name: string, open: () => Promise<OpenedBus>): void {
  describe(`bus conformance: ${name}`, () => {
    async function withBus(fn: (b: OpenedBus) => Promise<void>): Promise<void> {
      const opened = await open();
      try {
        await fn(opened);
      } finally {
        await opened.cleanup();
      }
    }

    function durable(subject: string, extra: Partial<ConsumerOptions> = {}): ConsumerOptions {
      return { durableName: `d-${unique()}`, subject, ...extra };
    }

    test('delivers published messages in order with their id, subject and payload', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('order');
        const seen: Seen[] = [];
        const c = await bus.consume(durable(subject), acking(seen));
        const seqs: number[] = [];
        for (let i = 0; i < 20; i++) {
          const r = await bus.publish(subject, Buffer.from(`m${i}`), `id-${i}-${unique()}`);
          assert.equal(r.duplicate, false);
          seqs.push(r.seq);
        }
        for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i]! > seqs[i - 1]!, 'sequences increase');
        await waitUntil('20 deliveries', () => seen.length === 20);
        assert.deepEqual(seen.map((s) => s.payload), seqs.map((_, i) => `m${i}`));
        assert.deepEqual(seen.map((s) => s.seq), seqs);
        assert.ok(seen.every((s) => s.subject === subject && s.deliveryCount === 1 && s.msgId.startsWith('id-')));
        await c.stop();
      }));

    test('concurrent publishes all resolve with distinct sequences and all arrive', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('conc');
        const seen: Seen[] = [];
        await bus.consume(durable(subject, { maxInFlight: 8 }), acking(seen));
        const results = await Promise.all(Array.from({ length: 200 }, (_, i) => bus.publish(subject, Buffer.from(String(i)), `c-${i}-${unique()}`)));
        assert.equal(new Set(results.map((r) => r.seq)).size, 200);
        await waitUntil('200 deliveries', () => seen.length === 200);
        assert.deepEqual(new Set(seen.map((s) => s.payload)), new Set(results.map((_, i) => String(i))));
      }));

    test('publishes that say their id is unique are stored and delivered like others, in sequence order, with their id', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('unique');
        const seen: Seen[] = [];
        await bus.consume(durable(subject, { maxInFlight: 1 }), acking(seen));
        const ids = Array.from({ length: 40 }, (_, i) => `u-${i}-${unique()}`);
        const results = await Promise.all(ids.map((id, i) => bus.publish(subject, Buffer.from(String(i)), id, i % 2 === 0 ? { uniqueId: true } : undefined)));
        assert.ok(results.every((r) => !r.duplicate));
        await waitUntil('40 deliveries', () => seen.length === 40);
        const bySeq = results.map((r, i) => ({ seq: r.seq, payload: String(i) })).sort((a, b) => a.seq - b.seq);
        assert.deepEqual(seen.map((s) => s.seq), bySeq.map((r) => r.seq));
        assert.deepEqual(seen.map((s) => s.payload), bySeq.map((r) => r.payload));
        assert.deepEqual(seen.map((s) => s.msgId), seen.map((s) => ids[Number(s.payload)]));
      }));

    test('an acked message is not delivered again', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('ack');
        const seen: Seen[] = [];
        await bus.consume(durable(subject, { ackWaitMs: 200 }), acking(seen));
        await bus.publish(subject, Buffer.from('once'), unique());
        await waitUntil('first delivery', () => seen.length === 1);
        await sleep(700);
        assert.equal(seen.length, 1);
      }));

    test('a message not acked within ackWait is delivered again with a higher deliveryCount', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('ackwait');
        const seen: Seen[] = [];
        await bus.consume(durable(subject, { ackWaitMs: 250 }), async (msg) => {
          record(seen, msg);
          if (msg.deliveryCount >= 2) await msg.ack();
        });
        const { seq } = await bus.publish(subject, Buffer.from('x'), unique());
        await waitUntil('redelivery', () => seen.length === 2);
        assert.deepEqual(seen.map((s) => [s.seq, s.deliveryCount]), [[seq, 1], [seq, 2]]);
        await sleep(600);
        assert.equal(seen.length, 2, 'acked on second delivery, so no third');
      }));

    test('nak with a delay redelivers after that delay; nak without one at once', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('nak');
        const times: number[] = [];
        const seen: Seen[] = [];
        await bus.consume(durable(subject, { ackWaitMs: 30_000 }), async (msg) => {
          record(seen, msg);
          times.push(Date.now());
          if (msg.deliveryCount === 1) await msg.nak(400);
          else if (msg.deliveryCount === 2) await msg.nak();
          else await msg.ack();
        });
        await bus.publish(subject, Buffer.from('x'), unique());
        await waitUntil('three deliveries', () => seen.length === 3);
        assert.deepEqual(seen.map((s) => s.deliveryCount), [1, 2, 3]);
        assert.ok(times[1]! - times[0]! >= 350, `nak(400) redelivered after ${times[1]! - times[0]!} ms`);
        assert.ok(times[2]! - times[1]! < 5_000, 'nak() redelivers promptly');
      }));

    test('a handler that throws gets the message again', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('throw');
        const seen: Seen[] = [];
        await bus.consume(durable(subject), async (msg) => {
          record(seen, msg);
          if (msg.deliveryCount === 1) throw new Error('handler failure on purpose');
          await msg.ack();
        });
        await bus.publish(subject, Buffer.from('x'), unique());
        await waitUntil('redelivery after throw', () => seen.length === 2);
        assert.deepEqual(seen.map((s) => s.deliveryCount), [1, 2]);
      }));

    test('a handler that throws before returning a promise gets its message again, and the consumer goes on', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('syncthrow');
        const seen: Seen[] = [];
        const handler = ((msg: BusMessage) => {
          record(seen, msg);
          if (msg.payload.toString() === 'first' && msg.deliveryCount === 1) throw new Error('thrown at once, not a rejected promise');
          return msg.ack();
        }) as MessageHandler;
        await bus.consume(durable(subject), handler);
        await bus.publish(subject, Buffer.from('first'), unique());
        await bus.publish(subject, Buffer.from('second'), unique());
        await waitUntil('both handled, the first twice', () => seen.length === 3);
        assert.deepEqual(seen.filter((s) => s.payload === 'first').map((s) => s.deliveryCount), [1, 2]);
        assert.deepEqual(seen.filter((s) => s.payload === 'second').map((s) => s.deliveryCount), [1]);
      }));

    test('working() extends the ack deadline', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('working');
        const seen: Seen[] = [];
        await bus.consume(durable(subject, { ackWaitMs: 300 }), async (msg) => {
          record(seen, msg);
          for (let i = 0; i < 6; i++) {
            await sleep(100);
            await msg.working();
          }
          await msg.ack();
        });
        await bus.publish(subject, Buffer.from('slow'), unique());
        await waitUntil('delivery', () => seen.length === 1);
        await sleep(1_200);
        assert.equal(seen.length, 1, 'no redelivery while the handler reports progress');
      }));

    test('a durable keeps its position across close and reopen: pending messages come back, acked ones do not', async () => {
      const opened = await open();
      try {
        const subject = subjectFor('durable');
        const options = durable(subject, { deliverPolicy: 'all', ackWaitMs: 60_000, maxInFlight: 4 });
        const first: Seen[] = [];
        await opened.bus.consume(options, async (msg) => {
          record(first, msg);
          if (msg.payload.toString() === 'a' || msg.payload.toString() === 'c') await msg.ack();
        });
        for (const p of ['a', 'b', 'c', 'd']) await opened.bus.publish(subject, Buffer.from(p), `${p}-${unique()}`);
        await waitUntil('four deliveries', () => first.length === 4);
        await opened.bus.close();

        const bus = await opened.reopen();
        const second: Seen[] = [];
        await bus.consume(options, acking(second));
        await waitUntil('redeliveries', () => second.length === 2);
        await sleep(300);
        assert.deepEqual(second.map((s) => s.payload), ['b', 'd']);
        assert.ok(second.every((s) => s.deliveryCount === 2), 'delivery counts survive the restart');
        await bus.close();

        const third = await opened.reopen();
        const again: Seen[] = [];
        await third.consume(options, acking(again));
        await bus.publish(subject, Buffer.from('x'), unique()).then(
          () => assert.fail('publish on a closed bus must reject'),
          () => undefined,
        );
        await third.publish(subject, Buffer.from('e'), `e-${unique()}`);
        await waitUntil('new message after reopen', () => again.length === 1);
        await sleep(200);
        assert.deepEqual(again.map((s) => s.payload), ['e']);
        await third.close();
      } finally {
        await opened.cleanup();
      }
    });

    test("deliverPolicy 'new' skips stored messages, 'all' starts at the first", () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('policy');
        for (const p of ['old1', 'old2']) await bus.publish(subject, Buffer.from(p), `${p}-${unique()}`);
        const fresh: Seen[] = [];
        const everything: Seen[] = [];
        const byDefault: Seen[] = [];
        await bus.consume(durable(subject, { deliverPolicy: 'new' }), acking(fresh));
        await bus.consume(durable(subject, { deliverPolicy: 'all' }), acking(everything));
        await bus.consume(durable(subject), acking(byDefault));
        await bus.publish(subject, Buffer.from('new1'), `n-${unique()}`);
        await waitUntil('deliveries', () => fresh.length === 1 && everything.length === 3 && byDefault.length === 1);
        await sleep(200);
        assert.deepEqual(fresh.map((s) => s.payload), ['new1']);
        assert.deepEqual(byDefault.map((s) => s.payload), ['new1']);
        assert.deepEqual(everything.map((s) => s.payload), ['old1', 'old2', 'new1']);
      }));

    test('a repeated message id within the duplicates window is stored once', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('dedup');
        const seen: Seen[] = [];
        await bus.consume(durable(subject), acking(seen));
        const id = `dup-${unique()}`;
        const a = await bus.publish(subject, Buffer.from('first'), id);
        const b = await bus.publish(subject, Buffer.from('second'), id);
        const [c, d] = await Promise.all([
          bus.publish(subject, Buffer.from('third'), `${id}-2`),
          bus.publish(subject, Buffer.from('fourth'), `${id}-2`),
        ]);
        assert.equal(a.duplicate, false);
        assert.deepEqual(b, { seq: a.seq, duplicate: true });
        assert.equal(c!.seq, d!.seq);
        assert.deepEqual([c!.duplicate, d!.duplicate].sort(), [false, true]);
        await waitUntil('two deliveries', () => seen.length === 2);
        await sleep(300);
        assert.deepEqual(seen.map((s) => s.payload), ['first', 'third']);
      }));

    test('the duplicates window survives close and reopen', async () => {
      const opened = await open();
      try {
        const subject = subjectFor('dedupreopen');
        const id = `keep-${unique()}`;
        const first = await opened.bus.publish(subject, Buffer.from('x'), id);
        await opened.bus.close();
        const bus = await opened.reopen();
        assert.deepEqual(await bus.publish(subject, Buffer.from('x'), id), { seq: first.seq, duplicate: true });
        const next = await bus.publish(subject, Buffer.from('y'), `other-${unique()}`);
        assert.ok(next.seq > first.seq, 'sequences continue after a reopen');
        await bus.close();
      } finally {
        await opened.cleanup();
      }
    });

    test('a stopped consumer started again under the same durable name gets what it had not acked', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('restart');
        const options = durable(subject, { ackWaitMs: 60_000, maxInFlight: 5 });
        const first: Seen[] = [];
        const c = await bus.consume(options, async (msg) => {
          record(first, msg);
          if (msg.payload.toString() !== 'keep') await msg.ack();
        });
        for (const p of ['a', 'keep', 'b']) await bus.publish(subject, Buffer.from(p), `${p}-${unique()}`);
        await waitUntil('three', () => first.length === 3);
        await c.stop();
        await bus.publish(subject, Buffer.from('while-stopped'), unique());
        const second: Seen[] = [];
        await bus.consume(options, acking(second));
        await waitUntil('two', () => second.length === 2);
        await sleep(200);
        assert.deepEqual(second.map((s) => [s.payload, s.deliveryCount]), [['keep', 2], ['while-stopped', 1]]);
      }));

    test('maxInFlight bounds concurrent handler calls', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('inflight');
        let now = 0;
        let peak = 0;
        let done = 0;
        await bus.consume(durable(subject, { maxInFlight: 3 }), async (msg) => {
          now++;
          peak = Math.max(peak, now);
          await sleep(40);
          now--;
          done++;
          await msg.ack();
        });
        await Promise.all(Array.from({ length: 12 }, (_, i) => bus.publish(subject, Buffer.from(String(i)), `${i}-${unique()}`)));
        await waitUntil('all handled', () => done === 12);
        assert.equal(peak, 3);
      }));

    test('messages waiting for a free handler are not delivered twice when the wait outlasts ackWait', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('queued');
        const counts: number[] = [];
        let done = 0;
        // 2 handlers, 8 messages of 1.2 s each: the last ones wait about 4 s, four times the ack wait.
        await bus.consume(durable(subject, { maxInFlight: 2, ackWaitMs: 1000 }), async (msg) => {
          counts.push(msg.deliveryCount);
          for (let t = 0; t < 1200; t += 300) {
            await msg.working();
            await sleep(300);
          }
          await msg.ack();
          done++;
        });
        await Promise.all(Array.from({ length: 8 }, (_, i) => bus.publish(subject, Buffer.from(String(i)), `${i}-${unique()}`)));
        await waitUntil('all handled', () => done === 8, 20_000);
        await sleep(1500);
        assert.deepEqual(counts, [1, 1, 1, 1, 1, 1, 1, 1], 'each message delivered once');
      }));

    test('maxInFlight 1 handles one message at a time, in order', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('serial');
        let now = 0;
        let peak = 0;
        const order: string[] = [];
        await bus.consume(durable(subject), async (msg) => {
          now++;
          peak = Math.max(peak, now);
          await sleep(5);
          order.push(msg.payload.toString());
          now--;
          await msg.ack();
        });
        for (let i = 0; i < 10; i++) await bus.publish(subject, Buffer.from(String(i)), `${i}-${unique()}`);
        await waitUntil('all handled', () => order.length === 10);
        assert.equal(peak, 1);
        assert.deepEqual(order, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
      }));

    test('two durables on one subject each receive every message', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('fanout');
        const a: Seen[] = [];
        const b: Seen[] = [];
        await bus.consume(durable(subject), acking(a));
        await bus.consume(durable(subject), acking(b));
        for (let i = 0; i < 5; i++) await bus.publish(subject, Buffer.from(String(i)), `${i}-${unique()}`);
        await waitUntil('both got five', () => a.length === 5 && b.length === 5);
        assert.deepEqual(a.map((s) => s.payload), b.map((s) => s.payload));
      }));

    test("wildcard subjects in Argo's three-token layout: '*' matches one token, a final '>' the rest", () =>
      withBus(async ({ bus }) => {
        const source = `src${unique()}`;
        const one: Seen[] = [];
        const rest: Seen[] = [];
        const all: Seen[] = [];
        const exact: Seen[] = [];
        await bus.consume(durable(`default.${source}.*`), acking(one));
        await bus.consume(durable(`default.${source}.>`), acking(rest));
        await bus.consume(durable(`default.*.a`), acking(all));
        await bus.consume(durable(`default.${source}.a`), acking(exact));
        await bus.publish(`default.${source}.a`, Buffer.from('a'), unique());
        await bus.publish(`default.${source}.b`, Buffer.from('b'), unique());
        await bus.publish(`default.other${unique()}.a`, Buffer.from('other'), unique());
        await waitUntil('wildcard deliveries', () => one.length === 2 && rest.length === 2 && exact.length === 1 && all.length >= 2);
        await sleep(200);
        assert.deepEqual(one.map((s) => s.payload), ['a', 'b']);
        assert.deepEqual(rest.map((s) => s.payload), ['a', 'b']);
        assert.deepEqual(exact.map((s) => s.payload), ['a']);
        assert.deepEqual(all.map((s) => s.payload).filter((p) => p === 'a' || p === 'other'), ['a', 'other']);
      }));

    test('stop() waits for handlers in flight and delivers nothing after', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('stop');
        let finished = false;
        let calls = 0;
        const c = await bus.consume(durable(subject), async (msg) => {
          calls++;
          await sleep(200);
          finished = true;
          await msg.ack();
        });
        await bus.publish(subject, Buffer.from('x'), unique());
        await waitUntil('handler started', () => calls === 1);
        await c.stop();
        assert.equal(finished, true, 'stop() returned before the handler finished');
        await bus.publish(subject, Buffer.from('y'), unique());
        await sleep(200);
        assert.equal(calls, 1);
      }));

    test('key-value buckets: put, get, delete and keys survive a reopen; buckets are separate', async () => {
      const opened = await open();
      try {
        const bucket = `sensor-${unique()}`;
        const kv = await opened.bus.kv(bucket);
        const other = await opened.bus.kv(`${bucket}_other`);
        await kv.put('trigger-a', Buffer.from('one'));
        await kv.put('trigger-b', Buffer.from('two'));
        await kv.put('trigger-b', Buffer.from('three'));
        await other.put('trigger-a', Buffer.from('elsewhere'));
        await kv.put('gone', Buffer.from('x'));
        await kv.delete('gone');
        await kv.delete('never-existed');
        assert.equal((await kv.get('trigger-b'))?.toString(), 'three');
        assert.equal(await kv.get('gone'), undefined);
        assert.deepEqual((await kv.keys()).sort(), ['trigger-a', 'trigger-b']);
        await opened.bus.close();

        const bus = await opened.reopen();
        const again = await bus.kv(bucket);
        assert.equal((await again.get('trigger-a'))?.toString(), 'one');
        assert.equal((await again.get('trigger-b'))?.toString(), 'three');
        assert.deepEqual((await again.keys()).sort(), ['trigger-a', 'trigger-b']);
        assert.equal((await (await bus.kv(`${bucket}_other`)).get('trigger-a'))?.toString(), 'elsewhere');
        await assert.rejects(() => bus.kv('bad.name'), (err: unknown) => isSwitchyardError(err));
        await assert.rejects(() => bus.kv(''), (err: unknown) => isSwitchyardError(err));
        await bus.close();
      } finally {
        await opened.cleanup();
      }
    });

    test('key-value compare-and-set: create fails on an existing key, update only at the current revision', () =>
      withBus(async ({ bus }) => {
        const kv = await bus.kv(`lease-${unique()}`);
        const conflict = (err: unknown): boolean => isSwitchyardError(err) && err.code === KV_CONFLICT;
        const r1 = await kv.create('lock', Buffer.from('one'));
        assert.ok(r1 > 0);
        await assert.rejects(() => kv.create('lock', Buffer.from('two')), conflict);
        assert.deepEqual(await kv.entry('lock'), { value: Buffer.from('one'), revision: r1 });
        const r2 = await kv.update('lock', Buffer.from('two'), r1);
        assert.ok(r2 > r1);
        await assert.rejects(() => kv.update('lock', Buffer.from('stale'), r1), conflict);
        assert.equal((await kv.get('lock'))?.toString(), 'two');
        // put moves the revision on too: an update at the revision read before it fails
        await kv.put('lock', Buffer.from('three'));
        const r3 = (await kv.entry('lock'))!.revision;
        assert.ok(r3 > r2);
        await assert.rejects(() => kv.update('lock', Buffer.from('stale'), r2), conflict);
        // only one of many concurrent creates wins
        const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => kv.create('race', Buffer.from(`w${i}`))));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        for (const r of results) if (r.status === 'rejected') assert.ok(conflict(r.reason));
        // a deleted key can be created again, with a revision never used before; update of a missing key fails
        await kv.delete('lock');
        assert.equal(await kv.entry('lock'), undefined);
        await assert.rejects(() => kv.update('lock', Buffer.from('x'), r3), conflict);
        const r4 = await kv.create('lock', Buffer.from('again'));
        assert.ok(r4 > r3);
        assert.deepEqual((await kv.keys()).sort(), ['lock', 'race']);
      }));

    test('publish, and ack of a held message, after close reject with a retry-class error', () =>
      withBus(async ({ bus }) => {
        const subject = subjectFor('closed');
        let held: BusMessage | undefined;
        await bus.consume(durable(subject), async (msg) => {
          held = msg;
        });
        await bus.publish(subject, Buffer.from('x'), unique());
        await waitUntil('delivery', () => held !== undefined);
        await bus.close();
        const retryClass = (err: unknown): boolean => isSwitchyardError(err) && err.errorClass === 'retry';
        await assert.rejects(() => bus.publish(subject, Buffer.from('y'), unique()), retryClass);
        await assert.rejects(() => held!.ack(), retryClass);
      }));
  });
}
