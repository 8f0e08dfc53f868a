import { createServer, type Server } from 'node:http';
import type { Recorded } from './http-sink.ts';

/** A recording HTTP server on a port the test chose (for a trigger target that is down first, then up). */
export interface HttpTarget {
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startHttpTargetAt(port: number, status = 200): Promise<HttpTarget> {
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    requests,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
