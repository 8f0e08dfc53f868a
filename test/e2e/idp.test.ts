/**
 * The seeds' first deployment end to end on one machine: the examples/idp manifests (webhook ports moved to
 * free ones), real HTTP posts of realistic Alertmanager, ArgoCD and Backstage payloads, and the Workflows the
 * sensors submit, with their parameters, read back from the local store.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { logger, setLogSink } from '../../src/observe/log.ts';
import { startStandalone, type Standalone } from '../../src/runtime/standalone.ts';
import type { StoredObject } from '../../src/store/objects.ts';
import { copyWithFreePorts } from '../helpers/manifests.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';

const EXAMPLE = join(import.meta.dirname, '../../examples/idp');
const payload = (name: string): string => readFileSync(join(EXAMPLE, 'payloads', name), 'utf8');

type Wf = { metadata: { generateName: string; labels: Record<string, string> }; spec: { workflowTemplateRef: { name: string }; arguments: { parameters: { name: string; value: string }[] } } };

function params(o: StoredObject): Record<string, string> {
  const wf = o.object as unknown as Wf;
  return Object.fromEntries(wf.spec.arguments.parameters.map((p) => [p.name, p.value]));
}

describe('examples/idp end to end', () => {
  const tmp = tempDir();
  let running: Standalone;
  let ports: Map<string, number>;
  const lines: string[] = [];

  before(async () => {
    setLogSink((l) => lines.push(l));
    ports = await copyWithFreePorts(EXAMPLE, join(tmp.dir, 'manifests'));
    running = await startStandalone({ paths: [join(tmp.dir, 'manifests')], dataDir: join(tmp.dir, 'data'), log: logger() });
  });
  after(async () => {
    await running?.stop();
    setLogSink((l) => process.stderr.write(l + '\n'));
    tmp.cleanup();
  });

  async function post(port: string, path: string, body: string): Promise<Response> {
    return fetch(`http://127.0.0.1:${ports.get(port)}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  }

  async function newWorkflows(prefix: string, count: number): Promise<StoredObject[]> {
    return waitFor(`${count} workflow(s) named ${prefix}*`, async () => {
      const wfs = (await running.store.list('Workflow')).filter((w) => w.name.startsWith(prefix));
      return wfs.length >= count ? wfs : undefined;
    });
  }

  test('Backstage provision request submits provision-app-workflow with every parameter mapped', async () => {
    const body = JSON.parse(payload('backstage-provision.json'));
    const res = await post('12001', '/backstage/provision', JSON.stringify(body));
    assert.equal(res.status, 200);
    const [wf] = await newWorkflows('provision-app-', 1);
    const w = wf!.object as unknown as Wf;
    assert.equal(wf!.namespace, 'cicd');
    assert.equal(w.spec.workflowTemplateRef.name, 'provision-app-workflow');
    assert.equal(w.metadata.labels['events.argoproj.io/sensor'], 'app-provisioning');
    const p = params(wf!);
    assert.equal(p['app-name'], body.appName);
    assert.equal(p['repo-url'], body.repoUrl);
    assert.equal(p['owner'], body.owner);
    assert.equal(p['environment'], body.environment);
    assert.equal(p['docker-image-name'], body.dockerImageName);
    assert.equal(p['container-port'], String(body.containerPort));
    assert.equal(p['replicas'], String(body.replicas));
  });

  test('Backstage request of another event type is filtered out and submits nothing', async () => {
    const body = { ...JSON.parse(payload('backstage-provision.json')), eventType: 'delete-app', appName: 'must-not-run' };
    const res = await post('12001', '/backstage/provision', JSON.stringify(body));
    assert.equal(res.status, 200);
    await waitFor('the filter decision', () => (running.decisions.counters.get('app-provisioning')?.eventsFiltered ?? 0) >= 1 || undefined);
    const all = await running.store.list('Workflow');
    assert.equal(all.filter((w) => params(w)['app-name'] === 'must-not-run').length, 0);
  });

  test('ArgoCD sync-failed and health-degraded each submit remediate-argocd-unhealthy from their own trigger', async () => {
    const sync = JSON.parse(payload('argocd-sync-failed.json'));
    const health = JSON.parse(payload('argocd-health-degraded.json'));
    assert.equal((await post('12002', '/argocd/notifications', JSON.stringify(sync))).status, 200);
    assert.equal((await post('12002', '/argocd/notifications', JSON.stringify(health))).status, 200);
    const [s] = await newWorkflows('remediate-argocd-sync-failed-', 1);
    const [h] = await newWorkflows('remediate-argocd-health-degraded-', 1);
    assert.deepEqual(params(s!), { 'app-name': sync.app, namespace: sync.namespace });
    assert.deepEqual(params(h!), { 'app-name': health.app, namespace: health.namespace });
    assert.equal((s!.object as unknown as Wf).spec.workflowTemplateRef.name, 'remediate-argocd-unhealthy');
  });

  test('Alertmanager SLO alerts reach the trigger of their SLO only', async () => {
    const argocd = JSON.parse(payload('alertmanager-argocd-health.json'));
    const es = JSON.parse(payload('alertmanager-externalsecret.json'));
    assert.equal((await post('12000', '/webhook', JSON.stringify(argocd))).status, 200);
    assert.equal((await post('12000', '/webhook', JSON.stringify(es))).status, 200);
    const isSloArgo = (w: StoredObject): boolean => w.name.startsWith('remediate-argocd-') && !/sync-failed|health-degraded/.test(w.name);
    const a = await waitFor('the remediate-argocd workflow of the SLO alert', async () => (await running.store.list('Workflow')).find(isSloArgo));
    assert.equal(params(a)['app-name'], argocd.alerts[0].labels.name);
    assert.equal(params(a)['namespace'], argocd.alerts[0].labels.dest_namespace);
    const [e] = await newWorkflows('remediate-externalsecret-', 1);
    assert.equal(params(e!)['externalsecret-name'], es.alerts[0].labels.name);
    assert.equal(params(e!)['namespace'], es.alerts[0].labels.namespace);
    const remediateArgo = (await running.store.list('Workflow')).filter(isSloArgo);
    assert.equal(remediateArgo.length, 1, 'the externalsecret alert must not fire the argocd trigger');
  });

  test('a malformed body gets 400 and the process keeps serving', async () => {
    const bad = await post('12000', '/webhook', '{"alerts": [');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /JSON/i);
    const health = await fetch(`http://127.0.0.1:${ports.get('12000')}/health`);
    assert.equal(health.status, 200);
  });
});
