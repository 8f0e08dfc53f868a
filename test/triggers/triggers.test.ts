import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Sensor } from '../../src/api/types.ts';
import { logger, setLogSink } from '../../src/observe/log.ts';
import { standaloneSecrets } from '../../src/runtime/secrets.ts';
import { compileSensor } from '../../src/sensors/compile.ts';
import { openObjectStore, type ObjectStore } from '../../src/store/objects.ts';
import { prepareTriggers } from '../../src/triggers/host.ts';
import { eventsOf, webhookEvent } from '../helpers/events.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { tempDir } from '../helpers/tmp.ts';

function sensor(triggers: Sensor['spec']['triggers']): Sensor {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 'test-sensor', namespace: 'argo-events' },
    spec: { dependencies: [{ name: 'dep', eventSourceName: 'webhook', eventName: 'example' }], triggers },
  };
}

const noSleep = async (): Promise<void> => undefined;

describe('triggers', () => {
  let store: ObjectStore;
  let sink: HttpSink;
  const tmp = tempDir();
  const logLines: string[] = [];
  const log = logger();
  const secrets = standaloneSecrets({ env: { SWITCHYARD_SECRET_SLACK_TOKEN: 's3cret' } });

  before(async () => {
    setLogSink((l) => logLines.push(l));
    store = await openObjectStore(tmp.dir);
    sink = await startHttpSink();
  });
  after(async () => {
    setLogSink((l) => process.stderr.write(l + '\n'));
    await store.close();
    await sink.close();
    tmp.cleanup();
  });

  test('http posts the payload built from parameters, with headers and secure headers', async () => {
    const s = compileSensor(
      sensor([
        {
          template: {
            name: 'notify',
            http: {
              url: `${sink.url}/hook`,
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              secureHeaders: [{ name: 'Authorization', valueFrom: { secretKeyRef: { name: 'slack', key: 'token' } } }],
              payload: [
                { src: { dependencyName: 'dep', dataKey: 'body.app' }, dest: 'text' },
                { src: { dependencyName: 'dep', dataKey: 'body.count', useRawData: true }, dest: 'n' },
              ],
            },
          },
        },
      ]),
    );
    const fire = prepareTriggers(s, { store, secrets, log, sleep: noSleep });
    const before = sink.requests.length;
    const d = await fire({ sensor: s, plan: s.triggers[0]!, events: eventsOf({ dep: webhookEvent({ app: 'payments', count: 2 }) }) });
    assert.equal(d.status, 'fired', d.reason);
    const req = sink.requests[before]!;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, '/hook');
    assert.equal(req.headers['authorization'], 's3cret');
    assert.deepEqual(JSON.parse(req.body), { text: 'payments', n: 2 });
    assert.deepEqual((d.rendered as { payload: unknown }).payload, { text: 'payments', n: 2 });
  });

  test('http to a target that is down retries, then records the failure with the reason', async () => {
    const down = await startHttpSink();
    const url = down.url;
    await down.close();
    const s = compileSensor(sensor([{ template: { name: 'down', http: { url, payload: [] } }, retryStrategy: { steps: 3, duration: '1ms' } }]));
    const fire = prepareTriggers(s, { store, secrets, log, sleep: noSleep });
    const d = await fire({ sensor: s, plan: s.triggers[0]!, events: eventsOf({ dep: webhookEvent({}) }) });
    assert.equal(d.status, 'failed');
    assert.equal(d.attempts, 3);
    assert.match(d.reason ?? '', /ECONNREFUSED|failed/);
  });

  test('dlqTrigger fires with the same events after the trigger failed', async () => {
    const down = await startHttpSink();
    const url = down.url;
    await down.close();
    const s = compileSensor(
      sensor([
        {
          template: { name: 'main', http: { url } },
          retryStrategy: { steps: 2, duration: '1ms' },
          dlqTrigger: { template: { name: 'dead-letter', http: { url: `${sink.url}/dlq`, payload: [{ src: { dependencyName: 'dep', dataKey: 'body.id' }, dest: 'failed' }] } } },
        },
      ]),
    );
    const before = sink.requests.length;
    const d = await prepareTriggers(s, { store, secrets, log, sleep: noSleep })({ sensor: s, plan: s.triggers[0]!, events: eventsOf({ dep: webhookEvent({ id: 'evt-7' }) }) });
    assert.equal(d.status, 'failed');
    assert.deepEqual((d.outcome as { dlqTrigger: { trigger: string; status: string } }).dlqTrigger, { trigger: 'dead-letter', status: 'fired', reason: undefined });
    assert.equal(sink.requests[before]?.url, '/dlq');
    assert.deepEqual(JSON.parse(sink.requests[before]!.body), { failed: 'evt-7' });
  });

  test('policy.status.allow turns a disallowed status into a failure', async () => {
    sink.status = 500;
    try {
      const s = compileSensor(sensor([{ template: { name: 'p', http: { url: sink.url } }, policy: { status: { allow: [200] } }, retryStrategy: { steps: 2 } }]));
      const fire = prepareTriggers(s, { store, secrets, log, sleep: noSleep });
      const d = await fire({ sensor: s, plan: s.triggers[0]!, events: eventsOf({ dep: webhookEvent({}) }) });
      assert.equal(d.status, 'failed');
      assert.match(d.reason ?? '', /500/);
      const s2 = compileSensor(sensor([{ template: { name: 'p2', http: { url: sink.url } } }]));
      const d2 = await prepareTriggers(s2, { store, secrets, log, sleep: noSleep })({ sensor: s2, plan: s2.triggers[0]!, events: eventsOf({ dep: webhookEvent({}) }) });
      assert.equal(d2.status, 'fired', 'without a policy any status is success, as in Argo');
    } finally {
      sink.status = 200;
    }
  });

  test('trigger-level parameters patch the template (http.url)', async () => {
    const s = compileSensor(
      sensor([
        {
          template: { name: 't', http: { url: 'http://127.0.0.1:1/unused' } },
          parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.target' }, dest: 'http.url' }],
        },
      ]),
    );
    const fire = prepareTriggers(s, { store, secrets, log, sleep: noSleep });
    const before = sink.requests.length;
    const d = await fire({ sensor: s, plan: s.triggers[0]!, events: eventsOf({ dep: webhookEvent({ target: `${sink.url}/patched` }) }) });
    assert.equal(d.status, 'fired', d.reason);
    assert.equal(sink.requests[before]?.url, '/patched');
  });

  test('argoWorkflow submit records the Workflow with generateName resolved, labels and parameters', async () => {
    const s = compileSensor(
      sensor([
        {
          template: {
            name: 'wf',
            argoWorkflow: {
              operation: 'submit',
              source: {
                resource: {
                  apiVersion: 'argoproj.io/v1alpha1',
                  kind: 'Workflow',
                  metadata: { generateName: 'remediate-', namespace: 'cicd', labels: { team: 'platform' } },
                  spec: { workflowTemplateRef: { name: 'remediate' }, arguments: { parameters: [{ name: 'app-name', value: 'unknown' }] } },
                },
              },
              parameters: [{ src: { dependencyName: 'dep', dataKey: 'body.app' }, dest: 'spec.arguments.parameters.0.value' }],
            },
          },
        },
      ]),
    );
    const fire = prepareTriggers(s, { store, secrets, log, sleep: noSleep });
    const d = await fire({ sensor: s, plan: s.triggers[0]!, events: eventsOf({ dep: webhookEvent({ app: 'payments' }) }) });
    assert.equal(d.status, 'fired', d.reason);
    const wfs = (await store.list('Workflow')).filter((o) => o.name.startsWith('remediate-'));
    assert.equal(wfs.length, 1);
    const wf = wfs[0]!;
    assert.match(wf.name, /^remediate-[a-z0-9]{5}$/);
    assert.equal(wf.namespace, 'cicd');
    const meta = wf.object['metadata'] as { labels: Record<string, string> };
    assert.equal(meta.labels['events.argoproj.io/sensor'], 'test-sensor');
    assert.equal(meta.labels['events.argoproj.io/trigger'], 'wf');
    assert.match(meta.labels['events.argoproj.io/action-timestamp'] ?? '', /^\d{13}$/);
    assert.equal(meta.labels['team'], 'platform');
    assert.equal((wf.object['spec'] as { arguments: { parameters: { value: string }[] } }).arguments.parameters[0]?.value, 'payments');
  });

  test('k8s create defaults the namespace to the sensor namespace; patch merges; delete removes', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } };
    const mk = (operation: string, resource: Record<string, unknown>) => {
      const s = compileSensor(sensor([{ template: { name: `k-${operation}`, k8s: { operation, source: { resource } } } }]));
      return { s, fire: prepareTriggers(s, { store, secrets, log, sleep: noSleep }) };
    };
    const events = eventsOf({ dep: webhookEvent({}) });
    const c = mk('create', cm);
    assert.equal((await c.fire({ sensor: c.s, plan: c.s.triggers[0]!, events })).status, 'fired');
    assert.equal((await store.get('ConfigMap', 'argo-events', 'cfg'))?.object['data'] && true, true);
    const p = mk('patch', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { b: '2' } });
    assert.equal((await p.fire({ sensor: p.s, plan: p.s.triggers[0]!, events })).status, 'fired');
    assert.deepEqual((await store.get('ConfigMap', 'argo-events', 'cfg'))?.object['data'], { a: '1', b: '2' });
    const again = await c.fire({ sensor: c.s, plan: c.s.triggers[0]!, events });
    assert.equal(again.status, 'failed', 'creating an object that exists fails');
    const del = mk('delete', cm);
    assert.equal((await del.fire({ sensor: del.s, plan: del.s.triggers[0]!, events })).status, 'fired');
    assert.equal(await store.get('ConfigMap', 'argo-events', 'cfg'), undefined);
  });

  test('log trigger logs each dependency event', async () => {
    const s = compileSensor(sensor([{ template: { name: 'l', log: {} } }]));
    const fire = prepareTriggers(s, { store, secrets, log, sleep: noSleep });
    const d = await fire({ sensor: s, plan: s.triggers[0]!, events: eventsOf({ dep: webhookEvent({ marker: 'log-me-123' }) }) });
    assert.equal(d.status, 'fired');
    assert.ok(logLines.some((l) => l.includes('log-me-123') && l.includes('dependencyName=dep')));
  });

  test('a template with no trigger type or an unsupported one is refused at start', () => {
    assert.throws(() => prepareTriggers(compileSensor(sensor([{ template: { name: 'none' } }])), { store, secrets, log }), /no trigger type/);
    assert.throws(() => prepareTriggers(compileSensor(sensor([{ template: { name: 'k', kafka: {} } }])), { store, secrets, log }), /"kafka" is not supported yet/);
  });
});
