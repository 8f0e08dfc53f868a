// Lints manifests written by others (../shared/fixtures beside the repository).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadManifests, collectFiles } from '../src/manifests/load.ts';

const fixtures = fileURLToPath(new URL('../../shared/fixtures/', import.meta.url));
const idp = join(fixtures, 'idp-blueprint/K8s/events/argo-events');
const examples = join(fixtures, 'argo-events/examples');

describe('idp-blueprint argo-events', () => {
  test('every manifest validates; only slo-remediation-sensor.yaml fails, on its conditions', async () => {
    const { set, findings, files } = await loadManifests([idp]);
    // Every file in the folder except the README is read.
    const all = readdirSync(idp).filter((f) => statSync(join(idp, f)).isFile());
    assert.deepEqual(files.map((f) => relative(idp, f)), all.filter((f) => f !== 'README.md').sort());
    assert.equal(set.eventSources.length, 3);
    assert.equal(set.sensors.length, 3);
    assert.equal(set.eventBuses.length, 1);
    const errors = findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => [relative(idp, f.file ?? ''), f.code, f.path, f.line]), [
      ['slo-remediation-sensor.yaml', 'SY312', 'spec.triggers[0].template.conditions', 55],
      ['slo-remediation-sensor.yaml', 'SY312', 'spec.triggers[1].template.conditions', 88],
    ]);
    assert.match(errors[0]?.message ?? '', /path: "body\.alerts\.#\.labels\.slo"/);
    assert.match(errors[1]?.message ?? '', /- "externalsecrets-sync-success"/);
    // Services, the kustomization and the Helm chart files are skipped, not failed.
    assert.deepEqual(set.skipped.map((s) => relative(idp, s.file)).sort(), [
      'Chart.yaml', 'alertmanager-eventsource-svc.yaml', 'argocd-notifications-eventsource-svc.yaml',
      'backstage-eventsource-svc.yaml', 'kustomization.yaml', 'values.yaml',
    ]);
  });
});

/**
 * Files of the Argo Events examples with errors, each checked by hand to be a real problem of that
 * manifest (the examples are written for older Argo versions in places).
 */
const EXPECTED_ERRORS: Record<string, string[]> = {
  // `openwhisk:` is misspelt (the field is openWhisk): Kubernetes prunes it and the trigger has no type.
  'sensors/trigger-openwhisk.yaml': ['SY322'],
  // `serverURL` was renamed `url`; Argo rejects the sensor ("server URL is not specified").
  'tutorials/09-http-trigger/sensor-01.yaml': ['SY340'],
  'tutorials/09-http-trigger/sensor-02.yaml': ['SY340'],
};

describe('argo-events examples', () => {
  test('each file loads on its own; errors only where the manifest really is wrong', async () => {
    const files = await collectFiles([examples]);
    assert.ok(files.length > 100);
    const got: Record<string, string[]> = {};
    let resources = 0;
    for (const file of files) {
      const { set, findings } = await loadManifests([file]);
      resources += set.eventSources.length + set.sensors.length + set.eventBuses.length;
      const codes = [...new Set(findings.filter((f) => f.severity === 'error').map((f) => f.code))];
      if (codes.length > 0) got[relative(examples, file)] = codes;
    }
    assert.ok(resources >= 120, `only ${resources} resources`);
    assert.deepEqual(got, EXPECTED_ERRORS);
  });

  test('the whole folder loads at once without crashing', async () => {
    const { set, findings } = await loadManifests([examples]);
    assert.ok(set.sensors.length > 80);
    // Independent examples reuse names and ports, so only cross-resource duplicates add errors here.
    const extra = findings.filter((f) => f.severity === 'error' && !['SY240', 'SY241', 'SY364', 'SY322', 'SY340'].includes(f.code));
    assert.deepEqual(extra, []);
  });
});
