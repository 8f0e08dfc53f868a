import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedBus } from '../../src/bus/embedded/index.ts';
import { openLayout, type StoredMessage } from '../../src/bus/embedded/layout.ts';
import { decodeMessage, encodeMessage } from '../../src/bus/embedded/message-codec.ts';
import type { Bus, BusMessage } from '../../src/bus/types.ts';
import { setLogSink } from '../../src/observe/log.ts';
import { waitUntil } from '../helpers/wait.ts';

/** Reads `count` messages on `subject` from the first stored one with a fresh durable, acking each. */
async function readAll(bus: Bus, subject: string, count: number): Promise<BusMessage[]> {
  const got: BusMessage[] = [];
  const consumer = await bus.consume({ durableName: 'reader', subject, deliverPolicy: 'all' }, async (msg) => {
    got.push(msg);
    await msg.ack();
  });
  await waitUntil(`${count} deliveries`, () => got.length === count);
  await consumer.stop();
  return got;
}

describe('embedded bus message format', () => {
  test('a message survives encoding with its subject, id, time and payload', () => {
    const payload = Buffer.from('{"a":"é"}');
    const m = decodeMessage(encodeMessage('argo-events.src.ev', 'id-ü', 1_700_000_000_123.5, payload));
    assert.equal(m.subject, 'argo-events.src.ev');
    assert.equal(m.msgId, 'id-ü');
    assert.equal(m.ts, 1_700_000_000_123.5);
    assert.deepEqual(m.payload, payload);
  });

  test('bytes of another format are refused with a reason', () => {
    assert.throws(() => decodeMessage(Buffer.from([0x85, 1, 2])), /unknown format/);
    const truncated = encodeMessage('s', 'long-message-id', 0, Buffer.alloc(0)).subarray(0, 20);
    assert.throws(() => decodeMessage(truncated), /truncated/);
  });

  test('a stored message that cannot be read is skipped with an error line; the bus opens and delivers the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-format-'));
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    try {
      const store = openLayout(dir);
      await store.msgs.put(1, encodeMessage('default.src.ev', 'm1', Date.now(), Buffer.from('first')));
      await store.msgs.put(2, Buffer.from([0x63, 0x6f, 0x72, 0x72, 0x75, 0x70, 0x74]));
      await store.msgs.put(3, encodeMessage('default.src.ev', 'm3', Date.now(), Buffer.from('third')));
      await store.meta.put('lastSeq', 3);
      await store.env.close();

      const bus = await openEmbeddedBus({ dir });
      try {
        const got = await readAll(bus, 'default.src.ev', 2);
        assert.deepEqual(got.map((m) => [m.seq, m.payload.toString()]), [[1, 'first'], [3, 'third']]);
        assert.ok(lines.some((l) => /ERROR.*stored message cannot be read; skipped.*seq=2/.test(l)), lines.join('\n'));
        assert.equal((await bus.publish('default.src.ev', Buffer.from('x'), 'm4')).seq, 4, 'sequences continue past it');
      } finally {
        await bus.close();
      }
    } finally {
      setLogSink((l) => void process.stderr.write(`${l}\n`));
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('messages stored in the older msgpack format are delivered after the bus opens; the old databases are dropped', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-format-'));
    try {
      // What earlier versions wrote: msgpack objects in `msgs`, and the duplicates index in `dedup`.
      const old = openLayout(dir);
      const legacy = old.env.openDB<StoredMessage, number>('msgs', {});
      const dedup = old.env.openDB<[number, number], string>('dedup', {});
      await legacy.put(1, { subject: 'argo-events.src.ev', msgId: 'm1', ts: Date.now(), payload: Buffer.from('first') });
      await legacy.put(2, { subject: 'argo-events.src.ev', msgId: 'm2', ts: Date.now(), payload: Buffer.from('second') });
      await dedup.put('m1', [1, Date.now()]);
      await old.meta.put('lastSeq', 2);
      await old.env.close();

      const bus = await openEmbeddedBus({ dir });
      try {
        assert.equal(bus.stats().messages, 2);
        const got = await readAll(bus, 'argo-events.src.ev', 2);
        assert.deepEqual(got.map((m) => [m.seq, m.msgId, m.payload.toString()]), [[1, 'm1', 'first'], [2, 'm2', 'second']]);
        const { seq } = await bus.publish('argo-events.src.ev', Buffer.from('third'), 'm3');
        assert.equal(seq, 3, 'sequences continue after the moved messages');
        assert.equal((await bus.publish('argo-events.src.ev', Buffer.from('again'), 'm1')).duplicate, true, 'moved ids count for the duplicates window');
      } finally {
        await bus.close();
      }
      const reopened = openLayout(dir);
      try {
        assert.deepEqual([...reopened.env.getKeys()].filter((k) => k === 'msgs' || k === 'dedup'), [], 'the old databases are gone');
      } finally {
        await reopened.env.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
