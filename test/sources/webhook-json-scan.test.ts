import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactBody, scanCompactJson } from '../../src/sources/webhook/json-scan.ts';
import { compactJson } from '../../src/sources/webhook/gojson.ts';
import { generator } from '../helpers/random.ts';

/** What the webhook did before the scanner: JSON.parse to validate, then compactJson. */
function reference(text: string): string | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return compactJson(text);
}

/** The scanner on the text's UTF-8 bytes, its output read back as text. */
const scan = (text: string): string | undefined => scanCompactJson(Buffer.from(text, 'utf8'))?.toString('utf8');

describe('webhook body scanner', () => {
  test('accepts and compacts exactly what JSON.parse + compactJson accept and produce (random token soup)', () => {
    const atoms = ['{', '}', '[', ']', ',', ':', '"a"', '"<&>"', '"\\u00zz"', '"\\u1234"', '"\\n"', '"\\x"', '"\u2028"', '"\t"', ' ', '\n', '\r\n',
      '1', '-', '0', '01', '1.5', '1.', '.5', '1e5', '1E+5', '1e', '-0', 'true', 'tru', 'false', 'null', 'nul', '"', '\\', 'x', '\u00a0', '\ufeff', '""'];
    const rnd = generator(1);
    for (let i = 0; i < 100_000; i++) {
      let text = '';
      for (let j = 1 + rnd(10); j > 0; j--) text += atoms[rnd(atoms.length)];
      assert.equal(scan(text), reference(text), JSON.stringify(text));
    }
  });

  test('matches on nested documents with whitespace, and on every prefix of them', () => {
    const rnd = generator(2);
    const value = (depth: number): string => {
      switch (rnd(depth > 3 ? 4 : 7)) {
        case 0: return `${rnd(1000) - 500}${rnd(2) ? '.25' : ''}${rnd(3) === 0 ? 'e-3' : ''}`;
        case 1: return JSON.stringify(`s<${rnd(99)}&\u2028>`);
        case 2: return ['true', 'false', 'null'][rnd(3)]!;
        case 3: return '""';
        case 4:
        case 5: return `[${Array.from({ length: rnd(4) }, () => ` ${value(depth + 1)}`).join(' ,')} ]`;
        default: return `{${Array.from({ length: rnd(4) }, () => `\n "k${rnd(9)}" : ${value(depth + 1)}`).join(',')}}`;
      }
    };
    for (let i = 0; i < 20_000; i++) {
      const v = value(0);
      for (const text of [v, ` ${v} \n`, v.slice(0, rnd(v.length + 1))]) assert.equal(scan(text), reference(text), JSON.stringify(text));
    }
  });

  test('gives the same answer wherever the bytes sit in memory (strings are skipped two bytes at a time when aligned)', () => {
    const rnd = generator(3);
    const pieces = ['a', 'bc', '<', '&', '\\"', '\\n', '\\u00e9', '\u2028', 'é', '\u2603', '\t', '"'];
    for (let i = 0; i < 20_000; i++) {
      let str = '';
      for (let j = rnd(40); j > 0; j--) str += rnd(3) === 0 ? pieces[rnd(pieces.length)] : 'plain text ';
      const text = `{"k${'x'.repeat(rnd(3))}":"${str}","n":[1,"${str.slice(0, rnd(str.length + 1))}"]}`;
      const want = reference(text);
      const bytes = Buffer.from(text, 'utf8');
      for (let offset = 0; offset < 4; offset++) {
        const room = new Uint8Array(new ArrayBuffer(bytes.length + 8));
        room.set(bytes, offset);
        const placed = Buffer.from(room.buffer, offset, bytes.length);
        assert.equal(scanCompactJson(placed)?.toString('utf8'), want, `${JSON.stringify(text)} at offset ${offset}`);
      }
    }
  });

  test('short bodies at the very end of their memory, at an odd address, are read too', () => {
    for (const text of ['', '1', '""', '"a"', '[]']) {
      const bytes = Buffer.from(text, 'utf8');
      const room = new Uint8Array(new ArrayBuffer(bytes.length + 1));
      room.set(bytes, 1);
      assert.equal(scanCompactJson(Buffer.from(room.buffer, 1, bytes.length))?.toString('utf8'), reference(text), JSON.stringify(text));
    }
  });

  test('a real Alertmanager payload comes out as compactJson makes it', () => {
    const text = readFileSync(join(import.meta.dirname, '../../bench/payloads/alertmanager.json'), 'utf8');
    const out = scan(text);
    assert.equal(out, compactJson(text));
    assert.deepEqual(JSON.parse(out!), JSON.parse(text));
  });

  test("compactBody reports JSON.parse's own error for an invalid body", () => {
    const bad = compactBody(Buffer.from('{"a": 1,}'));
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.error instanceof SyntaxError);
    const good = compactBody(Buffer.from(' {"a" : [1, 2]} '));
    assert.ok(good.ok);
    assert.equal(good.json.toString(), '{"a":[1,2]}');
  });

  test('a body already compact comes back as the very Buffer sent, multi-byte text included', () => {
    const sent = Buffer.from('{"a":"é日本\\u003c","b":[1,true,null]}'); // already escaped, as Go writes it
    const out = compactBody(sent);
    assert.ok(out.ok);
    assert.equal(out.json, sent);
  });

  test('U+2028 and U+2029 written raw are escaped; other three-byte characters starting with 0xE2 are kept', () => {
    const out = compactBody(Buffer.from('{"a":"x\u2028y\u2029z\u2030\u20ac"}')); // raw characters, three UTF-8 bytes each
    assert.ok(out.ok);
    assert.equal(out.json.toString(), '{"a":"x\\u2028y\\u2029z\u2030\u20ac"}');
  });

  test('invalid UTF-8 is read as its decoded text: each bad sequence becomes U+FFFD', () => {
    const out = compactBody(Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xff, 0xc3]), Buffer.from('"}')]));
    assert.ok(out.ok);
    assert.equal(out.json.toString(), '{"a":"\ufffd\ufffd"}');
  });
});
