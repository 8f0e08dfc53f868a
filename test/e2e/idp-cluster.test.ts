/**
 * The seeds' first deployment against a real kube-apiserver: examples/idp run with --kubeconfig (webhook ports
 * moved to free ones); a Backstage provision request and an Alertmanager alert create Workflows in namespace
 * `cicd` on the API server, with generateName resolved by the server, Argo's labels and the mapped parameters.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { logger, setLogSink } from '../../src/observe/log.ts';
import { startStandalone, type Standalone } from '../../src/runtime/standalone.ts';
import { startKube, type Kube } from '../helpers/kube.ts';
import { copyWithFreePorts } from '../helpers/manifests.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/idp');
const CRD = join(import.meta.dirname, '../fixtures/kube/workflow-crd.yaml');

interface Wf {
  metadata: { name: string; generateName: string; namespace: string; labels: Record<string, string> };
  spec: { workflowTemplateRef: { name: string }; arguments: { parameters: { name: string; value: string }[] } };
}

describe('examples/idp on a Kubernetes API server', () => {
  const tmp = tempDir();
  let kube: Kube;
  let running: Standalone | undefined;
  let ports: Map<string, number>;

  before(async () => {
    setLogSink(() => undefined);
    kube = await startKube();
    await kube.applyYaml(CRD);
    await kube.applyYaml([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cicd' } }]);
    ports = await copyWithFreePorts(EXAMPLE, join(tmp.dir, 'manifests'));
    running = await startStandalone({ paths: [join(tmp.dir, 'manifests')], dataDir: join(tmp.dir, 'data'), kubeconfig: kube.kubeconfigPath, log: logger() });
  });
  after(async () => {
    await running?.stop();
    await kube?.stop();
    setLogSink((l) => process.stderr.write(l + '\n'));
    tmp.cleanup();
  });

  async function workflows(): Promise<Wf[]> {
    const res = await kube.request('GET', '/apis/argoproj.io/v1alpha1/namespaces/cicd/workflows');
    assert.equal(res.status, 200, res.text);
    return (res.body as { items: Wf[] }).items;
  }

  test('a Backstage provision request creates provision-app-… in cicd with every parameter', async () => {
    const body = readFileSync(join(EXAMPLE, 'payloads/backstage-provision.json'), 'utf8');
    const res = await fetch(`http://127.0.0.1:${ports.get('12001')}/backstage/provision`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    assert.equal(res.status, 200);
    const wf = await waitFor('the Workflow on the API server', async () => (await workflows()).find((w) => w.metadata.generateName === 'provision-app-'));
    assert.match(wf.metadata.name, /^provision-app-[a-z0-9]{5}$/);
    assert.equal(wf.metadata.namespace, 'cicd');
    assert.equal(wf.metadata.labels['events.argoproj.io/sensor'], 'app-provisioning');
    assert.equal(wf.metadata.labels['events.argoproj.io/trigger'], 'provision-application');
    assert.equal(wf.spec.workflowTemplateRef.name, 'provision-app-workflow');
    const params = Object.fromEntries(wf.spec.arguments.parameters.map((p) => [p.name, p.value]));
    const sent = JSON.parse(body) as Record<string, unknown>;
    assert.equal(params['app-name'], sent['appName']);
    assert.equal(params['repo-url'], sent['repoUrl']);
    assert.equal(params['replicas'], String(sent['replicas']));
    assert.equal((await running!.store.list('Workflow')).length, 0, 'nothing went to the local store');
  });

  test('an Alertmanager SLO alert creates remediate-argocd-… with the alert labels', async () => {
    const body = readFileSync(join(EXAMPLE, 'payloads/alertmanager-argocd-health.json'), 'utf8');
    const res = await fetch(`http://127.0.0.1:${ports.get('12000')}/webhook`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    assert.equal(res.status, 200);
    const wf = await waitFor('the remediation Workflow', async () => (await workflows()).find((w) => w.metadata.generateName === 'remediate-argocd-'));
    const alert = (JSON.parse(body) as { alerts: { labels: Record<string, string> }[] }).alerts[0]!;
    assert.deepEqual(Object.fromEntries(wf.spec.arguments.parameters.map((p) => [p.name, p.value])), { 'app-name': alert.labels['name'], namespace: alert.labels['dest_namespace'] });
  });
});
