import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildEvent, decodeEvent, encodeEvent, encodeSharedEvent, parseEventJson, type SensorEvent } from '../../src/events/envelope.ts';
import { readCompactEnvelope } from '../../src/events/envelope-read.ts';
import { generator } from '../helpers/random.ts';

/** What JSON.parse's reading gives for these bytes: the event, or the error message. */
function reference(bytes: Buffer): SensorEvent | string {
  try {
    return parseEventJson(bytes.toString('utf8'));
  } catch (err) {
    return (err as Error).message;
  }
}

function same(a: SensorEvent, b: SensorEvent, what: string): void {
  assert.deepEqual({ ...a.context }, { ...b.context }, what);
  assert.ok(a.data.equals(b.data), `${what}: data`);
}

const wire = (ev: SensorEvent): Buffer => encodeEvent(ev);
const alert = Buffer.from('{"receiver":"ops","status":"firing","alerts":[{"labels":{"alertname":"Down","team":"Zürich"}}]}');

describe('compact envelope reader', () => {
  test('reads what encodeEvent writes, as JSON.parse does, for every data length and unusual context text', () => {
    const contexts = [
      { source: 'alertmanager', subject: 'alerts' },
      { source: 'zürich-hooks', subject: '告警' }, // UTF-8 beyond ASCII
      { source: 'a"quoted"source', subject: 'tab\there' }, // escaped on the wire: left to JSON.parse
    ];
    for (const c of contexts) {
      for (let n = 0; n <= 9; n++) {
        const ev = buildEvent({ ...c, type: 'webhook', data: alert.subarray(0, n * 10) });
        const bytes = wire(ev);
        const fast = readCompactEnvelope(bytes);
        const ref = reference(bytes);
        assert.ok(typeof ref !== 'string', ref as string);
        if (c.source.includes('"')) assert.equal(fast, undefined, 'an escape is left to JSON.parse');
        else {
          assert.ok(fast !== undefined, `read fast: ${bytes.toString()}`);
          same(fast, ref, bytes.toString());
        }
        same(decodeEvent(bytes), ev, 'decodeEvent gives the event back');
      }
    }
  });

  test("reads Argo's envelopes, with their field order, extensions and an absent time", () => {
    const data = Buffer.from('{"header":{},"body":{"a":1}}').toString('base64');
    const cases = [
      `{"data_base64":"${data}","datacontenttype":"application/json","id":"e1","source":"s","specversion":"1.0","subject":"x","time":"2026-11-24T05:00:00Z","type":"webhook"}`,
      `{"specversion":"1.0","id":"e1","source":"s","type":"webhook","subject":"x","datacontenttype":"application/json","data_base64":"${data}","ext":"kept out"}`,
      `{"specversion":"1.0","id":"e1","source":"s","type":"webhook","subject":"x","data_base64":"${data}"}`,
    ];
    for (const text of cases) {
      const bytes = Buffer.from(text);
      const fast = readCompactEnvelope(bytes);
      const ref = reference(bytes);
      assert.ok(fast !== undefined && typeof ref !== 'string', text);
      same(fast, ref, text);
    }
  });

  // Mangled from what the JetStream bus writes (data_base64) and from what the embedded bus stores (raw JSON data).
  const goods: Array<[string, Buffer]> = [
    ['data_base64', wire(buildEvent({ source: 'src', type: 'webhook', subject: 'sub', data: alert }))],
    ['raw JSON data', encodeSharedEvent(buildEvent({ source: 'src', type: 'webhook', subject: 'sub', data: alert }))],
  ];
  for (const [name, goodBytes] of goods) {
    test(`agrees with JSON.parse on every mangled envelope (${name}): the same event, or no fast reading at all`, () => {
      const rnd = generator(name === 'data_base64' ? 7 : 11);
      const good = goodBytes.toString('latin1');
      const pieces = ['"', '\\', ' ', '\n', '\t', ',', ':', '{', '}', '[', ']', '=', '==', 'A', '/', '+', '\u0001', '\u00e2', '\u00ff', '"x":1', '"data":{}', '"id":"dup"',
        '"data_base64":"QQ=="', '"time":null', '"ext":"v"', 'é', '1.50e3', '<'];
      let fastReads = 0;
      let refusals = 0;
      for (let i = 0; i < 30_000; i++) {
        let text = good;
        const edits = 1 + rnd(3);
        for (let e = 0; e < edits; e++) {
          const at = rnd(text.length + 1);
          const kind = rnd(4);
          if (kind === 0) text = text.slice(0, at) + pieces[rnd(pieces.length)]! + text.slice(at);
          else if (kind === 1) text = text.slice(0, at) + text.slice(at + 1 + rnd(4));
          else if (kind === 2) text = text.slice(0, at);
          else text = text.slice(0, at) + String.fromCharCode(rnd(256)) + text.slice(at + 1);
        }
        const bytes = Buffer.from(text, 'latin1'); // any byte sequence, valid UTF-8 or not
        const fast = readCompactEnvelope(bytes);
        const ref = reference(bytes);
        if (typeof ref === 'string') {
          refusals++;
          assert.equal(fast, undefined, `JSON.parse refuses (${ref}) but the fast reader read: ${JSON.stringify(text)}`);
          assert.throws(() => decodeEvent(bytes), { message: ref });
        } else {
          if (fast !== undefined) {
            fastReads++;
            same(fast, ref, JSON.stringify(text));
          }
          same(decodeEvent(bytes), ref, JSON.stringify(text));
        }
      }
      // Both outcomes occur often enough for the comparison to mean something.
      assert.ok(fastReads > 1_000, `fast reads: ${fastReads}`);
      assert.ok(refusals > 1_000, `refusals: ${refusals}`);
    });
  }

  test('strict base64 only: skipped characters, misplaced padding and odd lengths go to JSON.parse', () => {
    const head = '{"specversion":"1.0","id":"e","source":"s","type":"t","subject":"x","data_base64":"';
    for (const b64 of ['QUJD', 'QUI=', 'QQ==', '', 'QU\u0001JD', 'QUJ', 'Q=JD', 'QUJD\n', 'QU JD', 'QUJ*']) {
      const bytes = Buffer.from(`${head}${b64}"}`, 'latin1');
      const fast = readCompactEnvelope(bytes);
      const ref = reference(bytes);
      const strict = /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(b64);
      assert.equal(fast !== undefined, strict, JSON.stringify(b64));
      if (fast !== undefined && typeof ref !== 'string') same(fast, ref, b64);
    }
  });
});
