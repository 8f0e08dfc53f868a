import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEmbeddedBus, type EmbeddedBus } from '../../src/bus/embedded/index.ts';
import { MAX_DUPLICATE_IDS, SEQ_BLOCK } from '../../src/bus/embedded/stream.ts';
import type { Bus, StreamSettings } from '../../src/bus/types.ts';
import { isSwitchyardError } from '../../src/errors.ts';
import { busConformance } from './conformance.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

async function tempBus(stream?: Partial<StreamSettings>): Promise<{ bus: EmbeddedBus; dir: string; reopen: () => Promise<EmbeddedBus>; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-bus-'));
  const opened: Bus[] = [];
  const openOne = async (): Promise<EmbeddedBus> => {
    const b = await openEmbeddedBus(stream ? { dir, stream } : { dir });
    opened.push(b);
    return b;
  };
  const bus = await openOne();
  return {
    bus,
    dir,
    reopen: openOne,
    cleanup: async () => {
      for (const b of opened) await b.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

busConformance('embedded', () => tempBus());

const isCode = (code: string) => (err: unknown): boolean => isSwitchyardError(err) && err.code === code && err.errorClass === 'retry';

describe('embedded bus', () => {
  test('retention never discards a message a durable has not acked: publish answers BUS_FULL instead', async () => {
    const t = await tempBus({ maxMsgs: 5 });
    try {
      const pending: Array<() => Promise<void>> = [];
      await t.bus.consume({ durableName: 'holder', subject: 'default.src.held', ackWaitMs: 60_000, maxInFlight: 10 }, async (msg) => {
        pending.push(() => msg.ack());
      });
      for (let i = 0; i < 5; i++) await t.bus.publish('default.src.held', Buffer.from(String(i)), `h${i}`);
      await assert.rejects(() => t.bus.publish('default.src.held', Buffer.from('6'), 'h6'), isCode('BUS_FULL'));
      await assert.rejects(() => t.bus.publish('default.src.nobody', Buffer.from('7'), 'h7'), isCode('BUS_FULL'));
      await waitUntil('deliveries', () => pending.length === 5);
      await pending[0]!();
      const r = await t.bus.publish('default.src.held', Buffer.from('6'), 'h6');
      assert.equal(r.duplicate, false);
      assert.equal(t.bus.stats().messages, 5);
    } finally {
      await t.cleanup();
    }
  });

  test('maxBytes also answers BUS_FULL when only unacked messages remain', async () => {
    const t = await tempBus({ maxBytes: 4_000 });
    try {
      await t.bus.consume({ durableName: 'holder', subject: 'default.src.big' }, async () => undefined);
      await t.bus.publish('default.src.big', Buffer.alloc(1_900), 'b1');
      await t.bus.publish('default.src.big', Buffer.alloc(1_900), 'b2');
      await assert.rejects(() => t.bus.publish('default.src.big', Buffer.alloc(1_900), 'b3'), isCode('BUS_FULL'));
    } finally {
      await t.cleanup();
    }
  });

  test('messages no durable waits for are discarded oldest first when limits require', async () => {
    const t = await tempBus({ maxMsgs: 3 });
    try {
      for (let i = 0; i < 6; i++) await t.bus.publish('default.src.free', Buffer.from(String(i)), `f${i}`);
      assert.equal(t.bus.stats().messages, 3);
      const seen: string[] = [];
      await t.bus.consume({ durableName: 'late', subject: 'default.src.free', deliverPolicy: 'all' }, async (msg) => {
        seen.push(msg.payload.toString());
        await msg.ack();
      });
      await waitUntil('three', () => seen.length === 3);
      assert.deepEqual(seen, ['3', '4', '5']);
    } finally {
      await t.cleanup();
    }
  });

  test('maxAge discards old unclaimed messages but keeps unacked ones', async () => {
    const t = await tempBus({ maxAgeMs: 200 });
    try {
      await t.bus.consume({ durableName: 'slow', subject: 'default.src.kept', ackWaitMs: 60_000 }, async () => undefined);
      await t.bus.publish('default.src.kept', Buffer.from('k'), 'k1');
      await t.bus.publish('default.src.aged', Buffer.from('a'), 'a1');
      assert.equal(t.bus.stats().messages, 2);
      await waitUntil('age sweep', () => t.bus.stats().messages === 1, 5_000);
      await sleep(300);
      assert.equal(t.bus.stats().messages, 1, 'the unacked message stays past maxAge');
    } finally {
      await t.cleanup();
    }
  });

  test('a message every matching durable acked is deleted at once, on disk too', async () => {
    const t = await tempBus();
    try {
      let acked = 0;
      for (const name of ['one', 'two']) {
        await t.bus.consume({ durableName: name, subject: 'default.src.eager' }, async (msg) => {
          await msg.ack();
          acked++;
        });
      }
      for (let i = 0; i < 50; i++) await t.bus.publish('default.src.eager', Buffer.alloc(1024), `e${i}`);
      await waitUntil('acks', () => acked === 100);
      assert.equal(t.bus.stats().messages, 0);
      assert.equal(t.bus.stats().bytes, 0);
      await t.bus.close();
      const again = await t.reopen();
      assert.equal(again.stats().messages, 0);
      const next = await again.publish('default.src.eager', Buffer.from('x'), 'after');
      assert.equal(next.seq, 51, 'sequences are never reused after the stream empties');
    } finally {
      await t.cleanup();
    }
  });

  test('ack waits of many messages: only the unacked come back, each once, after their own wait', async () => {
    const t = await tempBus();
    try {
      const subject = 'default.waits.many';
      const deliveries: Array<{ seq: number; count: number; at: number }> = [];
      const firstAt = new Map<number, number>();
      await t.bus.consume({ durableName: 'waits', subject, ackWaitMs: 600, maxInFlight: 64 }, async (msg) => {
        const at = performance.now();
        deliveries.push({ seq: msg.seq, count: msg.deliveryCount, at });
        if (msg.deliveryCount === 1) firstAt.set(msg.seq, at);
        if (msg.deliveryCount > 1 || msg.seq % 3 === 0) await msg.ack(); // acked at once
        else if (msg.seq % 3 === 1) await msg.working(); // kept: the wait starts again now
        else setTimeout(() => void msg.nak(50), 100); // nak'ed after 100 ms: back 50 ms later
      });
      for (let i = 0; i < 30; i++) await t.bus.publish(subject, Buffer.from(`m${i}`), `w${i}`);
      await waitUntil('every unacked message redelivered', () => deliveries.filter((d) => d.count === 2).length === 20);
      await sleep(700);
      const again = deliveries.filter((d) => d.count > 1);
      assert.deepEqual(again.map((d) => d.seq).sort((a, b) => a - b), deliveries.filter((d) => d.count === 1 && d.seq % 3 !== 0).map((d) => d.seq));
      assert.ok(again.every((d) => d.count === 2), 'acked on the second delivery, so never a third');
      for (const d of again) {
        const waited = d.at - firstAt.get(d.seq)!;
        if (d.seq % 3 === 1) assert.ok(waited >= 590, `seq ${d.seq} kept working came back after ${waited.toFixed(0)} ms, before its ack wait`);
        else assert.ok(waited >= 140 && waited < 590, `seq ${d.seq} nak'ed at 100 ms with 50 ms delay came back after ${waited.toFixed(0)} ms`);
      }
    } finally {
      await t.cleanup();
    }
  });

  test('the duplicates window remembers the most recent MAX_DUPLICATE_IDS ids, so memory stays bounded', async () => {
    const t = await tempBus({ maxMsgs: 1000 });
    try {
      const subject = 'default.src.many';
      const total = MAX_DUPLICATE_IDS + 1;
      for (let start = 0; start < total; start += 5000) {
        const n = Math.min(5000, total - start);
        await Promise.all(Array.from({ length: n }, (_, i) => t.bus.publish(subject, Buffer.from('x'), `id-${start + i}`)));
      }
      assert.equal((await t.bus.publish(subject, Buffer.from('x'), `id-${total - 1}`)).duplicate, true, 'the newest id is remembered');
      assert.equal((await t.bus.publish(subject, Buffer.from('x'), 'id-1')).duplicate, true, 'the second id is still within the bound');
      assert.equal((await t.bus.publish(subject, Buffer.from('x'), 'id-0')).duplicate, false, 'the oldest id was forgotten');
    } finally {
      await t.cleanup();
    }
  });

  test('an id published as unique stays out of the duplicates window; other ids are still checked', async () => {
    const t = await tempBus();
    try {
      const subject = 'default.src.unique';
      const first = await t.bus.publish(subject, Buffer.from('a'), 'u-1', { uniqueId: true });
      // Reusing it (a caller that says unique never does) shows it was not kept: it is stored again.
      const again = await t.bus.publish(subject, Buffer.from('b'), 'u-1');
      assert.equal(again.duplicate, false);
      assert.ok(again.seq > first.seq);
      const repeat = await t.bus.publish(subject, Buffer.from('c'), 'u-1');
      assert.deepEqual(repeat, { seq: again.seq, duplicate: true }, 'an id published without the flag is remembered');
      assert.equal(t.bus.stats().messages, 2);
    } finally {
      await t.cleanup();
    }
  });

  test('a second bus on the same directory is refused while the first is open', async () => {
    const t = await tempBus();
    try {
      await assert.rejects(() => openEmbeddedBus({ dir: t.dir }), (err: unknown) => isSwitchyardError(err) && err.code === 'BUS_LOCKED');
    } finally {
      await t.cleanup();
    }
  });

  test('invalid subjects, durable names and bucket names are rejected with a stop-class error', async () => {
    const t = await tempBus();
    try {
      const stopClass = (err: unknown): boolean => isSwitchyardError(err) && err.errorClass === 'stop';
      await assert.rejects(() => t.bus.publish('default.*.x', Buffer.from(''), 'w'), stopClass);
      await assert.rejects(() => t.bus.publish('default..x', Buffer.from(''), 'w'), stopClass);
      await assert.rejects(() => t.bus.consume({ durableName: 'ok', subject: 'default.>.x' }, async () => undefined), stopClass);
      await assert.rejects(() => t.bus.consume({ durableName: 'bad name', subject: 'default.a.b' }, async () => undefined), stopClass);
      await assert.rejects(() => t.bus.kv('a/b'), stopClass);
    } finally {
      await t.cleanup();
    }
  });

  test('a durable started again with another subject starts afresh on the new subject', async () => {
    const t = await tempBus();
    try {
      const c = await t.bus.consume({ durableName: 'moved', subject: 'default.src.old' }, async () => undefined);
      await t.bus.publish('default.src.old', Buffer.from('old'), 'o1');
      await c.stop();
      const seen: string[] = [];
      await t.bus.consume({ durableName: 'moved', subject: 'default.src.new' }, async (msg) => {
        seen.push(msg.payload.toString());
        await msg.ack();
      });
      await t.bus.publish('default.src.old', Buffer.from('old2'), 'o2');
      await t.bus.publish('default.src.new', Buffer.from('new'), 'n1');
      await waitUntil('new', () => seen.length === 1);
      await sleep(100);
      assert.deepEqual(seen, ['new']);
      assert.equal(t.bus.stats().messages, 1, 'the old subject messages are no longer held (only the unclaimed old2 remains)');
    } finally {
      await t.cleanup();
    }
  });

  test('deleteConsumer releases the messages a removed durable held', async () => {
    const t = await tempBus();
    try {
      const c = await t.bus.consume({ durableName: 'gone', subject: 'default.src.del' }, async () => undefined);
      await t.bus.publish('default.src.del', Buffer.from('x'), 'x1');
      assert.equal(t.bus.stats().messages, 1);
      await c.stop();
      assert.equal(await t.bus.deleteConsumer('gone'), true);
      assert.equal(t.bus.stats().messages, 0);
      assert.equal(await t.bus.deleteConsumer('gone'), false);
    } finally {
      await t.cleanup();
    }
  });
});

describe('embedded bus after kill -9', () => {
  test('a process killed mid-stream loses no unacked message and redelivers no acked one', async () => {
    const { spawn } = await import('node:child_process');
    const { createInterface } = await import('node:readline');
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-crash-'));
    try {
      const published = new Set<number>();
      const acking = new Set<number>();
      const acked = new Set<number>();
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./crash-child.ts', import.meta.url)), dir], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      const lines = createInterface({ input: child.stdout });
      let killed = false;
      lines.on('line', (line) => {
        const [what, n] = line.split(' ');
        const seq = Number(n);
        if (what === 'published') published.add(seq);
        if (what === 'acking') acking.add(seq);
        if (what === 'acked') acked.add(seq);
        if (!killed && acked.size >= 300) {
          killed = true;
          child.kill('SIGKILL');
        }
      });
      assert.equal(await exited, 'SIGKILL');
      // Every third message is never acked. A message whose ack was under way at the kill may have been
      // acked or not; one whose ack never started must come back.
      const neverAcked = [...published].filter((s) => s % 3 === 0);
      const notAcking = [...published].filter((s) => s % 3 !== 0 && !acking.has(s));
      assert.ok(neverAcked.length >= 100, `expected unacked messages at the kill, got ${neverAcked.length}`);

      const bus = await openEmbeddedBus({ dir });
      try {
        const redelivered = new Map<number, number>();
        await bus.consume({ durableName: 'worker', subject: 'default.crash.evt', maxInFlight: 16 }, async (msg) => {
          redelivered.set(msg.seq, msg.deliveryCount);
          await msg.ack();
        });
        await waitUntil('every message left unacked on purpose', () => neverAcked.every((s) => redelivered.has(s)), 20_000);
        await sleep(300);
        const lost = [...neverAcked, ...notAcking].filter((s) => !redelivered.has(s));
        assert.deepEqual(lost, [], 'messages published and never acked are delivered after the restart');
        const again = [...redelivered.keys()].filter((s) => acked.has(s));
        assert.deepEqual(again, [], 'messages whose ack resolved were delivered again');
        const counted = neverAcked.filter((s) => (redelivered.get(s) ?? 0) >= 2);
        assert.ok(counted.length > 0, 'delivery counts from before the kill are kept');
        // Sequences are reserved on disk a block at a time: after a crash the next one skips what was left of it.
        const last = Math.max(...published);
        const next = await bus.publish('default.crash.evt', Buffer.from('after'), 'after-restart');
        assert.ok(next.seq > last && next.seq <= last + SEQ_BLOCK, `sequence after restart ${next.seq}, last published before the kill ${last}`);
      } finally {
        await bus.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
