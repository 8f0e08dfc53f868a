import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { AckDeadlines, type Pending } from '../../src/bus/embedded/ack-deadlines.ts';
import { sleep, waitUntil } from '../helpers/wait.ts';

function harness(waitMs: number) {
  const pending = new Map<number, Pending>();
  const expired: number[] = [];
  const deadlines = new AckDeadlines(waitMs, {
    isPending: (p) => pending.get(p.seq) === p,
    pendingCount: () => pending.size,
    expired: (p) => expired.push(p.seq),
  });
  const deliver = (seq: number): Pending => {
    const p: Pending = { seq, due: Infinity, timer: undefined, ready: false };
    pending.set(seq, p);
    deadlines.add(p);
    return p;
  };
  const ack = (seq: number): void => {
    pending.delete(seq);
    deadlines.trim();
  };
  return { pending, expired, deadlines, deliver, ack };
}

describe('AckDeadlines (embedded ack waits)', () => {
  test('only messages still pending at their deadline expire, in delivery order', async () => {
    const h = harness(80);
    for (let seq = 1; seq <= 6; seq++) h.deliver(seq);
    h.ack(1);
    h.ack(4);
    await waitUntil('four expired', () => h.expired.length === 4);
    assert.deepEqual(h.expired, [2, 3, 5, 6]);
    h.deadlines.clear();
  });

  test('a deadline moved later (queued again) expires once, at the later time', async () => {
    const h = harness(100);
    const p = h.deliver(1);
    await sleep(60);
    h.deadlines.add(p); // working(): due 100 ms from now
    await sleep(70); // the first entry came due meanwhile and was skipped
    assert.deepEqual(h.expired, []);
    await waitUntil('expired', () => h.expired.length === 1);
    assert.deepEqual(h.expired, [1]);
    h.deadlines.clear();
  });

  test('acked entries behind a long-held message are swept out, so the queue stays near the pending count', () => {
    const h = harness(60_000);
    h.deliver(0); // held: never acked during the test
    for (let seq = 1; seq <= 50_000; seq++) {
      h.deliver(seq);
      h.ack(seq);
    }
    assert.equal(h.pending.size, 1);
    assert.ok(h.deadlines.size <= 2 * 1024 + 2, `queue holds ${h.deadlines.size} entries for 1 pending message`);
    h.deadlines.clear();
    assert.equal(h.deadlines.size, 0);
  });
});
