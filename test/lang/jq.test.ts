import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJq } from '../../src/lang/jq/index.ts';
import { SwitchyardError } from '../../src/errors.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SwitchyardError, `expected a SwitchyardError, got ${String(err)}`);
    return `${err.code}/${err.errorClass}`;
  }
  assert.fail('expected an error');
}

const event = { body: { message: 'hi', alerts: [{ status: 'firing', labels: { slo: 'checkout' } }, { status: 'resolved', labels: { slo: 'search' } }] } };

describe('jq transforms', () => {
  test('the Argo example: .body.message *= 2', () => {
    const p = compileJq('.body.message *= 2');
    assert.equal(p.source, '.body.message *= 2');
    assert.deepEqual(p.first(event), { body: { ...event.body, message: 'hihi' } });
  });

  test('object construction, interpolation, select, map', () => {
    const p = compileJq('{msg: "\\(.body.message)!", firing: [.body.alerts[] | select(.status == "firing") | .labels.slo], n: (.body.alerts | map(.status) | length), (.body.message): true}');
    assert.deepEqual(p.first(event), { msg: 'hi!', firing: ['checkout'], n: 2, hi: true });
  });

  test('all outputs, first output, and no output', () => {
    assert.deepEqual(compileJq('.body.alerts[].status').all(event), ['firing', 'resolved']);
    assert.equal(compileJq('.body.alerts[].status').first(event), 'firing');
    assert.equal(code(() => compileJq('empty').first(event)), 'JQ_RUN/poison');
  });

  test('reduce, foreach, destructuring, definitions, try/catch, //', () => {
    assert.equal(compileJq('reduce .[] as $x (0; . + $x)').first([1, 2, 3]), 6);
    assert.deepEqual(compileJq('[foreach .[] as $x (0; . + $x)]').first([1, 2, 3]), [1, 3, 6]);
    assert.equal(compileJq('. as [$a, {b: $c}] | $a + $c').first([1, { b: 2 }]), 3);
    assert.equal(compileJq('def fac: if . <= 1 then 1 else . * (. - 1 | fac) end; fac').first(5), 120);
    assert.equal(compileJq('try error("x") catch . + "!"').first(null), 'x!');
    assert.equal(compileJq('.missing // "default"').first({}), 'default');
  });

  test('paths, del, to_entries, with_entries, regex', () => {
    assert.deepEqual(compileJq('del(.a, .c)').first({ a: 1, b: 2, c: 3 }), { b: 2 });
    assert.deepEqual(compileJq('with_entries(.value += 1)').first({ a: 1 }), { a: 2 });
    assert.deepEqual(compileJq('[paths]').first({ a: [1] }), [['a'], ['a', 0]]);
    assert.equal(compileJq('gsub("(?<d>\\\\d)"; "<\\(.d)>")').first('a1b2'), 'a<1>b<2>');
    assert.deepEqual(compileJq('capture("(?<k>\\\\w+)=(?<v>\\\\w+)")').first('x=1'), { k: 'x', v: '1' });
  });

  test('formats', () => {
    assert.equal(compileJq('@base64').first('hi'), 'aGk=');
    assert.equal(compileJq('@csv').first([1, 'a"b', null]), '1,"a""b",');
    assert.equal(compileJq('@uri "q=\\(.)"').first('a b&c'), 'q=a%20b%26c');
    assert.equal(compileJq('tojson').first({ b: 1, a: [true, null] }), '{"a":[true,null],"b":1}');
  });

  test('errors: JQ_PARSE stops, JQ_RUN poisons', () => {
    assert.equal(code(() => compileJq('.a |')), 'JQ_PARSE/stop');
    assert.equal(code(() => compileJq('{a:}')), 'JQ_PARSE/stop');
    assert.equal(code(() => compileJq('.a.b').first({ a: 1 })), 'JQ_RUN/poison');
    assert.equal(code(() => compileJq('undefined_function').first({})), 'JQ_RUN/poison');
    assert.equal(code(() => compileJq('input').first({})), 'JQ_RUN/poison');
    assert.equal(code(() => compileJq('def f: f + 1; f').first(1)), 'JQ_RUN/poison');
  });
});
