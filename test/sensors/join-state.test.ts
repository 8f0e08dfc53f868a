/** A join's saved events in the bus's key-value store (the real embedded bus): the format, the earlier one, a broken value. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openEmbeddedBus } from '../../src/bus/embedded/index.ts';
import type { Bus, KeyValueStore } from '../../src/bus/types.ts';
import { buildEvent, encodeEvent } from '../../src/events/envelope.ts';
import { EvalEvent } from '../../src/sensors/event.ts';
import { JoinState } from '../../src/sensors/join-state.ts';
import { tempDir } from '../helpers/tmp.ts';

const event = (subject: string, data: string): EvalEvent => new EvalEvent(buildEvent({ source: 'src', type: 'webhook', subject, data: Buffer.from(data) }));

describe('join state', () => {
  const tmp = tempDir();
  let bus: Bus;
  let kv: KeyValueStore;
  before(async () => {
    bus = await openEmbeddedBus({ dir: tmp.dir });
    kv = await bus.kv('joins');
  });
  after(async () => {
    await bus.close();
    tmp.cleanup();
  });

  test('saved events come back as they were, JSON data byte for byte and other data too', async () => {
    const problems: string[] = [];
    const state = new JoinState(kv, 'round-trip', (r) => problems.push(r));
    // numbers JSON.parse would change, text that is not JSON (some looking like it), a dependency name that needs quoting
    const a = event('a', '{"big":12345678901234567890,"f":1.50,"s":"é\\n"}');
    const b = event('b', 'plain text, not JSON');
    const broken = ['{not json', '{"a":1} trailing', '[1,2', '{"a":1}\n', ' [1] '];
    await state.save(new Map([['dep-a', a], ['dep "b"', b], ...broken.map((d, i) => [`c${i}`, event('c', d)] as const)]));
    const back = await state.load();
    assert.deepEqual([...back.keys()], ['dep-a', 'dep "b"', ...broken.map((_, i) => `c${i}`)]);
    broken.forEach((d, i) => assert.equal(back.get(`c${i}`)!.event.data.toString(), d));
    // bytes that are not valid UTF-8 inside a JSON string
    const binary = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const bin = new EvalEvent(buildEvent({ source: 'src', type: 'webhook', subject: 'bin', data: binary }));
    await state.save(new Map([['bin', bin]]));
    assert.ok((await state.load()).get('bin')!.event.data.equals(binary));
    assert.equal(back.get('dep-a')!.event.data.toString(), '{"big":12345678901234567890,"f":1.50,"s":"é\\n"}');
    assert.deepEqual(back.get('dep-a')!.context, a.context);
    assert.equal(back.get('dep "b"')!.event.data.toString(), 'plain text, not JSON');
    assert.deepEqual(problems, []);
  });

  test('an event takes about as many bytes as its data, not a base64 copy of a base64 copy', async () => {
    const data = JSON.stringify({ pad: 'x'.repeat(100_000) });
    await new JoinState(kv, 'size', () => undefined).save(new Map([['a', event('a', data)]]));
    const stored = (await kv.get('size'))!;
    assert.ok(stored.length < data.length + 1_000, `${stored.length} bytes stored for ${data.length} bytes of data`);
  });

  test('values saved in the earlier format (base64 wire JSON per dependency) are still read', async () => {
    const a = event('a', '{"n":1}');
    await kv.put('earlier', Buffer.from(JSON.stringify({ 'dep-a': encodeEvent(a.event).toString('base64') })));
    const back = await new JoinState(kv, 'earlier', () => undefined).load();
    assert.equal(back.get('dep-a')!.event.data.toString(), '{"n":1}');
    assert.equal(back.get('dep-a')!.context.id, a.context.id);
  });

  test('a value that cannot be read is reported and the join starts over, instead of failing every event', async () => {
    for (const broken of ['J2 [["a",99]]\n{"specversion"', 'J2 not json\n', '{"dep-a":"bm90IGFuIGVudmVsb3Bl"}', '\u0000\u0001']) {
      await kv.put('broken', Buffer.from(broken));
      const problems: string[] = [];
      const back = await new JoinState(kv, 'broken', (r) => problems.push(r)).load();
      assert.equal(back.size, 0, broken);
      assert.equal(problems.length, 1, broken);
      assert.match(problems[0]!, /saved join state of \d+ bytes cannot be read .*; starting over/);
    }
  });
});
