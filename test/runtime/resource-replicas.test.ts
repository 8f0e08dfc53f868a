/**
 * Two `switchyard eventsource` replicas of a resource EventSource, on a real kube-apiserver and nats-server:
 * only the elected leader watches, so each new ConfigMap becomes one event; after kill -9 of the leader the
 * standby takes over within seconds, without exiting, and what is created next still arrives.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startKube, type Kube } from '../helpers/kube.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';
import { tempDir } from '../helpers/tmp.ts';
import { sleep, waitFor } from '../helpers/wait.ts';
import { configMapManifests, createConfigMap, createNamespace, electedPair, killLeader, spawnLogged, startLogged, tearDown, writeManifest } from './helpers.ts';

const NAMESPACE = 'watched';

describe('resource event source replicas elect a leader through the bus', () => {
  const tmp = tempDir('switchyard-resource-leader-');
  let nats: NatsServer;
  let sink: HttpSink;
  let kube: Kube;
  const procs: SwitchyardProcess[] = [];
  before(async () => {
    [nats, sink, kube] = await Promise.all([startNatsServer(), startHttpSink(), startKube()]);
    await createNamespace(kube, NAMESPACE);
  });
  after(async () => {
    await tearDown(procs, sink, nats, tmp);
    await kube?.stop();
  });

  const namesPosted = (): string[] => sink.requests.map((r) => (JSON.parse(r.body) as { name: string }).name);
  const posted = (name: string): Promise<true> => waitFor(`ConfigMap ${name} posted`, () => (namesPosted().includes(name) ? true : undefined), 30_000);

  test('one event per ConfigMap while two replicas run; kill -9 of the leader hands the watch to the standby', { timeout: 180_000 }, async () => {
    const dir = writeManifest(join(tmp.dir, 'm'), 'configmaps.yaml', configMapManifests(NAMESPACE, `${sink.url}/added`));
    const common = ['-f', dir, '--bus', nats.url, '--kubeconfig', kube.kubeconfigPath, '--metrics-port', '0'];
    await startLogged(procs, ['sensor', 'configmaps', ...common, '--data-dir', join(tmp.dir, 'sensor')]);
    const pair = await electedPair(procs, (i) => spawnLogged(['eventsource', 'cms', ...common, '--data-dir', join(tmp.dir, `es${i}`), '--lease-ttl', '2s']));
    const { leader, standby } = pair;

    await createConfigMap(kube, NAMESPACE, 'before-kill', 'v');
    await posted('before-kill');
    await sleep(1_500); // a second event would have arrived by now
    assert.deepEqual(namesPosted().filter((n) => n === 'before-kill'), ['before-kill']);
    assert.match(leader.output(), /resource watch starting/);
    assert.doesNotMatch(standby.output(), /resource watch starting/, 'the standby watches too');

    await killLeader(pair);
    await waitForOutput(standby, 'resource watch starting');

    await createConfigMap(kube, NAMESPACE, 'after-kill', 'v');
    await posted('after-kill');
    assert.equal(standby.child.exitCode, null, 'the new leader is still running');
    assert.equal(namesPosted().filter((n) => n === 'after-kill').length, 1);
  });
});
