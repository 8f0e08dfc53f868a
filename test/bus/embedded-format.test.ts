import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedBus } from '../../src/bus/embedded/index.ts';
import { openLayout } from '../../src/bus/embedded/layout.ts';
import { decodeMessage, encodeMessage } from '../../src/bus/embedded/message-codec.ts';
import type { BusMessage } from '../../src/bus/types.ts';

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

  test('messages stored in the older msgpack format are delivered after the bus opens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-format-'));
    try {
      const old = openLayout(dir);
      await old.legacyMsgs.put(1, { subject: 'argo-events.src.ev', msgId: 'm1', ts: Date.now(), payload: Buffer.from('first') });
      await old.legacyMsgs.put(2, { subject: 'argo-events.src.ev', msgId: 'm2', ts: Date.now(), payload: Buffer.from('second') });
      await old.meta.put('lastSeq', 2);
      await old.env.close();

      const bus = await openEmbeddedBus({ dir });
      try {
        assert.equal(bus.stats().messages, 2);
        const got: BusMessage[] = [];
        const consumer = await bus.consume({ durableName: 'reader', subject: 'argo-events.src.ev', deliverPolicy: 'all' }, async (msg) => {
          got.push(msg);
          await msg.ack();
        });
        const until = Date.now() + 5000;
        while (got.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
        await consumer.stop();
        assert.deepEqual(got.map((m) => [m.seq, m.msgId, m.payload.toString()]), [[1, 'm1', 'first'], [2, 'm2', 'second']]);
        const { seq } = await bus.publish('argo-events.src.ev', Buffer.from('third'), 'm3');
        assert.equal(seq, 3, 'sequences continue after the moved messages');
      } finally {
        await bus.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
