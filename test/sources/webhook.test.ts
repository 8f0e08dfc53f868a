import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceCounters, startEventSource, type RunningSource } from '../../src/sources/host.ts';
import { PortRegistry } from '../../src/sources/webhook/server.ts';
import { standaloneSecrets } from '../../src/runtime/secrets.ts';
import { RecordingBus, freePort, request, webhookEventSource } from './helpers.ts';

describe('webhook source over real HTTP', () => {
  let bus: RecordingBus;
  const ports = new PortRegistry({ host: '127.0.0.1', closeGraceMs: 200 });
  let dir = '';
  let port = 0;
  let running: RunningSource | undefined;

  before(async () => {
    bus = await RecordingBus.open();
    dir = await mkdtemp(join(tmpdir(), 'switchyard-webhook-'));
    await mkdir(join(dir, 'hook-auth'));
    await writeFile(join(dir, 'hook-auth', 'token'), 's3cret-token\n');
    port = await freePort();
    running = await startEventSource(
      webhookEventSource('hooks', {
        example: { port: String(port), endpoint: '/example', method: 'POST', metadata: { team: 'sre', env: 'prod' } },
        any: { port: String(port), endpoint: '/any' },
        secure: { port: String(port), endpoint: '/secure', method: 'POST', authSecret: { name: 'hook-auth', key: 'token' } },
        broken: { port: String(port), endpoint: '/broken', authSecret: { name: 'missing', key: 'token' } },
        small: { port: String(port), endpoint: '/small', maxPayloadSize: 64 },
      }),
      { bus, secrets: standaloneSecrets({ dir, env: {} }), ports },
    );
  });

  after(async () => {
    await running?.stop();
    await bus?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const last = (): Record<string, unknown> => bus.data().at(-1) as Record<string, unknown>;

  test('POST JSON is stored in Argo\'s envelope and answered 200 success', async () => {
    const before = bus.messages.length;
    const reply = await request(port, '/example', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{ "a" : 1.50e3, "b": [1, 2.0] }' });
    assert.equal(reply.status, 200);
    assert.equal(reply.body, 'success');
    assert.equal(bus.messages.length, before + 1);
    const msg = bus.messages.at(-1)!;
    assert.equal(msg.subject, 'default.hooks.example');
    const event = bus.events().at(-1)!;
    assert.match(event.context.id, /^[0-9a-f]{32}$/);
    assert.equal(msg.msgId, event.context.id);
    assert.equal(event.context.source, 'hooks');
    assert.equal(event.context.subject, 'example');
    assert.equal(event.context.type, 'webhook');
    assert.equal(event.context.datacontenttype, 'application/json');
    // the embedded bus keeps JSON data as it is, in `data` (JetStream's data_base64 is tested with the JetStream bus)
    const wire = JSON.parse(msg.payload.toString('utf8')) as Record<string, unknown>;
    assert.equal('data_base64' in wire, false);
    assert.equal(typeof wire['data'], 'object');
    const text = event.data.toString('utf8');
    assert.ok(msg.payload.toString('utf8').endsWith(`"data":${text}}`), 'the data bytes as they are, last in the envelope');
    assert.match(text, /^\{"header":\{.*\},"body":\{"a":1\.50e3,"b":\[1,2\.0\]\},"metadata":\{"env":"prod","team":"sre"\}\}$/);
  });

  test('compaction keeps number text and escapes HTML characters as Go does', async () => {
    const body = '{\n  "n": 10.000000000000000001,\n  "s": "a <b> & \\"c\\"  d",\n  "big": 12345678901234567890\n}';
    const reply = await request(port, '/any', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body });
    assert.equal(reply.status, 200);
    const text = bus.events().at(-1)!.data.toString('utf8');
    assert.ok(text.includes('"body":{"n":10.000000000000000001,"s":"a \\u003cb\\u003e \\u0026 \\"c\\"  d","big":12345678901234567890}'), text);
  });

  test('GET: the query becomes the body as map of string lists; no metadata key when empty', async () => {
    const reply = await request(port, '/any?a=1&a=2&b=x+y&c=%E2%9C%93&bad=%zz&d;e=1&f');
    assert.equal(reply.status, 200);
    const data = last();
    assert.deepEqual(data['body'], { a: ['1', '2'], b: ['x y'], c: ['✓'], f: [''] });
    assert.equal('metadata' in data, false);
    const text = bus.events().at(-1)!.data.toString('utf8');
    assert.ok(text.includes('"body":{"a":["1","2"],"b":["x y"],"c":["✓"],"f":[""]}'), text);
  });

  test('form POST becomes a map of string lists', async () => {
    const reply = await request(port, '/any?q=ignored', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1&a=2&b=%20x' });
    assert.equal(reply.status, 200);
    assert.deepEqual(last()['body'], { a: ['1', '2'], b: [' x'] });
  });

  test('form content type with parameters is treated as JSON (exact match, as Argo)', async () => {
    const reply = await request(port, '/any', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: 'a=1' });
    assert.equal(reply.status, 400);
    assert.match(reply.body, /not valid JSON/);
  });

  test('headers use Go canonical names, keep repeated values in order, drop Host, mask Authorization', async () => {
    const reply = await request(port, '/any', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'X-MULTI': ['one', 'two'], 'x_under': 'u', Authorization: 'Basic abc' },
      body: '{}',
    });
    assert.equal(reply.status, 200);
    const header = last()['header'] as Record<string, string[]>;
    assert.deepEqual(header['Content-Type'], ['application/json']);
    assert.deepEqual(header['X-Github-Event'], ['push']);
    assert.deepEqual(header['X-Multi'], ['one', 'two']);
    assert.deepEqual(header['X_under'], ['u']);
    assert.deepEqual(header['Authorization'], ['*** Masked Auth Secret ***']);
    assert.equal(header['Host'], undefined);
    assert.deepEqual(Object.keys(header), [...Object.keys(header)].sort());
  });

  test('auth: missing and wrong tokens get 401, the right one 200 with the header masked', async () => {
    const before = bus.messages.length;
    const none = await request(port, '/secure', { method: 'POST', body: '{}' });
    assert.equal(none.status, 401);
    assert.equal(none.headers['www-authenticate'], 'Bearer');
    const wrong = await request(port, '/secure', { method: 'POST', headers: { Authorization: 'Bearer nope' }, body: '{}' });
    assert.equal(wrong.status, 401);
    const notBearer = await request(port, '/secure', { method: 'POST', headers: { Authorization: 's3cret-token' }, body: '{}' });
    assert.equal(notBearer.status, 401);
    assert.equal(bus.messages.length, before);
    const ok = await request(port, '/secure', { method: 'POST', headers: { Authorization: 'Bearer s3cret-token' }, body: '{"x":1}' });
    assert.equal(ok.status, 200);
    const data = last();
    assert.deepEqual((data['header'] as Record<string, string[]>)['Authorization'], ['*** Masked Auth Secret ***']);
    assert.ok(!bus.events().at(-1)!.data.toString('utf8').includes('s3cret'));
  });

  test('auth secret that cannot be resolved answers 500 with a reason', async () => {
    const reply = await request(port, '/broken', { method: 'POST', headers: { Authorization: 'Bearer x' }, body: '{}' });
    assert.equal(reply.status, 500);
    assert.match(reply.body, /auth secret cannot be loaded/);
  });

  test('wrong method gets 405 with Allow', async () => {
    const get = await request(port, '/example');
    assert.equal(get.status, 405);
    assert.equal(get.headers['allow'], 'POST');
    const del = await request(port, '/any', { method: 'DELETE' });
    assert.equal(del.status, 405);
    assert.equal(del.headers['allow'], 'GET, POST, PUT, PATCH');
  });

  test('unknown path 404, /health 200 OK', async () => {
    const missing = await request(port, '/nope');
    assert.equal(missing.status, 404);
    const health = await request(port, '/health');
    assert.equal(health.status, 200);
    assert.equal(health.body, 'OK');
  });

  test('invalid or empty JSON gets 400 with a one-line reason', async () => {
    const bad = await request(port, '/example', { method: 'POST', body: '{"a":' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /^request body is not valid JSON: [^\n]+$/);
    const empty = await request(port, '/example', { method: 'POST', body: '' });
    assert.equal(empty.status, 400);
    assert.equal(empty.body, 'request body is empty; send a JSON document');
  });

  test('body over maxPayloadSize gets 413, by Content-Length and while streaming', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(200) });
    const declared = await request(port, '/small', { method: 'POST', body });
    assert.equal(declared.status, 413);
    const streamed = await request(port, '/small', { method: 'POST', body, chunked: true });
    assert.equal(streamed.status, 413);
    const fits = await request(port, '/small', { method: 'POST', body: '{"ok":true}', chunked: true });
    assert.equal(fits.status, 200);
  });

  test('default maxPayloadSize is 1 MiB', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(1_048_576) });
    const reply = await request(port, '/any', { method: 'POST', body: big });
    assert.equal(reply.status, 413);
  });

  test('200 requests in parallel are all stored', async () => {
    const before = bus.messages.length;
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) => request(port, '/example', { method: 'POST', body: `{"i":${i}}` })));
    assert.deepEqual(new Set(replies.map((r) => r.status)), new Set([200]));
    const stored = bus.data().slice(before).map((d) => ((d as { body: { i: number } }).body.i));
    assert.equal(stored.length, 200);
    assert.deepEqual(stored.sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i));
  });

  test('bus that cannot store answers 503 with Retry-After and counts the failure', async () => {
    const down = await RecordingBus.open();
    const downPort = await freePort();
    const es = await startEventSource(webhookEventSource('hooks-down', { example: { port: String(downPort), endpoint: '/example', method: 'POST' } }), {
      bus: down,
      secrets: standaloneSecrets({ dir, env: {} }),
      ports,
    });
    await down.close(); // the bus goes away under a running event source
    try {
      const reply = await request(downPort, '/example', { method: 'POST', body: '{}' });
      assert.equal(reply.status, 503);
      assert.ok(Number(reply.headers['retry-after']) > 0);
      assert.match(reply.body, /retry later/);
    } finally {
      await es.stop();
    }
    assert.deepEqual(sourceCounters.get('hooks-down', 'example'), { sent: 0, filtered: 0, failed: 1 });
    assert.equal(down.messages.length, 0);
  });
});
