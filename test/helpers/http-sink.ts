import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local HTTP server that records every request and answers with the status the test chooses. */
export interface HttpSink {
  url: string;
  requests: Recorded[];
  status: number;
  close(): Promise<void>;
  /** Resolves when at least n requests arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
}

export async function startHttpSink(status = 200): Promise<HttpSink> {
  const requests: Recorded[] = [];
  const waiters: (() => void)[] = [];
  const sink: HttpSink = {
    url: '',
    requests,
    status,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
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
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(sink.status, { 'content-type': 'text/plain' });
      res.end('ok');
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return sink;
}
