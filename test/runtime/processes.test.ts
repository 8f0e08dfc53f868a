/**
 * The process commands beyond the happy path on --bus: a named resource that does not exist, usage errors,
 * the bus chosen by EventBus manifests (jetstreamExotic with accessSecret; native jetstream on the embedded bus),
 * and `run --metrics-port`.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { logger } from '../../src/observe/log.ts';
import { startStandalone } from '../../src/runtime/standalone.ts';
import { waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import { runSwitchyardCli } from '../helpers/cli.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { exoticEventBus, postEvent, receivedNumbers, sample, spawnLogged, statusOf, stopProcess, tearDown, textOf, writePipeline } from './helpers.ts';

const exoticBus = (url: string): string => exoticEventBus(url, 'maxMsgs: 1000', ['accessSecret: {name: nats-auth, key: creds}']);

describe('switchyard eventsource / sensor: arguments and names', () => {
  const tmp = tempDir('switchyard-procs-args-');
  after(() => tmp.cleanup());

  test('a name that is not in PATH: exit 1, listing the names found', async () => {
    const dir = writePipeline(join(tmp.dir, 'm'), await freePort(), 'http://127.0.0.1:9');
    const r = await runSwitchyardCli(['sensor', 'nope', '-f', dir, '--data-dir', join(tmp.dir, 'd'), '--metrics-port', '0']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /RESOURCE_NOT_FOUND: no Sensor named "nope" in .*; the Sensors found are: forwarder/);
    const e = await runSwitchyardCli(['eventsource', 'forwarder', '-f', dir, '--data-dir', join(tmp.dir, 'd'), '--metrics-port', '0']);
    assert.equal(e.code, 1, e.stderr);
    assert.match(e.stderr, /no EventSource named "forwarder" .*the EventSources found are: hooks/);
  });

  test('no name or no -f: usage and exit 2; a bad --metrics-port is refused', async () => {
    assert.equal((await runSwitchyardCli(['eventsource'])).code, 2);
    const r = await runSwitchyardCli(['sensor', 'forwarder']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /usage: switchyard sensor NAME -f PATH/);
    const p = await runSwitchyardCli(['sensor', 'forwarder', '-f', tmp.dir, '--metrics-port', 'http']);
    assert.equal(p.code, 1);
    assert.match(p.stderr, /--metrics-port "http" is not a port number/);
  });

  test('help lists the new commands and flags', async () => {
    const r = await runSwitchyardCli(['help']);
    for (const s of ['switchyard eventsource NAME -f PATH', 'switchyard sensor NAME -f PATH', '--bus nats://HOST:PORT', '--metrics-port N']) assert.ok(r.stdout.includes(s), s);
  });
});

describe('the bus chosen by EventBus manifests', () => {
  const tmp = tempDir('switchyard-eventbus-');
  let nats: NatsServer;
  let sink: HttpSink;
  let proc: SwitchyardProcess | undefined;
  before(async () => {
    nats = await startNatsServer({ user: 'sy', pass: 'right-pass' });
    sink = await startHttpSink();
  });
  after(() => tearDown([proc], sink, nats, tmp));

  test('jetstreamExotic with accessSecret (username/password): run uses that NATS without --bus', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const dir = writePipeline(join(tmp.dir, 'exotic'), port, sink.url, exoticBus(nats.url));
    const metricsPort = await freePort();
    proc = spawnLogged(['run', dir, '--data-dir', join(tmp.dir, 'exotic-data'), '--metrics-port', String(metricsPort)], {
      SWITCHYARD_SECRET_NATS_AUTH_CREDS: 'username: sy\npassword: right-pass\n',
    });
    await waitForOutput(proc, 'switchyard running');
    assert.match(proc.output(), /why="EventBus \\"default\\" \(jetstreamExotic\)"/);
    assert.equal(await postEvent(port, 7), 200);
    await sink.waitFor(1, 20_000);
    assert.deepEqual([...receivedNumbers(sink.requests)], [7]);
    assert.equal(await statusOf(`http://127.0.0.1:${metricsPort}/readyz`), 200);
    const m = await textOf(`http://127.0.0.1:${metricsPort}/metrics`);
    assert.equal(sample(m, 'argo_events_events_sent_total', { namespace: 'ops', eventsource_name: 'hooks', event_name: 'ingest' }), 1, m);
    assert.equal(await stopProcess(proc), 0);
  });

  test('wrong credentials in the accessSecret: exit 1 at once with BUS_AUTH (not retried)', { timeout: 30_000 }, async () => {
    const dir = writePipeline(join(tmp.dir, 'badauth'), await freePort(), sink.url, exoticBus(nats.url));
    const r = await runSwitchyardCli(['eventsource', 'hooks', '-f', dir, '--data-dir', join(tmp.dir, 'bad-data'), '--metrics-port', '0'], {
      env: { SWITCHYARD_SECRET_NATS_AUTH_CREDS: 'username: sy\npassword: wrong\n' },
    });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /BUS_AUTH: NATS at nats:\/\/127\.0\.0\.1:\d+ refused the credentials/);
  });

  test('a native jetstream EventBus: the embedded bus with its streamConfig', async () => {
    const dir = writePipeline(join(tmp.dir, 'native'), await freePort(), sink.url);
    writeFileSync(join(dir, 'eventbus.yaml'), 'apiVersion: argoproj.io/v1alpha1\nkind: EventBus\nmetadata: {name: default}\nspec:\n  jetstream:\n    version: latest\n    streamConfig: |\n      maxMsgs: 4321\n');
    const rt = await startStandalone({ paths: [dir], dataDir: join(tmp.dir, 'native-data'), log: logger() });
    try {
      assert.equal(rt.bus.driver, 'embedded');
      assert.equal(rt.bus.stream.maxMsgs, 4321);
      assert.equal(rt.metrics, undefined, 'run serves no metrics unless --metrics-port is given');
    } finally {
      await rt.stop();
    }
  });
});
