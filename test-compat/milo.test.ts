/**
 * The Milo organization-notifications deployment end to end, its manifests unchanged: a real kube-apiserver
 * serving Organizations, `switchyard run` as a child process reading the EventSource's kubeconfig from the
 * Secret it mounts (our own kubeconfig for the test API server, in --secrets-dir), and the Sensor's post to
 * https://hooks.slack.com reaching a local HTTPS sink through HTTPS_PROXY, its certificate verified normally
 * (trusted with NODE_EXTRA_CA_CERTS).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { spawnSwitchyard, waitForOutput, type SwitchyardProcess } from '../test/helpers/child.ts';
import { startKube, type Kube } from '../test/helpers/kube.ts';
import { selfSignedCert, startHttpsSink, startProxy, type TestProxy } from '../test/helpers/proxy.ts';
import type { Recorded } from '../test/helpers/http-sink.ts';
import { tempDir } from '../test/helpers/tmp.ts';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(ROOT, '../shared/fixtures/milo/organization-notifications');
const CRD = join(ROOT, 'test/fixtures/kube/organization-crd.yaml');
const SLACK_PATH = '/services/T00000000/B00000000/XXXXXXXXXXXX';

interface Block {
  type: string;
  text?: { type: string; text: string };
  fields?: { type: string; text: string }[];
  elements?: { type: string; url?: string; style?: string; text?: { text: string } }[];
}

function organization(name: string, type = 'Standard'): string {
  return stringify({ apiVersion: 'resourcemanager.miloapis.com/v1alpha1', kind: 'Organization', metadata: { name }, spec: { type } });
}

/** The Block Kit array Slack's stand-in received in `req`, checked to be a JSON POST with blocks as a string. */
function blocksOf(req: Recorded): Block[] {
  assert.equal(req.method, 'POST');
  assert.equal(req.url, SLACK_PATH);
  assert.equal(req.headers['content-type'], 'application/json');
  const body = JSON.parse(req.body) as { blocks?: unknown };
  assert.deepEqual(Object.keys(body), ['blocks']);
  // A dataTemplate result is a string in Argo, so blocks arrives as JSON text holding the array.
  assert.equal(typeof body.blocks, 'string', 'blocks is a JSON string');
  const blocks = JSON.parse(body.blocks as string) as unknown;
  assert.ok(Array.isArray(blocks), 'blocks decodes to an array');
  return blocks as Block[];
}

function nameOf(req: Recorded): string | undefined {
  const fields = blocksOf(req).find((b) => b.fields)?.fields ?? [];
  return /^\*Name:\* (.*)$/.exec(fields[0]?.text ?? '')?.[1];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Milo organization notifications on a real API server (fixtures unchanged)', () => {
  const tmp = tempDir('switchyard-milo-');
  const secretsDir = join(tmp.dir, 'secrets');
  let kube: Kube;
  let sink: Awaited<ReturnType<typeof startHttpsSink>>;
  let proxy: TestProxy;
  let caFile: string;
  let running: SwitchyardProcess | undefined;

  before(async () => {
    for (const f of ['eventsource.yaml', 'sensor.yaml', 'test-organization.yaml']) {
      assert.ok(existsSync(join(FIXTURES, f)), `fixture ${join(FIXTURES, f)} is missing: these tests need /work/shared/fixtures beside the repository`);
    }
    kube = await startKube();
    await kube.applyYaml(CRD);
    // The fixture's Secret names an in-cluster server; this kubeconfig for the test server takes its place
    // at the path the EventSource mounts: <secrets dir>/<secretName>/<key>.
    mkdirSync(join(secretsDir, 'eventsource-milo-kubeconfig'), { recursive: true });
    writeFileSync(join(secretsDir, 'eventsource-milo-kubeconfig', 'kubeconfig'), stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'test', cluster: { server: kube.url, 'certificate-authority-data': Buffer.from(kube.ca).toString('base64') } }],
      users: [{ name: 'admin', user: { token: kube.token } }],
      contexts: [{ name: 'test', context: { cluster: 'test', user: 'admin' } }],
      'current-context': 'test',
    }));
    const tls = selfSignedCert(tmp.dir, 'hooks.slack.com');
    caFile = tls.certFile;
    sink = await startHttpsSink(tls);
    // Every tunnel leads to the sink, whatever host was asked for; the sink's certificate is only for hooks.slack.com.
    proxy = await startProxy(() => ({ host: '127.0.0.1', port: sink.port }));
  });

  after(async () => {
    if (running && running.child.exitCode === null) {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    await proxy?.close();
    await sink?.close();
    await kube?.stop();
    tmp.cleanup();
  });

  async function run(files: string[], dataDir: string): Promise<SwitchyardProcess> {
    const p = spawnSwitchyard(['run', ...files, '--secrets-dir', secretsDir, '--data-dir', dataDir], {
      HTTPS_PROXY: proxy.url,
      https_proxy: '',
      NO_PROXY: '',
      no_proxy: '',
      NODE_EXTRA_CA_CERTS: caFile,
    });
    running = p;
    await waitForOutput(p, 'resource watch starting', 60_000);
    return p;
  }

  async function stop(p: SwitchyardProcess): Promise<void> {
    p.child.kill('SIGTERM');
    await p.exited;
  }

  async function waitRequests(n: number, p: SwitchyardProcess): Promise<void> {
    await sink.waitFor(n, 30_000).catch((err: Error) => {
      throw new Error(`${err.message}\n--- switchyard output ---\n${p.output()}`);
    });
  }

  test('an Organization created on the server becomes the Block Kit message; one existing before start is notified once', async () => {
    await kube.applyYaml(organization('existing-before-start', 'Personal'));
    const files = ['eventsource.yaml', 'sensor.yaml'].map((f) => join(FIXTURES, f));
    const p = await run(files, join(tmp.dir, 'data-1'));

    // No afterStart in the fixture: as in Argo, the initial list reports existing objects as ADD.
    await waitRequests(1, p);
    assert.equal(nameOf(sink.requests[0]!), 'existing-before-start');

    await kube.applyYaml(join(FIXTURES, 'test-organization.yaml'));
    await waitRequests(2, p);
    const req = sink.requests[1]!;
    const blocks = blocksOf(req);
    assert.deepEqual(blocks.map((b) => b.type), ['header', 'section', 'section', 'divider', 'actions']);
    assert.deepEqual(blocks[0], { type: 'header', text: { type: 'plain_text', text: '🏦 New Organization Created' } });
    assert.deepEqual(blocks[1], { type: 'section', text: { type: 'mrkdwn', text: '*Display Name:* Test Organization for Slack Notifications' } });
    assert.deepEqual(blocks[2]?.fields, [
      { type: 'mrkdwn', text: '*Name:* test-slack-notification' },
      { type: 'mrkdwn', text: '*Type:* Standard' },
    ]);
    const button = blocks[4]?.elements?.[0];
    assert.equal(button?.type, 'button');
    assert.equal(button?.style, 'primary');
    assert.equal(button?.text?.text, 'View in Portal');
    assert.equal(button?.url, 'https://staff.datum.net/customers/organizations/test-slack-notification');
    assert.ok(button?.url?.endsWith('/test-slack-notification'));

    // The existing organization without a display name: that section is left out.
    assert.deepEqual(blocksOf(sink.requests[0]!).map((b) => b.type), ['header', 'section', 'divider', 'actions']);

    // Through the proxy, a verified TLS connection to hooks.slack.com.
    assert.ok(proxy.seen.length >= 1);
    for (const s of proxy.seen) assert.equal(`${s.method} ${s.target}`, 'CONNECT hooks.slack.com:443');

    await sleep(1500);
    assert.deepEqual(sink.requests.map(nameOf), ['existing-before-start', 'test-slack-notification'], 'each organization notified once');
    await stop(p);
  });

  test('with filter.afterStart (a copy of the EventSource) organizations that existed at start send nothing', async () => {
    const first = sink.requests.length;
    // Object timestamps have whole seconds and afterStart compares against the start second: leave a gap.
    await kube.applyYaml(organization('existing-again'));
    await sleep(1200);

    const es = parse(readFileSync(join(FIXTURES, 'eventsource.yaml'), 'utf8')) as { spec: { resource: Record<string, Record<string, unknown>> } };
    const source = es.spec.resource['milo-organizations'];
    assert.ok(source, 'the fixture EventSource has resource.milo-organizations');
    source['filter'] = { afterStart: true };
    const copyDir = join(tmp.dir, 'after-start');
    mkdirSync(copyDir, { recursive: true });
    writeFileSync(join(copyDir, 'eventsource.yaml'), stringify(es));

    const p = await run([join(copyDir, 'eventsource.yaml'), join(FIXTURES, 'sensor.yaml')], join(tmp.dir, 'data-2'));
    await sleep(2000);
    assert.equal(sink.requests.length, first, `existing organizations sent nothing:\n${p.output()}`);

    await kube.applyYaml(organization('created-after-start', 'Business'));
    await waitRequests(first + 1, p);
    const req = sink.requests[first]!;
    assert.equal(nameOf(req), 'created-after-start');
    assert.deepEqual(blocksOf(req).find((b) => b.fields)?.fields?.[1], { type: 'mrkdwn', text: '*Type:* Business' });
    await sleep(1500);
    assert.equal(sink.requests.length, first + 1, 'exactly one message');
    await stop(p);
  });
});
