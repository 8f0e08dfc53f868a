import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildEvent, decodeEvent, encodeEvent, encodeSharedEvent } from '../../src/events/envelope.ts';

const event = () => buildEvent({ source: 'hooks', type: 'webhook', subject: 'note', data: Buffer.from('{"body":{"n":1}}'), time: new Date('2026-11-24T05:00:00.123Z') });

describe('event envelope', () => {
  test("encodeEvent writes Argo's CloudEvent JSON with the data in base64", () => {
    const ev = event();
    const wire = JSON.parse(encodeEvent(ev).toString('utf8')) as Record<string, string>;
    assert.deepEqual(Object.keys(wire), ['specversion', 'id', 'source', 'type', 'subject', 'datacontenttype', 'time', 'data_base64']);
    assert.equal(wire['id'], ev.context.id);
    assert.equal(wire['time'], '2026-11-24T05:00:00.123Z');
    assert.equal(Buffer.from(wire['data_base64'] ?? '', 'base64').toString(), '{"body":{"n":1}}');
  });

  test('bytes from encodeEvent are decoded from their JSON, each time afresh', () => {
    const ev = event();
    const bytes = encodeEvent(ev);
    const a = decodeEvent(bytes);
    const b = decodeEvent(bytes);
    assert.deepEqual(a.context, ev.context);
    assert.equal(a.data.toString(), '{"body":{"n":1}}');
    assert.notEqual(a.data, ev.data, 'not the published data Buffer');
    assert.notEqual(a, b);
  });

  test('bytes from encodeSharedEvent decode to the published event without parsing', () => {
    const ev = event();
    const bytes = encodeSharedEvent(ev);
    assert.ok(bytes.equals(encodeEvent(ev)), 'the same wire bytes');
    const a = decodeEvent(bytes);
    assert.equal(a.data, ev.data, 'the very data Buffer');
    assert.equal(decodeEvent(bytes), a, 'shared by every consumer');
    assert.deepEqual(a.context, ev.context);
    assert.equal(a.context, ev.context, 'the very context object');
    // A copy of the bytes is another message: decoded from its JSON.
    assert.notEqual(decodeEvent(Buffer.from(bytes)).data, ev.data);
  });
});
