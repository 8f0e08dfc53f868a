import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { argoExprCompiler } from '../../src/sources/expr-compiler.ts';
import { compileSourceFilter, filterEnv } from '../../src/sources/filter.ts';

const data = (o: unknown): Buffer => Buffer.from(JSON.stringify(o));
const webhook = (body: unknown) => data({ header: { 'Content-Type': ['application/json'], 'X-Request-Id': ['r1'] }, body });

describe('EventSource filter.expression with expr and Argo functions', () => {
  test('the environment renames - to _ in top-level keys and expands dotted keys', () => {
    assert.deepEqual(filterEnv(data({ 'a-b': 1, 'x.y': 2 })), { a_b: 1, x: { y: 2 } });
    assert.throws(() => filterEnv(data([1])), /not a JSON object/);
  });

  test('passes and drops on the event data', () => {
    const f = compileSourceFilter('body.eventType == "provision-app" && body.replicas > 1', argoExprCompiler);
    assert.deepEqual(f(webhook({ eventType: 'provision-app', replicas: 2 })), { pass: true });
    const no = f(webhook({ eventType: 'provision-app', replicas: 1 }));
    assert.equal(no.pass, false);
  });

  test('asInt, asFloat, toJson, jsonpath and sprig functions', () => {
    const cases: [string, unknown, boolean][] = [
      ['asInt(body.count) == 3', { count: '3' }, true],
      ['asFloat(body.ratio) > 0.5', { ratio: '0.75' }, true],
      ['sprig.upper(body.name) == "PAYMENTS"', { name: 'payments' }, true],
      ['sprig.contains("pay", body.name)', { name: 'payments' }, true],
      ['jsonpath(toJson(body), "$.labels.team") == "platform"', { labels: { team: 'platform' } }, true],
      ['body.name matches "^pay"', { name: 'payments' }, true],
    ];
    for (const [expr, body, want] of cases) {
      const r = compileSourceFilter(expr, argoExprCompiler)(webhook(body));
      assert.equal(r.pass, want, `${expr}: ${JSON.stringify(r)}`);
    }
  });

  test('a non-bool result or an error drops the event with a reason', () => {
    const nonBool = compileSourceFilter('body.name', argoExprCompiler)(webhook({ name: 'x' }));
    assert.deepEqual(nonBool, { pass: false, reason: 'filter.expression returned string, not bool' });
    const err = compileSourceFilter('asInt(body.name) > 1', argoExprCompiler)(webhook({ name: 'abc' }));
    assert.equal(err.pass, false);
    assert.match((err as { reason: string }).reason, /asInt/);
  });

  test('an expression that does not compile stops the start', () => {
    assert.throws(() => compileSourceFilter('body.name ==', argoExprCompiler), /does not compile/);
  });
});
