import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEmbeddedBus } from '../../src/bus/embedded/index.ts';
import type { BusMessage } from '../../src/bus/types.ts';
import { decodeEvent } from '../../src/events/envelope.ts';
import { startEventSource } from '../../src/sources/host.ts';
import { PortRegistry } from '../../src/sources/webhook/server.ts';
import { standaloneSecrets } from '../../src/runtime/secrets.ts';
import { freePort, request, webhookEventSource } from './helpers.ts';

test('webhook into the embedded bus: the stored payload is a CloudEvent with the JSON data as sent', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-webhook-bus-'));
  const bus = await openEmbeddedBus({ dir });
  t.after(async () => {
    await bus.close();
    await rm(dir, { recursive: true, force: true });
  });
  const port = await freePort();
  const es = await startEventSource(
    webhookEventSource('alertmanager', { 'slo-alerts': { port: String(port), endpoint: '/webhook', method: 'POST' } }),
    { bus, secrets: standaloneSecrets({ env: {} }), ports: new PortRegistry({ host: '127.0.0.1' }) },
  );
  try {
    const reply = await request(port, '/webhook', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"status": "firing", "alerts": [{"labels": {"slo": "api"}}]}' });
    assert.equal(reply.status, 200);
    assert.equal(reply.body, 'success');
  } finally {
    await es.stop();
  }

  const received: BusMessage[] = [];
  let gotOne!: () => void;
  const got = new Promise<void>((resolve) => (gotOne = resolve));
  const consumer = await bus.consume({ durableName: 'check', subject: 'default.alertmanager.slo-alerts', deliverPolicy: 'all' }, async (msg) => {
    received.push(msg);
    await msg.ack();
    gotOne();
  });
  await got;
  await consumer.stop();

  const msg = received[0]!;
  const wire = JSON.parse(msg.payload.toString('utf8')) as Record<string, unknown>;
  // The embedded bus stores JSON data as it is, in `data` (JetStream carries Argo's data_base64).
  assert.deepEqual(Object.keys(wire), ['specversion', 'id', 'source', 'type', 'subject', 'datacontenttype', 'time', 'data']);
  const event = decodeEvent(msg.payload);
  assert.ok(decodeEvent(Buffer.from(msg.payload)).data.equals(event.data), 'read back from its bytes, the same data');
  assert.deepEqual(wire['data'], JSON.parse(event.data.toString('utf8')));
  assert.equal(msg.msgId, event.context.id);
  assert.match(event.context.id, /^[0-9a-f]{32}$/);
  assert.deepEqual({ ...event.context, id: '', time: '' }, {
    id: '', time: '', specversion: '1.0', source: 'alertmanager', type: 'webhook', subject: 'slo-alerts', datacontenttype: 'application/json',
  });
  assert.match(event.context.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  const data = JSON.parse(event.data.toString('utf8')) as { header: Record<string, string[]>; body: unknown };
  assert.deepEqual(data.body, { status: 'firing', alerts: [{ labels: { slo: 'api' } }] });
  assert.deepEqual(data.header['Content-Type'], ['application/json']);
  assert.equal('metadata' in data, false);
});
