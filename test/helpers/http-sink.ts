import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP(S) server that records every request and answers with the status the test chooses. */
export interface HttpSink {
  url: string;
  port: number;
  requests: Recorded[];
  status: number;
  close(): Promise<void>;
  /** Resolves when at least n requests arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
}

/** Certificate and key files for an HTTPS sink. */
export interface SinkTls {
  certFile: string;
  keyFile: string;
}

/** Starts a sink on 127.0.0.1 (HTTPS when `tls` is given); `url` is its loopback address. */
export async function startHttpSink(status = 200, tls?: SinkTls): Promise<HttpSink> {
  const requests: Recorded[] = [];
  const waiters: (() => void)[] = [];
  const record: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(sink.status, { 'content-type': 'text/plain' });
      res.end('ok');
      for (const w of waiters.splice(0)) w();
    });
  };
  const server: Server = tls === undefined ? createServer(record) : createHttpsServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, record);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const sink: HttpSink = {
    url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    port,
    requests,
    status,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
    waitFor(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`sink got ${requests.length} requests, wanted ${n}`)), timeoutMs);
        const check = (): void => {
          if (requests.length >= n) {
            clearTimeout(t);
            resolve();
          } else waiters.push(check);
        };
        check();
      });
    },
  };
  return sink;
}
