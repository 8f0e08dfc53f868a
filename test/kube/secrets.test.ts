/** Secrets from Kubernetes Secret objects (with a kubeconfig), chained after the local secrets folder/environment. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { KubeClient, loadKubeConfig } from '../../src/kube/index.ts';
import { kubeSecrets } from '../../src/kube/secrets.ts';
import { chainSecrets, standaloneSecrets } from '../../src/runtime/secrets.ts';
import { startKube, type Kube } from '../helpers/kube.ts';

let kube: Kube;
let client: KubeClient;
before(async () => {
  kube = await startKube();
  await kube.applyYaml([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argo-events' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'slack', namespace: 'argo-events' }, stringData: { token: 'xoxb-from-cluster' } },
  ]);
  client = new KubeClient(loadKubeConfig({ path: kube.kubeconfigPath }));
});
after(async () => {
  client?.close();
  await kube?.stop();
});

test('a Secret key in the resource namespace resolves; missing names and keys say what to create', async () => {
  const r = kubeSecrets(client, 'argo-events');
  assert.equal(await r.resolve({ name: 'slack', key: 'token' }), 'xoxb-from-cluster');
  await assert.rejects(r.resolve({ name: 'slack', key: 'nope' }), /has no key "nope" \(it has: token\)/);
  await assert.rejects(r.resolve({ name: 'absent', key: 'token' }), /Secret argo-events\/absent does not exist/);
});

test('the local folder and environment win; the cluster is asked when they do not have it', async () => {
  const chained = chainSecrets(standaloneSecrets({ env: { SWITCHYARD_SECRET_SLACK_TOKEN: 'local' } }), kubeSecrets(client, 'argo-events'));
  assert.equal(await chained.resolve({ name: 'slack', key: 'token' }), 'local');
  const clusterOnly = chainSecrets(standaloneSecrets({ env: {} }), kubeSecrets(client, 'argo-events'));
  assert.equal(await clusterOnly.resolve({ name: 'slack', key: 'token' }), 'xoxb-from-cluster');
  await assert.rejects(clusterOnly.resolve({ name: 'absent', key: 'k' }), (err: Error) => /SWITCHYARD_SECRET_ABSENT_K/.test(err.message) && /does not exist/.test(err.message));
});
