import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactBody, scanCompactJson } from '../../src/sources/webhook/json-scan.ts';
import { compactJson } from '../../src/sources/webhook/gojson.ts';

/** What the webhook did before the scanner: JSON.parse to validate, then compactJson. */
function reference(text: string): string | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  return compactJson(text);
}

/** A small deterministic generator, so a failure names a case that can be replayed. */
function generator(seed: number): (k: number) => number {
  let s = seed;
  return (k) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % k;
  };
}

describe('webhook body scanner', () => {
  test('accepts and compacts exactly what JSON.parse + compactJson accept and produce (random token soup)', () => {
    const atoms = ['{', '}', '[', ']', ',', ':', '"a"', '"<&>"', '"\\u00zz"', '"\\u1234"', '"\\n"', '"\\x"', '"\u2028"', '"\t"', ' ', '\n', '\r\n',
      '1', '-', '0', '01', '1.5', '1.', '.5', '1e5', '1E+5', '1e', '-0', 'true', 'tru', 'false', 'null', 'nul', '"', '\\', 'x', '\u00a0', '\ufeff', '""'];
    const rnd = generator(1);
    for (let i = 0; i < 100_000; i++) {
      let text = '';
      for (let j = 1 + rnd(10); j > 0; j--) text += atoms[rnd(atoms.length)];
      assert.equal(scanCompactJson(text), reference(text), JSON.stringify(text));
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
      for (const text of [v, ` ${v} \n`, v.slice(0, rnd(v.length + 1))]) assert.equal(scanCompactJson(text), reference(text), JSON.stringify(text));
    }
  });

  test('a real Alertmanager payload comes out as compactJson makes it', () => {
    const text = readFileSync(join(import.meta.dirname, '../../bench/payloads/alertmanager.json'), 'utf8');
    const out = scanCompactJson(text);
    assert.equal(out, compactJson(text));
    assert.deepEqual(JSON.parse(out!), JSON.parse(text));
  });

  test("compactBody reports JSON.parse's own error for an invalid body", () => {
    const bad = compactBody('{"a": 1,}');
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.error instanceof SyntaxError);
    assert.deepEqual(compactBody(' {"a" : [1, 2]} '), { ok: true, json: '{"a":[1,2]}' });
  });
});
