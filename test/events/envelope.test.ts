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
    const a = decodeEvent(bytes);
    assert.equal(a.data, ev.data, 'the very data Buffer');
    assert.equal(decodeEvent(bytes), a, 'shared by every consumer');
    assert.deepEqual(a.context, ev.context);
    assert.equal(a.context, ev.context, 'the very context object');
    // A copy of the bytes is another message: decoded from its JSON.
    const copy = decodeEvent(Buffer.from(bytes));
    assert.notEqual(copy.data, ev.data);
    assert.ok(copy.data.equals(ev.data));
  });

  test('encodeSharedEvent stores JSON data as written, last, and reading it back gives the same bytes', () => {
    const texts = [
      '{"body":{"n":1.50e3,"big":12345678901234567890,"neg":-0.0}}', // JSON.stringify would write 1500, 12345678901234567000, 0
      '{"body":{"html":"\\u003cb\\u003e","quote":"a\\"}{[","é":"Zürich 告警"}}',
      '[1,{"a":[]},"]"]',
      '{}',
    ];
    for (const text of texts) {
      const ev = buildEvent({ source: 'hooks', type: 'webhook', subject: 'note', data: Buffer.from(text) });
      const bytes = encodeSharedEvent(ev);
      const wire = JSON.parse(bytes.toString()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(wire), ['specversion', 'id', 'source', 'type', 'subject', 'datacontenttype', 'time', 'data'], text);
      assert.deepEqual(wire['data'], JSON.parse(text));
      const back = decodeEvent(Buffer.from(bytes)); // a copy: read from its bytes, as after a restart
      assert.equal(back.data.toString(), text);
      assert.deepEqual({ ...back.context }, { ...ev.context });
    }
  });

  test('encodeSharedEvent keeps data_base64 for data that is not a JSON object or array', () => {
    for (const text of ['"just a string"', '42', '', 'not json']) {
      const ev = buildEvent({ source: 'hooks', type: 'webhook', subject: 'note', data: Buffer.from(text) });
      const bytes = encodeSharedEvent(ev);
      assert.ok(bytes.equals(encodeEvent(ev)), text);
      assert.equal(decodeEvent(Buffer.from(bytes)).data.toString(), text);
    }
    const binary = buildEvent({ source: 'hooks', type: 'webhook', subject: 'note', data: Buffer.from('{"a":1}') });
    const other = { context: { ...binary.context, datacontenttype: 'application/octet-stream' }, data: binary.data };
    assert.ok(encodeSharedEvent(other).equals(encodeEvent(other)), 'only application/json data goes in data');
  });

  test('JSON data in an envelope from elsewhere is kept as written, whitespace and all', () => {
    const head = '{"specversion":"1.0","id":"e","source":"s","type":"t","subject":"x"';
    const cases: Array<[string, string]> = [
      [`${head},"data":{"n":1.50e3}}`, '{"n":1.50e3}'],
      [`${head}, "data" : { "a" : [1, 2] } , "ext":"v"}`, '{ "a" : [1, 2] }'],
      [`${head},"data":{"first":1},"data":{"second":2}}`, '{"second":2}'], // JSON.parse keeps the last
      [`${head},"d\\u0061ta":[true,null]}`, '[true,null]'],
      [`${head},"data":7.0}`, '7.0'],
      [`${head},"data":{"s":"}\\"{"},"x":{"data":1}}`, '{"s":"}\\"{"}'],
    ];
    for (const [text, data] of cases) assert.equal(decodeEvent(Buffer.from(text)).data.toString(), data, text);
  });
});
