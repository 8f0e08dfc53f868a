/** The k8s trigger in cluster mode, against a real kube-apiserver: every operation, sources, policy, errors. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Sensor, Trigger } from '../../src/api/types.ts';
import { SwitchyardError } from '../../src/errors.ts';
import { KubeClient, readKubeConfig, type ResourceRef } from '../../src/kube/index.ts';
import { logger } from '../../src/observe/log.ts';
import { standaloneSecrets } from '../../src/runtime/secrets.ts';
import { compileSensor } from '../../src/sensors/compile.ts';
import type { TriggerDecision } from '../../src/sensors/decision.ts';
import type { ObjectStore } from '../../src/store/objects.ts';
import { prepareTriggers } from '../../src/triggers/host.ts';
import { guessPlural, resolveResource } from '../../src/triggers/kube-resource.ts';
import { eventsOf, webhookEvent } from '../helpers/events.ts';
import { startKube, type Kube } from '../helpers/kube.ts';

const SENSOR_NS = 'argo-events';
const cm = (namespace: string): ResourceRef => ({ version: 'v1', resource: 'configmaps', namespace });

/** Cluster mode must never touch the local store: any use fails the test loudly. */
const noStore = new Proxy({} as ObjectStore, {
  get: (_t, prop) => () => Promise.reject(new Error(`cluster mode used the local object store (${String(prop)})`)),
});

function sensorWith(trigger: Trigger): Sensor {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 'k8s-sensor', namespace: SENSOR_NS },
    spec: { dependencies: [{ name: 'dep', eventSourceName: 'webhook', eventName: 'example' }], triggers: [trigger] },
  };
}

describe('k8s trigger against a real kube-apiserver', () => {
  let kube: Kube;
  let admin: KubeClient;
  let nobody: KubeClient;
  let sourceServer: Server;
  let sourceUrl = '';
  const clients: KubeClient[] = [];

  async function fire(trigger: Trigger, body: unknown = {}, client: KubeClient = admin): Promise<TriggerDecision> {
    const s = compileSensor(sensorWith(trigger));
    const fireFn = prepareTriggers(s, { store: noStore, secrets: standaloneSecrets(), log: logger(), kube: client, sleep: async () => undefined });
    return fireFn({ sensor: s, plan: s.triggers[0]!, events: eventsOf({ dep: webhookEvent(body) }) });
  }

  const output = (d: TriggerDecision): { name: string; namespace: string; policy?: { satisfied: boolean; reads: number } } =>
    (d.outcome as { output: { name: string; namespace: string; policy?: { satisfied: boolean; reads: number } } }).output;

  before(async () => {
    kube = await startKube();
    admin = new KubeClient(readKubeConfig(kube.kubeconfigPath));
    nobody = new KubeClient({ server: kube.url, ca: kube.ca, insecureSkipTlsVerify: false, token: kube.unprivilegedToken, origin: 'test (unprivileged)' });
    clients.push(admin, nobody);
    for (const name of [SENSOR_NS, 'cicd']) await admin.create({ version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    sourceServer = createServer((req, res) => {
      if (req.url === '/cm.yaml') res.end('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: from-url-\ndata:\n  origin: url\n');
      else res.writeHead(404).end('no such file');
    });
    await new Promise<void>((r) => sourceServer.listen(0, '127.0.0.1', r));
    const addr = sourceServer.address();
    sourceUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  after(async () => {
    for (const c of clients) c.close();
    await new Promise<void>((r) => sourceServer?.close(() => r()));
    await kube?.stop();
  });

  test('resource mapping: table kinds, the plural rule, cluster-scoped kinds get no namespace', () => {
    assert.equal(guessPlural('Organization'), 'organizations');
    assert.equal(guessPlural('Ingress'), 'ingresses');
    assert.equal(guessPlural('Policy'), 'policies');
    assert.equal(guessPlural('Gateway'), 'gateways');
    const dep = resolveResource({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, 'team');
    assert.deepEqual(dep.ref, { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'team' });
    const ns = resolveResource({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', namespace: 'ignored' } }, 'team');
    assert.deepEqual(ns.ref, { version: 'v1', resource: 'namespaces' });
    assert.equal(resolveResource({ apiVersion: 'argoproj.io/v1alpha1', kind: 'CronWorkflow', metadata: {} }, 'a').ref.resource, 'cronworkflows');
  });

  test('create: generateName resolved by the server, Argo labels, parameters, namespace defaulted to the sensor', async () => {
    const d = await fire(
      {
        template: {
          name: 'make-cm',
          k8s: {
            operation: 'create',
            source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'hello-' }, data: { app: 'unknown' } } },
            parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.app' }, dest: 'data.app' }],
          },
        },
      },
      { app: 'shop' },
    );
    assert.equal(d.status, 'fired', d.reason);
    const { name, namespace } = output(d);
    assert.match(name, /^hello-[a-z0-9]{5}$/);
    assert.equal(namespace, SENSOR_NS);
    const live = await admin.get(cm(SENSOR_NS), name);
    assert.equal((live['data'] as Record<string, string>)['app'], 'shop');
    assert.equal(live.metadata.labels?.['events.argoproj.io/sensor'], 'k8s-sensor');
    assert.equal(live.metadata.labels?.['events.argoproj.io/trigger'], 'make-cm');
    assert.ok(Math.abs(Number(live.metadata.labels?.['events.argoproj.io/action-timestamp']) - Date.now()) < 60_000);
  });

  test('create: an explicit namespace is kept; a cluster-scoped Namespace is created without one', async () => {
    const d1 = await fire({ template: { name: 'in-cicd', k8s: { source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'explicit', namespace: 'cicd' } } } } } });
    assert.equal(d1.status, 'fired', d1.reason);
    assert.equal((await admin.get(cm('cicd'), 'explicit')).metadata.namespace, 'cicd');
    const d2 = await fire({ template: { name: 'new-ns', k8s: { source: { resource: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'made-by-trigger', namespace: 'ignored' } } } } } });
    assert.equal(d2.status, 'fired', d2.reason);
    const ns = await admin.get({ version: 'v1', resource: 'namespaces' }, 'made-by-trigger');
    assert.equal(ns.metadata.labels?.['events.argoproj.io/trigger'], 'new-ns');
  });

  test('update: replaces onto the live object (keeping its resourceVersion); creates it when missing', async () => {
    await admin.create(cm(SENSOR_NS), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'upd', labels: { keep: 'me' } }, data: { a: '1', b: '2' } });
    const before = await admin.get(cm(SENSOR_NS), 'upd');
    const trigger = (name: string): Trigger => ({
      template: { name: 'upd', k8s: { operation: 'update', source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { b: 'x' } } }, parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.v' }, dest: 'data.b' }] } },
    });
    const d = await fire(trigger('upd'), { v: 'changed' });
    assert.equal(d.status, 'fired', d.reason);
    const after = await admin.get(cm(SENSOR_NS), 'upd');
    assert.deepEqual(after['data'], { a: '1', b: 'changed' });
    assert.equal(after.metadata.labels?.['keep'], 'me');
    assert.notEqual(after.metadata.resourceVersion, before.metadata.resourceVersion);
    const d2 = await fire(trigger('upd-missing'), { v: 'fresh' });
    assert.equal(d2.status, 'fired', d2.reason);
    assert.match((d2.outcome as { summary: string }).summary, /did not exist/);
    assert.deepEqual((await admin.get(cm(SENSOR_NS), 'upd-missing'))['data'], { b: 'fresh' });
  });

  test('patch: merge by default; strategic merge on a Deployment merges containers by name; JSON patch is refused at start', async () => {
    await admin.create(cm(SENSOR_NS), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pat' }, data: { a: '1', b: '2' } });
    const d = await fire({ template: { name: 'pat', k8s: { operation: 'patch', source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pat' }, data: { b: null, c: '3' } } } } } });
    assert.equal(d.status, 'fired', d.reason);
    assert.deepEqual((await admin.get(cm(SENSOR_NS), 'pat'))['data'], { a: '1', c: '3' });

    const deployments: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', namespace: SENSOR_NS };
    const pod = (containers: unknown[]): unknown => ({ metadata: { labels: { app: 'web' } }, spec: { containers } });
    await admin.create(deployments, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: pod([{ name: 'app', image: 'app:1' }, { name: 'sidecar', image: 'side:1' }]) },
    });
    const d2 = await fire({
      template: {
        name: 'bump',
        k8s: {
          operation: 'patch',
          patchStrategy: 'application/strategic-merge-patch+json',
          source: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'app', image: 'app:1' }] } } } } },
          parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.image' }, dest: 'spec.template.spec.containers.0.image' }],
        },
      },
    }, { image: 'app:2' });
    assert.equal(d2.status, 'fired', d2.reason);
    const containers = ((await admin.get(deployments, 'web'))['spec'] as { template: { spec: { containers: { name: string; image: string }[] } } }).template.spec.containers;
    assert.deepEqual(containers.map((c) => `${c.name}=${c.image}`), ['app=app:2', 'sidecar=side:1']);

    const s = compileSensor(sensorWith({ template: { name: 'jp', k8s: { operation: 'patch', patchStrategy: 'application/json-patch+json', source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pat' } } } } } }));
    assert.throws(() => prepareTriggers(s, { store: noStore, secrets: standaloneSecrets(), log: logger(), kube: admin }), /json-patch\+json.*array of operations/);
  });

  test('delete: removes the object; a missing one is nothing to do', async () => {
    await admin.create(cm(SENSOR_NS), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'doomed' } });
    const t: Trigger = { template: { name: 'del', k8s: { operation: 'delete', source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'doomed' } } } } } };
    const d = await fire(t);
    assert.equal(d.status, 'fired', d.reason);
    await assert.rejects(admin.get(cm(SENSOR_NS), 'doomed'), (e: unknown) => e instanceof SwitchyardError && e.code === 'KUBE_NOT_FOUND');
    const d2 = await fire(t);
    assert.equal(d2.status, 'fired', d2.reason);
    assert.match((d2.outcome as { summary: string }).summary, /did not exist/);
  });

  test('liveObject: parameters apply to the object as it is on the server', async () => {
    await admin.create(cm(SENSOR_NS), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'live' }, data: { greeting: 'hello' } });
    const t = (liveObject: boolean): Trigger => ({
      template: {
        name: 'live',
        k8s: {
          operation: 'update',
          liveObject,
          source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'live' }, data: { greeting: 'source' } } },
          parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.who' }, dest: 'data.greeting', operation: 'append' }],
        },
      },
    });
    const d = await fire(t(true), { who: ' world' });
    assert.equal(d.status, 'fired', d.reason);
    assert.equal(((await admin.get(cm(SENSOR_NS), 'live'))['data'] as Record<string, string>)['greeting'], 'hello world');
    // Without liveObject the parameter extends the source's value instead.
    const d2 = await fire(t(false), { who: ' again' });
    assert.equal(d2.status, 'fired', d2.reason);
    assert.equal(((await admin.get(cm(SENSOR_NS), 'live'))['data'] as Record<string, string>)['greeting'], 'source again');
  });

  test('policy.k8s: waits until the created object carries the labels', async () => {
    const labeller = (async () => {
      for (let i = 0; i < 100; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const list = await admin.list(cm(SENSOR_NS), { labelSelector: 'events.argoproj.io/trigger=ready-wait' });
        const item = list.items[0];
        if (item) {
          await new Promise((r) => setTimeout(r, 300));
          await admin.patch(cm(SENSOR_NS), item.metadata.name!, { metadata: { labels: { ready: 'true' } } });
          return;
        }
      }
    })();
    const d = await fire({
      template: { name: 'ready-wait', k8s: { source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'ready-' } } } } },
      policy: { k8s: { labels: { ready: 'true' }, backoff: { steps: 40, duration: '100ms', factor: 1 }, errorOnBackoffTimeout: true } },
    });
    await labeller;
    assert.equal(d.status, 'fired', d.reason);
    const p = output(d).policy!;
    assert.equal(p.satisfied, true);
    assert.ok(p.reads > 1, `expected several reads, got ${p.reads}`);
  });

  test('policy.k8s: a timeout fails the trigger only with errorOnBackoffTimeout', async () => {
    const t = (errorOnBackoffTimeout: boolean): Trigger => ({
      template: { name: `never-${errorOnBackoffTimeout}`, k8s: { source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'never-' } } } } },
      policy: { k8s: { labels: { ready: 'true' }, backoff: { steps: 3, duration: '20ms' }, errorOnBackoffTimeout } },
      retryStrategy: { steps: 3 },
    });
    const failed = await fire(t(true));
    assert.equal(failed.status, 'failed');
    assert.equal(failed.attempts, 1, 'a policy timeout is not retried: that would create a second object');
    assert.match(failed.reason ?? '', /did not get the labels \{"ready":"true"\} within 3 reads/);
    const fired = await fire(t(false));
    assert.equal(fired.status, 'fired', fired.reason);
    assert.deepEqual(output(fired).policy, { satisfied: false, reads: 3 });
  });

  test('sources: configmap read from the sensor namespace, url fetched over HTTP', async () => {
    await admin.create(cm(SENSOR_NS), {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'trigger-source' },
      data: { 'obj.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: from-cm-\ndata:\n  origin: configmap\n' },
    });
    const d = await fire({ template: { name: 'cm-src', k8s: { source: { configmap: { name: 'trigger-source', key: 'obj.yaml' } } } } });
    assert.equal(d.status, 'fired', d.reason);
    assert.match(output(d).name, /^from-cm-/);
    assert.deepEqual((await admin.get(cm(SENSOR_NS), output(d).name))['data'], { origin: 'configmap' });

    const missingKey = await fire({ template: { name: 'cm-src-bad', k8s: { source: { configmap: { name: 'trigger-source', key: 'nope' } } } } });
    assert.equal(missingKey.status, 'failed');
    assert.match(missingKey.reason ?? '', /no key "nope"/);

    const u = await fire({ template: { name: 'url-src', k8s: { source: { url: { path: `${sourceUrl}/cm.yaml` } } } } });
    assert.equal(u.status, 'fired', u.reason);
    assert.deepEqual((await admin.get(cm(SENSOR_NS), output(u).name))['data'], { origin: 'url' });
  });

  test('403 for the unprivileged identity names verb, resource and namespace, and is not retried', async () => {
    const d = await fire({ template: { name: 'denied', k8s: { source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'x-' } } } } }, retryStrategy: { steps: 3 } }, {}, nobody);
    assert.equal(d.status, 'failed');
    assert.equal(d.attempts, 1);
    assert.match(d.reason ?? '', /verb "create" on resource "configmaps" \(apiGroup ""\) in namespace "argo-events"/);
  });

  test('poison errors: 422 invalid object, 409 on a fixed name, 404 for a kind the server does not serve', async () => {
    const invalid = await fire({ template: { name: 'bad-pod', k8s: { source: { resource: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } } } } }, retryStrategy: { steps: 3 } });
    assert.equal(invalid.status, 'failed');
    assert.equal(invalid.attempts, 1);
    assert.match(invalid.reason ?? '', /422/);
    const dup: Trigger = { template: { name: 'dup', k8s: { source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dup' } } } } }, retryStrategy: { steps: 3 } };
    assert.equal((await fire(dup)).status, 'fired');
    const again = await fire(dup);
    assert.equal(again.status, 'failed');
    assert.equal(again.attempts, 1);
    assert.match(again.reason ?? '', /conflict|already exists/);
    const unknown = await fire({ template: { name: 'unserved', k8s: { source: { resource: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } } } } }, retryStrategy: { steps: 3 } });
    assert.equal(unknown.status, 'failed');
    assert.equal(unknown.attempts, 1);
    assert.match(unknown.reason ?? '', /widgets\.example\.com/);
  });

  test('an unreachable API server is retried', async () => {
    const down = new KubeClient({ server: 'https://127.0.0.1:1', insecureSkipTlsVerify: true, token: 'x', origin: 'test (down)' });
    clients.push(down);
    const d = await fire({ template: { name: 'down', k8s: { source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'x-' } } } } }, retryStrategy: { steps: 2 } }, {}, down);
    assert.equal(d.status, 'failed');
    assert.equal(d.attempts, 2);
    assert.match(d.reason ?? '', /cannot reach the Kubernetes API server/);
  });
});

