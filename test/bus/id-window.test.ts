import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IdWindow } from '../../src/bus/embedded/id-window.ts';

describe('IdWindow (the embedded bus duplicates window)', () => {
  test('finds an id remembered at or after the given time, and only then', () => {
    const w = new IdWindow(10);
    w.remember('a', 1, 1000);
    w.remember('b', 2, 2000);
    assert.equal(w.seqOf('a', 1000), 1);
    assert.equal(w.seqOf('a', 1001), -1);
    assert.equal(w.seqOf('b', 1500), 2);
    assert.equal(w.seqOf('c', 0), -1);
  });

  test('expire forgets the ids older than the cut, oldest first', () => {
    const w = new IdWindow(10);
    for (let i = 0; i < 5; i++) w.remember(`id${i}`, i + 1, 100 * i);
    w.expire(250);
    assert.equal(w.size, 2);
    assert.equal(w.seqOf('id2', 0), -1);
    assert.equal(w.seqOf('id3', 0), 4);
    w.expire(10_000);
    assert.equal(w.size, 0);
    assert.equal(w.seqOf('id4', 0), -1);
  });

  test('at capacity the oldest id makes room, across many turns of the ring', () => {
    const w = new IdWindow(3);
    for (let i = 0; i < 100; i++) w.remember(`id${i}`, i, i);
    assert.equal(w.size, 3);
    assert.equal(w.seqOf('id96', 0), -1);
    assert.deepEqual([w.seqOf('id97', 0), w.seqOf('id98', 0), w.seqOf('id99', 0)], [97, 98, 99]);
  });

  test('an id remembered again keeps its newer entry when the older one leaves the ring', () => {
    const w = new IdWindow(3);
    w.remember('x', 1, 10);
    w.remember('y', 2, 20);
    w.remember('x', 3, 30);
    w.expire(15); // drops the first 'x'
    assert.equal(w.seqOf('x', 0), 3);
    w.remember('z', 4, 40);
    w.remember('w', 5, 50); // full: drops 'y'
    assert.equal(w.seqOf('y', 0), -1);
    assert.equal(w.seqOf('x', 0), 3);
  });

  test('forget drops an id only with the sequence it was remembered with, and it can be remembered again', () => {
    const w = new IdWindow(3);
    w.remember('a', 1, 10);
    w.remember('b', 2, 20);
    w.forget('a', 7);
    assert.equal(w.seqOf('a', 0), 1, 'another sequence: kept');
    w.forget('a', 1);
    assert.equal(w.seqOf('a', 0), -1);
    w.remember('a', 3, 30);
    w.remember('c', 4, 40); // full: the oldest slot (the forgotten 'a') leaves; the new 'a' stays
    assert.equal(w.seqOf('a', 0), 3);
    assert.equal(w.seqOf('b', 0), 2);
  });

  test('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new IdWindow(0), /positive integer/);
  });
});
