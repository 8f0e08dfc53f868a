/**
 * Outbound-proxy test doubles that are real servers: a proxy that answers CONNECT by tunnelling and plain
 * absolute-URI requests by forwarding, both to an address the test chooses (so a public host name such as
 * hooks.slack.com reaches a local sink), and an HTTPS sink with a self-signed certificate made by openssl.
 */
import { execFileSync } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { startHttpSink, type HttpSink } from './http-sink.ts';

export interface ProxyRecord {
  /** 'CONNECT' or the forwarded method. */
  method: string;
  /** host:port for CONNECT, the absolute URI otherwise. */
  target: string;
  headers: IncomingHttpHeaders;
}

export interface TestProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  seen: ProxyRecord[];
  close(): Promise<void>;
}

export interface Address {
  host: string;
  port: number;
}

/** Starts a proxy; `route` maps the requested host and port to where the proxy really connects. */
export async function startProxy(route: (host: string, port: number) => Address): Promise<TestProxy> {
  const seen: ProxyRecord[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('a forward proxy needs an absolute URI');
      return;
    }
    const to = route(target.hostname, Number(target.port || 80));
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const up = httpRequest({ host: to.host, port: to.port, method: req.method, path: target.pathname + target.search, headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.headers);
      upRes.pipe(res);
    });
    up.on('error', (err) => res.writeHead(502).end(String(err)));
    req.pipe(up);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    seen.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers });
    const [host = '', port = '443'] = (req.url ?? '').split(/:(?=[0-9]+$)/);
    const to = route(host, Number(port));
    const upstream = connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/**
 * A self-signed certificate (its own CA) for `hostName`, written into `dir` by openssl. An IPv4 address as
 * `hostName` becomes an IP subject alternative name, anything else a DNS one.
 */
export function selfSignedCert(dir: string, hostName: string): TlsFiles {
  const certFile = join(dir, `${hostName}.crt`);
  const keyFile = join(dir, `${hostName}.key`);
  const san = /^\d+\.\d+\.\d+\.\d+$/.test(hostName) ? `IP:${hostName}` : `DNS:${hostName}`;
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-keyout', keyFile, '-out', certFile,
    '-subj', `/CN=${hostName}`,
    '-addext', `subjectAltName=${san}`,
    '-addext', 'basicConstraints=critical,CA:TRUE',
  ], { stdio: 'ignore' });
  return { certFile, keyFile };
}

/** An HTTPS server on 127.0.0.1 that records every request, like startHttpSink. `url` is its loopback address. */
export function startHttpsSink(tls: TlsFiles, status = 200): Promise<HttpSink> {
  return startHttpSink(status, tls);
}
