/**
 * `npm run bench:sensor`: events per second through one sensor on one core, per feature, each beside the cost of
 * just decoding the event envelope, measured in the same run. Target: >= 50,000 events/s for data filters.
 * In-process and synchronous: what one sensor process spends per event, without the bus.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sensor } from '../src/api/types.ts';
import { buildEvent, decodeEvent, encodeEvent } from '../src/events/envelope.ts';
import { compileSensor } from '../src/sensors/compile.ts';
import { evaluateDependency, stepTrigger } from '../src/sensors/engine.ts';
import { EvalEvent } from '../src/sensors/event.ts';
import { applyParameters, compileParameters } from '../src/sensors/parameters.ts';
import { fmt, machineInfo, table, writeResults, type Row } from './lib/report.ts';

const body = JSON.parse(readFileSync(join(import.meta.dirname, 'payloads/alertmanager.json'), 'utf8')) as unknown;
const wire = encodeEvent(buildEvent({ source: 'alertmanager', type: 'webhook', subject: 'slo-alerts', data: Buffer.from(JSON.stringify({ header: { 'Content-Type': ['application/json'] }, body })) }));

function sensorWith(dep: Record<string, unknown>, extra: Partial<Sensor['spec']> = {}): Sensor {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 'bench' },
    spec: { dependencies: [{ name: 'a', eventSourceName: 'alertmanager', eventName: 'slo-alerts', ...dep }], triggers: [{ template: { name: 't', log: {} } }], ...extra },
  };
}

/** Runs fn for ~ms milliseconds and returns operations per second. */
function rate(fn: () => void, ms = 1500): number {
  for (let i = 0; i < 2000; i++) fn(); // warm up
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 200; i++) fn();
    n += 200;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

// Each case decodes a fresh copy of the wire bytes (as a message from the bus would arrive) and reads the
// data, so the baseline and every case pay the same decoding.
const decodeOnly = (): void => {
  const ev = new EvalEvent(decodeEvent(Buffer.from(wire)));
  if (ev.context.id.length !== 32 || ev.text.length === 0) throw new Error('bad event');
};

const cases: { name: string; run: () => void }[] = [];

{
  const s = compileSensor(
    sensorWith({
      filters: {
        data: [
          { path: 'body.status', type: 'string', value: ['firing'] },
          { path: 'body.alerts.#.labels.alertname', type: 'string', value: ['KubePodCrashLooping'] },
          { path: 'body.alerts.0.labels.severity', type: 'string', value: ['critical|warning'] },
          { path: 'body.version', type: 'string', value: ['^4$'] },
          { path: 'body.truncatedAlerts', type: 'number', comparator: '<', value: ['1'] },
        ],
      },
    }),
  );
  const dep = s.dependencies.get('a')!;
  cases.push({ name: '5 data filters', run: () => { if (!evaluateDependency(dep, new EvalEvent(decodeEvent(Buffer.from(wire)))).passed) throw new Error('filter failed'); } });
}
{
  const s = compileSensor(
    sensorWith({ filters: { exprs: [{ expr: 'status == "firing" && n < 5', fields: [{ name: 'status', path: 'body.status' }, { name: 'n', path: 'body.truncatedAlerts' }] }] } }),
  );
  const dep = s.dependencies.get('a')!;
  cases.push({ name: 'exprs filter', run: () => { if (!evaluateDependency(dep, new EvalEvent(decodeEvent(Buffer.from(wire)))).passed) throw new Error('filter failed'); } });
}
{
  const s = compileSensor(sensorWith({ filters: { script: 'return event.body.status == "firing" and #event.body.alerts > 0' } }));
  const dep = s.dependencies.get('a')!;
  cases.push({ name: 'Lua script filter', run: () => { if (!evaluateDependency(dep, new EvalEvent(decodeEvent(Buffer.from(wire)))).passed) throw new Error('filter failed'); } });
}
{
  const params = compileParameters([{ src: { dependencyName: 'a', dataTemplate: '{{ (index .Input.body.alerts 0).labels.name }}-{{ .Input.body.status | upper }}' }, dest: 'spec.arguments.parameters.0.value' }], 'bench');
  const doc = JSON.stringify({ spec: { arguments: { parameters: [{ name: 'app', value: 'x' }] } } });
  cases.push({ name: 'dataTemplate parameter', run: () => { applyParameters(doc, params, new Map([['a', new EvalEvent(decodeEvent(Buffer.from(wire)))]])); } });
}
{
  const s = compileSensor({
    ...sensorWith({}),
    spec: {
      dependencies: [
        { name: 'a', eventSourceName: 'alertmanager', eventName: 'slo-alerts' },
        { name: 'b', eventSourceName: 'alertmanager', eventName: 'other' },
      ],
      triggers: [{ template: { name: 't', conditions: 'a && b', log: {} } }],
    },
  });
  const plan = s.triggers[0]!;
  let saved = new Map<string, EvalEvent>();
  let flip = false;
  cases.push({
    name: '2-dependency AND join',
    run: () => {
      flip = !flip;
      const step = stepTrigger(plan, flip ? 'a' : 'b', new EvalEvent(decodeEvent(Buffer.from(wire))), saved);
      saved = step.action === 'wait' ? step.saved : new Map();
    },
  });
}

const baseline = rate(decodeOnly);
const rows: Row[] = [['envelope decode only (baseline)', `${fmt(baseline, 0)} events/s`]];
const results: Record<string, { eventsPerSecond: number; ratioToDecode: number }> = {};
for (const c of cases) {
  const r = rate(c.run);
  results[c.name] = { eventsPerSecond: Math.round(r), ratioToDecode: Math.round((r / baseline) * 100) / 100 };
  rows.push([c.name, `${fmt(r, 0)} events/s (${fmt((r / baseline) * 100, 0)}% of decode only)`]);
}
console.log(JSON.stringify(machineInfo()));
console.log(table(rows));
const dataFilters = results['5 data filters']?.eventsPerSecond ?? 0;
console.log(`\ntarget: 5 data filters >= 50,000 events/s on one core: ${dataFilters >= 50_000 ? 'met' : 'MISSED'}`);
console.log(`results: ${writeResults({ kind: 'sensor', machine: machineInfo(), baselineDecodePerSecond: Math.round(baseline), results })}`);
