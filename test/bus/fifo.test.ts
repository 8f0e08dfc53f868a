import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Fifo } from '../../src/bus/fifo.ts';

describe('Fifo (the embedded bus retention queue)', () => {
  test('the oldest live entry is found after deletes at the front and in the middle', () => {
    const q = new Fifo<number, string>();
    for (let i = 1; i <= 5; i++) q.set(i, `v${i}`);
    q.delete(1);
    q.delete(3);
    assert.deepEqual(q.oldest(), { key: 2, value: 'v2' });
    q.delete(2);
    assert.equal(q.oldest()?.key, 4);
    assert.deepEqual([...q.values()], ['v4', 'v5']);
    assert.equal(q.size, 2);
    q.delete(4);
    q.delete(5);
    assert.equal(q.oldest(), undefined);
    q.set(6, 'v6');
    assert.equal(q.oldest()?.key, 6);
  });

  test('setting a key again makes it the newest', () => {
    const q = new Fifo<string, number>();
    q.set('a', 1);
    q.set('b', 2);
    q.set('a', 3);
    assert.deepEqual([...q.values()], [2, 3]);
    assert.equal(q.get('a'), 3);
    assert.deepEqual(q.oldest(), { key: 'b', value: 2 });
  });

  test('a long queue drained from the front and refilled keeps its order ', () => {
    const q = new Fifo<number, number>();
    const n = 200_000;
    for (let i = 0; i < n; i++) q.set(i, i);
    for (let i = 0; i < n; i++) {
      const oldest = q.oldest();
      assert.equal(oldest?.key, i);
      q.delete(i);
      q.set(n + i, n + i);
    }
    assert.equal(q.size, n);
    assert.equal(q.oldest()?.key, n);
  });

  test('shift() takes entries oldest first, skipping deleted ones, and keeps working after the queue runs dry', () => {
    const q = new Fifo<number, string>();
    for (let i = 1; i <= 4; i++) q.set(i, `v${i}`);
    q.delete(2);
    assert.deepEqual(q.shift(), { key: 1, value: 'v1' });
    assert.deepEqual(q.shift(), { key: 3, value: 'v3' });
    assert.equal(q.has(3), false);
    assert.deepEqual([...q.entries()], [{ key: 4, value: 'v4' }]);
    assert.equal(q.shift()?.key, 4);
    assert.equal(q.shift(), undefined);
    assert.equal(q.size, 0);
    q.set(5, 'v5');
    assert.equal(q.shift()?.key, 5);
  });

  test('clear() empties the queue', () => {
    const q = new Fifo<number, number>();
    for (let i = 0; i < 10; i++) q.set(i, i);
    q.shift();
    q.clear();
    assert.equal(q.size, 0);
    assert.equal(q.shift(), undefined);
    assert.deepEqual([...q.values()], []);
    q.set(1, 1);
    assert.deepEqual([...q.values()], [1]);
  });

  test('a queue of 100,000 taken with shift() while refilled keeps its order', () => {
    const q = new Fifo<number, number>();
    const n = 100_000;
    for (let i = 0; i < n; i++) q.set(i, i);
    for (let i = 0; i < n; i++) {
      assert.equal(q.shift()?.key, i);
      q.set(n + i, n + i);
    }
    assert.equal(q.size, n);
    assert.equal(q.shift()?.key, n);
  });

  test('entries taken from the front are released: a short queue used a million times keeps a small array', () => {
    const slots = (q: Fifo<number, number>): number => (q as unknown as { order: unknown[] }).order.length;
    const byShift = new Fifo<number, number>();
    const byDelete = new Fifo<number, number>();
    for (let i = 0; i < 10; i++) {
      byShift.set(i, i);
      byDelete.set(i, i);
    }
    for (let i = 10; i < 1_000_000; i++) {
      byShift.set(i, i);
      assert.equal(byShift.shift()?.key, i - 10);
      byDelete.set(i, i);
      byDelete.delete(byDelete.oldest()!.key);
    }
    assert.equal(byShift.size, 10);
    assert.equal(byDelete.size, 10);
    assert.ok(slots(byShift) < 3_000, `${slots(byShift)} slots held for 10 entries`);
    assert.ok(slots(byDelete) < 3_000, `${slots(byDelete)} slots held for 10 entries`);
    assert.deepEqual([...byShift.values()], Array.from({ length: 10 }, (_, i) => 999_990 + i));
  });
});
