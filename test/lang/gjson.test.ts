import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { gjsonGet, gjsonValid, type GjsonResult } from '../../src/lang/gjson/index.ts';
import { GET_CASES, PAYLOAD_GET_CASES, type GetCase } from './gjson-go-cases.ts';
import { PAYLOADS, alertmanager, argocd } from './payloads.ts';

function check(r: GjsonResult, c: Omit<GetCase, 'json'>): void {
  const label = `path ${JSON.stringify(c.path)}`;
  assert.equal(r.exists(), c.exists, `${label} exists`);
  assert.equal(r.type, c.type, `${label} type`);
  assert.equal(r.raw, c.raw, `${label} raw`);
  assert.equal(r.string(), c.string, `${label} string()`);
  assert.equal(r.bool(), c.bool, `${label} bool()`);
  assert.equal(r.int(), c.int, `${label} int()`);
  assert.equal(r.float(), c.float, `${label} float()`);
  assert.deepEqual(r.value(), c.value, `${label} value()`);
}

describe('gjson matches Go (tidwall/gjson v1.19.0) on recorded cases', () => {
  for (const c of GET_CASES) {
    test(`${JSON.stringify(c.json).slice(0, 60)} ${c.path}`, () => check(gjsonGet(c.json, c.path), c));
  }
});

describe('gjson on realistic payloads with the paths used by sensors', () => {
  for (const c of PAYLOAD_GET_CASES) {
    test(`${c.payload}: ${c.path}`, () => check(gjsonGet(PAYLOADS[c.payload] ?? '', c.path), c));
  }
});

describe('gjson result helpers', () => {
  test('array() and forEach() over an array and an object', () => {
    const r = gjsonGet(alertmanager, 'body.alerts');
    assert.equal(r.isArray(), true);
    const names = r.array().map((a) => gjsonGet(a.raw, 'labels.alertname').string());
    assert.deepEqual(names, ['ArgoCDAppDegraded', 'ExternalSecretSyncFailed', 'Watchdog']);
    const keys: string[] = [];
    gjsonGet(argocd, 'body.health').forEach((k, v) => {
      keys.push(`${k.string()}=${v.raw}`);
      return true;
    });
    assert.deepEqual(keys, ['status="Healthy"', 'message=null']);
    const idx: string[] = [];
    gjsonGet('[10,20,30]', '@this').forEach((k, v) => {
      idx.push(`${k.string()}:${v.int()}`);
      return k.num < 1;
    });
    assert.deepEqual(idx, ['0:10', '1:20']);
  });

  test('value() keeps key order and gives numbers as numbers', () => {
    const v = gjsonGet('{"z":1,"a":{"y":[1,"x",null,true]},"m":2.5}', '@this').value();
    assert.deepEqual(Object.keys(v as object), ['z', 'a', 'm']);
    assert.deepEqual(v, { z: 1, a: { y: [1, 'x', null, true] }, m: 2.5 });
    assert.equal(gjsonGet('{"a":1}', 'b').value(), null);
  });

  test('isObject / isArray and a missing result', () => {
    assert.equal(gjsonGet('{"a":{}}', 'a').isObject(), true);
    assert.equal(gjsonGet('{"a":{}}', 'a').isArray(), false);
    const m = gjsonGet('{"a":1}', 'a.b.c');
    assert.equal(m.exists(), false);
    assert.equal(m.raw, '');
    assert.equal(m.string(), '');
    assert.deepEqual(m.array(), []);
  });

  test('never throws on malformed JSON or paths', () => {
    for (const json of ['', '{', '{"a":', '[1,2', '{"a":"unterminated', 'nul', '}{', '{"a" 1}']) {
      for (const path of ['a', 'a.b', '#', 'a.#.b', '#(a==1)', '@reverse', '{a,b}', '[a', 'a\\', '..0', '!']) {
        const r = gjsonGet(json, path);
        assert.equal(typeof r.string(), 'string');
      }
    }
  });
});

describe('gjsonValid', () => {
  const cases: [string, boolean][] = [
    ['{"a":1}', true], [' [1, 2.5e3, -0, "x", true, false, null] ', true], ['{"a":1', false], ['{"a":01}', false],
    ['"\\u00e9"', true], ['"\\x"', false], ['{"a":1}{}', false], ['', false], ['"tab\there"', false], ['1.', false],
  ];
  for (const [json, want] of cases) test(JSON.stringify(json), () => assert.equal(gjsonValid(json), want));
});
