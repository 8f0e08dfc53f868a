/**
 * A jetstreamExotic EventBus with `tls` against a real nats-server that serves TLS only: the CA from the
 * EventBus's caCertSecret (a secrets folder, as Argo mounts it) lets events through; a CA that did not sign
 * the server's certificate keeps the process up, not ready, and says why.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { SwitchyardProcess } from '../helpers/child.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startNatsServer, type NatsServer } from '../helpers/nats.ts';
import { freePort } from '../helpers/ports.ts';
import { selfSignedCert } from '../helpers/proxy.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';
import { exoticEventBus, postEvent, receivedNumbers, spawnLogged, startLogged, statusOf, stopProcess, tearDown, writePipeline } from './helpers.ts';

const TOKEN = 's3cret-token';

const eventBus = (url: string): string =>
  exoticEventBus(url, 'maxAge: 1h', ['accessSecret: {name: nats-auth, key: token}', 'tls:', '  caCertSecret: {name: nats-tls, key: ca.crt}']);

/** A secrets folder in Argo's mount layout: <dir>/<secret>/<key>. */
function secretsDir(dir: string, caPem: string): string {
  mkdirSync(join(dir, 'nats-auth'), { recursive: true });
  mkdirSync(join(dir, 'nats-tls'), { recursive: true });
  writeFileSync(join(dir, 'nats-auth', 'token'), TOKEN);
  writeFileSync(join(dir, 'nats-tls', 'ca.crt'), caPem);
  return dir;
}

describe('JetStream over TLS with the CA from the EventBus', () => {
  const tmp = tempDir('switchyard-js-tls-');
  let nats: NatsServer;
  let sink: HttpSink;
  let serverCa: string;
  let otherCa: string;
  const procs: SwitchyardProcess[] = [];
  before(async () => {
    mkdirSync(join(tmp.dir, 'server'), { recursive: true });
    mkdirSync(join(tmp.dir, 'other'), { recursive: true });
    const server = selfSignedCert(join(tmp.dir, 'server'), '127.0.0.1');
    serverCa = server.certFile;
    otherCa = selfSignedCert(join(tmp.dir, 'other'), '127.0.0.1').certFile;
    nats = await startNatsServer({ token: TOKEN }, { tls: server });
    sink = await startHttpSink();
  });
  after(() => tearDown(procs, sink, nats, tmp));

  test('events pass when the EventBus names the CA that signed the server certificate', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const dir = writePipeline(join(tmp.dir, 'good'), port, sink.url, eventBus(nats.url));
    const secrets = secretsDir(join(tmp.dir, 'good-secrets'), readFileSync(serverCa, 'utf8'));
    const proc = await startLogged(procs, ['run', dir, '--secrets-dir', secrets, '--data-dir', join(tmp.dir, 'good-data')]);
    for (let n = 0; n < 3; n++) assert.equal(await postEvent(port, n), 200);
    await sink.waitFor(3, 20_000);
    assert.deepEqual([...receivedNumbers(sink.requests)].sort(), [0, 1, 2]);
    assert.equal(await stopProcess(proc), 0);
  });

  test('a tls:// URL never falls back to plain text: against a server without TLS it stays not ready', { timeout: 60_000 }, async () => {
    const plain = await startNatsServer();
    try {
      const port = await freePort();
      const metrics = await freePort();
      const dir = writePipeline(join(tmp.dir, 'plain'), port, sink.url);
      const url = plain.url.replace('nats://', 'tls://');
      const proc = spawnLogged(['run', dir, '--bus', url, '--metrics-port', String(metrics), '--data-dir', join(tmp.dir, 'plain-data')]);
      procs.push(proc);
      await waitFor('a log line about TLS', () => (/cannot reach NATS.*tls/i.test(proc.output()) ? true : undefined), 30_000);
      assert.equal(await statusOf(`http://127.0.0.1:${metrics}/readyz`), 503, proc.output());
      assert.doesNotMatch(proc.output(), /switchyard running/);
      await stopProcess(proc);
    } finally {
      await plain.cleanup();
    }
  });

  test('a CA that did not sign the server certificate: not ready, retrying, and the log says why', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const metrics = await freePort();
    const dir = writePipeline(join(tmp.dir, 'bad'), port, sink.url, eventBus(nats.url));
    const secrets = secretsDir(join(tmp.dir, 'bad-secrets'), readFileSync(otherCa, 'utf8'));
    const proc = spawnLogged(['run', dir, '--secrets-dir', secrets, '--metrics-port', String(metrics), '--data-dir', join(tmp.dir, 'bad-data')]);
    procs.push(proc);
    await waitFor('a log line about the certificate', () => (/cannot reach NATS.*certificate/i.test(proc.output()) ? true : undefined), 30_000);
    assert.match(proc.output(), /its TLS certificate was not accepted \(.+\); give the CA that signed it in the EventBus jetstreamExotic\.tls/);
    assert.equal(await statusOf(`http://127.0.0.1:${metrics}/readyz`), 503, `not ready while the bus cannot be reached:\n${proc.output()}`);
    assert.equal(proc.child.exitCode, null, 'the process keeps retrying rather than exiting');
    assert.doesNotMatch(proc.output(), /switchyard running/);
    await stopProcess(proc);
  });
});
