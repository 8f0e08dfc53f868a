// Argo Workflows' own CRDs and real WorkflowTemplates (../shared/fixtures) on a real kube-apiserver.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startKube, type Kube } from '../test/helpers/kube.ts';

const fixtures = fileURLToPath(new URL('../../shared/fixtures/', import.meta.url));
const crds = join(fixtures, 'argo-workflows/manifests/base/crds/minimal');
const templates = join(fixtures, 'idp-blueprint/K8s/cicd/argo-workflows/workflow-templates');
const milo = join(fixtures, 'milo/organization-notifications/test-organization.yaml');
const orgCrd = fileURLToPath(new URL('../test/fixtures/kube/organization-crd.yaml', import.meta.url));

function requireFixture(path: string): string {
  assert.ok(existsSync(path), `fixture missing: ${path} (the shared fixtures must sit beside the repository as ../shared)`);
  return path;
}

describe('Argo Workflows CRDs on a real kube-apiserver', () => {
  let kube: Kube;
  before(async () => {
    kube = await startKube();
  });
  after(async () => {
    await kube?.stop();
  });

  test('every minimal CRD applies and is served', async () => {
    const files = readdirSync(requireFixture(crds)).filter((f) => f.startsWith('argoproj.io_') && f.endsWith('.yaml'));
    assert.equal(files.length, 8);
    const applied = await kube.applyYaml(crds);
    assert.deepEqual(applied.map((o) => o.metadata.name).sort(), files.map((f) => f.replace(/^argoproj\.io_(.+)\.yaml$/, '$1.argoproj.io')).sort());
    const discovery = await kube.request('GET', '/apis/argoproj.io/v1alpha1');
    assert.equal(discovery.status, 200, discovery.text);
    const kinds = (discovery.body as { resources: { kind: string }[] }).resources.map((r) => r.kind);
    for (const kind of ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']) assert.ok(kinds.includes(kind), `${kind} served: ${kinds.join(', ')}`);
  });

  test('the idp-blueprint WorkflowTemplates apply and read back unchanged in spec', async () => {
    requireFixture(templates);
    await kube.applyYaml([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cicd' } }]);
    const applied = await kube.applyYaml(templates);
    const wfts = applied.filter((o) => o.kind === 'WorkflowTemplate');
    assert.ok(wfts.length >= 5, `applied ${applied.map((o) => o.kind).join(', ')}`);
    const list = await kube.request('GET', '/apis/argoproj.io/v1alpha1/namespaces/cicd/workflowtemplates');
    assert.equal(list.status, 200, list.text);
    const items = (list.body as { items: { metadata: { name: string }; spec: unknown }[] }).items;
    assert.deepEqual(items.map((i) => i.metadata.name).sort(), wfts.map((o) => o.metadata.name).sort());
    for (const w of wfts) assert.deepEqual(items.find((i) => i.metadata.name === w.metadata.name)?.spec, w.spec);
  });

  test("Milo's test Organization applies against Switchyard's Organization CRD", async () => {
    await kube.applyYaml(orgCrd);
    const [org] = await kube.applyYaml(requireFixture(milo));
    assert.equal(org?.kind, 'Organization');
    const got = await kube.request('GET', `/apis/resourcemanager.miloapis.com/v1alpha1/organizations/${org?.metadata.name ?? ''}`);
    assert.equal(got.status, 200, got.text);
    assert.deepEqual((got.body as { spec: unknown }).spec, { type: 'Standard' });
  });
});
