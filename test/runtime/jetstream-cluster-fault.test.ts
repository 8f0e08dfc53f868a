/**
 * `switchyard run --bus` on a 3-node JetStream cluster with an R3 stream: kill -9 of the stream leader's
 * nats-server under load loses no acknowledged event, and triggers keep firing after the kill.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startNatsCluster, type NatsCluster, type NatsServer } from '../helpers/nats.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';
import { exoticEventBus, postEvent, receivedNumbers, spawnLogged, tearDown, waitForAllDelivered, writePipeline } from './helpers.ts';

/** A jetstreamExotic EventBus with an R3 stream. */
const eventBusR3 = (urls: readonly string[]): string => exoticEventBus(urls.join(','), 'replicas: 3');

/** The stream's leader and replica count, from JetStream's stream info (server names end in -n0, -n1, -n2). */
async function streamLeader(urls: string[]): Promise<{ index: number; replicas: number; name: string }> {
  const nc = await connect({ servers: urls });
  try {
    const info = await (await jetstreamManager(nc)).streams.info('default');
    const name = info.cluster?.leader ?? '';
    const m = /-n(\d)$/.exec(name);
    return { index: m ? Number(m[1]) : -1, replicas: info.config.num_replicas, name };
  } finally {
    await nc.close();
  }
}

/** The pid of a nats-server this test started, found by its store dir on its command line. */
function pidOf(server: NatsServer): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    const args = cmd.split('\0');
    if (args[0]?.endsWith('nats-server') && args.includes(server.storeDir)) return Number(entry);
  }
  throw new Error(`no nats-server process with store dir ${server.storeDir}`);
}

/** POSTs {n} until a 2xx answer (as a real sender retries), or gives up after deadlineMs. */
async function sendUntilAccepted(port: number, n: number, deadlineMs: number, onRetry: (status: number) => void): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const s = await postEvent(port, n);
    if (s >= 200 && s < 300) return true;
    onRetry(s);
    await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
  }
  return false;
}

describe('switchyard run on a 3-node JetStream cluster, R3 stream, a node killed under load', () => {
  const tmp = tempDir('switchyard-js-fault-');
  let cluster: NatsCluster;
  let sink: HttpSink;
  let proc: SwitchyardProcess | undefined;
  let port: number;

  before(async () => {
    cluster = await startNatsCluster();
    sink = await startHttpSink();
    port = await freePort();
    writePipeline(join(tmp.dir, 'manifests'), port, sink.url, eventBusR3(cluster.urls));
    proc = spawnLogged(['run', join(tmp.dir, 'manifests'), '--bus', cluster.urls.join(','), '--data-dir', join(tmp.dir, 'data')]);
    await waitForOutput(proc, 'switchyard running', 60_000);
  });
  after(() => tearDown([proc], sink, cluster, tmp));

  test('every event answered 2xx reaches the trigger; triggers continue after kill -9 of the stream leader', { timeout: 240_000 }, async (t) => {
    const before = await streamLeader(cluster.urls);
    assert.equal(before.replicas, 3, 'the EventBus streamConfig made the stream R3');
    assert.ok(before.index >= 0, `stream leader ${before.name} is one of the three nodes`);
    const ready = /JetStream stream ready.*/.exec(proc!.output())?.[0] ?? '';
    assert.match(ready, new RegExp(`streamLeader\\W+${before.name}\\b`), `the log names the stream's leader: ${ready}`);
    assert.match(ready, /replicas\W+3\b/, `the log gives the replicas: ${ready}`);
    const victim = cluster.servers[before.index]!;
    const victimPid = pidOf(victim);

    const TOTAL = 2000;
    const acked = new Set<number>();
    const refused: number[] = [];
    let next = 0;
    let killedAt = 0;
    let atKill = 0;
    const retries = new Map<number, number>();
    const worker = async (): Promise<void> => {
      while (next < TOTAL) {
        const n = next++;
        if (n === TOTAL / 2) {
          process.kill(victimPid, 'SIGKILL');
          killedAt = Date.now();
          atKill = sink.requests.length;
        }
        const onRetry = (status: number): void => void retries.set(status, (retries.get(status) ?? 0) + 1);
        if (await sendUntilAccepted(port, n, 60_000, onRetry)) acked.add(n);
        else refused.push(n);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    assert.ok(killedAt > 0, 'the leader was killed midway');
    assert.equal(acked.size, TOTAL, `two of three nodes keep the R3 stream writable; never accepted: ${refused.slice(0, 10).join(',')}`);

    await waitForAllDelivered(acked, sink, 150_000, () => proc?.output().slice(-3000) ?? '');

    t.diagnostic(`killed ${before.name} (pid ${victimPid}) with ${atKill} events at the trigger; retried answers by status (0 = no answer): ${JSON.stringify(Object.fromEntries(retries))}; ${sink.requests.length - receivedNumbers(sink.requests).size} duplicates`);
    // Events sent after the kill were all triggered (checked above); the new leader is a surviving node.
    // The killed node may also have led the cluster's metadata; JetStream answers again once that is re-elected.
    const survivors = cluster.urls.filter((_, i) => i !== before.index);
    const afterKill = await waitFor('stream info from the surviving nodes', () => streamLeader(survivors).catch(() => undefined), 30_000);
    assert.ok(afterKill.index >= 0 && afterKill.index !== before.index, `a surviving node leads the stream now (was ${before.name}, now ${afterKill.name})`);
    assert.ok(receivedNumbers(sink.requests).has(TOTAL - 1), 'the last event, sent after the kill, was triggered');
    assert.equal(proc?.child.exitCode, null, 'switchyard kept running through the node loss');
  });
});
