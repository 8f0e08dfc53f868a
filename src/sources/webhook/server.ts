import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SwitchyardError } from '../../errors.ts';
import { log as rootLog } from '../../observe/log.ts';

/**
 * One HTTP(S) server per port, shared by every route on it, whichever EventSource owns the route.
 * Routes match on the decoded path only; `/health` answers 200 `OK` unless a route claims that path;
 * any other path answers 404.
 */

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface RouteOwner {
  eventSourceName: string;
  eventName: string;
}

export interface TlsMaterial {
  cert: string;
  key: string;
}

export interface RouteRegistration {
  port: number;
  endpoint: string;
  owner: RouteOwner;
  handler: RouteHandler;
  /** Loads TLS material; called only when this route is the first on its port (the first route decides). */
  tls?: () => Promise<TlsMaterial>;
}

export interface RouteHandle {
  /** Stops routing to the handler, waits for its requests in flight, and closes the server if it was the last route. */
  remove(): Promise<void>;
}

export interface PortRegistryOptions {
  /** Interface to listen on; default all interfaces (as Argo). */
  host?: string;
  /** Time allowed to send the request headers. */
  headersTimeoutMs?: number;
  /** Time allowed for a whole request, body included, so a slow client cannot hold a connection forever. */
  requestTimeoutMs?: number;
  /** Idle time before a keep-alive connection is closed. */
  keepAliveTimeoutMs?: number;
  /** On close, connections still busy after this long are cut. */
  closeGraceMs?: number;
}

interface RouteEntry {
  owner: RouteOwner;
  handler: RouteHandler;
  inflight: Set<Promise<void>>;
}

interface PortEntry {
  port: number;
  routes: Map<string, RouteEntry>;
  tls: boolean;
  /** Settles when the server listens (or failed to). */
  ready: Promise<http.Server>;
}

const describe = (o: RouteOwner): string => `event source "${o.eventSourceName}" event "${o.eventName}"`;

export class PortRegistry {
  readonly #options: Required<Omit<PortRegistryOptions, 'host'>> & { host: string | undefined };
  readonly #ports = new Map<number, PortEntry>();
  /** Servers still closing, per port: a new server on the same port waits for them. */
  readonly #closing = new Map<number, Promise<void>>();

  constructor(options: PortRegistryOptions = {}) {
    this.#options = {
      host: options.host,
      headersTimeoutMs: options.headersTimeoutMs ?? 10_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 60_000,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 60_000,
      closeGraceMs: options.closeGraceMs ?? 5_000,
    };
  }

  /** Ports with a server (listening or starting). */
  ports(): number[] {
    return [...this.#ports.keys()];
  }

  /**
   * Adds a route, starting the port's server when it is the first. Throws WEBHOOK_ROUTE_CONFLICT when the
   * port+endpoint is taken, PORT_IN_USE when another process holds the port.
   */
  async addRoute(reg: RouteRegistration): Promise<RouteHandle> {
    let entry = this.#ports.get(reg.port);
    const existing = entry?.routes.get(reg.endpoint);
    if (existing !== undefined) {
      throw new SwitchyardError(
        'WEBHOOK_ROUTE_CONFLICT',
        `port ${reg.port} endpoint ${reg.endpoint} is wanted by ${describe(reg.owner)} but already served for ${describe(existing.owner)}; give one of them another endpoint or port`,
      );
    }
    const route: RouteEntry = { owner: reg.owner, handler: reg.handler, inflight: new Set() };
    if (entry === undefined) {
      const routes = new Map<string, RouteEntry>();
      const ready = this.#startServer(reg, routes);
      entry = { port: reg.port, routes, tls: reg.tls !== undefined, ready };
      this.#ports.set(reg.port, entry);
      ready.catch(() => {
        if (this.#ports.get(reg.port) === entry) this.#ports.delete(reg.port);
      });
    } else if ((reg.tls !== undefined) !== entry.tls) {
      rootLog.warn('webhook route TLS setting ignored: the first route on a port decides', {
        port: reg.port, endpoint: reg.endpoint, eventSource: reg.owner.eventSourceName, eventName: reg.owner.eventName, tls: entry.tls,
      });
    }
    entry.routes.set(reg.endpoint, route);
    const owned = entry;
    try {
      await owned.ready;
    } catch (err) {
      owned.routes.delete(reg.endpoint);
      if (err instanceof SwitchyardError && err.code === 'PORT_IN_USE') {
        throw new SwitchyardError(
          'PORT_IN_USE',
          `port ${reg.port} wanted by ${describe(reg.owner)} (endpoint ${reg.endpoint}) is already in use by another process; stop that process or choose another port`,
          { cause: err.cause },
        );
      }
      throw err;
    }
    let removed = false;
    return {
      remove: async () => {
        if (removed) return;
        removed = true;
        if (owned.routes.get(reg.endpoint) === route) owned.routes.delete(reg.endpoint);
        await Promise.allSettled([...route.inflight]);
        if (owned.routes.size === 0 && this.#ports.get(reg.port) === owned) {
          this.#ports.delete(reg.port);
          // recorded before any await so a new server on this port waits for this one to let go
          const closed = owned.ready.then((server) => this.#close(server));
          this.#closing.set(reg.port, closed);
          await closed;
          if (this.#closing.get(reg.port) === closed) this.#closing.delete(reg.port);
        }
      },
    };
  }

  /** The address a port's server listens on (tests use it to learn the actual port). */
  async address(port: number): Promise<AddressInfo | undefined> {
    const entry = this.#ports.get(port);
    if (entry === undefined) return undefined;
    const addr = (await entry.ready).address();
    return typeof addr === 'object' && addr !== null ? addr : undefined;
  }

  async #startServer(reg: RouteRegistration, routes: Map<string, RouteEntry>): Promise<http.Server> {
    const previous = this.#closing.get(reg.port);
    if (previous !== undefined) await previous;
    const tls = reg.tls === undefined ? undefined : await reg.tls();
    const o = this.#options;
    const serverOptions: http.ServerOptions = {
      keepAlive: true,
      requestTimeout: o.requestTimeoutMs,
      headersTimeout: o.headersTimeoutMs,
      keepAliveTimeout: o.keepAliveTimeoutMs,
    };
    const onRequest = (req: IncomingMessage, res: ServerResponse): void => route(routes, req, res);
    const server: http.Server = tls === undefined
      ? http.createServer(serverOptions, onRequest)
      : https.createServer({ ...serverOptions, cert: tls.cert, key: tls.key }, onRequest);
    server.keepAliveTimeout = o.keepAliveTimeoutMs;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE') reject(new SwitchyardError('PORT_IN_USE', `port ${reg.port} is already in use`, { cause: err }));
        else reject(new SwitchyardError('WEBHOOK_LISTEN_FAILED', `cannot listen on port ${reg.port}: ${err.message}`, { cause: err }));
      };
      const onListening = (): void => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(reg.port, o.host);
    });
    server.on('error', (err) => rootLog.error('webhook server error', { port: reg.port, error: err }));
    rootLog.info('webhook server listening', { port: reg.port, tls: tls !== undefined });
    return server;
  }

  async #close(server: http.Server): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), this.#options.closeGraceMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
  }
}

/** Process-wide registry: every EventSource in this process shares its ports. */
export const defaultPortRegistry = new PortRegistry();

function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  let path = raw;
  if (!raw.startsWith('/')) {
    // absolute-form request target (http://host/path)
    try {
      path = new URL(raw).pathname;
    } catch {
      return raw;
    }
  }
  const q = path.indexOf('?');
  if (q >= 0) path = path.slice(0, q);
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const TEXT_HEADERS: Readonly<Record<string, string>> = { 'Content-Type': 'text/plain; charset=utf-8' };

export function sendText(res: ServerResponse, status: number, text: string, headers?: Record<string, string>): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, headers === undefined ? TEXT_HEADERS : { ...TEXT_HEADERS, ...headers });
  res.end(text);
}

function route(routes: Map<string, RouteEntry>, req: IncomingMessage, res: ServerResponse): void {
  const path = pathOf(req.url);
  const entry = routes.get(path);
  if (entry === undefined) {
    if (path === '/health') sendText(res, 200, 'OK');
    else sendText(res, 404, '404 page not found');
    return;
  }
  const done = entry.handler(req, res).then(
    () => undefined,
    (err: unknown) => {
      rootLog.error('webhook request failed', { eventSource: entry.owner.eventSourceName, eventName: entry.owner.eventName, error: err });
      sendText(res, 500, 'internal error; see the event source log');
    },
  );
  entry.inflight.add(done);
  void done.finally(() => entry.inflight.delete(done));
}
