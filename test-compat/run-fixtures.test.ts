/**
 * The idp-blueprint Argo Events manifests (written by others, in ../shared/fixtures) run unchanged: every
 * manifest file of the folder but slo-remediation-sensor.yaml is passed as a path to startStandalone, on the
 * manifests' own fixed ports 12000-12002 (so this file's tests run one after another), and realistic
 * Backstage and ArgoCD notification requests become the Workflows Argo would submit.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { busSubject } from '../src/bus/types.ts';
import { lintCommand } from '../src/cli/lint.ts';
import { decodeEvent } from '../src/events/envelope.ts';
import { logger, setLogSink } from '../src/observe/log.ts';
import { startStandalone, type Standalone } from '../src/runtime/standalone.ts';
import type { StoredObject } from '../src/store/objects.ts';
import { portIsFree } from '../test/helpers/port-check.ts';
import { tempDir } from '../test/helpers/tmp.ts';
import { waitFor } from '../test/helpers/wait.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const fixtures = resolve(repoRoot, '../shared/fixtures/idp-blueprint/K8s/events/argo-events');
const SLO = 'slo-remediation-sensor.yaml';
const PORTS = [12000, 12001, 12002];

interface Workflow {
  metadata: { name: string; generateName: string; namespace: string; labels: Record<string, string> };
  spec: { serviceAccountName: string; workflowTemplateRef: { name: string }; arguments: { parameters: { name: string; value: string }[] } };
}

const wf = (o: StoredObject): Workflow => o.object as unknown as Workflow;
const params = (o: StoredObject): Record<string, string> => Object.fromEntries(wf(o).spec.arguments.parameters.map((p) => [p.name, p.value]));

// What a Backstage scaffolder template's http:backstage:request action posts for a new service.
const backstageProvision = {
  eventType: 'provision-app',
  appName: 'payments-api',
  repoUrl: 'https://github.com/acme-platform/payments-api',
  owner: 'team-payments',
  businessUnit: 'fintech',
  environment: 'staging',
  containerPort: 8080,
  replicas: 2,
  dockerRegistry: 'ghcr.io',
  dockerImageName: 'acme-platform/payments-api',
  dockerImageTag: 'v1.4.2',
  requestedBy: 'user:default/jane.doe',
  requestedAt: '2026-02-18T09:41:07Z',
};

// What an ArgoCD notifications webhook template posts (fields chosen by the template author).
const argocdNotification = (eventType: string, app: string, namespace: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventType,
  app,
  namespace,
  project: 'default',
  revision: '9f1c2e7b4d0a8c3e5f6a7b8c9d0e1f2a3b4c5d6e',
  syncStatus: eventType.includes('sync') ? 'OutOfSync' : 'Synced',
  healthStatus: eventType.includes('health') ? 'Degraded' : 'Healthy',
  message: eventType.includes('sync') ? 'one or more objects failed to apply' : 'Deployment "checkout" exceeded its progress deadline',
  timestamp: '2026-02-18T10:02:33Z',
  ...extra,
});

describe('idp-blueprint argo-events manifests run unchanged', { concurrency: false }, () => {
  const tmp = tempDir('switchyard-compat-run-');
  const lines: string[] = [];
  let running: Standalone;

  const manifestFiles = readdirSync(fixtures)
    .filter((f) => /\.ya?ml$/.test(f) && f !== SLO)
    .map((f) => join(fixtures, f));

  before(async () => {
    for (const p of PORTS) assert.equal(await portIsFree(p), true, `port ${p} is needed by the fixtures' event sources but is in use`);
    setLogSink((l) => lines.push(l));
    running = await startStandalone({ paths: manifestFiles, dataDir: join(tmp.dir, 'data'), log: logger() });
  });
  after(async () => {
    await running?.stop();
    setLogSink((l) => process.stderr.write(l + '\n'));
    tmp.cleanup();
  });

  const post = async (port: number, path: string, body: unknown): Promise<void> => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(res.status, 200, await res.text());
  };
  const workflows = async (prefix: string, count: number): Promise<StoredObject[]> =>
    waitFor(`${count} workflow(s) ${prefix}*`, async () => {
      const w = (await running.store.list('Workflow')).filter((o) => o.name.startsWith(prefix));
      return w.length >= count ? w : undefined;
    }).catch((err: Error) => {
      throw new Error(`${err.message}\n${lines.slice(-30).join('\n')}`);
    });

  test('all three event sources and both sensors started; the Services, Helm and kustomize files were skipped', () => {
    const started = lines.find((l) => l.includes('switchyard running'));
    assert.ok(started, lines.join('\n'));
    const sources = /eventSources=(\S+)/.exec(started)?.[1]?.split(',').sort();
    assert.deepEqual(sources, ['alertmanager', 'argocd-notifications', 'backstage']);
    assert.match(started, /sensors=\S*app-provisioning/);
    assert.match(started, /sensors=\S*argocd-notifications/);
    for (const f of ['alertmanager-eventsource-svc.yaml', 'kustomization.yaml', 'Chart.yaml']) {
      assert.ok(lines.some((l) => l.includes(f) && l.includes('skipped')), `${f} skipped`);
    }
  });

  test('a Backstage provision request submits provision-app-workflow with all ten parameters', async () => {
    await post(12001, '/backstage/provision', backstageProvision);
    const [o] = await workflows('provision-app-', 1);
    const w = wf(o!);
    assert.match(w.metadata.name, /^provision-app-[a-z0-9]{5}$/);
    assert.equal(w.metadata.namespace, 'cicd');
    assert.equal(w.spec.serviceAccountName, 'argo-workflow');
    assert.equal(w.spec.workflowTemplateRef.name, 'provision-app-workflow');
    // Argo's labels are added to the manifest's own; the action timestamp is milliseconds since the epoch.
    const { 'events.argoproj.io/action-timestamp': stamp, ...labels } = w.metadata.labels;
    assert.match(stamp ?? '', /^\d{13}$/);
    assert.deepEqual(labels, {
      'app.kubernetes.io/part-of': 'idp',
      'triggered-by': 'backstage',
      'workflow-type': 'provisioning',
      'events.argoproj.io/sensor': 'app-provisioning',
      'events.argoproj.io/trigger': 'provision-application',
    });
    // Order and names as in the manifest; numbers arrive as strings, as Argo renders them.
    assert.deepEqual(w.spec.arguments.parameters, [
      { name: 'app-name', value: 'payments-api' },
      { name: 'repo-url', value: 'https://github.com/acme-platform/payments-api' },
      { name: 'owner', value: 'team-payments' },
      { name: 'business-unit', value: 'fintech' },
      { name: 'environment', value: 'staging' },
      { name: 'container-port', value: '8080' },
      { name: 'replicas', value: '2' },
      { name: 'docker-registry', value: 'ghcr.io' },
      { name: 'docker-image-name', value: 'acme-platform/payments-api' },
      { name: 'docker-image-tag', value: 'v1.4.2' },
    ]);
  });

  test('a Backstage request of another eventType is filtered out by the data filter', async () => {
    const before = running.decisions.counters.get('app-provisioning')?.eventsFiltered ?? 0;
    await post(12001, '/backstage/provision', { ...backstageProvision, eventType: 'decommission-app', appName: 'legacy-billing' });
    await waitFor('the filter decision', () => ((running.decisions.counters.get('app-provisioning')?.eventsFiltered ?? 0) > before ? true : undefined));
    const all = await running.store.list('Workflow');
    assert.equal(all.filter((o) => params(o)['app-name'] === 'legacy-billing').length, 0);
    assert.equal(all.filter((o) => o.name.startsWith('provision-app-')).length, 1);
  });

  test('ArgoCD sync-failed and health-degraded notifications each submit remediate-argocd-unhealthy from their own trigger', async () => {
    await post(12002, '/argocd/notifications', argocdNotification('argocd.app.sync.failed', 'payments-api', 'payments'));
    await post(12002, '/argocd/notifications', argocdNotification('argocd.app.health.degraded', 'checkout', 'shop'));
    const [s] = await workflows('remediate-argocd-sync-failed-', 1);
    const [h] = await workflows('remediate-argocd-health-degraded-', 1);
    assert.deepEqual(params(s!), { 'app-name': 'payments-api', namespace: 'payments' });
    assert.deepEqual(params(h!), { 'app-name': 'checkout', namespace: 'shop' });
    for (const [o, trigger] of [[s!, 'remediate-argocd-sync-failed'], [h!, 'remediate-argocd-health-degraded']] as const) {
      const w = wf(o);
      assert.equal(w.metadata.namespace, 'cicd');
      assert.equal(w.spec.workflowTemplateRef.name, 'remediate-argocd-unhealthy');
      assert.equal(w.metadata.labels['events.argoproj.io/sensor'], 'argocd-notifications');
      assert.equal(w.metadata.labels['events.argoproj.io/trigger'], trigger);
      assert.equal(w.metadata.labels['triggered-by'], 'argocd-notifications');
    }
  });

  test('an ArgoCD notification neither dependency wants submits nothing', async () => {
    const before = running.decisions.counters.get('argocd-notifications')?.eventsFiltered ?? 0;
    await post(12002, '/argocd/notifications', argocdNotification('argocd.app.deployed', 'inventory', 'inventory'));
    // Both dependencies see the event and reject it.
    await waitFor('both filter decisions', () => ((running.decisions.counters.get('argocd-notifications')?.eventsFiltered ?? 0) >= before + 2 ? true : undefined));
    const remediations = (await running.store.list('Workflow')).filter((o) => o.name.startsWith('remediate-argocd-'));
    assert.equal(remediations.length, 2);
    assert.equal(remediations.some((o) => params(o)['app-name'] === 'inventory'), false);
  });

  test('the alertmanager event source stores alerts on the bus (no sensor listens without slo-remediation-sensor.yaml)', async () => {
    await post(12000, '/webhook', {
      version: '4',
      status: 'firing',
      receiver: 'argo-events',
      groupKey: '{}:{alertname="SLOBurnRate"}',
      alerts: [{ status: 'firing', labels: { alertname: 'SLOBurnRate', slo: 'argocd-application-health', name: 'payments-api', dest_namespace: 'payments' }, annotations: {}, startsAt: '2026-02-18T10:05:00Z' }],
    });
    // Read the alert back from the bus, where a sensor would find it.
    const bodies: Array<{ alerts: Array<{ labels: Record<string, string> }> }> = [];
    const consumer = await running.bus.consume({ durableName: 'check-alertmanager', subject: busSubject(running.bus.stream.name, 'alertmanager', 'slo-alerts'), deliverPolicy: 'all' }, async (msg) => {
      bodies.push((JSON.parse(decodeEvent(msg.payload).data.toString('utf8')) as { body: (typeof bodies)[number] }).body);
      await msg.ack();
    });
    try {
      const stored = await waitFor('the alert on the bus', () => bodies.find((b) => b.alerts[0]?.labels.alertname === 'SLOBurnRate'));
      assert.equal(stored.alerts[0]!.labels.slo, 'argocd-application-health');
    } finally {
      await consumer.stop();
    }
  });
});

describe('slo-remediation-sensor.yaml', () => {
  test('lint fails with SY312 on both conditions that compare event data', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await lintCommand([join(fixtures, SLO)], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
    assert.equal(code, 1);
    const sy312 = out.filter((l) => / SY312 error: /.test(l));
    assert.equal(sy312.length, 2, out.join('\n'));
    assert.match(sy312[0]!, /slo-remediation-sensor\.yaml:55: document 1: spec\.triggers\[0\]\.template\.conditions: SY312 error/);
    assert.match(sy312[1]!, /slo-remediation-sensor\.yaml:88: document 1: spec\.triggers\[1\]\.template\.conditions: SY312 error/);
    assert.match(err.join('\n'), /^failed: 2 errors/);
  });
});
