/**
 * A sensor with 50 dependencies: conditions are kept as a tree and evaluated directly (no expansion into
 * every combination, which made memory exponential in Argo before #1339), so this completes at once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Sensor } from '../../src/api/types.ts';
import { compileSensor } from '../../src/sensors/compile.ts';
import { stepTrigger } from '../../src/sensors/engine.ts';
import type { EvalEvent } from '../../src/sensors/event.ts';
import { webhookEvent } from '../helpers/events.ts';

const N = 50;
const names = Array.from({ length: N }, (_, i) => `dep-${i}`);

function sensor(conditions: string): Sensor {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 'many' },
    spec: {
      dependencies: names.map((name, i) => ({ name, eventSourceName: 'src', eventName: `e${i}` })),
      triggers: [{ template: { name: 't', conditions, log: {} } }],
    },
  };
}

test('50 dependencies AND-ed: waits for each, fires on the last', () => {
  const plan = compileSensor(sensor(names.join(' && '))).triggers[0]!;
  assert.equal(plan.dependencies.length, N);
  let saved = new Map<string, EvalEvent>();
  for (let i = 0; i < N; i++) {
    const step = stepTrigger(plan, names[i]!, webhookEvent({ i }), saved);
    if (i < N - 1) {
      assert.equal(step.action, 'wait');
      if (step.action === 'wait') {
        assert.equal(step.waitingFor.length, N - 1 - i);
        saved = step.saved;
      }
    } else {
      assert.equal(step.action, 'fire');
      if (step.action === 'fire') assert.equal(step.events.size, N);
    }
  }
});

test('25 OR-pairs AND-ed together (2^25 combinations if expanded) evaluate directly', () => {
  const groups = Array.from({ length: N / 2 }, (_, g) => `(${names[2 * g]} || ${names[2 * g + 1]})`);
  const plan = compileSensor(sensor(groups.join(' && '))).triggers[0]!;
  let saved = new Map<string, EvalEvent>();
  // One dependency of each pair is enough.
  for (let g = 0; g < N / 2; g++) {
    const step = stepTrigger(plan, names[2 * g + (g % 2)]!, webhookEvent({ g }), saved);
    if (g < N / 2 - 1) {
      assert.equal(step.action, 'wait');
      if (step.action === 'wait') saved = step.saved;
    } else assert.equal(step.action, 'fire');
  }
});

test('empty conditions mean all 50 dependencies', () => {
  const s = sensor('');
  delete s.spec.triggers[0]!.template!.conditions;
  const plan = compileSensor(s).triggers[0]!;
  assert.equal(plan.join, true);
  assert.deepEqual(plan.dependencies, names);
});
