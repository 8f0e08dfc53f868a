/**
 * The `resource` source against a real kube-apiserver, watching Organizations as a user whose only rights are
 * list and watch on organizations. The apiserver's audit log proves those are the only requests it makes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startKube, type Kube } from '../helpers/kube.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor, sleep } from '../helpers/wait.ts';
import { RecordingBus } from './helpers.ts';
import { KubeClient, readKubeConfig, type KubeObject, type ResourceRef } from '../../src/kube/index.ts';
import { logger, setLogSink } from '../../src/observe/log.ts';
import { standaloneSecrets } from '../../src/runtime/secrets.ts';
import { startEventSource } from '../../src/sources/host.ts';
import { defaultPortRegistry } from '../../src/sources/webhook/server.ts';
import { createResourceSource, type ResourceSourceOptions, type RunningResourceSource } from '../../src/sources/resource/index.ts';
import type { SourceContext } from '../../src/sources/types.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/kube');
const GROUP = 'resourcemanager.miloapis.com';
const ORGS: ResourceRef = { group: GROUP, version: 'v1alpha1', resource: 'organizations' };

interface ResourceEvent {
  type: 'ADD' | 'UPDATE' | 'DELETE';
  body: KubeObject;
  oldBody: KubeObject | null;
  group: string;
  version: string;
  resource: string;
  metadata?: Record<string, string>;
}

const unique = (p: string): string => `${p}-${randomBytes(3).toString('hex')}`;
const org = (name: string, labels: Record<string, string> = {}, type = 'Standard'): KubeObject => ({
  apiVersion: `${GROUP}/v1alpha1`, kind: 'Organization', metadata: { name, labels }, spec: { type },
});

function kubeconfigFor(server: string, ca: string, token: string): string {
  return stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'milo',
    clusters: [{ name: 'milo', cluster: { server, 'certificate-authority-data': Buffer.from(ca).toString('base64') } }],
    users: [{ name: 'eventsource', user: { token } }],
    contexts: [{ name: 'milo', context: { cluster: 'milo', user: 'eventsource' } }],
  });
}

/** Records what the source dispatches, without a bus. */
function recorder(): { ctx: (eventName: string) => SourceContext; events: ResourceEvent[]; raw: string[] } {
  const events: ResourceEvent[] = [];
  const raw: string[] = [];
  const secrets = standaloneSecrets({ env: {} });
  return {
    events,
    raw,
    ctx: (eventName) => ({
      eventSourceName: 'milo-organization-events',
      eventName,
      sourceType: 'resource',
      secrets,
      log: logger({ eventName }),
      async dispatch(data) {
        const text = Buffer.isBuffer(data) ? data.toString('utf8') : JSON.stringify(data);
        raw.push(text);
        events.push(JSON.parse(text) as ResourceEvent);
        return { eventId: String(events.length), published: true, filtered: false };
      },
    }),
  };
}

/** A plain TCP hop between the source and the apiserver that the test can cut and restore. */
class Hop {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  constructor(private readonly target: URL, readonly port: number) {}
  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }
  async cut(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    for (const sock of this.sockets) sock.destroy();
    if (s) await new Promise((r) => s.close(r));
  }
}

describe('resource event source against a real kube-apiserver', () => {
  const tmp = tempDir('switchyard-resource-');
  const auditLog = join(tmp.dir, 'audit.log');
  let kube: Kube;
  let admin: KubeClient;
  let kubeconfig: string;
  const lines: string[] = [];
  const running: RunningResourceSource[] = [];

  const start = async (spec: Record<string, unknown>, options: ResourceSourceOptions = {}, env: Record<string, unknown> = {}): Promise<{ src: RunningResourceSource; events: ResourceEvent[]; raw: string[] }> => {
    const rec = recorder();
    const kind = createResourceSource({ kubeconfig, ...options });
    const src = (await kind.start(new Map([['milo-organizations', spec as never]]), rec.ctx, { ports: defaultPortRegistry, ...env })) as RunningResourceSource;
    running.push(src);
    await src.waitReady(20_000);
    return { src, events: rec.events, raw: rec.raw };
  };
  const stopAll = async (): Promise<void> => {
    for (const r of running.splice(0)) await r.stop();
  };
  const named = (events: ResourceEvent[], name: string): ResourceEvent[] => events.filter((e) => e.body.metadata.name === name);

  before(async () => {
    setLogSink((l) => lines.push(l));
    const policy = join(tmp.dir, 'audit-policy.yaml');
    writeFileSync(policy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n  - level: Metadata\n');
    kube = await startKube({ apiServerArgs: [`--audit-policy-file=${policy}`, `--audit-log-path=${auditLog}`] });
    await kube.applyYaml(join(FIXTURES, 'organization-crd.yaml'));
    admin = new KubeClient(readKubeConfig(kube.kubeconfigPath));
    // The watching identity may list and watch organizations, nothing else.
    await kube.applyYaml([
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'org-watcher' }, rules: [{ apiGroups: [GROUP], resources: ['organizations'], verbs: ['list', 'watch'] }] },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'org-watcher' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'org-watcher' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: kube.unprivilegedUser }] },
    ]);
    kubeconfig = join(tmp.dir, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigFor(kube.url, kube.ca, kube.unprivilegedToken));
    // RBAC takes effect asynchronously.
    const probe = new KubeClient(readKubeConfig(kubeconfig));
    await waitFor('RBAC for the watcher', async () => ((await probe.list(ORGS).then(() => true, () => false)) ? true : undefined), 20_000);
    probe.close();
  });
  after(async () => {
    await stopAll();
    admin?.close();
    await kube?.stop();
    setLogSink((l) => process.stderr.write(l + '\n'));
    tmp.cleanup();
  });

  test('existing objects arrive as ADD; create, update and delete arrive with the right body and oldBody', async () => {
    const prefix = unique('life');
    const existing = `${prefix}-old`;
    await admin.create(ORGS, org(existing));
    const { events, raw } = await start({ group: GROUP, version: 'v1alpha1', resource: 'organizations', eventTypes: ['ADD', 'UPDATE', 'DELETE'], filter: { prefix }, metadata: { team: 'milo' } });
    await waitFor('ADD of the existing object', () => named(events, existing)[0]);
    const name = `${prefix}-new`;
    await admin.create(ORGS, org(name, { environment: 'test' }));
    const added = await waitFor('ADD', () => named(events, name)[0]);
    await admin.patch(ORGS, name, { spec: { type: 'Personal' } });
    const updated = await waitFor('UPDATE', () => named(events, name)[1]);
    await admin.delete(ORGS, name);
    const deleted = await waitFor('DELETE', () => named(events, name)[2]);

    assert.deepEqual([added.type, updated.type, deleted.type], ['ADD', 'UPDATE', 'DELETE']);
    assert.equal(added.oldBody, null);
    assert.deepEqual(added.body['spec'], { type: 'Standard' });
    assert.deepEqual(added.body.metadata.labels, { environment: 'test' });
    assert.deepEqual(updated.body['spec'], { type: 'Personal' });
    assert.deepEqual(updated.oldBody?.['spec'], { type: 'Standard' });
    assert.equal(updated.oldBody?.metadata.resourceVersion, added.body.metadata.resourceVersion);
    assert.equal(deleted.oldBody, null);
    assert.equal(deleted.body.metadata.name, name);
    // Argo's field order and values; the body is written as Go writes it (sorted keys).
    const first = raw[events.indexOf(added)]!;
    assert.deepEqual(Object.keys(JSON.parse(first) as object), ['type', 'body', 'oldBody', 'group', 'version', 'resource', 'metadata']);
    assert.match(first, /^\{"type":"ADD","body":\{"apiVersion":"resourcemanager\.miloapis\.com\/v1alpha1","kind":"Organization","metadata":\{"creationTimestamp":/);
    assert.match(first, /,"group":"resourcemanager\.miloapis\.com","version":"v1alpha1","resource":"organizations","metadata":\{"team":"milo"\}\}$/);
    assert.equal(events.filter((e) => !e.body.metadata.name?.startsWith(prefix)).length, 0, 'prefix keeps other objects out');
    await stopAll();
  });

  test('afterStart: an object created before the start sends nothing; one created after sends ADD', async () => {
    const prefix = unique('after');
    await admin.create(ORGS, org(`${prefix}-before`));
    await sleep(1100); // timestamps have whole seconds
    const { events } = await start({ version: 'v1alpha1', group: GROUP, resource: 'organizations', eventTypes: ['ADD'], filter: { prefix, afterStart: true } });
    await admin.create(ORGS, org(`${prefix}-later`));
    await waitFor('ADD of the later object', () => named(events, `${prefix}-later`)[0]);
    assert.deepEqual(events.map((e) => e.body.metadata.name), [`${prefix}-later`]);
    await stopAll();
  });

  test('label selector (server side), field filters (client side, empty operation is =) and eventTypes', async () => {
    const prefix = unique('sel');
    const { events } = await start({
      version: 'v1alpha1', group: GROUP, resource: 'organizations', eventTypes: ['ADD'],
      filter: {
        prefix,
        labels: [{ key: 'environment', operation: 'in', value: 'prod,staging' }, { key: 'blocked', operation: '!' }],
        fields: [{ key: 'spec.type', operation: '', value: '^Stand' }, { key: 'metadata.name', operation: '!=', value: 'skip' }],
      },
    });
    await admin.create(ORGS, org(`${prefix}-prod`, { environment: 'prod' }));
    await admin.create(ORGS, org(`${prefix}-dev`, { environment: 'dev' }));
    await admin.create(ORGS, org(`${prefix}-blocked`, { environment: 'prod', blocked: 'yes' }));
    await admin.create(ORGS, org(`${prefix}-personal`, { environment: 'staging' }, 'Personal'));
    await admin.create(ORGS, org(`${prefix}-skip`, { environment: 'staging' }));
    await admin.patch(ORGS, `${prefix}-prod`, { spec: { type: 'Standard2' } }); // an UPDATE, not asked for
    await admin.create(ORGS, org(`${prefix}-staging`, { environment: 'staging' }));
    await waitFor('the last matching ADD', () => named(events, `${prefix}-staging`)[0]);
    assert.deepEqual(events.map((e) => `${e.type} ${e.body.metadata.name}`), [`ADD ${prefix}-prod`, `ADD ${prefix}-staging`]);
    await stopAll();
  });

  test('a dropped connection: changes made while cut off arrive once after relisting, nothing is repeated', async () => {
    const prefix = unique('cut');
    const hop = new Hop(new URL(kube.url), await (await import('../helpers/ports.ts')).freePort());
    await hop.open();
    const viaHop = join(tmp.dir, 'kubeconfig-hop');
    writeFileSync(viaHop, kubeconfigFor(`https://127.0.0.1:${hop.port}`, kube.ca, kube.unprivilegedToken));
    await admin.create(ORGS, org(`${prefix}-kept`));
    await admin.create(ORGS, org(`${prefix}-changed`));
    await admin.create(ORGS, org(`${prefix}-gone`));
    const { src, events } = await start({ version: 'v1alpha1', group: GROUP, resource: 'organizations', eventTypes: ['ADD', 'UPDATE', 'DELETE'], filter: { prefix } }, { kubeconfig: viaHop, backoffMs: { initial: 200, max: 500 } });
    await waitFor('three ADDs', () => (events.length === 3 ? true : undefined));
    await hop.cut();
    await waitFor('the source noticing', () => (src.ready() ? undefined : true));
    await admin.patch(ORGS, `${prefix}-changed`, { spec: { type: 'Personal' } });
    await admin.delete(ORGS, `${prefix}-gone`);
    await admin.create(ORGS, org(`${prefix}-new`));
    await sleep(300);
    assert.equal(events.length, 3, 'nothing arrives while cut off');
    await hop.open();
    await src.waitReady(10_000);
    await waitFor('three more events', () => (events.length >= 6 ? true : undefined));
    await sleep(500);
    const got = events.slice(3).map((e) => `${e.type} ${e.body.metadata.name}`).sort();
    assert.deepEqual(got, [`ADD ${prefix}-new`, `DELETE ${prefix}-gone`, `UPDATE ${prefix}-changed`].sort());
    const update = events.find((e) => e.type === 'UPDATE')!;
    assert.deepEqual(update.oldBody?.['spec'], { type: 'Standard' });
    assert.ok(lines.some((l) => l.includes('kubernetes list/watch failed') && l.includes(`127.0.0.1:${hop.port}`)), 'an error line names the server');
    await stopAll();
    await hop.cut();
  });

  test('kube-apiserver restart while watching: the source recovers, an object created meanwhile arrives once', async () => {
    const prefix = unique('restart');
    await admin.create(ORGS, org(`${prefix}-a`));
    const { src, events } = await start({ version: 'v1alpha1', group: GROUP, resource: 'organizations', eventTypes: ['ADD', 'UPDATE', 'DELETE'], filter: { prefix } }, { backoffMs: { initial: 200, max: 1000 } });
    await waitFor('ADD a', () => named(events, `${prefix}-a`)[0]);
    await kube.restartApiServer();
    await admin.create(ORGS, org(`${prefix}-b`));
    await src.waitReady(30_000);
    await waitFor('ADD b', () => named(events, `${prefix}-b`)[0], 30_000);
    await admin.create(ORGS, org(`${prefix}-c`));
    await waitFor('ADD c', () => named(events, `${prefix}-c`)[0], 15_000);
    await sleep(500);
    assert.deepEqual(events.map((e) => `${e.type} ${e.body.metadata.name}`), [`ADD ${prefix}-a`, `ADD ${prefix}-b`, `ADD ${prefix}-c`]);
    await stopAll();
  });

  test('through the host: KUBECONFIG from a Milo-style template secret volume, Argo envelope on the bus', async () => {
    // The manifest's template mounts the kubeconfig from a Secret; here the Secret is a file in the secrets folder.
    const secretsDir = join(tmp.dir, 'secrets');
    mkdirSync(join(secretsDir, 'eventsource-milo-kubeconfig'), { recursive: true });
    writeFileSync(join(secretsDir, 'eventsource-milo-kubeconfig', 'kubeconfig'), readFileSync(kubeconfig));
    const template = {
      container: { env: [{ name: 'KUBECONFIG', value: '/etc/milo-not-here/kubeconfig' }], volumeMounts: [{ name: 'milo-kubeconfig', mountPath: '/etc/milo-not-here', readOnly: true }] },
      volumes: [{ name: 'milo-kubeconfig', secret: { secretName: 'eventsource-milo-kubeconfig' } }],
    };
    const prefix = unique('host');
    const rec = recorder();
    const secrets = standaloneSecrets({ dir: secretsDir, env: {} });
    const kind = createResourceSource({ env: {} });
    const src = (await kind.start(new Map([['milo-organizations', { version: 'v1alpha1', group: GROUP, resource: 'organizations', eventTypes: ['ADD'], filter: { prefix } } as never]]),
      (n) => ({ ...rec.ctx(n), secrets }), { ports: defaultPortRegistry, template } as never)) as RunningResourceSource;
    running.push(src);
    await src.waitReady(20_000);
    await admin.create(ORGS, org(`${prefix}-tpl`));
    await waitFor('ADD via the template kubeconfig', () => named(rec.events, `${prefix}-tpl`)[0]);

    // The registered kind through startEventSource, with KUBECONFIG in the environment, onto a bus.
    const bus = await RecordingBus.open();
    const saved = process.env['KUBECONFIG'];
    process.env['KUBECONFIG'] = kubeconfig;
    try {
      const es = await startEventSource({
        apiVersion: 'argoproj.io/v1alpha1', kind: 'EventSource', metadata: { name: 'milo-organization-events' },
        spec: { resource: { 'milo-organizations': { group: GROUP, version: 'v1alpha1', resource: 'organizations', eventTypes: ['ADD'], filter: { prefix } } } },
      }, { bus, secrets });
      try {
        await admin.create(ORGS, org(`${prefix}-bus`));
        await waitFor('an event on the bus', () => bus.events().find((e) => (JSON.parse(e.data.toString()) as ResourceEvent).body.metadata.name === `${prefix}-bus`), 20_000);
        const ev = bus.events().find((e) => (JSON.parse(e.data.toString()) as ResourceEvent).body.metadata.name === `${prefix}-bus`)!;
        assert.equal(ev.context.type, 'resource');
        assert.equal(ev.context.source, 'milo-organization-events');
        assert.equal(ev.context.subject, 'milo-organizations');
      } finally {
        await es.stop();
      }
    } finally {
      if (saved === undefined) delete process.env['KUBECONFIG'];
      else process.env['KUBECONFIG'] = saved;
      await bus.close();
    }
    await stopAll();
  });

  test('the watching identity only ever listed and watched organizations (audit log)', async () => {
    await sleep(500);
    const entries = readFileSync(auditLog, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as {
      verb: string; requestURI: string; user: { username: string }; objectRef?: { resource?: string; apiGroup?: string };
    }).filter((e) => e.user.username === kube.unprivilegedUser);
    assert.ok(entries.length > 10, `audit entries for ${kube.unprivilegedUser}: ${entries.length}`);
    const kinds = new Set(entries.map((e) => `${e.verb} ${e.objectRef?.apiGroup}/${e.objectRef?.resource}`));
    assert.deepEqual([...kinds].sort(), [`list ${GROUP}/organizations`, `watch ${GROUP}/organizations`]);
    for (const e of entries) assert.match(e.requestURI, /^\/apis\/resourcemanager\.miloapis\.com\/v1alpha1\/organizations(\?|$)/);
    assert.ok(entries.some((e) => e.verb === 'watch' && /allowWatchBookmarks=true/.test(e.requestURI)), 'watches ask for bookmarks');
    assert.ok(entries.some((e) => e.verb === 'list' && /labelSelector=environment\+in\+%28prod%2Cstaging%29%2C%21blocked/.test(e.requestURI)), 'the label selector is sent to the server');
  });
});
