import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse } from 'yaml';
import { startKube, type Kube } from '../helpers/kube.ts';
import { openWatch } from './watch.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/kube');
const ORGS = '/apis/resourcemanager.miloapis.com/v1alpha1/organizations';

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

function organization(name: string, type: unknown): object {
  return { apiVersion: 'resourcemanager.miloapis.com/v1alpha1', kind: 'Organization', metadata: { name, labels: { purpose: 'harness-test' } }, spec: { type } };
}

describe('kube harness: a real kube-apiserver with etcd', () => {
  let kube: Kube;
  before(async () => {
    kube = await startKube();
    await kube.applyYaml(join(FIXTURES, 'organization-crd.yaml'));
  });
  after(async () => {
    await kube?.stop();
  });

  test('serves /version and writes a kubeconfig with its URL, CA and admin token', async () => {
    const v = await kube.request('GET', '/version');
    assert.equal(v.status, 200);
    assert.match(String((v.body as { gitVersion?: unknown }).gitVersion), /^v1\.\d+\.\d+/);
    const cfg = parse(readFileSync(kube.kubeconfigPath, 'utf8')) as {
      clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
      users: { user: { token: string } }[];
    };
    assert.equal(cfg.clusters[0]?.cluster.server, kube.url);
    assert.equal(Buffer.from(cfg.clusters[0]?.cluster['certificate-authority-data'] ?? '', 'base64').toString(), readFileSync(kube.caFile, 'utf8'));
    assert.equal(cfg.users[0]?.user.token, kube.token);
  });

  test('an Organization created through the API shows up in a list and as a watch event', async () => {
    const list = await kube.request('GET', ORGS);
    assert.equal(list.status, 200);
    const rv = (list.body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const watch = await openWatch(kube.url, kube.ca, kube.token, `${ORGS}?watch=1&resourceVersion=${rv}`);
    try {
      const name = unique('org');
      const [created] = await kube.applyYaml(`apiVersion: resourcemanager.miloapis.com/v1alpha1
kind: Organization
metadata:
  name: ${name}
spec:
  type: Standard
  extra: kept
`);
      assert.equal(created?.metadata.name, name);
      const ev = await watch.next((e) => e.object.metadata?.name === name);
      assert.equal(ev.type, 'ADDED');
      assert.deepEqual((ev.object as { spec?: unknown }).spec, { type: 'Standard', extra: 'kept' });
      const after = await kube.request('GET', ORGS);
      const names = (after.body as { items: { metadata: { name: string } }[] }).items.map((i) => i.metadata.name);
      assert.ok(names.includes(name), `list has ${name}: ${names.join(', ')}`);
    } finally {
      watch.close();
    }
  });

  test('the CRD schema is enforced: a non-string spec.type is rejected with 422', async () => {
    const res = await kube.request('POST', ORGS, organization(unique('bad'), 5));
    assert.equal(res.status, 422, res.text);
    assert.match(res.text, /spec\.type/);
  });

  test('namespaced custom objects (a Workflow) are created in the default namespace', async () => {
    const name = unique('wf');
    await kube.applyYaml(join(FIXTURES, 'workflow-crd.yaml'));
    await kube.applyYaml([
      { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name }, spec: { entrypoint: 'main', templates: [{ name: 'main' }] } },
    ]);
    const got = await kube.request('GET', `/apis/argoproj.io/v1alpha1/namespaces/default/workflows/${name}`);
    assert.equal(got.status, 200, got.text);
    assert.equal((got.body as { spec: { entrypoint: string } }).spec.entrypoint, 'main');
  });

  test('applying a kind the apiserver does not serve fails with what to do', async () => {
    await assert.rejects(
      kube.applyYaml([{ apiVersion: 'example.switchyard.dev/v1', kind: 'Unknown', metadata: { name: 'x' } }]),
      /serves no kind Unknown in example\.switchyard\.dev\/v1 \(apply its CRD first\)/,
    );
  });

  test('a user without permissions gets 403; the admin gets 200', async () => {
    const denied = await kube.request('GET', ORGS, undefined, { token: kube.unprivilegedToken });
    assert.equal(denied.status, 403);
    assert.match(denied.text, new RegExp(kube.unprivilegedUser));
    const bad = await kube.request('GET', ORGS, undefined, { token: 'not-a-token' });
    assert.equal(bad.status, 401);
    assert.equal((await kube.request('GET', ORGS)).status, 200);
  });

  test('objects survive a kube-apiserver restart on the same URL', async () => {
    const name = unique('org-restart');
    const created = await kube.request('POST', ORGS, organization(name, 'Personal'));
    assert.equal(created.status, 201, created.text);
    const url = kube.url;
    await kube.restartApiServer();
    assert.equal(kube.url, url);
    const got = await kube.request('GET', `${ORGS}/${name}`);
    assert.equal(got.status, 200, got.text);
    assert.equal((got.body as { spec: { type: string } }).spec.type, 'Personal');
  });
});
