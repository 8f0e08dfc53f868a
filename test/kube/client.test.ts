/** The Kubernetes REST client against a real kube-apiserver: kubeconfig variants, CRUD, patch types, watch, errors. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startKube, type Kube } from '../helpers/kube.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { KubeClient, inClusterConfig, loadKubeConfig, parseKubeConfig, readKubeConfig, type KubeObject, type ResourceRef, type WatchEvent } from '../../src/kube/index.ts';
import { SwitchyardError } from '../../src/errors.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/kube');
const ORGS: ResourceRef = { group: 'resourcemanager.miloapis.com', version: 'v1alpha1', resource: 'organizations' };
const CONFIGMAPS: ResourceRef = { version: 'v1', resource: 'configmaps', namespace: 'default' };

const unique = (p: string): string => `${p}-${randomBytes(4).toString('hex')}`;
const org = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'resourcemanager.miloapis.com/v1alpha1', kind: 'Organization', metadata: { name, labels }, spec: { type: 'Standard' },
});

function kubeconfigYaml(cluster: Record<string, unknown>, user: Record<string, unknown>): string {
  return stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'c',
    clusters: [{ name: 'k', cluster }], users: [{ name: 'u', user }], contexts: [{ name: 'c', context: { cluster: 'k', user: 'u' } }],
  });
}

async function rejectsWith(p: Promise<unknown>, code: string, pattern?: RegExp): Promise<SwitchyardError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof SwitchyardError, `expected a SwitchyardError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (pattern) assert.match(err.message, pattern);
    return err;
  }
  assert.fail(`expected ${code}, but it succeeded`);
}

/** A client certificate signed by a CA the apiserver trusts (--client-ca-file), made with openssl. */
function makeClientCerts(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const caKey = join(dir, 'client-ca.key');
  const caFile = join(dir, 'client-ca.crt');
  const keyFile = join(dir, 'client.key');
  const csr = join(dir, 'client.csr');
  const certFile = join(dir, 'client.crt');
  const run = (args: string[]): void => void execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  run(['req', '-x509', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', caKey, '-out', caFile, '-days', '2', '-subj', '/CN=switchyard-test-client-ca']);
  run(['req', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-keyout', keyFile, '-out', csr, '-subj', '/O=system:masters/CN=switchyard-cert-user']);
  run(['x509', '-req', '-in', csr, '-CA', caFile, '-CAkey', caKey, '-CAcreateserial', '-out', certFile, '-days', '2']);
  return { caFile, certFile, keyFile };
}

describe('kube client against a real kube-apiserver', () => {
  const tmp = tempDir('switchyard-kube-client-');
  let kube: Kube;
  let admin: KubeClient;
  let certs: ReturnType<typeof makeClientCerts>;
  const clients: KubeClient[] = [];
  const track = (c: KubeClient): KubeClient => (clients.push(c), c);

  before(async () => {
    certs = makeClientCerts(tmp.dir);
    kube = await startKube({ apiServerArgs: [`--client-ca-file=${certs.caFile}`] });
    await kube.applyYaml(join(FIXTURES, 'organization-crd.yaml'));
    admin = track(new KubeClient(readKubeConfig(kube.kubeconfigPath)));
  });
  after(async () => {
    for (const c of clients) c.close();
    await kube?.stop();
    tmp.cleanup();
  });

  test('kubeconfig with a token and inline CA data (the harness kubeconfig) lists a CRD served alone', async () => {
    const conn = loadKubeConfig({ env: { KUBECONFIG: kube.kubeconfigPath } });
    assert.equal(conn.server, kube.url);
    assert.match(conn.origin, /context "switchyard-test"/);
    const list = await track(new KubeClient(conn)).list(ORGS);
    assert.ok(Array.isArray(list.items));
    assert.match(list.metadata.resourceVersion ?? '', /^\d+$/);
  });

  test('kubeconfig with tokenFile and a relative certificate-authority file', async () => {
    const dir = join(tmp.dir, 'tokenfile');
    mkdirSync(dir);
    writeFileSync(join(dir, 'token'), kube.token + '\n');
    writeFileSync(join(dir, 'ca.crt'), kube.ca);
    writeFileSync(join(dir, 'config'), kubeconfigYaml({ server: kube.url, 'certificate-authority': 'ca.crt' }, { tokenFile: 'token' }));
    const conn = readKubeConfig(join(dir, 'config'));
    assert.equal(conn.tokenFile, join(dir, 'token'));
    const got = await track(new KubeClient(conn)).raw<{ gitVersion: string }>('GET', '/version');
    assert.match(got.gitVersion, /^v1\./);
  });

  test('insecure-skip-tls-verify accepts the self-signed server; without it and without the CA the TLS error is named', async () => {
    const insecure = parseKubeConfig(kubeconfigYaml({ server: kube.url, 'insecure-skip-tls-verify': true }, { token: kube.token }), 'milo-style');
    assert.equal((await track(new KubeClient(insecure)).list(ORGS)).kind, 'OrganizationList');
    const untrusted = parseKubeConfig(kubeconfigYaml({ server: kube.url }, { token: kube.token }), 'no-ca');
    await rejectsWith(track(new KubeClient(untrusted)).list(ORGS), 'KUBE_UNREACHABLE', new RegExp(`${kube.url.replace(/[.]/g, '\\.')}.*(self.signed|certificate)`, 'i'));
  });

  test('client certificate and key (files and inline data) authenticate', async () => {
    const fileConn = parseKubeConfig(kubeconfigYaml(
      { server: kube.url, 'certificate-authority': kube.caFile },
      { 'client-certificate': certs.certFile, 'client-key': certs.keyFile },
    ), join(tmp.dir, 'x'));
    const name = unique('cert-org');
    const created = await track(new KubeClient(fileConn)).create(ORGS, org(name));
    assert.equal(created.metadata.name, name);
    const { readFileSync } = await import('node:fs');
    const b64 = (f: string): string => readFileSync(f).toString('base64');
    const dataConn = parseKubeConfig(kubeconfigYaml(
      { server: kube.url, 'certificate-authority-data': Buffer.from(kube.ca).toString('base64') },
      { 'client-certificate-data': b64(certs.certFile), 'client-key-data': b64(certs.keyFile) },
    ), 'inline');
    assert.equal((await track(new KubeClient(dataConn)).get(ORGS, name)).metadata.name, name);
  });

  test('exec and auth-provider users are refused with a clear error; missing config names every option', () => {
    for (const plugin of ['exec', 'auth-provider']) {
      assert.throws(
        () => parseKubeConfig(kubeconfigYaml({ server: kube.url }, { [plugin]: { command: 'x' } }), 'plug'),
        (err: SwitchyardError) => err.code === 'KUBECONFIG_UNSUPPORTED' && err.message.includes(plugin) && /not support/.test(err.message),
      );
    }
    assert.throws(() => loadKubeConfig({ env: {}, serviceAccountDir: join(tmp.dir, 'none') }), /KUBECONFIG.*--kubeconfig.*service account/);
  });

  test('in-cluster service account files and KUBERNETES_SERVICE_HOST/PORT', async () => {
    const sa = join(tmp.dir, 'sa');
    mkdirSync(sa);
    writeFileSync(join(sa, 'token'), kube.token);
    writeFileSync(join(sa, 'ca.crt'), kube.ca);
    writeFileSync(join(sa, 'namespace'), 'milo-system\n');
    const port = new URL(kube.url).port;
    const conn = loadKubeConfig({ env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port }, serviceAccountDir: sa });
    assert.equal(conn.server, kube.url);
    assert.equal(conn.namespace, 'milo-system');
    assert.equal(conn.origin, 'in-cluster service account');
    assert.deepEqual(inClusterConfig({ KUBERNETES_SERVICE_HOST: 'fd00::1' }, sa).server, 'https://[fd00::1]:443');
    assert.equal((await track(new KubeClient(conn)).list(ORGS)).kind, 'OrganizationList');
  });

  test('create, get, list with a label selector and pages, update with a stale version, delete', async () => {
    const tag = unique('t');
    const names = [unique('crud-a'), unique('crud-b'), unique('crud-c')];
    for (const n of names) await admin.create(ORGS, org(n, { tag }));
    await rejectsWith(admin.create(ORGS, org(names[0]!, { tag })), 'KUBE_CONFLICT', /already exists/);
    const page = await admin.list(ORGS, { labelSelector: `tag=${tag}`, limit: 2 });
    assert.equal(page.items.length, 2);
    assert.ok(page.metadata.continue, 'a continue token for the next page');
    const all = await admin.listAll(ORGS, { labelSelector: `tag=${tag}`, limit: 1 });
    assert.deepEqual(all.items.map((o) => o.metadata.name).sort(), [...names].sort());
    const got = await admin.get(ORGS, names[0]!);
    const updated = await admin.update(ORGS, { ...got, spec: { type: 'Personal' } });
    assert.deepEqual(updated['spec'], { type: 'Personal' });
    await rejectsWith(admin.update(ORGS, { ...got, spec: { type: 'Stale' } }), 'KUBE_CONFLICT', /resourceVersion/);
    await admin.delete(ORGS, names[0]!);
    await rejectsWith(admin.get(ORGS, names[0]!), 'KUBE_NOT_FOUND', new RegExp(names[0]!));
  });

  test('merge, JSON and strategic-merge patches (the last on a core, namespaced ConfigMap)', async () => {
    const name = unique('patch');
    await admin.create(ORGS, org(name, { a: '1' }));
    const merged = await admin.patch(ORGS, name, { metadata: { labels: { b: '2' } }, spec: { extra: 'x' } }, 'merge');
    assert.deepEqual(merged.metadata.labels, { a: '1', b: '2' });
    const jsonPatched = await admin.patch(ORGS, name, [{ op: 'replace', path: '/spec/type', value: 'Enterprise' }, { op: 'remove', path: '/metadata/labels/a' }], 'json-patch');
    assert.deepEqual(jsonPatched['spec'], { type: 'Enterprise', extra: 'x' });
    assert.deepEqual(jsonPatched.metadata.labels, { b: '2' });
    const cm = unique('cm');
    const created = await admin.create(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cm }, data: { one: '1' } });
    assert.equal(created.metadata.namespace, 'default');
    const smp = await admin.patch(CONFIGMAPS, cm, { data: { two: '2' } }, 'strategic-merge');
    assert.deepEqual(smp['data'], { one: '1', two: '2' });
    await admin.delete(CONFIGMAPS, cm);
  });

  test('watch delivers ADDED, MODIFIED, DELETED from a list version, with bookmarks allowed, and ends on abort', async () => {
    const { resourceVersion } = await admin.listAll(ORGS);
    const ac = new AbortController();
    const seen: WatchEvent[] = [];
    let opened = false;
    const name = unique('watch');
    const done = (async () => {
      for await (const ev of admin.watch(ORGS, { resourceVersion, signal: ac.signal, onOpen: () => (opened = true) })) {
        if (ev.object.metadata?.name !== name) continue;
        seen.push(ev);
        if (ev.type === 'DELETED') ac.abort();
      }
    })();
    while (!opened) await new Promise((r) => setTimeout(r, 20));
    await admin.create(ORGS, org(name));
    await admin.patch(ORGS, name, { spec: { type: 'Personal' } });
    await admin.delete(ORGS, name);
    await done;
    assert.deepEqual(seen.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
    assert.deepEqual((seen[1]!.object as KubeObject)['spec'], { type: 'Personal' });
  });

  test('401: a rejected token', async () => {
    const conn = parseKubeConfig(kubeconfigYaml({ server: kube.url, 'certificate-authority-data': Buffer.from(kube.ca).toString('base64') }, { token: 'not-a-token' }), 'bad');
    await rejectsWith(track(new KubeClient(conn)).list(ORGS), 'KUBE_UNAUTHORIZED', /401.*token/);
  });

  test('403 names the verb, the resource and the namespace the identity lacks', async () => {
    const conn = parseKubeConfig(kubeconfigYaml({ server: kube.url, 'certificate-authority-data': Buffer.from(kube.ca).toString('base64') }, { token: kube.unprivilegedToken }), 'nobody');
    const nobody = track(new KubeClient(conn));
    const e1 = await rejectsWith(nobody.list(ORGS), 'KUBE_FORBIDDEN', /verb "list" on resource "organizations" \(apiGroup "resourcemanager\.miloapis\.com"\) at cluster scope/);
    assert.match(e1.message, new RegExp(kube.unprivilegedUser));
    await rejectsWith(nobody.create(CONFIGMAPS, { metadata: { name: 'x' } }), 'KUBE_FORBIDDEN', /verb "create" on resource "configmaps" \(apiGroup ""\) in namespace "default"/);
    const watching = (async () => {
      for await (const _ of nobody.watch(ORGS)) break;
    })();
    await rejectsWith(watching, 'KUBE_FORBIDDEN', /verb "watch"/);
  });

  test('429: Retry-After is honoured and the request succeeds; after too many, KUBE_THROTTLED', async () => {
    // A throttling front for the real apiserver: answers 429 to the first `throttle` requests, passes the rest on.
    let throttle = 2;
    const arrivals: number[] = [];
    const proxy: Server = createServer((req, res) => {
      arrivals.push(Date.now());
      if (throttle > 0) {
        throttle--;
        res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'too many requests, please try again later' }));
        return;
      }
      const up = httpsRequest(new URL(req.url ?? '/', kube.url), { method: req.method, headers: req.headers, ca: kube.ca }, (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      });
      req.pipe(up);
    });
    const port = await freePort();
    await new Promise<void>((r) => proxy.listen(port, '127.0.0.1', r));
    try {
      const conn = parseKubeConfig(kubeconfigYaml({ server: `http://127.0.0.1:${port}` }, { token: kube.token }), 'throttled');
      const client = track(new KubeClient(conn, { throttleAttempts: 3 }));
      const list = await client.list(ORGS);
      assert.equal(list.kind, 'OrganizationList');
      assert.equal(arrivals.length, 3);
      assert.ok(arrivals[1]! - arrivals[0]! >= 900, `waited ${arrivals[1]! - arrivals[0]!} ms after the first 429`);
      throttle = 3;
      await rejectsWith(client.list(ORGS), 'KUBE_THROTTLED', /429.*too many requests/);
      assert.equal(arrivals.length, 6);
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });

  test('an unreachable server is KUBE_UNREACHABLE naming the server and the reason', async () => {
    const port = await freePort();
    const conn = parseKubeConfig(kubeconfigYaml({ server: `https://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true }, { token: 'x' }), 'down');
    const err = await rejectsWith(track(new KubeClient(conn)).list(ORGS), 'KUBE_UNREACHABLE', new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
    assert.equal(err.errorClass, 'retry');
  });
});
