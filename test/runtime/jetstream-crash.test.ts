/**
 * Crashes on a real nats-server: the eventsource process killed with SIGKILL under load while senders retry,
 * and a sensor killed with SIGKILL while a join (`a && b`) holds one saved event.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor, sleep } from '../helpers/wait.ts';
import { postEvent, postJson, receivedNumbers, waitForAllDelivered, startLogged, stopProcess, tearDown, writeManifest, writePipeline } from './helpers.ts';

describe('kill -9 of the eventsource process under load on JetStream', () => {
  const tmp = tempDir('switchyard-js-crash-src-');
  let nats: NatsServer;
  let sink: HttpSink;
  let dir: string;
  let webhookPort: number;
  let sourceMetrics: number;
  const procs: SwitchyardProcess[] = [];
  let source: SwitchyardProcess;

  const startSource = (): Promise<SwitchyardProcess> =>
    startLogged(procs, ['eventsource', 'hooks', '-f', dir, '--bus', nats.url, '--metrics-port', String(sourceMetrics), '--data-dir', join(tmp.dir, 'source-data')]);

  before(async () => {
    nats = await startNatsServer();
    sink = await startHttpSink();
    webhookPort = await freePort();
    sourceMetrics = await freePort();
    dir = writePipeline(join(tmp.dir, 'manifests'), webhookPort, sink.url);
    await startLogged(procs, ['sensor', 'forwarder', '-f', dir, '--bus', nats.url, '--metrics-port', String(await freePort()), '--data-dir', join(tmp.dir, 'sensor-data')]);
    source = await startSource();
  });
  after(() => tearDown(procs, sink, nats, tmp));

  test('senders retry until 2xx; every event answered 2xx reaches the trigger at least once', { timeout: 240_000 }, async () => {
    const TOTAL = 1000;
    const first = 20_000;
    const acked = new Set<number>();
    const refused = { count: 0 };
    let next = 0;
    let restarted: Promise<void> | undefined;
    const deadline = Date.now() + 120_000;
    // A real sender: on a connection error or a non-2xx answer it waits briefly and sends the same event again.
    const send = async (n: number): Promise<void> => {
      while (Date.now() < deadline) {
        const s = await postEvent(webhookPort, n);
        if (s >= 200 && s < 300) {
          acked.add(n);
          return;
        }
        refused.count++;
        await sleep(50);
      }
    };
    const worker = async (): Promise<void> => {
      while (next < TOTAL) {
        const i = next++;
        if (i === TOTAL / 2) {
          source.child.kill('SIGKILL');
          restarted = source.exited.then(async () => {
            source = await startSource();
          });
        }
        await send(first + i);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    assert.ok(restarted, 'the eventsource was killed midway');
    await restarted;
    assert.ok(refused.count > 0, 'some sends failed while the eventsource was down (the kill happened under load)');
    assert.equal(acked.size, TOTAL, 'every event was eventually answered 2xx by the restarted eventsource');
    await waitForAllDelivered(acked, sink);
    assert.equal(await stopProcess(source), 0, source.output().slice(-2000));
  });
});

/** EventSource `pair` with events `a` and `b` on one port, and Sensor `joiner` firing on `a && b`. */
function writeJoin(dir: string, webhookPort: number, sinkUrl: string): string {
  return writeManifest(
    dir,
    'join.yaml',
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: pair, namespace: ops}
spec:
  webhook:
    a: {port: "${webhookPort}", endpoint: /a, method: POST}
    b: {port: "${webhookPort}", endpoint: /b, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: joiner, namespace: ops}
spec:
  dependencies:
    - {name: dep-a, eventSourceName: pair, eventName: a}
    - {name: dep-b, eventSourceName: pair, eventName: b}
  triggers:
    - template:
        name: both
        conditions: "dep-a && dep-b"
        http:
          url: ${sinkUrl}/both
          payload:
            - src: {dependencyName: dep-a, dataKey: body.x}
              dest: fromA
            - src: {dependencyName: dep-b, dataKey: body.y}
              dest: fromB
      retryStrategy: {steps: 10, duration: 50ms}
`,
  );
}

describe("a join's saved state on JetStream survives kill -9 of the sensor", () => {
  const tmp = tempDir('switchyard-js-crash-join-');
  let nats: NatsServer;
  let sink: HttpSink;
  let dir: string;
  let webhookPort: number;
  let sensorMetrics: number;
  const procs: SwitchyardProcess[] = [];

  // A join sensor starts its consumers only once it leads (after a killed leader's lease expires): an event
  // published before its durable consumers exist would not be delivered to it (DeliverNew, as in Argo).
  const startSensor = (): Promise<SwitchyardProcess> =>
    startLogged(procs, ['sensor', 'joiner', '-f', dir, '--bus', nats.url, '--metrics-port', String(sensorMetrics), '--data-dir', join(tmp.dir, 'sensor-data')], { ready: 'sensor started sensor=joiner', timeoutMs: 60_000 });

  before(async () => {
    nats = await startNatsServer();
    sink = await startHttpSink();
    webhookPort = await freePort();
    sensorMetrics = await freePort();
    dir = writeJoin(join(tmp.dir, 'manifests'), webhookPort, sink.url);
    await startLogged(procs, ['eventsource', 'pair', '-f', dir, '--bus', nats.url, '--metrics-port', String(await freePort()), '--data-dir', join(tmp.dir, 'source-data')]);
  });
  after(() => tearDown(procs, sink, nats, tmp));

  test('send a; kill -9 the waiting sensor; restart it; send b: the trigger fires once with both payloads', { timeout: 120_000 }, async () => {
    const sensor = await startSensor();
    assert.equal(await postJson(webhookPort, '/a', { x: 'from-a' }), 200);
    await waitForOutput(sensor, 'trigger waiting for dependencies', 20_000);
    assert.match(sensor.output(), /waitingFor="?dep-b/, 'the sensor waits for dep-b only');
    assert.equal(sink.requests.length, 0, 'a alone does not fire the trigger');

    sensor.child.kill('SIGKILL');
    await sensor.exited;
    const again = await startSensor();
    // A sensor with a join is leader-elected: the new process leads once the killed one's lease (10 s) expires.
    await waitForOutput(again, 'elected leader', 30_000);
    assert.equal(await postJson(webhookPort, '/b', { y: 'from-b' }), 200);
    await sink.waitFor(1, 30_000).catch((err: Error) => {
      throw new Error(`${err.message}\nsensor after restart:\n${again.output().slice(-3000)}`);
    });
    // Give a duplicate firing time to show up before asserting there is exactly one.
    await sleep(2_000);
    assert.equal(sink.requests.length, 1, sink.requests.map((r) => r.body).join('\n'));
    const req = sink.requests[0];
    assert.ok(req);
    assert.equal(req.url, '/both');
    assert.deepEqual(JSON.parse(req.body), { fromA: 'from-a', fromB: 'from-b' });
    assert.equal(await stopProcess(again), 0, again.output().slice(-2000));
  });
});
