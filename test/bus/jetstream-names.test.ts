import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { nanos } from '@nats-io/transport-node';
import { consumerName, argoConsumerName, fnv32a, wantedStream, differences } from '../../src/bus/jetstream/index.ts';
import { decodeKey, encodeKey } from '../../src/bus/jetstream/kv.ts';
import { jetstreamFilter } from '../../src/bus/jetstream/subjects.ts';
import { DEFAULT_STREAM } from '../../src/bus/types.ts';
import type { StreamConfig } from '@nats-io/jetstream';

describe('jetstream names (pure)', () => {
  test('FNV-32a matches the published test vectors', () => {
    assert.equal(fnv32a(''), 0x811c9dc5);
    assert.equal(fnv32a('a'), 0xe40c292c);
    assert.equal(fnv32a('foobar'), 0xbf9cf968);
  });

  test("Argo's consumer name is group-<FNV-32a in decimal> of sensor-trigger-dependency", () => {
    assert.equal(argoConsumerName('s', 't', 'd'), `group-${fnv32a('s-t-d')}`);
    assert.match(argoConsumerName('webhook', 'trigger', 'dep'), /^group-\d+$/);
  });

  test('safe short durable names are used unchanged; others map to a readable prefix plus a hash', () => {
    assert.equal(consumerName('webhook-sensor-trigger_1-dep'), 'webhook-sensor-trigger_1-dep');
    const dotted = consumerName('sensor.a-trigger-dep');
    assert.equal(dotted, `sensor_a-trigger-dep-${fnv32a('sensor.a-trigger-dep').toString(16).padStart(8, '0')}`);
    assert.notEqual(consumerName('sensor.a-trigger-dep'), consumerName('sensor_a-trigger-dep.'), 'distinct names stay distinct');
    const long = 'x'.repeat(200);
    // The hash worked out apart from this code (FNV-1a, 32 bits, of 200 'x' bytes).
    assert.equal(consumerName(long), `${'x'.repeat(48)}-b3e4b6e5`);
    for (const n of [dotted, consumerName(long), consumerName('a b*c>d/e\\f')]) assert.match(n, /^[A-Za-z0-9_-]+$/);
  });

  test('key-value keys round-trip through the JetStream key encoding', () => {
    for (const k of ['trigger-a', 'a/b=c.d', '=starts-with-equals', 'has space', 'ünïcode', '.dot', 'a..b', 'colon:key', 'x*y>']) {
      const stored = encodeKey(k);
      assert.match(stored, /^[-/_=.a-zA-Z0-9]+$/);
      assert.equal(decodeKey(stored), k);
    }
    assert.equal(encodeKey('trigger-a'), 'trigger-a', 'plain keys are stored as they are');
  });

  test("consumer filters fit the stream's three-token subjects", () => {
    assert.equal(jetstreamFilter('default', 'default.src.evt'), 'default.src.evt');
    assert.equal(jetstreamFilter('default', 'default.src.*'), 'default.src.*');
    assert.equal(jetstreamFilter('default', 'default.src.>'), 'default.src.*');
    assert.equal(jetstreamFilter('default', 'default.>'), 'default.*.*');
    assert.throws(() => jetstreamFilter('default', 'default.a.b.c'), /never match/);
    assert.throws(() => jetstreamFilter('default', 'other.a.b'), /cannot consume/);
  });

  test('wanted stream settings and their differences from an existing stream', () => {
    const want = wantedStream({ ...DEFAULT_STREAM, maxAgeMs: 0 });
    assert.equal(want.max_age, 0);
    assert.equal(want.duplicate_window, nanos(300_000));
    const clamped = wantedStream({ ...DEFAULT_STREAM, maxAgeMs: 60_000 });
    assert.equal(clamped.duplicate_window, nanos(60_000), 'the duplicates window must fit inside max_age');
    const existing = { ...want, subjects: ['default.>'], storage: 'memory', max_msgs: 5 } as unknown as StreamConfig;
    assert.deepEqual(
      differences(existing, want).map((d) => [d.field, d.existing, d.wanted]),
      [
        ['storage', 'memory', 'file'],
        ['max_msgs', 5, 50_000],
      ],
      "default.> already covers default.*.*",
    );
  });
});
