import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sjsonDelete, sjsonSet, sjsonSetRaw } from '../../src/lang/sjson/index.ts';
import { isSwitchyardError } from '../../src/errors.ts';
import { PAYLOAD_SET_CASES, SET_CASES, type SetCase } from './sjson-go-cases.ts';
import { PAYLOADS } from './payloads.ts';

function apply(c: Omit<SetCase, 'json'>, json: string): string {
  if (c.op === 'set') return sjsonSet(json, c.path, c.value);
  if (c.op === 'setraw') return sjsonSetRaw(json, c.path, String(c.value));
  return sjsonDelete(json, c.path);
}

function check(c: Omit<SetCase, 'json'>, json: string): void {
  if (c.error !== undefined) {
    assert.throws(() => apply(c, json), (err: unknown) => {
      assert.ok(isSwitchyardError(err));
      assert.equal(err.code, 'SJSON_PATH');
      assert.equal(err.errorClass, 'poison');
      assert.ok(err.message.includes(JSON.stringify(c.path)), err.message);
      return true;
    });
  } else {
    assert.equal(apply(c, json), c.result);
  }
}

describe('sjson matches Go (tidwall/sjson v1.2.5) on recorded cases', () => {
  for (const c of SET_CASES) {
    test(`${c.op} ${JSON.stringify(c.json).slice(0, 50)} ${c.path} ${JSON.stringify(c.value) ?? ''}`, () => check(c, c.json));
  }
});

describe('sjson on Workflow documents with the dest paths used by sensors', () => {
  for (const c of PAYLOAD_SET_CASES) {
    test(`${c.op} ${c.doc}: ${c.path}`, () => check(c, PAYLOADS[c.doc] ?? ''));
  }
});

describe('sjson errors and JS values', () => {
  test('the error says which path and why', () => {
    assert.throws(() => sjsonSet('{"a":[1]}', 'a.b', 'x'), /"a\.b".*non-numeric key 'b'/);
    assert.throws(() => sjsonSet('{}', '', 'x'), /path cannot be empty/);
    assert.throws(() => sjsonDelete('{"a":1}', 'a.#'), /complex path/);
  });

  test('values without a JSON form are rejected as poison', () => {
    for (const bad of [NaN, Infinity, () => 1, Symbol('s')]) {
      assert.throws(() => sjsonSet('{}', 'a', bad), (err: unknown) => isSwitchyardError(err) && err.errorClass === 'poison');
    }
  });

  test('JS objects are written like a Go map (sorted keys, HTML-safe strings)', () => {
    assert.equal(sjsonSet('{}', 'a', { z: 1, b: [1, '<x>', { d: undefined, c: 1e21 }] }), '{"a":{"b":[1,"\\u003cx\\u003e",{"c":1e+21}],"z":1}}');
    assert.equal(sjsonSet('{}', 'a', 1e21), '{"a":1000000000000000000000}');
    assert.equal(sjsonSet('{}', 'a', undefined), '{"a":null}');
  });

  test('huge array indexes are refused instead of padding millions of nulls', () => {
    assert.throws(() => sjsonSet('{}', 'a.99999999', 'x'), /array index/);
  });

  test('values round-trip through later sets (parameter order in a Workflow)', () => {
    let doc = PAYLOADS['workflow'] ?? '';
    doc = sjsonSet(doc, 'spec.arguments.parameters.0.value', 'payments');
    doc = sjsonSet(doc, 'spec.arguments.parameters.1.value', 'payments-prod');
    const parsed = JSON.parse(doc) as { spec: { arguments: { parameters: { name: string; value: string }[] } } };
    assert.deepEqual(parsed.spec.arguments.parameters, [
      { name: 'app-name', value: 'payments' },
      { name: 'namespace', value: 'payments-prod' },
    ]);
  });
});
