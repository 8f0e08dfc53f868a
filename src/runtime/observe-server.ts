/**
 * The observability endpoint of a Switchyard process: GET /metrics (Prometheus text), /healthz (the process is
 * alive) and /readyz (it can do its work: e.g. connected to the bus). Argo's pods serve metrics on :7777.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SwitchyardError } from '../errors.ts';
import type { MetricsRegistry } from '../observe/metrics.ts';

export interface ObserveServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface ObserveOptions {
  port: number;
  host?: string;
  metrics: MetricsRegistry;
  /** Why the process is not ready, or undefined when it is. */
  notReady: () => string | undefined;
}

export async function startObserveServer(o: ObserveOptions): Promise<ObserveServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }).end(o.metrics.render());
    } else if (path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    } else if (path === '/readyz') {
      const why = o.notReady();
      res.writeHead(why === undefined ? 200 : 503, { 'Content-Type': 'text/plain' }).end(why === undefined ? 'ready' : `not ready: ${why}`);
    } else {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: try /metrics, /healthz or /readyz');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new SwitchyardError('PORT_IN_USE', err.code === 'EADDRINUSE' ? `the metrics port ${o.port} is in use; choose another with --metrics-port` : `cannot serve metrics on port ${o.port}: ${err.message}`, { cause: err })),
    );
    server.listen(o.port, o.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
