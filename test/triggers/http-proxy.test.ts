/**
 * The http trigger's outbound proxy: Go's ProxyFromEnvironment rules (checked against a Go program) and real
 * requests through a local forward proxy (http URLs) and a local CONNECT proxy (https URLs, run in a child
 * process so that NODE_EXTRA_CA_CERTS makes the sink's self-signed certificate trusted).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { HTTPTrigger, Trigger } from '../../src/api/types.ts';
import { httpTrigger } from '../../src/triggers/http/index.ts';
import { proxyConfigFromEnv, proxyFor } from '../../src/triggers/http/proxy.ts';
import type { TriggerEnv } from '../../src/triggers/types.ts';
import { startHttpSink, type HttpSink } from '../helpers/http-sink.ts';
import { selfSignedCert, startHttpsSink, startProxy, type TestProxy } from '../helpers/proxy.ts';
import { tempDir } from '../helpers/tmp.ts';

const ROOT = join(import.meta.dirname, '../..');

function via(url: string, env: NodeJS.ProcessEnv): string {
  return proxyFor(new URL(url), proxyConfigFromEnv(env))?.href ?? 'direct';
}

describe('proxy selection follows Go', () => {
  test('scheme picks the variable; upper case wins; no fallback from https to HTTP_PROXY', () => {
    assert.equal(via('https://a.com', { HTTPS_PROXY: 'http://up:1', https_proxy: 'http://low:2' }), 'http://up:1/');
    assert.equal(via('https://a.com', { HTTPS_PROXY: '', https_proxy: 'http://low:2' }), 'http://low:2/', 'an empty value counts as unset');
    assert.equal(via('http://a.com', { HTTP_PROXY: 'http://up:1', http_proxy: 'http://low:2' }), 'http://up:1/');
    assert.equal(via('https://a.com', { HTTP_PROXY: 'http://p:1' }), 'direct');
    assert.equal(via('http://a.com', { HTTPS_PROXY: 'http://p:1' }), 'direct');
    assert.equal(via('https://a.com', { HTTPS_PROXY: '127.0.0.1:3128' }), 'http://127.0.0.1:3128/', 'no scheme means http://');
    assert.equal(via('https://a.com', { HTTPS_PROXY: 'https://secure:443' }), 'https://secure/');
  });

  test('localhost and loopback are never proxied', () => {
    const env = { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1' };
    for (const u of ['http://localhost:8080', 'https://127.5.5.5', 'https://[::1]:80', 'http://[::ffff:127.0.0.1]/']) assert.equal(via(u, env), 'direct', u);
    assert.equal(via('https://localhost.localdomain', env), 'http://p:1/', 'only the name localhost itself');
  });

  test('NO_PROXY: domains, subdomains, ports, IPs, CIDRs, *, upper case first', () => {
    const env = { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1', NO_PROXY: ' .b.com, c.com:8443,10.0.0.0/8,[::1]:80,*.d.org,fd00::2,192.0.2.9:443,B.Example' };
    const expect: [string, string][] = [
      ['https://a.b.com', 'direct'],
      ['https://b.com', 'http://p:1/'],
      ['https://c.com:8443', 'direct'],
      ['https://c.com', 'http://p:1/'],
      ['https://10.2.3.4', 'direct'],
      ['https://[::ffff:10.1.1.1]/', 'direct'],
      ['https://x.d.org', 'direct'],
      ['https://d.org', 'http://p:1/'],
      ['https://[fd00::2]/', 'direct'],
      ['https://192.0.2.9', 'direct'],
      ['http://192.0.2.9', 'http://p:1/'],
      ['https://b.example', 'direct'],
      ['https://x.b.example', 'direct'],
      ['https://notb.example', 'http://p:1/'],
    ];
    for (const [u, want] of expect) assert.equal(via(u, env), want, u);
    assert.equal(via('https://anything.io', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'x.com, *' }), 'direct');
    assert.equal(via('https://x.com', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'y.com', no_proxy: 'x.com' }), 'http://p:1/', 'NO_PROXY hides no_proxy');
    assert.equal(via('https://x.com', { HTTPS_PROXY: 'http://p:1', no_proxy: 'x.com' }), 'direct');
  });

  test('a CGI environment refuses HTTP_PROXY for http URLs', () => {
    assert.throws(() => via('http://a.com', { HTTP_PROXY: 'http://p:1', REQUEST_METHOD: 'GET' }), /REQUEST_METHOD/);
    assert.equal(via('https://a.com', { HTTPS_PROXY: 'http://p:1', REQUEST_METHOD: 'GET' }), 'http://p:1/');
  });
});

const env = { secrets: { resolve: () => Promise.resolve('') } } as unknown as TriggerEnv;
const trigger = { template: { name: 't' } } as unknown as Trigger;

/** Prepares the trigger with `vars` set in the environment (read at prepare time), then sends one request. */
async function send(spec: HTTPTrigger, vars: Record<string, string>): Promise<{ status?: number; summary: string }> {
  const saved = new Map<string, string | undefined>();
  for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) {
    saved.set(k, process.env[k]);
    delete process.env[k];
  }
  Object.assign(process.env, vars);
  try {
    const prepared = httpTrigger.prepare(spec, trigger, env);
    const rendered = await prepared.render(new Map(), []);
    return await prepared.execute(rendered, new AbortController().signal);
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

function interfaceIPv4(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

describe('http URLs through a forward proxy', () => {
  let sink: HttpSink;
  let proxy: TestProxy;
  before(async () => {
    sink = await startHttpSink();
    const port = Number(new URL(sink.url).port);
    proxy = await startProxy(() => ({ host: '127.0.0.1', port }));
  });
  after(async () => {
    await proxy?.close();
    await sink?.close();
  });

  test('the request goes through the proxy as an absolute URI, headers and body unchanged', async () => {
    const spec: HTTPTrigger = { url: 'http://hooks.example.test/services/A?x=1', method: 'POST', headers: { 'X-Team': 'milo' }, payload: [{ src: { dependencyName: 'd', value: 'hé "q"' }, dest: 'text' }] };
    const res = await send(spec, { HTTP_PROXY: proxy.url });
    assert.equal(res.status, 200);
    const seen = proxy.seen.at(-1);
    assert.equal(seen?.method, 'POST');
    assert.equal(seen?.target, 'http://hooks.example.test/services/A?x=1');
    const got = sink.requests.at(-1)!;
    assert.equal(got.url, '/services/A?x=1');
    assert.equal(got.headers['host'], 'hooks.example.test');
    assert.equal(got.headers['x-team'], 'milo');
    assert.equal(got.headers['content-type'], undefined, 'no default Content-Type');
    assert.equal(got.body, '{"text":"hé \\"q\\""}');
  });

  test('credentials in the proxy URL become Proxy-Authorization, not sent on to the target', async () => {
    const u = new URL(proxy.url);
    u.username = 'ops';
    u.password = 'p@ss';
    await send({ url: 'http://hooks.example.test/a', method: 'GET' }, { http_proxy: u.href });
    assert.equal(proxy.seen.at(-1)?.headers['proxy-authorization'], `Basic ${Buffer.from('ops:p@ss').toString('base64')}`);
    assert.equal(sink.requests.at(-1)?.headers['proxy-authorization'], undefined);
  });

  test('NO_PROXY sends the request directly', async (t) => {
    const ip = interfaceIPv4();
    if (!ip) {
      // Without a non-loopback address every local target bypasses the proxy anyway; check the refusal instead.
      const before = proxy.seen.length;
      await assert.rejects(send({ url: 'http://hooks.example.test/a' }, { HTTP_PROXY: proxy.url, NO_PROXY: 'example.test' }), /getaddrinfo|ENOTFOUND|EAI_AGAIN/);
      assert.equal(proxy.seen.length, before);
      return;
    }
    const direct: Server = createServer((req, res) => res.end(`direct ${req.url}`));
    await new Promise<void>((r) => direct.listen(0, '0.0.0.0', r));
    t.after(() => new Promise<void>((r) => direct.close(() => r())));
    const url = `http://${ip}:${(direct.address() as AddressInfo).port}/d`;
    const before = proxy.seen.length;
    const res = await send({ url, method: 'GET' }, { HTTP_PROXY: proxy.url, NO_PROXY: `other.test, ${ip}` });
    assert.equal(res.status, 200);
    assert.equal(proxy.seen.length, before, 'the proxy saw nothing');
    const proxied = await send({ url, method: 'GET' }, { HTTP_PROXY: proxy.url, NO_PROXY: 'other.test' });
    assert.equal(proxied.status, 200);
    assert.equal(proxy.seen.length, before + 1, 'without the exclusion the same URL goes through the proxy');
  });

  test('an unreachable proxy is a retryable error that names the proxy', async () => {
    await assert.rejects(send({ url: 'http://hooks.example.test/a' }, { HTTP_PROXY: 'http://127.0.0.1:1' }), (err: Error & { errorClass?: string }) => {
      assert.match(err.message, /via proxy http:\/\/127\.0\.0\.1:1 failed/);
      assert.equal(err.errorClass, 'retry');
      return true;
    });
  });
});

/** Runs one https trigger request in a child process that trusts `caFile`; prints the outcome as JSON. */
function sendInChild(url: string, vars: Record<string, string>, caFile: string): Promise<{ ok: boolean; status?: number; error?: string }> {
  const script = `
    import { httpTrigger } from './src/triggers/http/index.ts';
    const env = { secrets: { resolve: () => Promise.resolve('') } };
    try {
      const p = httpTrigger.prepare({ url: ${JSON.stringify(url)}, method: 'POST', headers: { 'Content-Type': 'application/json' },
        payload: [{ src: { dependencyName: 'd', value: 'x' }, dest: 'text' }] }, { template: { name: 't' } }, env);
      const r = await p.execute(await p.render(new Map(), []), new AbortController().signal);
      console.log(JSON.stringify({ ok: true, status: r.status }));
    } catch (err) { console.log(JSON.stringify({ ok: false, error: String(err.message) })); }`;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: caFile };
  for (const k of ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']) delete childEnv[k];
  Object.assign(childEnv, vars);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: childEnv, timeout: 30_000 }, (err, stdout, stderr) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve(JSON.parse(line) as { ok: boolean; status?: number; error?: string });
      } catch {
        reject(new Error(`child failed (${String(err)}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

describe('https URLs through a CONNECT proxy', () => {
  const tmp = tempDir('switchyard-proxy-');
  let sink: Awaited<ReturnType<typeof startHttpsSink>>;
  let proxy: TestProxy;
  let caFile: string;
  before(async () => {
    const tls = selfSignedCert(tmp.dir, 'hooks.example.test');
    caFile = tls.certFile;
    sink = await startHttpsSink(tls);
    proxy = await startProxy(() => ({ host: '127.0.0.1', port: sink.port }));
  });
  after(async () => {
    await proxy?.close();
    await sink?.close();
    tmp.cleanup();
  });

  test('the request is tunnelled and the certificate verified for the URL host', async () => {
    const out = await sendInChild('https://hooks.example.test/services/T/B/X', { HTTPS_PROXY: proxy.url }, caFile);
    assert.deepEqual(out, { ok: true, status: 200 });
    assert.deepEqual(proxy.seen.map((s) => `${s.method} ${s.target}`), ['CONNECT hooks.example.test:443']);
    const got = sink.requests.at(-1)!;
    assert.equal(got.method, 'POST');
    assert.equal(got.url, '/services/T/B/X');
    assert.equal(got.headers['content-type'], 'application/json');
    assert.equal(got.body, '{"text":"x"}');
  });

  test('a certificate for another name is refused through the tunnel', async () => {
    const out = await sendInChild('https://other.example.test/x', { https_proxy: proxy.url }, caFile);
    assert.equal(out.ok, false);
    assert.match(out.error ?? '', /via proxy .* failed: .*(altnames|Hostname|certificate)/i);
  });

  test('NO_PROXY bypasses the CONNECT proxy', async () => {
    const before = proxy.seen.length;
    const out = await sendInChild('https://hooks.example.test/services/T/B/X', { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.test' }, caFile);
    assert.equal(out.ok, false, 'hooks.example.test does not resolve, so a direct request fails');
    assert.doesNotMatch(out.error ?? '', /via proxy/);
    assert.match(out.error ?? '', /getaddrinfo|ENOTFOUND|EAI_AGAIN/);
    assert.equal(proxy.seen.length, before, 'the proxy saw nothing');
  });
});
