/**
 * `switchyard test SENSOR.yaml --event DEP=data.json [--body DEP=body.json] ... [--json]`
 * Feeds events to a sensor in the given order, offline (no bus, no servers, nothing executed), and prints
 * the decision records: which filters passed and why, which triggers fired or wait, and what they would send.
 * Exit 0 when the evaluation ran, 1 when the sensor is invalid, 2 on unusable arguments.
 */
import { readFileSync } from 'node:fs';
import { stringify as toYaml } from 'yaml';
import type { Sensor } from '../api/types.ts';
import { SwitchyardError, errorMessage } from '../errors.ts';
import { loadManifests } from '../manifests/load.ts';
import { compileSensor, type CompiledSensor } from '../sensors/compile.ts';
import { evaluateOffline, type OfflineEvent, type TestReport } from '../sensors/offline.ts';
import { offlineRenderer } from '../triggers/host.ts';
import { formatFinding } from './lint.ts';
import type { Output } from './output.ts';

const USAGE = `usage: switchyard test SENSOR.yaml --event DEP=data.json [--body DEP=body.json] ... [--sensor NAME] [--json]
  --event DEP=FILE  the event data as the source puts it on the bus (a webhook's is {"header":{...},"body":...})
  --body DEP=FILE   a webhook request body; it is wrapped as {"header":{},"body":<file>}
  --sensor NAME     which sensor, when the file holds several
  --json            print the report as JSON`;

interface Args {
  file: string;
  sensorName?: string;
  json: boolean;
  events: { dep: string; path: string; wrap: boolean }[];
}

function parse(args: string[]): Args | string {
  const out: Args = { file: '', json: false, events: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : args[++i]);
    if (flag === '--json') out.json = true;
    else if (flag === '--event' || flag === '--body') {
      const m = /^([^=]+)=(.+)$/.exec(value() ?? '');
      if (!m) return `${flag} needs DEP=FILE`;
      out.events.push({ dep: m[1]!, path: m[2]!, wrap: flag === '--body' });
    } else if (flag === '--sensor') {
      const v = value();
      if (!v) return '--sensor needs a name';
      out.sensorName = v;
    } else if (a.startsWith('-')) return `unknown option ${a}`;
    else if (out.file === '') out.file = a;
    else return `unexpected argument ${a}`;
  }
  if (out.file === '') return 'give the sensor file';
  if (out.events.length === 0) return 'give at least one --event or --body';
  return out;
}

export async function testCommand(args: string[], out: Output): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    out.stderr(`${parsed}\n${USAGE}`);
    return 2;
  }
  const inputs: OfflineEvent[] = [];
  for (const e of parsed.events) {
    let text: string;
    try {
      text = readFileSync(e.path, 'utf8');
      JSON.parse(text);
    } catch (err) {
      out.stderr(`${e.path}: ${errorMessage(err)}; give a file holding JSON`);
      return 2;
    }
    const data = e.wrap ? `{"header":{},"body":${text.trim()}}` : text;
    inputs.push({ dependency: e.dep, label: e.path, data: Buffer.from(data) });
  }
  let sensor: CompiledSensor;
  try {
    sensor = await loadSensor(parsed.file, parsed.sensorName);
  } catch (err) {
    out.stderr(`error: ${errorMessage(err)}`);
    return 1;
  }
  let report: TestReport;
  try {
    report = await evaluateOffline(sensor, inputs, offlineRenderer(sensor));
  } catch (err) {
    out.stderr(`error: ${errorMessage(err)}`);
    return 2;
  }
  out.stdout(parsed.json ? JSON.stringify(report, null, 2) : formatReport(sensor, report));
  return 0;
}

async function loadSensor(file: string, name: string | undefined): Promise<CompiledSensor> {
  const result = await loadManifests([file]);
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) throw new SwitchyardError('MANIFEST_INVALID', `the sensor is invalid:\n${errors.map(formatFinding).join('\n')}`);
  const sensors: Sensor[] = result.set.sensors.filter((s) => name === undefined || s.metadata.name === name);
  if (sensors.length === 0) throw new SwitchyardError('NO_SENSOR', name ? `${file} has no Sensor named "${name}"` : `${file} has no Sensor`);
  if (sensors.length > 1) throw new SwitchyardError('MANY_SENSORS', `${file} has several Sensors (${sensors.map((s) => s.metadata.name).join(', ')}); choose one with --sensor NAME`);
  return compileSensor(sensors[0]!);
}

function formatReport(sensor: CompiledSensor, r: TestReport): string {
  const lines: string[] = [`sensor ${sensor.name}`];
  for (const d of r.dependencies) {
    lines.push(`dependency ${d.name} <- ${d.event}: ${d.matched ? 'matched' : 'NOT matched'}`);
    for (const f of d.filters) lines.push(`  ${f.kind}${f.index >= 0 ? `[${f.index}]` : ''}: ${f.passed ? 'passed' : f.error ? 'error' : 'failed'}${f.reason ? ` (${f.reason})` : ''}`);
  }
  for (const t of r.triggers) {
    lines.push(`trigger ${t.name}: ${t.fired ? 'FIRES' : 'does not fire'} (${t.reason})`);
    for (const p of t.parameters ?? []) {
      lines.push(`  parameter ${p.dest || '(payload)'} <- ${p.dependencyName}: ${p.source}${p.value !== undefined ? ` = ${JSON.stringify(p.value)}` : ''}${p.fallbackReason ? ` [${p.fallbackReason}]` : ''}`);
    }
    if (t.rendered !== undefined) lines.push(...toYaml(t.rendered).trimEnd().split('\n').map((l) => `    ${l}`));
  }
  return lines.join('\n');
}
