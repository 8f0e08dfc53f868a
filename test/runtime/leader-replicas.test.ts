/**
 * Two `switchyard sensor` replicas of a sensor with a join ("a && b") on one nats-server: only the leader
 * reads, every completed join fires exactly once, and after kill -9 of the leader the other takes over.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { electedPair, killLeader, postJson, spawnLogged, startLogged, tearDown, writeManifest } from './helpers.ts';

function writeJoin(dir: string, port: number, sinkUrl: string): string {
  return writeManifest(
    dir,
    'join.yaml',
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: hooks}
spec:
  webhook:
    a: {port: "${port}", endpoint: /a, method: POST}
    b: {port: "${port}", endpoint: /b, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: joiner}
spec:
  dependencies:
    - {name: da, eventSourceName: hooks, eventName: a}
    - {name: db, eventSourceName: hooks, eventName: b}
  triggers:
    - template:
        name: both
        conditions: "da && db"
        http:
          url: ${sinkUrl}/got
          payload:
            - src: {dependencyName: db, dataKey: body.n}
              dest: n
      atLeastOnce: true
      retryStrategy: {steps: 10, duration: 50ms}
`,
  );
}

async function post(port: number, path: string, n: number): Promise<void> {
  const status = await postJson(port, path, { n });
  assert.equal(status, 200, `POST ${path} answered ${status}`);
}

describe('sensor replicas elect a leader through the bus', () => {
  const tmp = tempDir('switchyard-leader-');
  let nats: NatsServer;
  let sink: HttpSink;
  const procs: SwitchyardProcess[] = [];
  before(async () => {
    nats = await startNatsServer();
    sink = await startHttpSink();
  });
  after(() => tearDown(procs, sink, nats, tmp));

  test('one firing per completed join; kill -9 of the leader hands over to the standby', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const dir = writeJoin(join(tmp.dir, 'm'), port, sink.url);
    const common = ['-f', dir, '--bus', nats.url, '--metrics-port', '0'];
    const pair = await electedPair(procs, (i) => spawnLogged(['sensor', 'joiner', ...common, '--data-dir', join(tmp.dir, `s${i}`), '--lease-ttl', '2s']));
    const { leader, standby } = pair;
    await waitForOutput(leader, 'sensor started');

    await startLogged(procs, ['eventsource', 'hooks', ...common, '--data-dir', join(tmp.dir, 'es')]);

    const round = async (n: number): Promise<void> => {
      await post(port, '/a', n);
      await post(port, '/b', n);
      await sink.waitFor(n, 20_000);
    };
    for (let n = 1; n <= 3; n++) await round(n);
    assert.equal(standby.output().includes('sensor started'), false, 'the standby started its consumers');

    // let the last firing's ack reach the bus: a crash between firing and ack redelivers (at-least-once)
    await sleep(1_000);
    await killLeader(pair);
    await waitForOutput(standby, 'sensor started', 20_000);

    for (let n = 4; n <= 6; n++) await round(n);
    await sleep(1_000);
    assert.equal(sink.requests.length, 6, `expected 6 firings, got ${sink.requests.map((r) => r.body).join(' ')}`);
    assert.deepEqual(sink.requests.map((r) => Number((JSON.parse(r.body) as { n: unknown }).n)), [1, 2, 3, 4, 5, 6]);
  });
});
