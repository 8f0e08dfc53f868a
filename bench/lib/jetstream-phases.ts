/**
 * The two measured phases of the JetStream benchmark, each against a fresh `switchyard run`:
 * closed-loop throughput (webhook 2xx/s and the rate the log trigger kept up), and open-loop latency.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad, type LoadResult, type LoadTool } from './load.ts';
import { deliveries, LogTail, loggedRate, waitForLogged, type LoggedRate } from './log-tail.ts';
import { openLoop, type OpenLoopResult } from './open-loop.ts';
import { taggedBody } from './payload.ts';
import { summarize, type Summary } from './stats.ts';
import { startJetStreamSwitchyard, type StartPipeline } from './jetstream-target.ts';
import { streamLeaderUrl } from './jetstream-cluster.ts';

export type Placement = 'any' | 'leader';

/** A pipeline under test: how to start it, and the stream it publishes to. */
export interface Pipeline {
  start: StartPipeline;
  stream: string;
}

export const SWITCHYARD: Pipeline = { start: startJetStreamSwitchyard, stream: 'default' };

/** The servers a pipeline is given: all of them, or (creating its stream first) the stream's leader alone. */
async function serversFor(s: PhaseSettings, stream: string): Promise<string[]> {
  return s.placement === 'any' ? s.urls : [await streamLeaderUrl(s.urls, stream, s.replicas)];
}

export interface PhaseSettings {
  urls: string[];
  /** `leader`: Switchyard is given only the URL of the server that leads its stream; `any`: all three. */
  placement: Placement;
  replicas: number;
  tool: LoadTool;
  connections: number;
  durationS: number;
  rate: number;
  warmupS: number;
  say: (msg: string) => void;
}

export interface ThroughputPhase extends LoggedRate {
  load: LoadResult;
  problems: Record<string, number>;
  /** The server the pipeline connected to and the stream's leader, from its "JetStream stream ready" line. */
  server: string | undefined;
  leader: string | undefined;
}

/** Bytes read from the start of Switchyard's log to find its start-up lines (the whole log may be gigabytes). */
const LOG_HEAD_BYTES = 1 << 20;

/** The `server` and `streamLeader` the pipeline logged when its stream was ready, at start. */
function placement(logFile: string): { server: string | undefined; leader: string | undefined } {
  const fd = openSync(logFile, 'r');
  let head: string;
  try {
    const buf = Buffer.alloc(LOG_HEAD_BYTES);
    head = buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
  const line = head.split('\n').find((l) => l.includes('JetStream stream ready'));
  return { server: / server=(\S+)/.exec(line ?? '')?.[1], leader: / streamLeader=(\S+)/.exec(line ?? '')?.[1] };
}

export async function throughputPhase(dir: string, s: PhaseSettings, pipeline: Pipeline = SWITCHYARD): Promise<ThroughputPhase> {
  const t = await pipeline.start(dir, await serversFor(s, pipeline.stream), s.replicas);
  try {
    const tail = new LogTail(t.child.logFile);
    if (s.warmupS > 0) {
      const warm = await runLoad(s.tool, { url: t.url, body: taggedBody('warm', 0), connections: Math.min(16, s.connections), durationS: s.warmupS, workDir: dir });
      await waitForLogged(tail, 'warm', warm.ok, 10_000);
    }
    const loadStart = Date.now();
    const load = await runLoad(s.tool, { url: t.url, body: taggedBody('tp', 0), connections: s.connections, durationS: s.durationS, workDir: dir });
    const loadEnd = Date.now();
    s.say(`R${s.replicas} ${t.name}: ${load.ok} events accepted (${Math.round(load.okPerSec)}/s); waiting for the log trigger`);
    const logged = await waitForLogged(tail, 'tp', load.ok, 15_000, 60_000);
    const rate = loggedRate(tail, 'tp', logged, loadStart, loadEnd);
    tail.close();
    return { load, ...rate, problems: Object.fromEntries(tail.problems), ...placement(t.child.logFile) };
  } finally {
    await t.child.stop();
  }
}

export interface LatencyPhase {
  sender: Omit<OpenLoopResult, 'acceptMs'>;
  acceptMs: Summary;
  endToEndMs: Summary;
  logged: number;
  duplicates: number;
  missing: number;
  missingSample: string[];
  problems: Record<string, number>;
}

export async function latencyPhase(dir: string, s: PhaseSettings): Promise<LatencyPhase> {
  const t = await SWITCHYARD.start(dir, await serversFor(s, SWITCHYARD.stream), s.replicas);
  try {
    const tail = new LogTail(t.child.logFile);
    if (s.warmupS > 0) {
      const warm = await openLoop({ url: t.url, rate: s.rate, durationMs: s.warmupS * 1000, body: (i, at) => taggedBody(`warm-${i}`, at) });
      await waitForLogged(tail, 'warm-', warm.ok, 10_000);
    }
    const prefix = 'lat-';
    const r = await openLoop({ url: t.url, rate: s.rate, durationMs: s.durationS * 1000, body: (i, at) => taggedBody(`${prefix}${i}`, at) });
    await waitForLogged(tail, prefix, r.ok, 10_000, 60_000);
    const d = deliveries(tail, prefix, r.sent);
    tail.close();
    const { acceptMs, ...sender } = r;
    return {
      sender,
      acceptMs: summarize(acceptMs),
      endToEndMs: summarize([...d.firstMs.values()]),
      logged: d.logged,
      duplicates: d.duplicates,
      missing: d.missing,
      missingSample: d.missingSample,
      problems: Object.fromEntries(tail.problems),
    };
  } finally {
    await t.child.stop();
  }
}

/** Where each phase keeps its manifests, data dir and log. */
export function phaseDir(tmp: string, replicas: number, phase: string): string {
  return join(tmp, `r${replicas}-${phase}`);
}
