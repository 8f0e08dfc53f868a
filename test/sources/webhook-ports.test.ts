import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSwitchyardError } from '../../src/errors.ts';
import { sourceCounters, startEventSource } from '../../src/sources/host.ts';
import { PortRegistry } from '../../src/sources/webhook/server.ts';
import { standaloneSecrets } from '../../src/runtime/secrets.ts';
import { RecordingBus, freePort, request, webhookEventSource } from './helpers.ts';

const secrets = standaloneSecrets({ env: {} });
const registry = (): PortRegistry => new PortRegistry({ host: '127.0.0.1', closeGraceMs: 200 });

describe('webhook ports and lifecycle', () => {
  /** For event sources whose start is refused: nothing reaches it. */
  let unused: RecordingBus;
  before(async () => {
    unused = await RecordingBus.open();
  });
  after(() => unused.close());
  test('two EventSources share one port; each gets its own events', async (t) => {
    const bus = await RecordingBus.open();
    t.after(() => bus.close());
    const ports = registry();
    const port = String(await freePort());
    const a = await startEventSource(webhookEventSource('alpha', { one: { port, endpoint: '/one' } }), { bus, secrets, ports });
    const b = await startEventSource(webhookEventSource('beta', { two: { port, endpoint: '/two' } }), { bus, secrets, ports });
    try {
      assert.deepEqual(ports.ports(), [Number(port)]);
      assert.equal((await request(Number(port), '/one', { method: 'POST', body: '{"n":1}' })).status, 200);
      assert.equal((await request(Number(port), '/two', { method: 'POST', body: '{"n":2}' })).status, 200);
      assert.deepEqual(bus.messages.map((m) => m.subject), ['default.alpha.one', 'default.beta.two']);
      await a.stop();
      // the server stays for beta; alpha's route is gone
      assert.equal((await request(Number(port), '/one', { method: 'POST', body: '{}' })).status, 404);
      assert.equal((await request(Number(port), '/two', { method: 'POST', body: '{}' })).status, 200);
    } finally {
      await a.stop();
      await b.stop();
    }
    assert.deepEqual(ports.ports(), []);
    await assert.rejects(request(Number(port), '/health'), /ECONNREFUSED/);
  });

  test('same port and endpoint in two EventSources is WEBHOOK_ROUTE_CONFLICT naming both', async (t) => {
    const bus = await RecordingBus.open();
    t.after(() => bus.close());
    const ports = registry();
    const port = String(await freePort());
    const a = await startEventSource(webhookEventSource('first', { hook: { port, endpoint: '/same' } }), { bus, secrets, ports });
    try {
      await assert.rejects(
        startEventSource(webhookEventSource('second', { other: { port, endpoint: '/same' } }), { bus, secrets, ports }),
        (err: unknown) => isSwitchyardError(err) && err.code === 'WEBHOOK_ROUTE_CONFLICT' && /"second"/.test(err.message) && /"first"/.test(err.message),
      );
      // the first one still serves
      assert.equal((await request(Number(port), '/same', { method: 'POST', body: '{}' })).status, 200);
    } finally {
      await a.stop();
    }
  });

  test('a port held by another process is PORT_IN_USE naming the event source and event; nothing is left running', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    const ports = registry();
    const free = String(await freePort());
    try {
      await assert.rejects(
        startEventSource(webhookEventSource('busy', { ok: { port: free, endpoint: '/ok' }, taken: { port: String(port), endpoint: '/x' } }), { bus: unused, secrets, ports }),
        (err: unknown) => isSwitchyardError(err) && err.code === 'PORT_IN_USE' && err.message.includes('"busy"') && err.message.includes('"taken"') && err.message.includes(String(port)),
      );
      assert.deepEqual(ports.ports(), []);
      await assert.rejects(request(Number(free), '/health'), /ECONNREFUSED/);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  test('invalid specs are refused at start with every problem listed', async () => {
    await assert.rejects(
      startEventSource(webhookEventSource('bad', {
        a: { port: 'abc', endpoint: 'nope' },
        b: { port: '70000', endpoint: '/b', method: 'DELETE' },
        c: { endpoint: '/c', serverCertSecret: { name: 's', key: 'k' } },
      }), { bus: unused, secrets, ports: registry() }),
      (err: unknown) => {
        assert.ok(isSwitchyardError(err));
        assert.equal(err.code, 'WEBHOOK_INVALID');
        for (const part of ['"abc" must be an integer', 'must start with "/"', '"70000"', 'method "DELETE" is not supported', 'port is required', 'serverKeySecret must both be set']) {
          assert.ok(err.message.includes(part), `${part} missing in: ${err.message}`);
        }
        return true;
      },
    );
  });

  test('unsupported and unknown kinds are SOURCE_UNSUPPORTED listing the supported ones', async () => {
    const es = webhookEventSource('cal', {});
    es.spec = { calendar: { tick: { interval: '1s' } } };
    await assert.rejects(
      startEventSource(es, { bus: unused, secrets, ports: registry() }),
      (err: unknown) => isSwitchyardError(err) && err.code === 'SOURCE_UNSUPPORTED' && err.message.includes('"calendar" is not supported by Switchyard yet; supported: resource, webhook'),
    );
    es.spec = { bogus: { x: {} } };
    await assert.rejects(
      startEventSource(es, { bus: unused, secrets, ports: registry() }),
      (err: unknown) => isSwitchyardError(err) && err.code === 'SOURCE_UNSUPPORTED' && err.message.includes('"bogus" is not an event source kind'),
    );
  });

  test('names that cannot be bus subject tokens are refused', async () => {
    const port = String(await freePort());
    await assert.rejects(
      startEventSource(webhookEventSource('has.dot', { e: { port, endpoint: '/e' } }), { bus: unused, secrets, ports: registry() }),
      (err: unknown) => isSwitchyardError(err) && err.code === 'SOURCE_INVALID_NAME',
    );
  });

  test('filter.expression: a false or failing filter answers 200, stores nothing, and counts it', async (t) => {
    const bus = await RecordingBus.open();
    t.after(() => bus.close());
    const ports = registry();
    const port = String(await freePort());
    // a stand-in compiler: the host's plumbing is under test here, the expr language has its own tests
    const compileExpr = (source: string) => (env: Record<string, unknown>): unknown => {
      if (source === 'body.keep == true') return (env['body'] as { keep?: unknown }).keep === true;
      throw new Error('boom');
    };
    const es = await startEventSource(webhookEventSource('filtered', {
      keep: { port, endpoint: '/keep', filter: { expression: 'body.keep == true' } },
      fails: { port, endpoint: '/fails', filter: { expression: 'other' } },
    }), { bus, secrets, ports, compileExpr });
    try {
      assert.equal((await request(Number(port), '/keep', { method: 'POST', body: '{"keep":false}' })).status, 200);
      assert.equal((await request(Number(port), '/fails', { method: 'POST', body: '{}' })).status, 200);
      assert.equal(bus.messages.length, 0);
      assert.equal((await request(Number(port), '/keep', { method: 'POST', body: '{"keep":true}' })).status, 200);
      assert.equal(bus.messages.length, 1);
      assert.deepEqual(sourceCounters.get('filtered', 'keep'), { sent: 1, filtered: 1, failed: 0 });
      assert.deepEqual(sourceCounters.get('filtered', 'fails'), { sent: 0, filtered: 1, failed: 0 });
    } finally {
      await es.stop();
    }
  });

  test('TLS from serverCertSecret/serverKeySecret', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-tls-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
    const { readFile } = await import('node:fs/promises');
    const cert = await readFile(join(dir, 'cert.pem'), 'utf8');
    const key = await readFile(join(dir, 'key.pem'), 'utf8');
    const tlsSecrets = standaloneSecrets({ env: { SWITCHYARD_SECRET_TLS_CERT: cert, SWITCHYARD_SECRET_TLS_KEY: key } });
    const bus = await RecordingBus.open();
    t.after(() => bus.close());
    const port = String(await freePort());
    const es = await startEventSource(webhookEventSource('secure', {
      hook: { port, endpoint: '/hook', serverCertSecret: { name: 'tls', key: 'cert' }, serverKeySecret: { name: 'tls', key: 'key' } },
    }), { bus, secrets: tlsSecrets, ports: registry() });
    try {
      const reply = await request(Number(port), '/hook', { method: 'POST', body: '{"tls":true}', ca: cert });
      assert.equal(reply.status, 200);
      assert.deepEqual((bus.data()[0] as { body: unknown }).body, { tls: true });
      // Plain HTTP to the TLS port fails the handshake; the port keeps serving TLS.
      await assert.rejects(request(Number(port), '/hook', { method: 'POST', body: '{}' }), /socket hang up|ECONNRESET|EPROTO/);
      assert.equal((await request(Number(port), '/hook', { method: 'POST', body: '{"again":true}', ca: cert })).status, 200);
      assert.equal(bus.data().length, 2, 'only the two TLS requests were accepted');
    } finally {
      await es.stop();
    }
  });
});
