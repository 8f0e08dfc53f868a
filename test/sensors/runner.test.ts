/**
 * The sensor runner on the real embedded bus: filtering, firing, joins and acknowledgement.
 * The trigger executor is a function recording what it was asked to fire (triggers have their own tests).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Sensor } from '../../src/api/types.ts';
import { openEmbeddedBus } from '../../src/bus/embedded/index.ts';
import { busSubject, type Bus } from '../../src/bus/types.ts';
import { buildEvent, encodeEvent } from '../../src/events/envelope.ts';
import { logger } from '../../src/observe/log.ts';
import { compileSensor } from '../../src/sensors/compile.ts';
import { EvalEvent } from '../../src/sensors/event.ts';
import { JoinState } from '../../src/sensors/join-state.ts';
import type { DecisionRecord } from '../../src/sensors/decision.ts';
import { startSensor, type FireRequest, type RunningSensor } from '../../src/sensors/runner.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';

function sensorOf(name: string, conditions: string | undefined, filterA = true): Sensor {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name },
    spec: {
      dependencies: [
        {
          name: 'dep-a',
          eventSourceName: 'src',
          eventName: `${name}-a`,
          ...(filterA ? { filters: { data: [{ path: 'body.ok', type: 'bool', value: ['true'] }] } } : {}),
        },
        { name: 'dep-b', eventSourceName: 'src', eventName: `${name}-b` },
      ],
      triggers: [{ template: { name: 't', ...(conditions ? { conditions } : {}), log: {} } }],
    },
  };
}

describe('sensor runner on the embedded bus', () => {
  const tmp = tempDir();
  let bus: Bus;
  const running: RunningSensor[] = [];
  before(async () => {
    bus = await openEmbeddedBus({ dir: tmp.dir });
  });
  after(async () => {
    for (const r of running) await r.stop();
    await bus.close();
    tmp.cleanup();
  });

  /** The ack wait of every sensor here: a message left unacked comes back after it. */
  const ACK_WAIT_MS = 300;
  const pastAckWait = () => new Promise((r) => setTimeout(r, 3 * ACK_WAIT_MS));

  async function start(sensor: Sensor, fail = false) {
    const fired: FireRequest[] = [];
    const records: DecisionRecord[] = [];
    const compiled = compileSensor(sensor);
    running.push(
      await startSensor(compiled, {
        bus,
        ackWaitMs: ACK_WAIT_MS,
        log: logger(),
        decisions: (r) => records.push(r),
        fire: async (req) => {
          fired.push(req);
          return fail ? { trigger: req.plan.name, status: 'failed', reason: 'target down' } : { trigger: req.plan.name, status: 'fired' };
        },
      }),
    );
    return { fired, records };
  }

  async function publish(eventName: string, body: unknown): Promise<string> {
    const ev = buildEvent({ source: 'src', type: 'webhook', subject: eventName, data: Buffer.from(JSON.stringify({ header: {}, body })) });
    await bus.publish(busSubject(bus.stream.name, 'src', eventName), encodeEvent(ev), ev.context.id);
    return ev.context.id;
  }

  test('a trigger without && fires for every event that passes; rejected events leave a record', async () => {
    const { fired, records } = await start(sensorOf('s1', 'dep-a || dep-b'));
    await publish('s1-a', { ok: true });
    await publish('s1-a', { ok: false });
    await publish('s1-b', { any: 1 });
    await waitFor('two firings', () => (fired.length >= 2 ? true : undefined));
    await waitFor('three dependency records', () => (records.filter((r) => r.dependency).length >= 3 ? true : undefined));
    assert.deepEqual(fired.map((f) => [...f.events.keys()]).sort(), [['dep-a'], ['dep-b']]);
    const rejected = records.find((r) => r.dependency && !r.dependency.matched);
    assert.ok(rejected, 'the rejected event has a record');
    assert.match(rejected.dependency!.filters[0]?.reason ?? '', /body\.ok/);
  });

  test('a && join waits, then fires once with both events and clears its state', async () => {
    const { fired, records } = await start(sensorOf('s2', 'dep-a && dep_b', false));
    const a1 = await publish('s2-a', { n: 1 });
    await waitFor('a waiting record', () => records.find((r) => r.trigger?.status === 'waiting'));
    assert.equal(fired.length, 0);
    const waiting = records.find((r) => r.trigger?.status === 'waiting')!;
    assert.deepEqual(waiting.trigger!.waitingFor, ['dep-b']);
    const a2 = await publish('s2-a', { n: 2 });
    await waitFor('second a saved', () => (records.filter((r) => r.trigger?.status === 'waiting').length >= 2 ? true : undefined));
    const b = await publish('s2-b', { n: 3 });
    await waitFor('the join fires', () => (fired.length >= 1 ? true : undefined));
    assert.equal(fired.length, 1);
    const events = fired[0]!.events;
    assert.equal(events.get('dep-a')?.context.id, a2, 'the latest event of a dependency wins');
    assert.notEqual(events.get('dep-a')?.context.id, a1);
    assert.equal(events.get('dep-b')?.context.id, b);
    // State was cleared: a lone b does not fire again.
    await publish('s2-b', { n: 4 });
    await waitFor('the lone b waits', () => (records.filter((r) => r.trigger?.status === 'waiting').length >= 3 ? true : undefined));
    assert.equal(fired.length, 1);
  });

  test('conditionsReset byTime clears a partial join', async () => {
    const sensor = sensorOf('s5', 'dep-a && dep-b', false);
    sensor.spec.triggers[0]!.template!.conditionsReset = [{ byTime: { cron: '@every 1s' } }];
    const { fired, records } = await start(sensor);
    await publish('s5-a', {});
    await waitFor('a waits', () => records.find((r) => r.trigger?.status === 'waiting'));
    await new Promise((r) => setTimeout(r, 1300));
    await publish('s5-b', {});
    await waitFor('b waits too: the saved a was cleared', () => (records.filter((r) => r.trigger?.status === 'waiting').length >= 2 ? true : undefined));
    assert.equal(fired.length, 0);
    assert.deepEqual(records.filter((r) => r.trigger?.status === 'waiting').at(-1)!.trigger!.waitingFor, ['dep-a']);
  });

  test('events saved before a conditionsReset time the sensor missed are dropped at start; later ones are kept', async () => {
    const daily = (name: string): Sensor => {
      const sensor = sensorOf(name, 'dep-a && dep-b', false);
      sensor.spec.triggers[0]!.template!.conditionsReset = [{ byTime: { cron: '0 0 * * *' } }];
      return sensor;
    };
    const saveA = async (sensorName: string, time: Date): Promise<void> => {
      const a = new EvalEvent(buildEvent({ source: 'src', type: 'webhook', subject: `${sensorName}-a`, data: Buffer.from('{"header":{},"body":{}}'), time }));
      await new JoinState(await bus.kv(sensorName), 't', () => undefined).save(new Map([['dep-a', a]]));
    };
    const dayBeforeYesterday = new Date(Date.now() - 2 * 86_400_000);
    // s6 was stopped over midnight: its saved a is older than the last reset
    await saveA('s6', dayBeforeYesterday);
    const old = await start(daily('s6'));
    await publish('s6-b', {});
    const waiting = await waitFor('b waits alone', () => old.records.find((r) => r.trigger?.status === 'waiting'));
    assert.deepEqual(waiting.trigger!.waitingFor, ['dep-a']);
    assert.equal(old.fired.length, 0);
    // s7's saved a came after the last reset (an hour ahead, so a run across midnight cannot change that): it still joins
    await saveA('s7', new Date(Date.now() + 3_600_000));
    const fresh = await start(daily('s7'));
    await publish('s7-b', {});
    await waitFor('the join fires', () => (fresh.fired.length >= 1 ? true : undefined));
    assert.deepEqual([...fresh.fired[0]!.events.keys()].sort(), ['dep-a', 'dep-b']);
  });

  test('a failed trigger is recorded and its message acknowledged, not redelivered', async () => {
    const { fired, records } = await start(sensorOf('s3', 'dep-b'), true);
    await publish('s3-b', {});
    await waitFor('the failure record', () => records.find((r) => r.trigger?.status === 'failed'));
    await pastAckWait();
    assert.equal(fired.length, 1, 'an unacked message would have come back after the ack wait');
    assert.equal(records.filter((r) => r.trigger?.status === 'failed').length, 1);
  });

  test('a message that does not decode is recorded and acknowledged', async () => {
    const { fired, records } = await start(sensorOf('s4', 'dep-b'));
    await bus.publish(busSubject(bus.stream.name, 'src', 's4-b'), Buffer.from('not an envelope'), 'bad-1');
    const rec = await waitFor('the skip record', () => records.find((r) => r.trigger?.status === 'skipped'));
    assert.match(rec.trigger!.reason ?? '', /does not decode/);
    await publish('s4-b', {});
    await waitFor('the next good event fires', () => (fired.length >= 1 ? true : undefined));
    await pastAckWait();
    assert.equal(records.filter((r) => r.trigger?.status === 'skipped').length, 1, 'an unacked message would have come back after the ack wait');
    assert.equal(fired.length, 1);
  });
});

describe('transforms on the bus path', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());
  test('the transformed event is what the trigger receives', async () => {
    const bus = await openEmbeddedBus({ dir: tmp.dir });
    const fired: FireRequest[] = [];
    const s: Sensor = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Sensor',
      metadata: { name: 'tx' },
      spec: {
        dependencies: [{ name: 'd', eventSourceName: 'src', eventName: 'tx', transform: { jq: '{body: {app: .body.name}}' }, filters: { data: [{ path: 'body.app', type: 'string', value: ['^pay'] }] } }],
        triggers: [{ template: { name: 't', log: {} } }],
      },
    };
    const running = await startSensor(compileSensor(s), { bus, log: logger(), decisions: () => undefined, fire: async (req) => (fired.push(req), { trigger: 't', status: 'fired' }) });
    try {
      const ev = buildEvent({ source: 'src', type: 'webhook', subject: 'tx', data: Buffer.from('{"header":{},"body":{"name":"payments"}}') });
      await bus.publish(busSubject(bus.stream.name, 'src', 'tx'), encodeEvent(ev), ev.context.id);
      await waitFor('the trigger fires', () => (fired.length ? true : undefined));
      assert.deepEqual(fired[0]!.events.get('d')!.value, { body: { app: 'payments' } });
    } finally {
      await running.stop();
      await bus.close();
    }
  });
});
