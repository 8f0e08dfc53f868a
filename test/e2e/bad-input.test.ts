/**
 * What senders and targets get wrong, over real HTTP against an in-process `switchyard run`: malformed,
 * oversized and unauthenticated requests, a trigger target that is down, and a join that spans a restart.
 * After each, the process keeps serving.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { logger, setLogSink } from '../../src/observe/log.ts';
import { startStandalone, type Standalone, type StandaloneOptions } from '../../src/runtime/standalone.ts';
import type { DecisionRecord } from '../../src/sensors/decision.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { startHttpTargetAt, type HttpTarget } from '../helpers/http-target.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';

const TOKEN = 's3cret-token';
const lines: string[] = [];

before(() => setLogSink((l) => lines.push(l)));
after(() => setLogSink((l) => process.stderr.write(l + '\n')));

function refusalManifests(port: number, sinkUrl: string, targetPort: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: inputs}
spec:
  webhook:
    plain: {port: "${port}", endpoint: /plain, method: POST, maxPayloadSize: 1024}
    secured:
      port: "${port}"
      endpoint: /secured
      method: POST
      authSecret: {name: webhook-auth, key: token}
    deliver: {port: "${port}", endpoint: /deliver, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: plain-forward}
spec:
  dependencies:
    - {name: plain, eventSourceName: inputs, eventName: plain}
  triggers:
    - template:
        name: to-sink
        http:
          url: ${sinkUrl}/plain
          payload:
            - src: {dependencyName: plain, dataKey: body.msg}
              dest: msg
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: echo-headers}
spec:
  dependencies:
    - {name: secured, eventSourceName: inputs, eventName: secured}
  triggers:
    - template:
        name: headers-to-sink
        http:
          url: ${sinkUrl}/headers
          payload:
            - src: {dependencyName: secured, dataKey: header, useRawData: true}
              dest: header
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: forwarder}
spec:
  dependencies:
    - {name: job, eventSourceName: inputs, eventName: deliver}
  triggers:
    - template:
        name: to-target
        http:
          url: http://127.0.0.1:${targetPort}/deliver
          payload:
            - src: {dependencyName: job, dataKey: body.n}
              dest: n
      retryStrategy: {steps: 3, duration: 10ms}
`;
}

/** Sends a request with node:http so the body can be streamed without a Content-Length. */
function streamed(url: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer 413 and close before the whole body is written.
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err)));
    for (const c of chunks) req.write(c);
    req.end();
  });
}

function findDecision(running: Standalone, sensor: string, pred: (r: DecisionRecord) => boolean): () => DecisionRecord | undefined {
  return () => running.decisions.recent(sensor).find(pred);
}

describe('bad input at the webhook and a trigger target that is down', () => {
  const tmp = tempDir('switchyard-bad-input-');
  let running: Standalone;
  let sink: HttpSink;
  let target: HttpTarget | undefined;
  let port: number;
  let targetPort: number;
  let base: string;

  before(async () => {
    sink = await startHttpSink();
    port = await freePort();
    targetPort = await freePort();
    base = `http://127.0.0.1:${port}`;
    const secrets = join(tmp.dir, 'secrets');
    mkdirSync(join(secrets, 'webhook-auth'), { recursive: true });
    writeFileSync(join(secrets, 'webhook-auth', 'token'), `${TOKEN}\n`);
    mkdirSync(join(tmp.dir, 'manifests'));
    writeFileSync(join(tmp.dir, 'manifests', 'inputs.yaml'), refusalManifests(port, sink.url, targetPort));
    running = await startStandalone({ paths: [join(tmp.dir, 'manifests')], dataDir: join(tmp.dir, 'data'), secretsDir: secrets, log: logger() });
  });
  after(async () => {
    await running?.stop();
    await sink?.close();
    await target?.close();
    tmp.cleanup();
  });

  const postJson = (path: string, body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

  test('malformed JSON: 400 with a one-line reason', async () => {
    const res = await postJson('/plain', '{"msg": "half');
    assert.equal(res.status, 400);
    const text = await res.text();
    assert.match(text, /^request body is not valid JSON: /);
    assert.equal(text.includes('\n'), false, 'one line');
    const empty = await postJson('/plain', '');
    assert.equal(empty.status, 400);
    assert.match(await empty.text(), /request body is empty/);
  });

  test('a body over maxPayloadSize: 413, declared or streamed', async () => {
    const big = JSON.stringify({ msg: 'x'.repeat(2000) });
    const res = await postJson('/plain', big);
    assert.equal(res.status, 413);
    assert.match(await res.text(), /larger than maxPayloadSize \(1024 bytes\)/);
    const chunks = Array.from({ length: 8 }, () => Buffer.from(' '.repeat(512)));
    const s = await streamed(`${base}/plain`, [Buffer.from('{"msg":"'), ...chunks, Buffer.from('"}')]);
    assert.equal(s.status, 413);
    // Just under the limit is accepted.
    const fits = await postJson('/plain', JSON.stringify({ msg: 'y'.repeat(1000) }));
    assert.equal(fits.status, 200);
  });

  test('a method the endpoint does not take: 405 with Allow', async () => {
    const res = await fetch(`${base}/plain`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'POST');
    assert.match(await res.text(), /method PUT is not allowed on this endpoint; use POST/);
  });

  test('authSecret: missing or wrong bearer token 401; the right one 200 and the header arrives masked', async () => {
    const body = JSON.stringify({ hello: 'world' });
    const missing = await postJson('/secured', body);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer');
    assert.match(await missing.text(), /send "Authorization: Bearer <token>"/);
    const wrong = await postJson('/secured', body, { Authorization: 'Bearer not-the-token' });
    assert.equal(wrong.status, 401);
    assert.equal(await wrong.text(), 'invalid bearer token');
    const basic = await postJson('/secured', body, { Authorization: `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}` });
    assert.equal(basic.status, 401);

    const right = await postJson('/secured', body, { Authorization: `Bearer ${TOKEN}`, 'X-Request-Id': 'req-1' });
    assert.equal(right.status, 200, await right.clone().text());
    assert.equal(await right.text(), 'success');
    await waitFor('the headers at the sink', () => (sink.requests.some((r) => r.url === '/headers') ? true : undefined));
    const got = sink.requests.filter((r) => r.url === '/headers');
    assert.equal(got.length, 1, 'only the authenticated request became an event');
    const payload = JSON.parse(got[0]!.body) as { header: Record<string, string[]> };
    assert.deepEqual(payload.header['Authorization'], ['*** Masked Auth Secret ***']);
    assert.deepEqual(payload.header['X-Request-Id'], ['req-1']);
    assert.deepEqual(payload.header['Content-Type'], ['application/json']);
    assert.equal(got[0]!.body.includes(TOKEN), false, 'the token never leaves the event source');
  });

  test('after all of that the server still answers /health and takes a valid event', async () => {
    const health = await fetch(`${base}/health`);
    assert.equal(health.status, 200);
    assert.equal(await health.text(), 'OK');
    const before = sink.requests.filter((r) => r.url === '/plain').length;
    const res = await postJson('/plain', JSON.stringify({ msg: 'still alive' }));
    assert.equal(res.status, 200);
    const msgs = await waitFor('the valid event at the sink', () => {
      const m = sink.requests.filter((r) => r.url === '/plain').map((r) => (JSON.parse(r.body) as { msg: string }).msg);
      return m.length > before && m.includes('still alive') ? m : undefined;
    });
    assert.ok(msgs.every((m) => !m.startsWith('half')), 'no refused body reached the trigger');
  });

  test('an http trigger without headers sends no Content-Type, as Argo sets none', async () => {
    const forwarded = sink.requests.find((r) => r.url === '/plain');
    assert.ok(forwarded, 'an earlier test delivered a /plain event');
    assert.equal(forwarded.headers['content-type'], undefined);
  });

  test('an http trigger whose target is down fails after its retries with a decision record; the next event goes through', async () => {
    const res = await postJson('/deliver', JSON.stringify({ n: 1 }));
    assert.equal(res.status, 200);
    const failed = await waitFor('a failed decision for forwarder', findDecision(running, 'forwarder', (r) => r.trigger?.status === 'failed'));
    assert.equal(failed.trigger?.trigger, 'to-target');
    assert.equal(failed.trigger?.attempts, 3);
    assert.ok(failed.trigger?.reason?.includes(`POST http://127.0.0.1:${targetPort}/deliver failed`), failed.trigger?.reason);
    assert.match(failed.trigger?.reason ?? '', /ECONNREFUSED/);
    assert.equal(running.decisions.counters.get('forwarder')?.triggersFailed, 1);
    assert.equal((await fetch(`${base}/health`)).status, 200, 'the process keeps running');

    // A dataKey parameter without useRawData is a string, as in Argo.
    target = await startHttpTargetAt(targetPort);
    assert.equal((await postJson('/deliver', JSON.stringify({ n: 2 }))).status, 200);
    const fired = await waitFor('a fired decision for forwarder', findDecision(running, 'forwarder', (r) => r.trigger?.status === 'fired'));
    assert.equal(fired.trigger?.attempts, 1);
    assert.ok(target.requests.some((r) => r.method === 'POST' && r.url === '/deliver' && (JSON.parse(r.body) as { n: unknown }).n === '2'), JSON.stringify(target.requests));
  });
});

function joinManifests(port: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: halves}
spec:
  webhook:
    a: {port: "${port}", endpoint: /a, method: POST}
    b: {port: "${port}", endpoint: /b, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: pair, namespace: joins}
spec:
  dependencies:
    - {name: a, eventSourceName: halves, eventName: a}
    - {name: b, eventSourceName: halves, eventName: b}
  triggers:
    - template:
        name: both
        conditions: "a && b"
        argoWorkflow:
          operation: submit
          source:
            resource:
              apiVersion: argoproj.io/v1alpha1
              kind: Workflow
              metadata: {generateName: pair-}
              spec:
                workflowTemplateRef: {name: pair}
                arguments:
                  parameters:
                    - {name: from-a, value: none}
                    - {name: from-b, value: none}
          parameters:
            - src: {dependencyName: a, dataKey: body.id}
              dest: spec.arguments.parameters.0.value
            - src: {dependencyName: b, dataKey: body.id}
              dest: spec.arguments.parameters.1.value
`;
}

describe('a join of two dependencies (conditions "a && b")', () => {
  const tmp = tempDir('switchyard-join-');
  let running: Standalone | undefined;
  let opts: StandaloneOptions;
  let port: number;

  before(async () => {
    port = await freePort();
    mkdirSync(join(tmp.dir, 'manifests'));
    writeFileSync(join(tmp.dir, 'manifests', 'pair.yaml'), joinManifests(port));
    opts = { paths: [join(tmp.dir, 'manifests')], dataDir: join(tmp.dir, 'data'), log: logger() };
    running = await startStandalone(opts);
  });
  after(async () => {
    await running?.stop();
    tmp.cleanup();
  });

  const post = async (dep: 'a' | 'b', id: string): Promise<void> => {
    const res = await fetch(`http://127.0.0.1:${port}/${dep}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id }) });
    assert.equal(res.status, 200, await res.text());
  };
  const params = async (): Promise<string[][]> =>
    (await running!.store.list('Workflow')).map((w) =>
      ((w.object['spec'] as { arguments: { parameters: { value: string }[] } }).arguments.parameters).map((p) => p.value),
    );
  const waitingCount = (): number => running!.decisions.recent('pair').filter((r) => r.trigger?.status === 'waiting').length;

  test('a alone waits; then b fires the trigger once with parameters from both events', async () => {
    await post('a', 'a-1');
    const waiting = await waitFor('the trigger waiting for b', findDecision(running!, 'pair', (r) => r.trigger?.status === 'waiting'));
    assert.deepEqual(waiting.trigger?.waitingFor, ['b']);
    assert.deepEqual(await params(), [], 'nothing fired on a alone');

    await post('b', 'b-1');
    await waitFor('the joined workflow', async () => ((await params()).length > 0 ? true : undefined));
    await waitFor('the fired decision', findDecision(running!, 'pair', (r) => r.trigger?.status === 'fired'));
    assert.deepEqual(await params(), [['a-1', 'b-1']]);
    const wf = (await running!.store.list('Workflow'))[0]!;
    assert.equal(wf.namespace, 'joins');
    assert.match(wf.name, /^pair-[a-z0-9]{5}$/);

    // The join was consumed: b again waits for a new a and fires nothing.
    const waitsBefore = waitingCount();
    await post('b', 'b-2');
    const again = await waitFor('b waiting for a', () => {
      const w = running!.decisions.recent('pair').filter((r) => r.trigger?.status === 'waiting');
      return w.length > waitsBefore ? w[w.length - 1] : undefined;
    });
    assert.deepEqual(again.trigger?.waitingFor, ['a']);
    assert.equal((await params()).length, 1, 'fired exactly once');
  });

  test('the join completes across a restart between its events', async () => {
    // b-2 from the previous test is still held; this a completes it, so start from a clean pair first.
    await post('a', 'a-2');
    await waitFor('the second workflow', async () => ((await params()).length === 2 ? true : undefined));
    assert.deepEqual((await params())[1], ['a-2', 'b-2']);

    const waitsBefore = waitingCount();
    await post('a', 'a-3');
    await waitFor('a-3 held', () => (waitingCount() > waitsBefore ? true : undefined));
    await running!.stop();
    running = undefined;
    running = await startStandalone(opts);
    await post('b', 'b-3');
    await waitFor('the workflow joined across the restart', async () => ((await params()).length === 3 ? true : undefined)).catch((err: Error) => {
      throw new Error(`${err.message}\n${lines.slice(-30).join('\n')}`);
    });
    assert.deepEqual((await params())[2], ['a-3', 'b-3']);
    assert.equal((await params()).length, 3, 'no event fired twice after the restart');
  });
});
