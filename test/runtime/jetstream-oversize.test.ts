/**
 * Events larger than the NATS server's max_payload (1 MB by default; the envelope carries the data in base64,
 * a third larger): a webhook sender gets 413 with what to change, not a 500 it would retry; a resource source
 * logs the change it cannot store and goes on with the next instead of retrying it without end; a join whose
 * saved events would outgrow a key-value entry drops the event that does not fit, once, and goes on.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { after, before, describe, test } from 'node:test';
import { waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startKube, type Kube } from '../helpers/kube.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';
import { configMapManifests, createConfigMap, createNamespace, startLogged, tearDown, writeManifest } from './helpers.ts';

const NAMESPACE = 'big';
/** Data of this size fits a ConfigMap (1 MiB) and a webhook body (maxPayloadSize 1 MB), not a NATS message once in base64. */
const LARGE = 'x'.repeat(900_000);

function writeManifests(dir: string, webhookPort: number, sinkUrl: string): string {
  return writeManifest(
    dir,
    'oversize.yaml',
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: hooks}
spec:
  webhook:
    ingest: {port: "${webhookPort}", endpoint: /ingest, method: POST}
    ja: {port: "${webhookPort}", endpoint: /ja, method: POST}
    jb: {port: "${webhookPort}", endpoint: /jb, method: POST}
    jc: {port: "${webhookPort}", endpoint: /jc, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: forward}
spec:
  dependencies:
    - {name: hook, eventSourceName: hooks, eventName: ingest}
  triggers:
    - template:
        name: hook
        http:
          url: ${sinkUrl}/hook
          payload:
            - src: {dependencyName: hook, dataKey: body.name}
              dest: name
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: joiner}
spec:
  dependencies:
    - {name: ja, eventSourceName: hooks, eventName: ja}
    - {name: jb, eventSourceName: hooks, eventName: jb}
    - {name: jc, eventSourceName: hooks, eventName: jc}
  triggers:
    - template:
        name: all
        conditions: "ja && jb && jc"
        http:
          url: ${sinkUrl}/join
          payload:
            - src: {dependencyName: ja, dataKey: body.name}
              dest: a
            - src: {dependencyName: jb, dataKey: body.name}
              dest: b
            - src: {dependencyName: jc, dataKey: body.name}
              dest: c
---
${configMapManifests(NAMESPACE, `${sinkUrl}/configmap`)}`,
  );
}

describe('events larger than the NATS max_payload', () => {
  const tmp = tempDir('switchyard-oversize-');
  let nats: NatsServer;
  let sink: HttpSink;
  let kube: Kube;
  let webhookPort: number;
  let running: SwitchyardProcess;
  const procs: SwitchyardProcess[] = [];
  before(async () => {
    [nats, sink, kube, webhookPort] = await Promise.all([startNatsServer(), startHttpSink(), startKube(), freePort()]);
    await createNamespace(kube, NAMESPACE);
    const dir = writeManifests(join(tmp.dir, 'm'), webhookPort, sink.url);
    running = await startLogged(procs, ['run', dir, '--bus', nats.url, '--kubeconfig', kube.kubeconfigPath, '--data-dir', join(tmp.dir, 'data')]);
  });
  after(async () => {
    await tearDown(procs, sink, nats, tmp);
    await kube?.stop();
  });

  const posted = (path: string, name: string): Promise<true> =>
    waitFor(`${name} posted to ${path}`, () => (sink.requests.some((r) => r.url === path && (JSON.parse(r.body) as { name: string }).name === name) ? true : undefined), 30_000);
  const post = (body: unknown, path = '/ingest'): Promise<Response> =>
    fetch(`http://127.0.0.1:${webhookPort}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('the webhook answers 413 naming max_payload, and takes the next event as usual', async () => {
    const res = await post({ name: 'huge', data: LARGE });
    const text = await res.text();
    assert.equal(res.status, 413, text);
    assert.match(text, /exceeds the NATS server's max_payload of 1048576 bytes; raise max_payload/);
    assert.equal((await post({ name: 'small' })).status, 200);
    await posted('/hook', 'small');
    assert.equal(sink.requests.some((r) => r.url === '/hook' && r.body.includes('huge')), false);
  });

  test('a ConfigMap too large for the bus is logged and skipped; the next one arrives', async () => {
    await createConfigMap(kube, NAMESPACE, 'huge', LARGE);
    await waitForOutput(running, /resource change cannot be stored on the bus; skipped .*name=huge/, 20_000);
    await createConfigMap(kube, NAMESPACE, 'after-huge', 'v');
    await posted('/configmap', 'after-huge');
    assert.equal(sink.requests.some((r) => r.url === '/configmap' && r.body.includes('"huge"')), false);
  });

  test('a join drops, once, the event its saved events cannot hold with the others, and fires with the next one', async () => {
    // each fits the stream and a key-value entry alone; two of them together do not fit one entry
    const half = 'y'.repeat(600_000);
    assert.equal((await post({ name: 'big-a', data: half }, '/ja')).status, 200);
    await waitForOutput(running, /trigger waiting for dependencies sensor=joiner/, 20_000);
    assert.equal((await post({ name: 'big-b', data: half }, '/jb')).status, 200);
    await waitForOutput(running, /join state cannot be saved; event dropped .*trigger=all dependency=jb/, 20_000);
    for (const [name, path] of [['small-b', '/jb'], ['small-c', '/jc']] as const) assert.equal((await post({ name }, path)).status, 200);
    await waitFor('the join fired', () => sink.requests.find((r) => r.url === '/join'), 30_000);
    const fired = sink.requests.filter((r) => r.url === '/join').map((r) => JSON.parse(r.body) as unknown);
    assert.deepEqual(fired, [{ a: 'big-a', b: 'small-b', c: 'small-c' }]);
    assert.equal(running.output().match(/join state cannot be saved/g)?.length, 1, 'the dropped event was retried');
    // the dropped event was acknowledged: nothing of jb's is pending or was delivered twice
    const nc = await connect({ servers: nats.url });
    try {
      const info = await (await jetstreamManager(nc)).consumers.info('default', 'joiner-all-jb');
      assert.equal(info.num_ack_pending, 0);
      assert.equal(info.num_redelivered, 0);
      assert.equal(info.delivered.consumer_seq, 2, `big-b and small-b delivered once each: ${JSON.stringify(info.delivered)}`);
      assert.equal(info.ack_floor.consumer_seq, 2, `both acknowledged: ${JSON.stringify(info.ack_floor)}`);
    } finally {
      await nc.close();
    }
  });
});
