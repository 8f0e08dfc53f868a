/** Bus selection from --bus and the EventBus manifests (src/runtime/bus-config.ts). */
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { EventBus } from '../../src/api/types.ts';
import { DEFAULT_STREAM } from '../../src/bus/types.ts';
import { isSwitchyardError } from '../../src/errors.ts';
import { parseAccessSecret, parseBusUrl, pickEventBus, selectBus } from '../../src/runtime/bus-config.ts';
import { standaloneSecrets } from '../../src/runtime/secrets.ts';
import { tempDir } from '../helpers/tmp.ts';

const bus = (name: string, spec: EventBus['spec']): EventBus => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'EventBus', metadata: { name }, spec });
const code = (c: string) => (err: unknown): boolean => isSwitchyardError(err) && err.code === c;

describe('bus selection', () => {
  const tmp = tempDir('switchyard-bus-config-');
  after(() => tmp.cleanup());
  const secrets = standaloneSecrets({
    env: {
      SWITCHYARD_SECRET_NATS_AUTH_CREDS: 'username: sy\npassword: "p@ss"\n',
      SWITCHYARD_SECRET_NATS_TOKEN_TOKEN: 's3cret',
      SWITCHYARD_SECRET_NATS_TLS_CA: '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n',
    },
  });
  const input = (over: Partial<Parameters<typeof selectBus>[0]>): Parameters<typeof selectBus>[0] => ({
    eventBuses: [],
    eventBusNames: [undefined],
    secrets,
    tlsDir: join(tmp.dir, 'tls'),
    ...over,
  });

  test('no flag and no EventBus: the embedded bus with its defaults, as before', async () => {
    const plan = await selectBus(input({}));
    assert.deepEqual(plan, { driver: 'embedded', reason: 'no --bus and no jetstreamExotic EventBus' });
  });

  test('--bus: JetStream at the servers given, credentials taken out of the URL', async () => {
    const plan = await selectBus(input({ busUrl: 'nats://alice:pw%21@nats-0:4222, nats://nats-1:4222' }));
    assert.equal(plan.driver, 'jetstream');
    assert.ok(plan.driver === 'jetstream');
    assert.deepEqual(plan.connection, { servers: ['nats://nats-0:4222', 'nats://nats-1:4222'], user: 'alice', pass: 'pw!' });
    assert.deepEqual(plan.stream, { ...DEFAULT_STREAM });
    assert.deepEqual(parseBusUrl('nats://tok@h:1'), { servers: ['nats://h:1'], token: 'tok' });
  });

  test('a URL that is not nats:// is refused with a hint', async () => {
    await assert.rejects(selectBus(input({ busUrl: 'http://localhost:4222' })), (err: unknown) => code('BUS_URL_INVALID')(err) && /nats:\/\/host:4222/.test((err as Error).message));
    assert.throws(() => parseBusUrl('localhost:4222'), code('BUS_URL_INVALID'));
  });

  test('a jetstreamExotic EventBus: its url, accessSecret (username/password YAML) and streamConfig', async () => {
    const eb = bus('default', { jetstreamExotic: { url: 'nats://nats.example:4222', accessSecret: { name: 'nats-auth', key: 'creds' }, streamConfig: 'maxMsgs: 10\nduplicates: 1m\n' } });
    const plan = await selectBus(input({ eventBuses: [eb] }));
    assert.ok(plan.driver === 'jetstream');
    assert.deepEqual(plan.connection, { servers: ['nats://nats.example:4222'], user: 'sy', pass: 'p@ss' });
    assert.equal(plan.stream.maxMsgs, 10);
    assert.equal(plan.stream.duplicatesMs, 60_000);
    assert.match(plan.reason, /EventBus "default" \(jetstreamExotic\)/);
  });

  test('--bus wins over the EventBus url; the EventBus credentials, TLS secrets and stream settings still apply', async () => {
    const eb = bus('default', {
      jetstreamExotic: { url: 'nats://far:4222', accessSecret: { name: 'nats-token', key: 'token' }, streamConfig: 'maxAge: 1h', tls: { caCertSecret: { name: 'nats-tls', key: 'ca' } } },
    });
    const plan = await selectBus(input({ busUrl: 'nats://near:4222', eventBuses: [eb] }));
    assert.ok(plan.driver === 'jetstream');
    assert.deepEqual(plan.connection.servers, ['nats://near:4222']);
    assert.equal(plan.connection.token, 's3cret');
    assert.equal(plan.stream.maxAgeMs, 3_600_000);
    const ca = plan.connection.tls?.caFile;
    assert.ok(ca !== undefined);
    assert.match(readFileSync(ca, 'utf8'), /BEGIN CERTIFICATE/);
    assert.equal(statSync(ca).mode & 0o777, 0o600, 'the certificate file is readable by its owner only');
  });

  test('a native jetstream EventBus keeps the embedded bus and applies its streamConfig and replicas', async () => {
    const eb = bus('default', { jetstream: { version: 'latest', replicas: 1, streamConfig: 'maxMsgs: 1234\nmaxBytes: 1MB\n' } });
    const plan = await selectBus(input({ eventBuses: [eb] }));
    assert.equal(plan.driver, 'embedded');
    assert.equal(plan.stream?.maxMsgs, 1234);
    assert.equal(plan.stream?.maxBytes, 1_000_000);
    assert.equal(plan.stream?.replicas, 1);
  });

  test('the EventBus is the one the resources name (eventBusName, default "default")', () => {
    const a = bus('default', { jetstream: {} });
    const b = bus('fast', { jetstreamExotic: { url: 'nats://x:4222' } });
    assert.equal(pickEventBus([a, b], [undefined, 'default']), a);
    assert.equal(pickEventBus([a, b], ['fast']), b);
    assert.equal(pickEventBus([b], [undefined]), undefined);
    assert.throws(() => pickEventBus([a, b], ['fast', undefined]), (err: unknown) => code('EVENTBUS_MIXED')(err) && /default, fast|fast, default/.test((err as Error).message));
  });

  test('accessSecret forms: username/password YAML, token YAML, a bare token; empty is refused', () => {
    assert.deepEqual(parseAccessSecret('username: u\npassword: p'), { user: 'u', pass: 'p' });
    assert.deepEqual(parseAccessSecret('token: abc'), { token: 'abc' });
    assert.deepEqual(parseAccessSecret('abc123\n'), { token: 'abc123' });
    assert.throws(() => parseAccessSecret('  \n'), code('EVENTBUS_ACCESS_SECRET'));
    assert.throws(() => parseAccessSecret('user: u'), code('EVENTBUS_ACCESS_SECRET'));
  });
});
