/**
 * Starts real nats-server processes with JetStream for tests: one server, or a 3-node cluster.
 * Each server gets free ports and a temp store dir; stop() keeps the store so start() can bring the
 * same server back (a restart), cleanup() stops it and removes the dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { freePort } from './ports.ts';

export const NATS_SERVER = process.env['NATS_SERVER_BIN'] ?? '/usr/sbin/nats-server';

export interface NatsAuth {
  token?: string;
  user?: string;
  pass?: string;
}

export interface NatsServer {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  readonly running: boolean;
  /** Everything the server printed (for failure messages). */
  output(): string;
  /** Starts the server again on the same port and store dir (after stop()). */
  start(): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s); the store dir is kept. */
  stop(): Promise<void>;
  /** Stops the server and removes its store dir. */
  cleanup(): Promise<void>;
}

interface ServerSpec {
  port: number;
  storeDir: string;
  auth: NatsAuth;
  /** Extra arguments, e.g. cluster routes. */
  extra: string[];
  /** False: a plain NATS server, JetStream off. */
  jetstream?: boolean;
}

function argsFor(spec: ServerSpec): string[] {
  const args = [...(spec.jetstream === false ? [] : ['-js']), '-sd', spec.storeDir, '-a', '127.0.0.1', '-p', String(spec.port), ...spec.extra];
  if (spec.auth.token !== undefined) args.push('--auth', spec.auth.token);
  if (spec.auth.user !== undefined) args.push('--user', spec.auth.user, '--pass', spec.auth.pass ?? '');
  return args;
}

class ServerProcess implements NatsServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private log = '';

  constructor(private readonly spec: ServerSpec) {}

  get url(): string {
    return `nats://127.0.0.1:${this.spec.port}`;
  }
  get port(): number {
    return this.spec.port;
  }
  get storeDir(): string {
    return this.spec.storeDir;
  }
  get running(): boolean {
    return this.child !== undefined;
  }
  output(): string {
    return this.log;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn(NATS_SERVER, argsFor(this.spec), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const ready = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer): void => {
        this.log += chunk.toString();
        if (this.log.includes('Server is ready')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('error', (err) => reject(new Error(`cannot start ${NATS_SERVER}: ${err.message}`)));
      child.once('exit', (code) => reject(new Error(`nats-server exited with ${code} before it was ready:\n${this.log}`)));
      setTimeout(() => reject(new Error(`nats-server not ready within 15 s:\n${this.log}`)), 15_000).unref();
    });
    try {
      await ready;
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await this.exited;
      clearTimeout(killer);
    }
  }

  async cleanup(): Promise<void> {
    await this.stop();
    rmSync(this.spec.storeDir, { recursive: true, force: true });
  }
}

export interface NatsServerOptions {
  /** Serve TLS only (clients must use it) with this certificate and key. */
  tls?: { certFile: string; keyFile: string };
  /** False: start it without JetStream. */
  jetstream?: boolean;
}

/** Starts one nats-server (JetStream on unless options.jetstream is false) on a free port with a fresh store dir. */
export async function startNatsServer(auth: NatsAuth = {}, options: NatsServerOptions = {}): Promise<NatsServer> {
  const storeDir = mkdtempSync(join(tmpdir(), 'switchyard-nats-'));
  const extra = options.tls ? ['--tls', '--tlscert', options.tls.certFile, '--tlskey', options.tls.keyFile] : [];
  const server = new ServerProcess({ port: await freePort(), storeDir, auth, extra, ...(options.jetstream === false ? { jetstream: false } : {}) });
  try {
    await server.start();
  } catch (err) {
    await server.cleanup();
    throw err;
  }
  return server;
}

export interface NatsCluster {
  readonly servers: NatsServer[];
  /** All client URLs, for a client that should fail over. */
  readonly urls: string[];
  cleanup(): Promise<void>;
}

/**
 * Starts a 3-node JetStream cluster (routes on free ports) and waits until JetStream answers,
 * i.e. the cluster has elected its meta leader.
 */
export async function startNatsCluster(auth: NatsAuth = {}): Promise<NatsCluster> {
  const name = `sy${process.pid}${Date.now().toString(36)}`;
  const routePorts = [await freePort(), await freePort(), await freePort()];
  const routes = routePorts.map((p) => `nats://127.0.0.1:${p}`).join(',');
  const servers: ServerProcess[] = [];
  for (let i = 0; i < 3; i++) {
    servers.push(
      new ServerProcess({
        port: await freePort(),
        storeDir: mkdtempSync(join(tmpdir(), `switchyard-nats-n${i}-`)),
        auth,
        extra: ['-n', `${name}-n${i}`, '--cluster_name', name, '--cluster', `nats://127.0.0.1:${routePorts[i]}`, '--routes', routes],
      }),
    );
  }
  const cluster: NatsCluster = {
    servers,
    urls: servers.map((s) => s.url),
    cleanup: async () => {
      await Promise.all(servers.map((s) => s.cleanup()));
    },
  };
  try {
    await Promise.all(servers.map((s) => s.start()));
    await waitForJetStream(cluster.urls, auth);
  } catch (err) {
    await cluster.cleanup();
    throw err;
  }
  return cluster;
}

async function waitForJetStream(urls: string[], auth: NatsAuth, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const nc = await connect({ servers: urls, ...auth, reconnect: false }).catch((err: unknown) => {
      last = err;
      return undefined;
    });
    if (nc) {
      try {
        const jsm = await jetstreamManager(nc, { timeout: 2_000 });
        await jsm.getAccountInfo();
        return;
      } catch (err) {
        last = err;
      } finally {
        await nc.close();
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`JetStream cluster did not become ready within ${timeoutMs} ms: ${String(last)}`);
}
