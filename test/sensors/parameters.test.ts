import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyParameters, buildPayload, compileParameters, type ParameterOutcome } from '../../src/sensors/parameters.ts';
import { eventsOf, webhookEvent } from '../helpers/events.ts';

const workflow = JSON.stringify({
  spec: { arguments: { parameters: [{ name: 'app-name', value: 'unknown' }, { name: 'namespace', value: 'argocd' }] } },
});

describe('parameters', () => {
  const ev = webhookEvent({ app: 'payments', namespace: 'prod', replicas: 3, nested: { a: [1, 2] }, nothing: null });
  const events = eventsOf({ dep: ev });

  test('dataKey writes into an array index dest', () => {
    const params = compileParameters(
      [
        { src: { dependencyName: 'dep', dataKey: 'body.app' }, dest: 'spec.arguments.parameters.0.value' },
        { src: { dependencyName: 'dep', dataKey: 'body.namespace' }, dest: 'spec.arguments.parameters.1.value' },
      ],
      'p',
    );
    const out = JSON.parse(applyParameters(workflow, params, events));
    assert.equal(out.spec.arguments.parameters[0].value, 'payments');
    assert.equal(out.spec.arguments.parameters[1].value, 'prod');
    assert.equal(out.spec.arguments.parameters[0].name, 'app-name');
  });

  test('a number is inserted as a string unless useRawData', () => {
    const asString = compileParameters([{ src: { dependencyName: 'dep', dataKey: 'body.replicas' }, dest: 'x' }], 'p');
    assert.deepEqual(JSON.parse(applyParameters('{}', asString, events)), { x: '3' });
    const raw = compileParameters([{ src: { dependencyName: 'dep', dataKey: 'body.replicas', useRawData: true }, dest: 'x' }], 'p');
    assert.deepEqual(JSON.parse(applyParameters('{}', raw, events)), { x: 3 });
    const obj = compileParameters([{ src: { dependencyName: 'dep', dataKey: 'body.nested', useRawData: true }, dest: 'x' }], 'p');
    assert.deepEqual(JSON.parse(applyParameters('{}', obj, events)), { x: { a: [1, 2] } });
  });

  test('missing key falls back to value and records why', () => {
    const params = compileParameters([{ src: { dependencyName: 'dep', dataKey: 'body.missing', value: 'fallback' }, dest: 'x' }], 'p');
    const outcomes: ParameterOutcome[] = [];
    assert.deepEqual(JSON.parse(applyParameters('{}', params, events, outcomes)), { x: 'fallback' });
    assert.equal(outcomes[0]?.source, 'value');
    assert.match(outcomes[0]?.fallbackReason ?? '', /body\.missing/);
  });

  test('missing key without value is an error naming the key', () => {
    const params = compileParameters([{ src: { dependencyName: 'dep', dataKey: 'body.missing' }, dest: 'x' }], 'p');
    assert.throws(() => applyParameters('{}', params, events), /body\.missing/);
  });

  test('missing dependency event skips the parameter or uses value', () => {
    const skip = compileParameters([{ src: { dependencyName: 'other', dataKey: 'body.app' }, dest: 'x' }], 'p');
    assert.equal(applyParameters('{"x":"keep"}', skip, events), '{"x":"keep"}');
    const def = compileParameters([{ src: { dependencyName: 'other', dataKey: 'body.app', value: 'd' }, dest: 'x' }], 'p');
    assert.deepEqual(JSON.parse(applyParameters('{}', def, events)), { x: 'd' });
  });

  test('dataTemplate sees the whole decoded data as .Input and wins over dataKey', () => {
    const params = compileParameters(
      [{ src: { dependencyName: 'dep', dataTemplate: '{{ .Input.body.app }}-{{ .Input.body.replicas }}', dataKey: 'body.namespace' }, dest: 'x' }],
      'p',
    );
    assert.deepEqual(JSON.parse(applyParameters('{}', params, events)), { x: 'payments-3' });
  });

  test('a template producing <no value> falls back to the key', () => {
    const params = compileParameters([{ src: { dependencyName: 'dep', dataTemplate: '{{ .Input.body.nope }}', dataKey: 'body.app' }, dest: 'x' }], 'p');
    const outcomes: ParameterOutcome[] = [];
    assert.deepEqual(JSON.parse(applyParameters('{}', params, events, outcomes)), { x: 'payments' });
    assert.equal(outcomes[0]?.source, 'key');
  });

  test('contextKey reads the event context', () => {
    const params = compileParameters([{ src: { dependencyName: 'dep', contextKey: 'source' }, dest: 'x' }], 'p');
    assert.deepEqual(JSON.parse(applyParameters('{}', params, events)), { x: 'webhook' });
    const t = compileParameters([{ src: { dependencyName: 'dep', contextKey: 'time' }, dest: 'x' }], 'p');
    assert.deepEqual(JSON.parse(applyParameters('{}', t, events)), { x: '2026-11-23T10:15:30Z' });
  });

  test('no key and no template gives the whole event with base64 data', () => {
    const params = compileParameters([{ src: { dependencyName: 'dep' }, dest: 'x' }], 'p');
    const out = JSON.parse(applyParameters('{}', params, events));
    const whole = JSON.parse(out.x);
    assert.equal(whole.context.source, 'webhook');
    assert.deepEqual(Object.keys(whole.context), ['id', 'source', 'specversion', 'type', 'datacontenttype', 'subject', 'time']);
    assert.equal(JSON.parse(Buffer.from(whole.data, 'base64').toString()).body.app, 'payments');
  });

  test('append and prepend concatenate with the existing string', () => {
    const params = compileParameters(
      [
        { src: { dependencyName: 'dep', dataKey: 'body.app' }, dest: 'a', operation: 'append' },
        { src: { dependencyName: 'dep', dataKey: 'body.app' }, dest: 'b', operation: 'prepend' },
      ],
      'p',
    );
    assert.deepEqual(JSON.parse(applyParameters('{"a":"x-","b":"-y"}', params, events)), { a: 'x-payments', b: 'payments-y' });
  });

  test('payload: empty dest makes the value the whole payload; a template result is a string', () => {
    const whole = compileParameters([{ src: { dependencyName: 'dep', dataKey: 'body.nested', useRawData: true }, dest: '' }], 'p');
    assert.deepEqual(JSON.parse(buildPayload(whole, events).toString()), { a: [1, 2] });
    const blocks = compileParameters([{ src: { dependencyName: 'dep', dataTemplate: '[{"type":"divider"}]' }, dest: 'blocks' }], 'p');
    assert.deepEqual(JSON.parse(buildPayload(blocks, events).toString()), { blocks: '[{"type":"divider"}]' });
  });

  test('null key result is "null"', () => {
    const params = compileParameters([{ src: { dependencyName: 'dep', dataKey: 'body.nothing' }, dest: 'x' }], 'p');
    assert.deepEqual(JSON.parse(applyParameters('{}', params, events)), { x: 'null' });
  });
});
