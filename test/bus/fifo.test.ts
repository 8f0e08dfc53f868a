import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Fifo } from '../../src/bus/embedded/fifo.ts';

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
});
