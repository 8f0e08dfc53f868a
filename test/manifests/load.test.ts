import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifests, parseDocuments, collectFiles } from '../../src/manifests/load.ts';
import { classifyDocument } from '../../src/manifests/kinds.ts';
import { SwitchyardError } from '../../src/errors.ts';

const ES = `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: hooks
spec:
  webhook:
    push:
      port: "12000"
      endpoint: /push
      method: POST
`;

const SENSOR = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: on-push
spec:
  dependencies:
    - name: push
      eventSourceName: hooks
      eventName: push
  triggers:
    - template:
        name: log-it
        conditions: "push && push.body.ref == 'main'"
        log: {}
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: hooks-svc
spec:
  ports: [{ port: 12000 }]
`;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-load-'));
  await mkdir(join(dir, 'b', 'nested'), { recursive: true });
  await mkdir(join(dir, '.hidden'));
  await writeFile(join(dir, 'a.yaml'), `${ES}---\n${SERVICE}---\n# just a comment\n---\n${SENSOR}`);
  await writeFile(join(dir, 'b', 'nested', 'bus.yml'), 'apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata: {name: default}\nspec: {jetstream: {version: latest}}\n');
  await writeFile(join(dir, 'b', 'wt.json'), JSON.stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 'wt' }, spec: {} }));
  await writeFile(join(dir, 'b', 'README.md'), '# not a manifest');
  await writeFile(join(dir, '.hidden', 'x.yaml'), 'kind: [broken');
  await writeFile(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: chart\nversion: 1.0.0\n');
  await writeFile(join(dir, 'values.yaml'), 'replicas: 2\n');
});
after(async () => rm(dir, { recursive: true, force: true }));

describe('collectFiles', () => {
  test('walks folders recursively, sorted, only .yaml/.yml/.json, skipping hidden entries', async () => {
    const files = await collectFiles([dir]);
    assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), ['Chart.yaml', 'a.yaml', 'b/nested/bus.yml', 'b/wt.json', 'values.yaml']);
  });

  test('a missing path is SY001 naming the path', async () => {
    await assert.rejects(collectFiles([join(dir, 'nope')]), (e: unknown) => e instanceof SwitchyardError && e.code === 'SY001' && e.message.includes('nope'));
  });

  test('a folder without manifests is SY003', async () => {
    const empty = join(dir, 'b', 'nested', 'empty');
    await mkdir(empty);
    try {
      await assert.rejects(collectFiles([empty]), (e: unknown) => e instanceof SwitchyardError && e.code === 'SY003');
    } finally {
      await rm(empty, { recursive: true });
    }
  });
});

describe('parseDocuments', () => {
  test('numbers documents from 0 and records the line each starts on; empty ones are dropped', () => {
    const { documents, findings } = parseDocuments('x.yaml', `${ES}---\n\n---\n# c\n---\n${SERVICE}`);
    assert.deepEqual(findings, []);
    assert.deepEqual(documents.map((d) => [d.index, d.line]), [[0, 1], [3, 16]]);
  });

  test('a syntax error is SY002 with file, document and line; other documents still load', () => {
    const { documents, findings } = parseDocuments('bad.yaml', `${ES}---\nkind: Sensor\nspec:\n  a: [1,\n---\n${SERVICE}`);
    assert.equal(findings.length >= 1, true);
    const f = findings[0];
    assert.equal(f?.code, 'SY002');
    assert.equal(f?.file, 'bad.yaml');
    assert.equal(f?.document, 1);
    assert.ok((f?.line ?? 0) >= 12, `line ${f?.line}`);
    assert.deepEqual(documents.map((d) => d.index), [0, 2]);
  });

  test('duplicate keys are a syntax error', () => {
    const { findings } = parseDocuments('dup.yaml', 'a: 1\na: 2\n');
    assert.equal(findings[0]?.code, 'SY002');
    assert.equal(findings[0]?.line, 2);
  });
});

describe('loadManifests', () => {
  test('sorts documents into the set, skips others with reasons, and locates findings', async () => {
    const { set, findings, files, documents } = await loadManifests([dir]);
    assert.equal(files.length, 5);
    assert.equal(documents, 7);
    assert.deepEqual(set.eventSources.map((e) => e.metadata.name), ['hooks']);
    assert.deepEqual(set.sensors.map((s) => s.metadata.name), ['on-push']);
    assert.deepEqual(set.eventBuses.map((s) => s.metadata.name), ['default']);
    assert.deepEqual(set.workflowTemplates.map((s) => s.metadata.name), ['wt']);
    assert.deepEqual(set.skipped.map((s) => [s.file.slice(dir.length + 1), s.index, s.kind]), [
      ['Chart.yaml', 0, '(none)'], ['a.yaml', 1, 'Service'], ['values.yaml', 0, '(none)'],
    ]);
    assert.ok(set.skipped.every((s) => s.reason.length > 10));
    const sensor = set.sensors[0];
    assert.ok(sensor);
    assert.deepEqual(set.origin.get(sensor), { file: join(dir, 'a.yaml'), index: 3, line: 21 });
    // The sensor's conditions look at event data: reported on the line of the conditions field.
    assert.deepEqual(findings.map((f) => [f.code, f.file?.slice(dir.length + 1), f.document, f.line, f.path, f.resource]), [
      ['SY312', 'a.yaml', 3, 33, 'spec.triggers[0].template.conditions', 'Sensor/on-push'],
    ]);
  });

  test('cross-resource findings carry file, document and the field line', async () => {
    const d2 = await mkdtemp(join(tmpdir(), 'switchyard-load2-'));
    try {
      await writeFile(join(d2, 'one.yaml'), ES);
      await writeFile(join(d2, 'two.yaml'), `# second copy\n${ES.replace('name: hooks', 'name: hooks-two')}`);
      const { findings } = await loadManifests([d2]);
      assert.deepEqual(findings.map((f) => [f.code, f.file?.slice(d2.length + 1), f.document, f.line]), [['SY241', 'two.yaml', 0, 8]]);
    } finally {
      await rm(d2, { recursive: true, force: true });
    }
  });

  test('a missing field points at the line of its parent', async () => {
    const d3 = await mkdtemp(join(tmpdir(), 'switchyard-load3-'));
    try {
      await writeFile(join(d3, 'es.yaml'), ES.replace('      method: POST\n', ''));
      const { findings } = await loadManifests([join(d3, 'es.yaml')]);
      assert.deepEqual(findings.map((f) => [f.code, f.path, f.line]), [['SY212', 'spec.webhook.push.method', 7]]);
    } finally {
      await rm(d3, { recursive: true, force: true });
    }
  });
});

describe('classifyDocument', () => {
  const reason = (o: unknown) => { const c = classifyDocument(o); return c.action === 'skip' ? c.reason : c.action; };
  test('keeps Argo Events kinds and workflow templates', () => {
    for (const kind of ['EventSource', 'Sensor', 'EventBus', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']) {
      assert.deepEqual(classifyDocument({ apiVersion: 'argoproj.io/v1alpha1', kind }), { action: 'keep', kind });
    }
  });
  test('skips Workflows, Kustomizations, Kubernetes objects and Helm files with a reason', () => {
    assert.match(reason({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow' }), /single run/);
    assert.match(reason({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' }), /kustomize/);
    assert.match(reason({ apiVersion: 'v1', kind: 'Secret' }), /v1 Secret is not/);
    assert.match(reason({ apiVersion: 'v2', name: 'chart' }), /Chart\.yaml/);
    assert.match(reason({ replicas: 1 }), /not a Kubernetes resource/);
  });
  test('an argoproj.io document without kind is kept for validation to report', () => {
    assert.deepEqual(classifyDocument({ apiVersion: 'argoproj.io/v1alpha1', metadata: {} }), { action: 'invalid' });
  });
});
