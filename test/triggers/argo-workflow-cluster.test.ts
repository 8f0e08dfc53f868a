/** The argoWorkflow trigger in cluster mode, against a real kube-apiserver serving Argo's CRDs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import type { Sensor, Trigger } from '../../src/api/types.ts';
import { KubeClient, readKubeConfig, type KubeObject, type ResourceRef } from '../../src/kube/index.ts';
import { logger } from '../../src/observe/log.ts';
import { standaloneSecrets } from '../../src/runtime/secrets.ts';
import { compileSensor } from '../../src/sensors/compile.ts';
import type { TriggerDecision } from '../../src/sensors/decision.ts';
import type { ObjectStore } from '../../src/store/objects.ts';
import { prepareTriggers } from '../../src/triggers/host.ts';
import { eventsOf, webhookEvent } from '../helpers/events.ts';
import { startKube, type Kube } from '../helpers/kube.ts';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/kube');
const SENSOR_NS = 'argo-events';
const wfs = (namespace: string): ResourceRef => ({ group: 'argoproj.io', version: 'v1alpha1', resource: 'workflows', namespace });
const argoRef = (resource: string, namespace: string): ResourceRef => ({ group: 'argoproj.io', version: 'v1alpha1', resource, namespace });

const noStore = new Proxy({} as ObjectStore, {
  get: (_t, prop) => () => Promise.reject(new Error(`cluster mode used the local object store (${String(prop)})`)),
});

function sensorWith(trigger: Trigger): Sensor {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 'wf-sensor', namespace: SENSOR_NS },
    spec: { dependencies: [{ name: 'dep', eventSourceName: 'webhook', eventName: 'example' }], triggers: [trigger] },
  };
}

const named = (kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1', kind, metadata: { name, ...(namespace ? { namespace } : {}) },
});

const workflow = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name, ...extra }, spec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'busybox' } }] },
});

describe('argoWorkflow trigger against a real kube-apiserver', () => {
  let kube: Kube;
  let admin: KubeClient;
  let nobody: KubeClient;

  async function fireSensor(sensor: Sensor, body: unknown, client: KubeClient = admin, dep = 'dep'): Promise<TriggerDecision> {
    const s = compileSensor(sensor);
    const fireFn = prepareTriggers(s, { store: noStore, secrets: standaloneSecrets(), log: logger(), kube: client, sleep: async () => undefined });
    return fireFn({ sensor: s, plan: s.triggers[0]!, events: eventsOf({ [dep]: webhookEvent(body) }) });
  }
  const fire = (trigger: Trigger, body: unknown = {}, client: KubeClient = admin): Promise<TriggerDecision> => fireSensor(sensorWith(trigger), body, client);
  const createdName = (d: TriggerDecision): string => (d.outcome as { output: { name: string } }).output.name;

  before(async () => {
    kube = await startKube();
    await kube.applyYaml([
      ...['workflow-crd.yaml', 'workflowtemplate-crd.yaml', 'cronworkflow-crd.yaml'].map((f) => parseYaml(readFileSync(join(FIXTURES, f), 'utf8')) as unknown),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: SENSOR_NS } },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cicd' } },
    ]);
    admin = new KubeClient(readKubeConfig(kube.kubeconfigPath));
    nobody = new KubeClient({ server: kube.url, ca: kube.ca, insecureSkipTlsVerify: false, token: kube.unprivilegedToken, origin: 'test (unprivileged)' });
  });
  after(async () => {
    admin?.close();
    nobody?.close();
    await kube?.stop();
  });

  test('examples/idp/app-provisioning-sensor.yaml: a webhook event creates a provision-app- Workflow in cicd with its parameters', async () => {
    const sensor = parseYaml(readFileSync(join(ROOT, 'examples/idp/app-provisioning-sensor.yaml'), 'utf8')) as Sensor;
    const body = {
      eventType: 'provision-app', appName: 'payments', repoUrl: 'https://github.com/acme/payments', owner: 'team-pay', businessUnit: 'finance',
      environment: 'prod', containerPort: 9090, replicas: 3, dockerRegistry: 'ghcr.io', dockerImageName: 'acme/payments', dockerImageTag: 'v1.2.3',
    };
    const d = await fireSensor(sensor, body, admin, 'provision-event');
    assert.equal(d.status, 'fired', d.reason);
    const name = createdName(d);
    assert.match(name, /^provision-app-[a-z0-9]{5}$/);
    const wf = await admin.get(wfs('cicd'), name);
    assert.equal(wf.metadata.namespace, 'cicd');
    const labels = wf.metadata.labels ?? {};
    assert.equal(labels['events.argoproj.io/sensor'], 'app-provisioning');
    assert.equal(labels['events.argoproj.io/trigger'], 'provision-application');
    assert.equal(labels['triggered-by'], 'backstage');
    const spec = wf['spec'] as { workflowTemplateRef: { name: string }; arguments: { parameters: { name: string; value: string }[] } };
    assert.equal(spec.workflowTemplateRef.name, 'provision-app-workflow');
    assert.deepEqual(Object.fromEntries(spec.arguments.parameters.map((p) => [p.name, p.value])), {
      'app-name': 'payments', 'repo-url': 'https://github.com/acme/payments', owner: 'team-pay', 'business-unit': 'finance', environment: 'prod',
      'container-port': '9090', replicas: '3', 'docker-registry': 'ghcr.io', 'docker-image-name': 'acme/payments', 'docker-image-tag': 'v1.2.3',
    });
  });

  test('submit: namespace defaults to the sensor; args -p and -l apply as argo submit applies them', async () => {
    const d = await fire({
      template: {
        name: 'sub',
        argoWorkflow: {
          source: { resource: { ...workflow('', { generateName: 'hello-' }), spec: { entrypoint: 'main', arguments: { parameters: [{ name: 'msg', value: 'x' }] } } } },
          args: ['-p', 'msg=from-args', '--parameter=extra=1', '-l', 'team=a,tier=b', '--serviceaccount', 'runner'],
        },
      },
    });
    assert.equal(d.status, 'fired', d.reason);
    const wf = await admin.get(wfs(SENSOR_NS), createdName(d));
    const spec = wf['spec'] as { serviceAccountName: string; arguments: { parameters: { name: string; value: string }[] } };
    assert.deepEqual(spec.arguments.parameters, [{ name: 'msg', value: 'from-args' }, { name: 'extra', value: '1' }]);
    assert.equal(spec.serviceAccountName, 'runner');
    assert.equal(wf.metadata.labels?.['team'], 'a');
    assert.equal(wf.metadata.labels?.['tier'], 'b');
  });

  test('submit-from a WorkflowTemplate: a Workflow referencing it, labelled with its name', async () => {
    await admin.create(argoRef('workflowtemplates', 'cicd'), { ...named('WorkflowTemplate', 'build', 'cicd'), spec: { entrypoint: 'main' } });
    const d = await fire({ template: { name: 'from-tmpl', argoWorkflow: { operation: 'submit-from', source: { resource: named('WorkflowTemplate', 'build', 'cicd') }, args: ['-p', 'ref=main'] } } });
    assert.equal(d.status, 'fired', d.reason);
    const wf = await admin.get(wfs('cicd'), createdName(d));
    assert.match(wf.metadata.name ?? '', /^build-/);
    assert.equal(wf.metadata.labels?.['workflows.argoproj.io/workflow-template'], 'build');
    assert.deepEqual(wf['spec'], { workflowTemplateRef: { name: 'build' }, arguments: { parameters: [{ name: 'ref', value: 'main' }] } });

    const missing = await fire({ template: { name: 'from-missing', argoWorkflow: { operation: 'submit-from', source: { resource: named('WorkflowTemplate', 'nope') } } }, retryStrategy: { steps: 3 } });
    assert.equal(missing.status, 'failed');
    assert.equal(missing.attempts, 1);
    assert.match(missing.reason ?? '', /workflowtemplates\.argoproj\.io "nope".*not found/);
  });

  test('submit-from a CronWorkflow: its workflowSpec and workflowMetadata, owned by it', async () => {
    const cron = await admin.create(argoRef('cronworkflows', SENSOR_NS), {
      ...named('CronWorkflow', 'nightly'),
      spec: { schedule: '0 2 * * *', workflowMetadata: { labels: { kind: 'nightly' } }, workflowSpec: { entrypoint: 'main', templates: [{ name: 'main' }] } },
    });
    const d = await fire({ template: { name: 'from-cron', argoWorkflow: { operation: 'submit-from', source: { resource: named('CronWorkflow', 'nightly') } } } });
    assert.equal(d.status, 'fired', d.reason);
    const wf = await admin.get(wfs(SENSOR_NS), createdName(d));
    assert.match(wf.metadata.name ?? '', /^nightly-/);
    assert.equal(wf.metadata.labels?.['workflows.argoproj.io/cron-workflow'], 'nightly');
    assert.equal(wf.metadata.labels?.['kind'], 'nightly');
    assert.ok(wf.metadata.annotations?.['workflows.argoproj.io/scheduled-time']);
    assert.deepEqual(wf['spec'], { entrypoint: 'main', templates: [{ name: 'main' }] });
    const owners = wf.metadata['ownerReferences'] as { kind: string; uid: string; controller: boolean }[];
    assert.equal(owners[0]?.kind, 'CronWorkflow');
    assert.equal(owners[0]?.uid, cron.metadata.uid);
  });

  test('suspend and resume: spec.suspend, and running suspend nodes marked succeeded', async () => {
    await admin.create(wfs(SENSOR_NS), workflow('pausable'));
    const op = (operation: string): Trigger => ({ template: { name: operation, argoWorkflow: { operation, source: { resource: named('Workflow', 'pausable') } } } });
    assert.equal((await fire(op('suspend'))).status, 'fired');
    const suspended = await admin.get(wfs(SENSOR_NS), 'pausable');
    assert.equal((suspended['spec'] as { suspend?: boolean }).suspend, true);
    // What the controller would record for an approval step waiting on a suspend template.
    suspended['status'] = { phase: 'Running', nodes: { 'pausable-1': { id: 'pausable-1', type: 'Suspend', phase: 'Running' }, 'pausable-2': { id: 'pausable-2', type: 'Pod', phase: 'Running' } } };
    await admin.update(wfs(SENSOR_NS), suspended);
    const d = await fire(op('resume'));
    assert.equal(d.status, 'fired', d.reason);
    const resumed = await admin.get(wfs(SENSOR_NS), 'pausable');
    assert.equal((resumed['spec'] as { suspend?: boolean }).suspend, undefined);
    const nodes = (resumed['status'] as { nodes: Record<string, { phase: string; finishedAt?: string }> }).nodes;
    assert.equal(nodes['pausable-1']?.phase, 'Succeeded');
    assert.ok(nodes['pausable-1']?.finishedAt);
    assert.equal(nodes['pausable-2']?.phase, 'Running');
  });

  test('suspend refuses a completed Workflow; operations need metadata.name', async () => {
    await admin.create(wfs(SENSOR_NS), workflow('finished', { labels: { 'workflows.argoproj.io/completed': 'true' } }));
    const d = await fire({ template: { name: 'late', argoWorkflow: { operation: 'suspend', source: { resource: named('Workflow', 'finished') } } }, retryStrategy: { steps: 3 } });
    assert.equal(d.status, 'failed');
    assert.equal(d.attempts, 1);
    assert.match(d.reason ?? '', /has completed and cannot be suspended/);
    const noName = await fire({ template: { name: 'anon', argoWorkflow: { operation: 'terminate', source: { resource: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'x-' } } } } } });
    assert.equal(noName.status, 'failed');
    assert.match(noName.reason ?? '', /no metadata\.name/);
  });

  test('terminate and stop set spec.shutdown; the name can come from event parameters', async () => {
    await admin.create(wfs(SENSOR_NS), workflow('run-a'));
    await admin.create(wfs(SENSOR_NS), workflow('run-b'));
    const op = (operation: string): Trigger => ({
      template: { name: operation, argoWorkflow: { operation, source: { resource: named('Workflow', 'placeholder') }, parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.wf' }, dest: 'metadata.name' }] } },
    });
    assert.equal((await fire(op('terminate'), { wf: 'run-a' })).status, 'fired');
    assert.equal((await fire(op('stop'), { wf: 'run-b' })).status, 'fired');
    assert.equal(((await admin.get(wfs(SENSOR_NS), 'run-a'))['spec'] as { shutdown?: string }).shutdown, 'Terminate');
    assert.equal(((await admin.get(wfs(SENSOR_NS), 'run-b'))['spec'] as { shutdown?: string }).shutdown, 'Stop');
  });

  test('resubmit: a new Workflow from the old spec, shutdown cleared, run labels dropped', async () => {
    const old = workflow('original', { generateName: 'orig-', labels: { team: 'a', 'workflows.argoproj.io/phase': 'Failed', 'workflows.argoproj.io/completed': 'true' } });
    (old['spec'] as Record<string, unknown>)['shutdown'] = 'Terminate';
    await admin.create(wfs(SENSOR_NS), old);
    const d = await fire({ template: { name: 'again', argoWorkflow: { operation: 'resubmit', source: { resource: named('Workflow', 'original') } } } });
    assert.equal(d.status, 'fired', d.reason);
    const wf = await admin.get(wfs(SENSOR_NS), createdName(d));
    assert.match(wf.metadata.name ?? '', /^orig-/);
    assert.deepEqual(wf.metadata.labels, { team: 'a', 'workflows.argoproj.io/resubmitted-from-workflow': 'original' });
    assert.deepEqual(wf['spec'], workflow('x')['spec']);
  });

  test('retry is refused at start with what to use instead', () => {
    const s = compileSensor(sensorWith({ template: { name: 'r', argoWorkflow: { operation: 'retry', source: { resource: named('Workflow', 'w') } } } }));
    assert.throws(() => prepareTriggers(s, { store: noStore, secrets: standaloneSecrets(), log: logger(), kube: admin }), /"retry" is not supported.*resubmit/);
  });

  test('policy.k8s on a submitted Workflow; 403 names verb, resource and namespace', async () => {
    const d = await fire({
      template: { name: 'with-policy', argoWorkflow: { source: { resource: workflow('', { generateName: 'pol-' }) }, args: ['-l', 'ready=yes'] } },
      policy: { k8s: { labels: { ready: 'yes' }, backoff: { steps: 2, duration: '10ms' }, errorOnBackoffTimeout: true } },
    });
    assert.equal(d.status, 'fired', d.reason);
    assert.deepEqual((d.outcome as { output: { policy: unknown } }).output.policy, { satisfied: true, reads: 1 });

    const denied = await fire({ template: { name: 'denied', argoWorkflow: { source: { resource: workflow('', { generateName: 'no-', namespace: 'cicd' }) } } }, retryStrategy: { steps: 3 } }, {}, nobody);
    assert.equal(denied.status, 'failed');
    assert.equal(denied.attempts, 1);
    assert.match(denied.reason ?? '', /verb "create" on resource "workflows" \(apiGroup "argoproj.io"\) in namespace "cicd"/);
  });
});
