/** `switchyard lint` as a user runs it: the real CLI in a child process, exit codes and printed lines. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runSwitchyardCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const EVENT_SOURCE = `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: alerts}
spec:
  webhook:
    incoming: {port: "12000", endpoint: /alerts, method: POST}
`;

const sensor = (conditions: string): string => `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: remediation}
spec:
  dependencies:
    - name: a
      eventSourceName: alerts
      eventName: incoming
  triggers:
    - template:
        name: remediate
        conditions: "${conditions}"
        log: {}
`;

describe('switchyard lint', () => {
  const tmp = tempDir('switchyard-cli-lint-');
  const good = join(tmp.dir, 'good');
  const bad = join(tmp.dir, 'bad');

  before(() => {
    for (const d of [good, bad]) mkdirSync(d);
    writeFileSync(join(good, 'eventsource.yaml'), EVENT_SOURCE);
    writeFileSync(join(good, 'sensor.yaml'), sensor('a'));
    writeFileSync(join(bad, 'eventsource.yaml'), EVENT_SOURCE);
    // The shape of the original slo-remediation sensor: event data compared inside conditions.
    writeFileSync(join(bad, 'sensor.yaml'), sensor("a && a.labels.x == 'y'"));
  });
  after(() => tmp.cleanup());

  test('a valid folder: exit 0 and exactly one ok: summary line', async () => {
    const r = await runSwitchyardCli(['lint', good]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 1, r.stdout);
    assert.match(lines[0]!, /^ok: 1 event source, 1 sensor, .* in 2 files$/);
    assert.equal(r.stderr, '');
  });

  test('conditions that compare event data: exit 1 naming file, document, field path and code, with the fix', async () => {
    const r = await runSwitchyardCli(['lint', bad]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const file = join(bad, 'sensor.yaml');
    const head = r.stdout.split('\n').find((l) => l.includes('SY312'));
    assert.ok(head, `an SY312 finding in:\n${r.stdout}`);
    assert.ok(head.startsWith(`${file}:`), head);
    assert.match(head, /: document 1: spec\.triggers\[0\]\.template\.conditions: SY312 error: /);
    // The message shows the fix: a dependency with a data filter on the compared field, named in conditions.
    assert.match(r.stdout, /Suggested change:/);
    assert.match(r.stdout, /filters:\n\s+data:\n\s+- path: "body\.labels\.x"/);
    assert.match(r.stdout, /- "y"/);
    assert.match(r.stdout, /conditions: "a-y"/);
    assert.match(r.stderr, /^failed: 1 error/m);
    assert.doesNotMatch(r.stdout, /^ok:/m);
  });

  test('--json prints machine-readable findings with the same code and path', async () => {
    const r = await runSwitchyardCli(['lint', '--json', bad]);
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { ok: boolean; findings: { code: string; path: string; file: string; severity: string }[] };
    assert.equal(out.ok, false);
    const f = out.findings.find((x) => x.code === 'SY312');
    assert.equal(f?.path, 'spec.triggers[0].template.conditions');
    assert.equal(f?.file, join(bad, 'sensor.yaml'));
    assert.equal(f?.severity, 'error');
  });
});

