import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEventSource, type RunningSource } from '../../src/sources/host.ts';
import { PortRegistry } from '../../src/sources/webhook/server.ts';
import { standaloneSecrets } from '../../src/runtime/secrets.ts';
import { RecordingBus, freePort, request, webhookEventSource } from './helpers.ts';

/** The stored event data for a body sent as these exact bytes. */
describe('webhook event data bytes', () => {
  let bus: RecordingBus;
  const ports = new PortRegistry({ host: '127.0.0.1', closeGraceMs: 200 });
  let port = 0;
  let running: RunningSource | undefined;

  before(async () => {
    bus = await RecordingBus.open();
    port = await freePort();
    running = await startEventSource(webhookEventSource('bytes', { hook: { port: String(port), endpoint: '/hook', method: 'POST', metadata: { k: 'v' } } }), {
      bus,
      secrets: standaloneSecrets({ dir: '/nonexistent', env: {} }),
      ports,
    });
  });
  after(async () => {
    await running?.stop();
    await bus?.close();
  });

  const storedBody = async (body: Buffer): Promise<Buffer> => {
    const reply = await request(port, '/hook', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    assert.equal(reply.status, 200);
    const data = bus.events().at(-1)!.data;
    const text = data.toString('latin1');
    const start = text.indexOf(',"body":') + ',"body":'.length;
    const end = text.lastIndexOf(',"metadata":{"k":"v"}}');
    assert.ok(start > 7 && end > start, `event data has the header, body and metadata fields: ${data.toString('utf8')}`);
    return data.subarray(start, end);
  };

  test('a compact body with multi-byte characters is stored byte for byte', async () => {
    const body = Buffer.from('{"s":"grüße ✓ 😀","n":[1,2.50]}', 'utf8');
    assert.deepEqual(await storedBody(body), body);
  });

  test('a body with invalid UTF-8 is stored with U+FFFD in place of the bad bytes, not as sent', async () => {
    // a 4-byte sequence cut after 3 bytes: one replacement character, also 3 bytes long
    const body = Buffer.concat([Buffer.from('{"s":"a'), Buffer.from([0xf0, 0x90, 0x80]), Buffer.from('b"}')]);
    const stored = await storedBody(body);
    assert.equal(stored.length, body.length);
    assert.deepEqual(stored, Buffer.from('{"s":"a\uFFFDb"}', 'utf8'));
  });

  test('a body with whitespace is stored compacted', async () => {
    assert.equal((await storedBody(Buffer.from('{ "a" : [ 1 , 2 ] }\n'))).toString('utf8'), '{"a":[1,2]}');
  });
});
