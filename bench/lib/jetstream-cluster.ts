/**
 * A local 3-node JetStream cluster for the benchmark: nats-server processes on loopback, each with a store
 * dir under the benchmark's temp dir. They are started with children.ts, so they are killed however the
 * benchmark ends.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { ensureStream, wantedStream } from '../../src/bus/jetstream/stream.ts';
import { DEFAULT_STREAM } from '../../src/bus/types.ts';
import { startChild, type Child } from './children.ts';
import { freePort } from '../../test/helpers/ports.ts';

export const NATS_SERVER_BIN = process.env['NATS_SERVER_BIN'] ?? '/usr/sbin/nats-server';

export interface BenchCluster {
  /** Client URLs of the three nodes. */
  urls: string[];
  nodes: Child[];
  stop(): Promise<void>;
}

export async function startBenchCluster(dir: string): Promise<BenchCluster> {
  const name = `sybench${process.pid}`;
  const routePorts = [await freePort(), await freePort(), await freePort()];
  const routes = routePorts.map((p) => `nats://127.0.0.1:${p}`).join(',');
  const clientPorts = [await freePort(), await freePort(), await freePort()];
  const nodes: Child[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.stop()));
  };
  try {
    for (let i = 0; i < 3; i++) {
      const store = join(dir, `nats-n${i}`);
      mkdirSync(store, { recursive: true });
      nodes.push(
        await startChild({
          name: `nats-server n${i}`,
          command: NATS_SERVER_BIN,
          args: ['-js', '-sd', store, '-a', '127.0.0.1', '-p', String(clientPorts[i]), '-n', `${name}-n${i}`,
            '--cluster_name', name, '--cluster', `nats://127.0.0.1:${routePorts[i]}`, '--routes', routes],
          logFile: join(dir, `nats-n${i}.log`),
          readyText: 'Server is ready',
        }),
      );
    }
    const urls = clientPorts.map((p) => `nats://127.0.0.1:${p}`);
    await waitForMetaLeader(urls);
    return { urls, nodes, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** JetStream answers account info only once the cluster has elected its meta leader. */
async function waitForMetaLeader(urls: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const nc = await connect({ servers: urls, reconnect: false });
      try {
        await (await jetstreamManager(nc, { timeout: 2_000 })).getAccountInfo();
        return;
      } finally {
        await nc.close();
      }
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the JetStream cluster elected no meta leader within ${timeoutMs} ms: ${String(last)}`);
}

/** Deletes every stream (the event stream and key-value buckets) so the next phase starts empty. */
export async function deleteAllStreams(urls: string[]): Promise<string[]> {
  const nc = await connect({ servers: urls });
  try {
    const jsm = await jetstreamManager(nc);
    const names: string[] = [];
    for await (const s of jsm.streams.list()) names.push(s.config.name);
    for (const n of names) await jsm.streams.delete(n);
    return names;
  } finally {
    await nc.close();
  }
}

/**
 * Creates the stream `name` with Switchyard's settings (as Switchyard would on start) and returns the client
 * URL of the server that leads it: a client connected there sends no message through another server.
 */
export async function streamLeaderUrl(urls: string[], name: string, replicas: number): Promise<string> {
  const nc = await connect({ servers: urls });
  let leader: string | undefined;
  try {
    leader = (await ensureStream(await jetstreamManager(nc), wantedStream({ ...DEFAULT_STREAM, name, replicas }), true)).leader;
  } finally {
    await nc.close();
  }
  for (const url of urls) {
    const probe = await connect({ servers: url, reconnect: false });
    const here = probe.info?.server_name;
    await probe.close();
    if (here === leader) return url;
  }
  throw new Error(`no server among ${urls.join(', ')} is the leader of stream ${name} (${String(leader)})`);
}
