/**
 * Two `switchyard eventsource` replicas of one webhook EventSource on a nats-server, as two pods behind a
 * Service would run: both take requests at once (no leader election), and the sensor gets every event
 * from either. On one machine the two replicas cannot share a port, so each reads the same manifests with
 * its own webhook port, as each pod would have its own address.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SwitchyardProcess } from '../helpers/child.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { postEvent, receivedNumbers, startLogged, tearDown, writePipeline } from './helpers.ts';

describe('webhook event source replicas share the load', () => {
  const tmp = tempDir('switchyard-webhook-replicas-');
  let nats: NatsServer;
  let sink: HttpSink;
  const procs: SwitchyardProcess[] = [];
  before(async () => {
    [nats, sink] = await Promise.all([startNatsServer(), startHttpSink()]);
  });
  after(() => tearDown(procs, sink, nats, tmp));

  test('both replicas accept events at once, without an election, and every event reaches the trigger', { timeout: 90_000 }, async () => {
    const ports = [await freePort(), await freePort()];
    const dirs = ports.map((port, i) => writePipeline(join(tmp.dir, `pod${i + 1}`), port, sink.url));
    const bus = ['--bus', nats.url, '--metrics-port', '0', '--lease-ttl', '2s'];
    await startLogged(procs, ['sensor', 'forwarder', '-f', dirs[0]!, ...bus, '--data-dir', join(tmp.dir, 'sensor')]);
    const replicas = await Promise.all(dirs.map((dir, i) => startLogged(procs, ['eventsource', 'hooks', '-f', dir, ...bus, '--data-dir', join(tmp.dir, `es${i + 1}`)])));

    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => postEvent(ports[i % 2]!, i + 1)));
    assert.deepEqual(new Set(statuses), new Set([200]), `statuses: ${statuses.join(' ')}`);
    await sink.waitFor(40, 30_000);
    assert.deepEqual([...receivedNumbers(sink.requests)].sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i + 1));
    for (const r of replicas) assert.doesNotMatch(r.output(), /campaigning for leadership|standing by/, 'a webhook replica took part in an election');
  });
});
