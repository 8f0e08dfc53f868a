import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compactJson, goJsonString, goJsonStrings, goJsonValues } from '../../src/sources/webhook/gojson.ts';
import { canonicalHeaderKey, headersJson } from '../../src/sources/webhook/headers.ts';
import { parseQuery } from '../../src/sources/webhook/query.ts';

// Expected texts below were produced by Go's encoding/json, net/url and net/textproto.
describe('Go-compatible JSON text', () => {
  test('compactJson strips whitespace outside strings only and keeps number text', () => {
    assert.equal(compactJson(' { "a" : 1.50e3 ,\n\t"b":"x  y", "c": [ 1 , -0.0 ] } '), '{"a":1.50e3,"b":"x  y","c":[1,-0.0]}');
    assert.equal(compactJson('"a \\" b"'), '"a \\" b"');
    assert.equal(compactJson('{"b":"<x&y>\u2028"}'), '{"b":"\\u003cx\\u0026y\\u003e\\u2028"}');
    assert.equal(compactJson('{"k\\\\":" "}'), '{"k\\\\":" "}');
  });
  test('strings and maps', () => {
    assert.equal(goJsonString('a<b>&\u2029"\n'), '"a\\u003cb\\u003e\\u0026\\u2029\\"\\n"');
    assert.equal(goJsonValues({ b: ['2'], a: ['1', 'x'] }), '{"a":["1","x"],"b":["2"]}');
    assert.equal(goJsonValues({}), '{}');
    assert.equal(goJsonStrings({ z: '1', a: '2' }), '{"a":"2","z":"1"}');
  });
});

describe('query parsing as url.ParseQuery', () => {
  test('values, plus, escapes, empty keys and values', () => {
    assert.deepEqual({ ...parseQuery('a=1&a=2&b=x+y&f&g=&&h=%41').values }, { a: ['1', '2'], b: ['x y'], f: [''], g: [''], h: ['A'] });
  });
  test('bad pairs are dropped and reported', () => {
    const q = parseQuery('c=%zz&d;e=1&ok=1');
    assert.deepEqual({ ...q.values }, { ok: ['1'] });
    assert.match(q.error ?? '', /%-escape/);
  });
  test('UTF-8 escapes decode; invalid UTF-8 becomes U+FFFD', () => {
    assert.deepEqual({ ...parseQuery('k=%E2%9C%93&bad=%FF').values }, { k: ['✓'], bad: ['\ufffd'] });
  });
});

describe('headers as http.Header', () => {
  test('canonical names', () => {
    assert.equal(canonicalHeaderKey('content-type'), 'Content-Type');
    assert.equal(canonicalHeaderKey('x-github-event'), 'X-Github-Event');
    assert.equal(canonicalHeaderKey('X-GITHUB-EVENT'), 'X-Github-Event');
    assert.equal(canonicalHeaderKey('x_under'), 'X_under');
    assert.equal(canonicalHeaderKey('bad header'), 'bad header');
  });
  test('repeated values in order, Host and Transfer-Encoding dropped, Authorization masked, keys sorted', () => {
    const json = headersJson(['Host', 'h', 'x-b', '1', 'X-B', '2', 'authorization', 'Bearer t', 'Transfer-Encoding', 'chunked', 'accept', '*/*']);
    assert.equal(json, '{"Accept":["*/*"],"Authorization":["*** Masked Auth Secret ***"],"X-B":["1","2"]}');
  });
  test('keys sorted byte-wise whatever the arrival order, values escaped as Go escapes them', () => {
    const raw = ['zeta', '1', 'User-Agent', 'Alertmanager/0.27.0', 'X-Note', 'a<b & "c"', 'accept', '*/*', 'B', '2', 'a-b', '3', 'Z', '4', 'User-Agent', 'again'];
    assert.equal(
      headersJson(raw),
      '{"A-B":["3"],"Accept":["*/*"],"B":["2"],"User-Agent":["Alertmanager/0.27.0","again"],"X-Note":["a\\u003cb \\u0026 \\"c\\""],"Z":["4"],"Zeta":["1"]}',
    );
  });
});
