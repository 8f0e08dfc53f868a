import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileDependencyFilter } from '../../src/sensors/filters/index.ts';
import { webhookEvent } from '../helpers/events.ts';

const alert = (slo: string) => ({
  version: '4',
  status: 'firing',
  alerts: [{ status: 'firing', labels: { alertname: 'SLOBurn', slo, name: 'payments', severity: 'critical' } }],
  commonLabels: { slo },
});

describe('data filters', () => {
  test('string values are unanchored regexes on the gjson String() of the path', () => {
    const f = compileDependencyFilter({ data: [{ path: 'body.alerts.#.labels.slo', type: 'string', value: ['argocd-application-health'] }] }, undefined, 'd');
    assert.equal(f.evaluate(webhookEvent(alert('argocd-application-health'))).passed, true);
    const r = f.evaluate(webhookEvent(alert('externalsecrets-sync-success')));
    assert.equal(r.passed, false);
    assert.match(r.results[0]?.reason ?? '', /externalsecrets-sync-success/);
    const any = compileDependencyFilter({ data: [{ path: 'body.alerts.#.labels.slo', type: 'string', value: ['.+'] }] }, undefined, 'd');
    assert.equal(any.evaluate(webhookEvent(alert('x'))).passed, true);
  });

  test('!= negates, and several values are OR-ed', () => {
    const ne = compileDependencyFilter({ data: [{ path: 'body.eventType', type: 'string', comparator: '!=', value: ['^provision-app$'] }] }, undefined, 'd');
    assert.equal(ne.evaluate(webhookEvent({ eventType: 'provision-app' })).passed, false);
    assert.equal(ne.evaluate(webhookEvent({ eventType: 'other' })).passed, true);
    const or = compileDependencyFilter({ data: [{ path: 'body.a', type: 'string', value: ['^x$', '^y$'] }] }, undefined, 'd');
    assert.equal(or.evaluate(webhookEvent({ a: 'y' })).passed, true);
  });

  test('a missing path fails with a reason', () => {
    const f = compileDependencyFilter({ data: [{ path: 'body.eventType', type: 'string', value: ['x'] }] }, undefined, 'd');
    const r = f.evaluate(webhookEvent({ other: 1 }));
    assert.equal(r.passed, false);
    assert.equal(r.results[0]?.error, true);
    assert.match(r.results[0]?.reason ?? '', /does not exist/);
  });

  test('number comparators', () => {
    const f = (comparator: string, value: string) => compileDependencyFilter({ data: [{ path: 'body.n', type: 'number', comparator, value: [value] }] }, undefined, 'd');
    const ev = webhookEvent({ n: 5 });
    assert.equal(f('>', '4').evaluate(ev).passed, true);
    assert.equal(f('>', '5').evaluate(ev).passed, false);
    assert.equal(f('>=', '5').evaluate(ev).passed, true);
    assert.equal(f('<', '5').evaluate(ev).passed, false);
    assert.equal(f('<=', '5.0').evaluate(ev).passed, true);
    assert.equal(f('!=', '5').evaluate(ev).passed, false);
    assert.equal(f('=', '5').evaluate(ev).passed, true);
    assert.equal(f('', '5').evaluate(webhookEvent({ n: '5' })).passed, true);
  });

  test('bool values use Go ParseBool', () => {
    const f = compileDependencyFilter({ data: [{ path: 'body.ok', type: 'bool', value: ['true'] }] }, undefined, 'd');
    assert.equal(f.evaluate(webhookEvent({ ok: true })).passed, true);
    assert.equal(f.evaluate(webhookEvent({ ok: false })).passed, false);
  });

  test('dataLogicalOperator or and filtersLogicalOperator or', () => {
    const data = [
      { path: 'body.a', type: 'string', value: ['^1$'] },
      { path: 'body.b', type: 'string', value: ['^2$'] },
    ];
    const and = compileDependencyFilter({ data }, undefined, 'd');
    const or = compileDependencyFilter({ data, dataLogicalOperator: 'or' }, undefined, 'd');
    const ev = webhookEvent({ a: '1', b: '3' });
    assert.equal(and.evaluate(ev).passed, false);
    assert.equal(or.evaluate(ev).passed, true);
    const groups = compileDependencyFilter({ data: [data[0]!], context: { source: 'nope' } }, 'or', 'd');
    assert.equal(groups.evaluate(webhookEvent({ a: '1' })).passed, true);
    const groupsAnd = compileDependencyFilter({ data: [data[0]!], context: { source: 'nope' } }, 'and', 'd');
    assert.equal(groupsAnd.evaluate(webhookEvent({ a: '1' })).passed, false);
  });

  test('template transforms the value before comparing', () => {
    const f = compileDependencyFilter({ data: [{ path: 'body.name', type: 'string', value: ['^PAY'], template: '{{ upper .Input }}' }] }, undefined, 'd');
    assert.equal(f.evaluate(webhookEvent({ name: 'payments' })).passed, true);
  });

  test('invalid specs are refused when compiled', () => {
    assert.throws(() => compileDependencyFilter({ data: [{ path: 'body.n', type: 'number', value: ['abc'] }] }, undefined, 'd'), /not a number/);
    assert.throws(() => compileDependencyFilter({ data: [{ path: 'body.n', type: 'float', value: ['1'] }] }, undefined, 'd'), /type "float"/);
    assert.throws(() => compileDependencyFilter({ data: [{ path: 'body.n', type: 'string', value: ['('] }] }, undefined, 'd'), /regular expression/);
    assert.throws(() => compileDependencyFilter({}, 'xor', 'd'), /"and" or "or"/);
  });
});

describe('exprs filters', () => {
  test('govaluate over named paths', () => {
    const f = compileDependencyFilter(
      { exprs: [{ expr: 'a == "b" && c > 2', fields: [{ name: 'a', path: 'body.a' }, { name: 'c', path: 'body.c' }] }] },
      undefined,
      'd',
    );
    assert.equal(f.evaluate(webhookEvent({ a: 'b', c: 3 })).passed, true);
    assert.equal(f.evaluate(webhookEvent({ a: 'b', c: 1 })).passed, false);
    const missing = f.evaluate(webhookEvent({ a: 'b' }));
    assert.equal(missing.passed, false);
    assert.match(missing.results[0]?.reason ?? '', /body\.c/);
  });
});

describe('context and time filters', () => {
  test('context equality on set fields', () => {
    const f = compileDependencyFilter({ context: { type: 'webhook', source: 'webhook' } }, undefined, 'd');
    assert.equal(f.evaluate(webhookEvent({})).passed, true);
    const g = compileDependencyFilter({ context: { subject: 'other' } }, undefined, 'd');
    assert.equal(g.evaluate(webhookEvent({})).passed, false);
  });

  test('time window in a timezone, wrapping midnight', () => {
    // The helper's event time is 10:15:30 UTC.
    const inUtc = compileDependencyFilter({ time: { start: '10:00:00', stop: '10:16:00' } }, undefined, 'd');
    assert.equal(inUtc.evaluate(webhookEvent({})).passed, true);
    const ny = compileDependencyFilter({ time: { start: '10:00:00', stop: '10:16:00', timezone: 'America/New_York' } }, undefined, 'd');
    assert.equal(ny.evaluate(webhookEvent({})).passed, false);
    const wrap = compileDependencyFilter({ time: { start: '22:00:00', stop: '10:15:31' } }, undefined, 'd');
    assert.equal(wrap.evaluate(webhookEvent({})).passed, true);
    const stopExclusive = compileDependencyFilter({ time: { start: '09:00:00', stop: '10:15:30' } }, undefined, 'd');
    assert.equal(stopExclusive.evaluate(webhookEvent({})).passed, false);
  });
});
