import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryPolicy } from '../../src/triggers/backoff.ts';
import { parseGoDuration } from '../../src/triggers/duration.ts';
import { RateLimiter } from '../../src/triggers/rate-limit.ts';

test("retryStrategy: Argo's defaults, integer nanoseconds, Go durations, factor and jitter", () => {
  const def = retryPolicy(undefined, () => 0);
  assert.equal(def.attempts, 5);
  assert.equal(def.delayMs(1), 1000);
  const ns = retryPolicy({ steps: 3, duration: 2_000_000_000, factor: 2, jitter: 0 });
  assert.equal(ns.attempts, 3);
  assert.deepEqual([ns.delayMs(1), ns.delayMs(2), ns.delayMs(3)], [2000, 4000, 8000]);
  const str = retryPolicy({ steps: 2, duration: '1m30s', factor: '1.5', jitter: '0' });
  assert.deepEqual([str.delayMs(1), str.delayMs(2)], [90_000, 135_000]);
  const jit = retryPolicy({ duration: '1s', jitter: 0.5 }, () => 1);
  assert.equal(jit.delayMs(1), 1500, 'jitter adds up to jitter x delay');
  assert.equal(retryPolicy({ steps: 0 }).attempts, 5);
  assert.throws(() => retryPolicy({ duration: 'soon' }), /retryStrategy.duration "soon"/);
  assert.throws(() => retryPolicy({ factor: -1 }), /factor/);
});

test('Go durations', () => {
  assert.equal(parseGoDuration('1h2m3s', 'x'), 3_723_000);
  assert.equal(parseGoDuration('1.5s', 'x'), 1500);
  assert.equal(parseGoDuration('250ms', 'x'), 250);
  assert.equal(parseGoDuration('0', 'x'), 0);
  assert.throws(() => parseGoDuration('10', 'timeout'), /timeout "10" is not a duration/);
});

test('rateLimit spaces starts evenly: 20 per second lets 5 starts take about 200 ms', async () => {
  const limiter = new RateLimiter({ unit: 'Second', requestsPerUnit: 20 }, 't');
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    await limiter.take();
    starts.push(Date.now());
  }
  // Spacing is a behaviour, not a speed: start i never comes before its slot, i x the 50 ms interval after the
  // first (minus timer slack). A start the machine made late does not push the later slots back.
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[0]! >= i * 50 - 5, `start ${i} came ${starts[i]! - starts[0]!} ms after the first`);
  assert.throws(() => new RateLimiter({ unit: 'Day', requestsPerUnit: 1 }, 't'), /Second, Minute or Hour/);
  assert.throws(() => new RateLimiter({ unit: 'Second', requestsPerUnit: 0 }, 't'), /positive/);
});
