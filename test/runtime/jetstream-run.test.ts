/**
 * Switchyard on a real nats-server: `run --bus`, and `eventsource` / `sensor` as separate processes with
 * /metrics and /readyz, NATS down at start and while running, and a sensor killed with SIGKILL under load.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';
import { postEvent, receivedNumbers, waitForAllDelivered, sample, spawnLogged, startLogged, statusOf, stopProcess, tearDown, textOf, writePipeline } from './helpers.ts';

describe('switchyard run --bus nats://...', () => {
  const tmp = tempDir('switchyard-js-run-');
  let nats: NatsServer;
  let sink: HttpSink;
  let proc: SwitchyardProcess | undefined;
  before(async () => {
    nats = await startNatsServer();
    sink = await startHttpSink();
  });
  after(() => tearDown([proc], sink, nats, tmp));

  test('a webhook event reaches the http trigger through JetStream', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const dir = writePipeline(join(tmp.dir, 'manifests'), port, sink.url);
    proc = spawnLogged(['run', dir, '--bus', nats.url, '--data-dir', join(tmp.dir, 'data')]);
    await waitForOutput(proc, 'switchyard running');
    assert.match(proc.output(), new RegExp(`bus="?jetstream ${nats.url.replace(/[/.]/g, '\\$&')}`));
    for (let n = 0; n < 5; n++) assert.equal(await postEvent(port, n), 200);
    await sink.waitFor(5, 20_000);
    assert.deepEqual([...receivedNumbers(sink.requests)].sort(), [0, 1, 2, 3, 4]);
    assert.equal(await stopProcess(proc), 0, 'SIGTERM stops it cleanly');
  });
});

describe('switchyard eventsource and switchyard sensor as two processes on one nats-server', () => {
  const tmp = tempDir('switchyard-js-procs-');
  let nats: NatsServer;
  let sink: HttpSink;
  let dir: string;
  let webhookPort: number;
  const procs: SwitchyardProcess[] = [];
  let source: SwitchyardProcess;
  let sourceMetrics: number;
  let sensor: SwitchyardProcess;
  let sensorMetrics: number;

  const startSensor = (): Promise<SwitchyardProcess> =>
    startLogged(procs, ['sensor', 'forwarder', '-f', dir, '--bus', nats.url, '--metrics-port', String(sensorMetrics), '--data-dir', join(tmp.dir, 'sensor-data')]);

  before(async () => {
    sink = await startHttpSink();
    webhookPort = await freePort();
    dir = writePipeline(join(tmp.dir, 'manifests'), webhookPort, sink.url);
    sourceMetrics = await freePort();
    sensorMetrics = await freePort();
    // Learn a free port for NATS, then stop it: the processes start before NATS is reachable.
    nats = await startNatsServer();
    await nats.stop();
  });
  after(() => tearDown(procs, sink, nats, tmp));

  test('/readyz is 503 while NATS is unreachable and 200 once it is up; events then flow end to end', { timeout: 90_000 }, async () => {
    sensor = spawnLogged(['sensor', 'forwarder', '-f', dir, '--bus', nats.url, '--metrics-port', String(sensorMetrics), '--data-dir', join(tmp.dir, 'sensor-data')]);
    procs.push(sensor);
    source = spawnLogged(['eventsource', 'hooks', '-f', dir, '--bus', nats.url, '--metrics-port', String(sourceMetrics), '--data-dir', join(tmp.dir, 'source-data')]);
    procs.push(source);
    for (const [p, port] of [[sensor, sensorMetrics], [source, sourceMetrics]] as const) {
      await waitForOutput(p, `cannot reach NATS at ${nats.url}; retrying`, 30_000);
      await waitFor('the metrics server', async () => ((await statusOf(`http://127.0.0.1:${port}/healthz`)) === 200 ? true : undefined), 20_000);
      assert.equal(await statusOf(`http://127.0.0.1:${port}/readyz`), 503);
      assert.match(await textOf(`http://127.0.0.1:${port}/readyz`), /not ready: cannot reach NATS at nats:\/\/127\.0\.0\.1:\d+/);
    }
    assert.equal(await postEvent(webhookPort, -1), 0, 'the webhook does not listen before the bus is reachable');

    await nats.start();
    await waitForOutput(sensor, 'switchyard running', 30_000);
    await waitForOutput(source, 'switchyard running', 30_000);
    for (const port of [sensorMetrics, sourceMetrics]) {
      await waitFor('ready', async () => ((await statusOf(`http://127.0.0.1:${port}/readyz`)) === 200 ? true : undefined), 20_000);
    }
    for (let n = 0; n < 10; n++) assert.equal(await postEvent(webhookPort, n), 200);
    await sink.waitFor(10, 30_000);
    assert.deepEqual([...receivedNumbers(sink.requests)].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('/metrics shows Argo event source and sensor metrics with their labels', { timeout: 30_000 }, async () => {
    const src = await textOf(`http://127.0.0.1:${sourceMetrics}/metrics`);
    assert.equal(sample(src, 'argo_events_events_sent_total', { namespace: 'ops', eventsource_name: 'hooks', event_name: 'ingest' }), 10, src);
    assert.equal(sample(src, 'argo_events_event_service_running_total', { namespace: 'ops', eventsource_name: 'hooks' }), 1, src);
    assert.equal(sample(src, 'argo_events_event_processing_duration_milliseconds_count', { namespace: 'ops', eventsource_name: 'hooks', event_name: 'ingest' }), 10, src);
    const sen = await waitFor('10 actions counted', async () => {
      const t = await textOf(`http://127.0.0.1:${sensorMetrics}/metrics`);
      return sample(t, 'argo_events_action_triggered_total', { namespace: 'ops', sensor_name: 'forwarder', trigger_name: 'forward' }) === 10 ? t : undefined;
    });
    assert.match(sen, /# TYPE argo_events_action_triggered_total counter/);
  });

  test('the webhook answers 503 while nats-server is stopped and 200 after it restarts; acked events arrive', { timeout: 90_000 }, async () => {
    const before = sink.requests.length;
    await nats.stop();
    // Until the client notices the loss, a publish may still time out; either way the answer becomes 503.
    const status = await waitFor('503 from the webhook', async () => ((await postEvent(webhookPort, 1000)) === 503 ? 503 : undefined), 30_000);
    assert.equal(status, 503);
    assert.equal(await postEvent(webhookPort, 1000), 503, 'still 503 while NATS is down');
    await waitFor('/readyz 503', async () => ((await statusOf(`http://127.0.0.1:${sourceMetrics}/readyz`)) === 503 ? true : undefined), 10_000);
    assert.equal(await statusOf(`http://127.0.0.1:${sourceMetrics}/healthz`), 200, 'alive while not ready');

    await nats.start();
    await waitFor('200 from the webhook', async () => ((await postEvent(webhookPort, 1001)) === 200 ? true : undefined), 30_000);
    await waitFor('/readyz 200', async () => ((await statusOf(`http://127.0.0.1:${sourceMetrics}/readyz`)) === 200 ? true : undefined), 10_000);
    await waitFor('event 1001 at the trigger', () => (receivedNumbers(sink.requests.slice(before)).has(1001) ? true : undefined), 30_000);
    const src = await textOf(`http://127.0.0.1:${sourceMetrics}/metrics`);
    assert.ok((sample(src, 'argo_events_events_sent_failed_total', { namespace: 'ops', eventsource_name: 'hooks', event_name: 'ingest' }) ?? 0) >= 1, src);
    assert.ok((sample(src, 'argo_events_events_processing_failed_total', { namespace: 'ops', eventsource_name: 'hooks', event_name: 'ingest' }) ?? 0) >= 1, src);
  });

  test('kill -9 of the sensor under load: every event answered 2xx reaches the trigger at least once', { timeout: 240_000 }, async () => {
    const TOTAL = 1000;
    const first = 10_000;
    const acked = new Set<number>();
    let next = 0;
    let restarted: Promise<void> | undefined;
    const worker = async (): Promise<void> => {
      while (next < TOTAL) {
        const i = next++;
        if (i === TOTAL / 2) {
          sensor.child.kill('SIGKILL');
          restarted = sensor.exited.then(async () => {
            sensor = await startSensor();
          });
        }
        const n = first + i;
        const s = await postEvent(webhookPort, n);
        if (s >= 200 && s < 300) acked.add(n);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    assert.ok(restarted, 'the sensor was killed midway');
    await restarted;
    assert.equal(acked.size, TOTAL, 'the event source accepted every event while the sensor was down');
    await waitForAllDelivered(acked, sink);
  });

  test('SIGTERM stops both processes cleanly', { timeout: 30_000 }, async () => {
    assert.equal(await stopProcess(source), 0, source.output().slice(-2000));
    assert.equal(await stopProcess(sensor), 0, sensor.output().slice(-2000));
    assert.match(source.output(), /shutting down signal=SIGTERM/);
  });
});
