import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Sensor } from '../../src/api/types.ts';
import { compileSensor } from '../../src/sensors/compile.ts';
import { evaluateDependency } from '../../src/sensors/engine.ts';
import { compileDependencyFilter } from '../../src/sensors/filters/index.ts';
import { webhookEvent } from '../helpers/events.ts';

function dep(extra: Record<string, unknown>) {
  const s: Sensor = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 's' },
    spec: { dependencies: [{ name: 'd', eventSourceName: 'e', eventName: 'n', ...extra }], triggers: [{ template: { name: 't', log: {} } }] },
  };
  return compileSensor(s).dependencies.get('d')!;
}

describe('Lua script filters', () => {
  test('pass only when the script returns true', () => {
    const f = compileDependencyFilter({ script: 'return event.body.status == "firing" and #event.body.alerts > 0' }, undefined, 'd');
    assert.equal(f.evaluate(webhookEvent({ status: 'firing', alerts: [{}] })).passed, true);
    const no = f.evaluate(webhookEvent({ status: 'resolved', alerts: [{}] }));
    assert.equal(no.passed, false);
    assert.match(no.results[0]?.reason ?? '', /returned false/);
    const truthy = compileDependencyFilter({ script: 'return "yes"' }, undefined, 'd').evaluate(webhookEvent({}));
    assert.equal(truthy.passed, false, 'a truthy non-boolean is not true');
  });

  test('a script error or a sandboxed function fails the filter with the reason', () => {
    const f = compileDependencyFilter({ script: 'os.execute("id") return true' }, undefined, 'd');
    const r = f.evaluate(webhookEvent({}));
    assert.equal(r.passed, false);
    assert.equal(r.results[0]?.error, true);
    assert.match(r.results[0]?.reason ?? '', /script failed/);
  });

  test('an endless loop is stopped by the instruction limit', () => {
    const r = compileDependencyFilter({ script: 'while true do end' }, undefined, 'd').evaluate(webhookEvent({}));
    assert.equal(r.passed, false);
    assert.match(r.results[0]?.reason ?? '', /limit/i);
  });

  test('a script that does not compile stops the start', () => {
    assert.throws(() => compileDependencyFilter({ script: 'return (' }, undefined, 'd'), /does not compile/);
  });
});

describe('transforms run before filters and are what triggers see', () => {
  test('jq', () => {
    const d = dep({ transform: { jq: '{body: {app: (.body.application | ascii_upcase)}}' }, filters: { data: [{ path: 'body.app', type: 'string', value: ['^PAY'] }] } });
    const out = evaluateDependency(d, webhookEvent({ application: 'payments' }));
    assert.equal(out.passed, true, JSON.stringify(out.results));
    assert.deepEqual(out.event.value, { body: { app: 'PAYMENTS' } });
  });

  test('Lua', () => {
    const d = dep({ transform: { script: 'event.body.count = event.body.count + 1 return event' }, filters: { data: [{ path: 'body.count', type: 'number', comparator: '=', value: ['3'] }] } });
    const out = evaluateDependency(d, webhookEvent({ count: 2 }));
    assert.equal(out.passed, true, JSON.stringify(out.results));
    assert.equal((out.event.value as { body: { count: number } }).body.count, 3);
  });

  test('jq wins when both are set; a result that is not an object drops the event with the reason', () => {
    const both = dep({ transform: { jq: '{via: "jq"}', script: 'return {via = "lua"}' } });
    assert.deepEqual(evaluateDependency(both, webhookEvent({})).event.value, { via: 'jq' });
    const bad = dep({ transform: { jq: '.body.list' } });
    const out = evaluateDependency(bad, webhookEvent({ list: [1, 2] }));
    assert.equal(out.passed, false);
    assert.match(out.results[0]?.reason ?? '', /must produce an object/);
  });

  test('an invalid program stops the start', () => {
    assert.throws(() => dep({ transform: { jq: '.[' } }), /transform/);
  });
});
