/**
 * Events larger than the NATS server's max_payload (1 MB by default; the envelope carries the data in base64,
 * a third larger): a webhook sender gets 413 with what to change, not a 500 it would retry; a resource source
 * logs the change it cannot store and goes on with the next instead of retrying it without end.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startKube, type Kube } from '../helpers/kube.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';
import { createConfigMap, createNamespace, startLogged, tearDown, writeManifest } from './helpers.ts';

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
---
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: cms}
spec:
  resource:
    added: {version: v1, resource: configmaps, namespace: ${NAMESPACE}, eventTypes: [ADD]}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: forward}
spec:
  dependencies:
    - {name: hook, eventSourceName: hooks, eventName: ingest}
    - {name: cm, eventSourceName: cms, eventName: added}
  triggers:
    - template:
        name: hook
        conditions: hook
        http:
          url: ${sinkUrl}/hook
          payload:
            - src: {dependencyName: hook, dataKey: body.name}
              dest: name
    - template:
        name: configmap
        conditions: cm
        http:
          url: ${sinkUrl}/configmap
          payload:
            - src: {dependencyName: cm, dataKey: body.metadata.name}
              dest: name
`,
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
  const post = (body: unknown): Promise<Response> =>
    fetch(`http://127.0.0.1:${webhookPort}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

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
});
