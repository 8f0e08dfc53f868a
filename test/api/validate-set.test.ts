import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { emptyManifestSet, validateSet, type ManifestSet } from '../../src/api/validate/index.ts';
import type { EventBus, EventSource, Sensor } from '../../src/api/types.ts';
import { eventBus, eventSource, sensor } from './fixtures.ts';

function setOf(sources: object[], sensors: object[] = []): ManifestSet {
  const set = emptyManifestSet();
  set.eventSources.push(...(sources as EventSource[]));
  set.sensors.push(...(sensors as Sensor[]));
  [...sources, ...sensors].forEach((o, i) => set.origin.set(o, { file: `f${i}.yaml`, index: 0, line: 1 }));
  return set;
}

describe('validateSet', () => {
  test('a matching source and sensor have no findings', () => {
    assert.deepEqual(validateSet(setOf([eventSource()], [sensor()])), []);
  });

  test('SY240 two EventSources with the same name, located at the second', () => {
    const b = eventSource();
    b.spec.webhook['slo-alerts'].endpoint = '/other';
    const f = validateSet(setOf([eventSource(), b]));
    assert.equal(f.length, 1);
    assert.equal(f[0]?.code, 'SY240');
    assert.equal(f[0]?.file, 'f1.yaml');
    assert.match(f[0]?.message ?? '', /first \(f0\.yaml:1\)/);
  });

  test('SY241 two webhook routes on the same port and endpoint', () => {
    const b = eventSource();
    b.metadata.name = 'other';
    b.spec.webhook['slo-alerts'].port = 12000; // a number and a string name the same port
    const f = validateSet(setOf([eventSource(), b]));
    assert.deepEqual(f.map((x) => [x.code, x.severity, x.path]), [['SY241', 'error', 'spec.webhook.slo-alerts']]);
  });

  test('same endpoint on another port is fine', () => {
    const b = eventSource();
    b.metadata.name = 'other';
    b.spec.webhook['slo-alerts'].port = '12001';
    assert.deepEqual(validateSet(setOf([eventSource(), b])), []);
  });

  test('SY241 also covers webhook contexts of other kinds', () => {
    const gh = { apiVersion: 'argoproj.io/v1alpha1', kind: 'EventSource', metadata: { name: 'gh' }, spec: { github: { push: { webhook: { port: '12000', endpoint: '/webhook', method: 'POST' } } } } };
    assert.equal(validateSet(setOf([eventSource(), gh]))[0]?.code, 'SY241');
  });

  test('SY361 a dependency naming an EventSource not in the set is a warning', () => {
    const f = validateSet(setOf([], [sensor()]));
    assert.deepEqual(f.map((x) => [x.code, x.severity, x.path]), [['SY361', 'warning', 'spec.dependencies[0].eventSourceName']]);
  });

  test('SY362 a dependency naming an event the source lacks is a warning', () => {
    const s = sensor();
    s.spec.dependencies[0].eventName = 'other';
    const f = validateSet(setOf([eventSource()], [s]));
    assert.deepEqual(f.map((x) => [x.code, x.severity]), [['SY362', 'warning']]);
    assert.match(f[0]?.message ?? '', /it has: slo-alerts/);
  });

  test('SY404 two EventBuses with the same name', () => {
    const set = setOf([]);
    set.eventBuses.push(eventBus() as EventBus, eventBus() as EventBus);
    assert.deepEqual(validateSet(set).map((x) => [x.code, x.severity]), [['SY404', 'error']]);
  });

  test('SY364 two Sensors with the same name', () => {
    const f = validateSet(setOf([eventSource()], [sensor(), sensor()]));
    assert.deepEqual(f.map((x) => x.code), ['SY364']);
  });
});
