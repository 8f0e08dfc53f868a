/** `switchyard test`: a sensor against events, offline, through the real CLI. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runSwitchyardCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const EX = join(import.meta.dirname, '../../examples/idp');

interface Report {
  dependencies: { name: string; event: string; matched: boolean; filters: { kind: string; index: number; passed: boolean; reason?: string }[] }[];
  triggers: { name: string; fired: boolean; reason: string; rendered?: { metadata: { generateName: string; namespace: string }; spec: { arguments: { parameters: { name: string; value: string }[] } } } }[];
}

describe('switchyard test', () => {
  const tmp = tempDir();
  after(() => tmp.cleanup());

  test('an Alertmanager body fires only the trigger of its SLO, with the Workflow rendered', async () => {
    const r = await runSwitchyardCli([
      'test', join(EX, 'slo-remediation-sensor.yaml'),
      '--body', `argocd-health-alert=${join(EX, 'payloads/alertmanager-argocd-health.json')}`,
      '--body', `externalsecret-sync-alert=${join(EX, 'payloads/alertmanager-argocd-health.json')}`,
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(report.dependencies.map((d) => [d.name, d.matched]), [['argocd-health-alert', true], ['externalsecret-sync-alert', false]]);
    assert.match(report.dependencies[1]!.filters[0]!.reason ?? '', /argocd-application-health/);
    const fired = report.triggers.filter((t) => t.fired);
    assert.deepEqual(fired.map((t) => t.name), ['remediate-argocd']);
    const wf = fired[0]!.rendered!;
    assert.equal(wf.metadata.generateName, 'remediate-argocd-');
    assert.equal(wf.metadata.namespace, 'cicd');
    assert.deepEqual(wf.spec.arguments.parameters.map((p) => p.value), ['checkout-api', 'checkout']);
    const other = report.triggers.find((t) => t.name === 'remediate-externalsecret');
    assert.equal(other?.fired, false);
  });

  test('the text report names filters and parameters', async () => {
    const r = await runSwitchyardCli(['test', join(EX, 'app-provisioning-sensor.yaml'), '--body', `provision-event=${join(EX, 'payloads/backstage-provision.json')}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /dependency provision-event .*: matched/);
    assert.match(r.stdout, /trigger provision-application: FIRES/);
    assert.match(r.stdout, /parameter spec\.arguments\.parameters\.0\.value <- provision-event: key = "inventory-service"/);
    assert.match(r.stdout, /generateName: provision-app-/);
  });

  test('a join waits for its other dependency, then fires with both; http triggers render url, method, headers, payload', async () => {
    const sensor = join(tmp.dir, 'join.yaml');
    writeFileSync(
      sensor,
      `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: join}
spec:
  dependencies:
    - {name: build, eventSourceName: ci, eventName: build}
    - {name: scan, eventSourceName: ci, eventName: scan}
  triggers:
    - template:
        name: notify
        conditions: "build && scan"
        http:
          url: http://127.0.0.1:9/hook
          headers: {Content-Type: application/json}
          payload:
            - {src: {dependencyName: build, dataKey: body.id}, dest: build}
            - {src: {dependencyName: scan, dataKey: body.verdict}, dest: verdict}
`,
    );
    const build = join(tmp.dir, 'build.json');
    const scan = join(tmp.dir, 'scan.json');
    writeFileSync(build, '{"id": "b-42"}');
    writeFileSync(scan, '{"header": {}, "body": {"verdict": "clean"}}');
    const r = await runSwitchyardCli(['test', sensor, '--body', `build=${build}`, '--event', `scan=${scan}`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { triggers: { name: string; fired: boolean; reason: string; rendered?: unknown }[] };
    assert.equal(report.triggers[0]!.fired, false);
    assert.match(report.triggers[0]!.reason, /waiting for scan/);
    assert.equal(report.triggers[1]!.fired, true);
    assert.deepEqual(report.triggers[1]!.rendered, { url: 'http://127.0.0.1:9/hook', method: 'POST', headers: { 'Content-Type': 'application/json' }, payload: { build: 'b-42', verdict: 'clean' } });
  });

  test('exit 1 for an invalid sensor, 2 for unusable arguments', async () => {
    const bad = join(tmp.dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata: {name: bad}\nspec:\n  dependencies: []\n  triggers: []\n');
    const body = join(tmp.dir, 'b.json');
    writeFileSync(body, '{}');
    const invalid = await runSwitchyardCli(['test', bad, '--body', `x=${body}`]);
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /invalid/);
    assert.equal((await runSwitchyardCli(['test', bad])).code, 2);
    const notJson = join(tmp.dir, 'n.json');
    writeFileSync(notJson, 'nope');
    const r = await runSwitchyardCli(['test', join(EX, 'app-provisioning-sensor.yaml'), '--body', `provision-event=${notJson}`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /JSON/);
    const unknownDep = await runSwitchyardCli(['test', join(EX, 'app-provisioning-sensor.yaml'), '--body', `nope=${body}`]);
    assert.equal(unknownDep.code, 2);
    assert.match(unknownDep.stderr, /does not have/);
  });
});
