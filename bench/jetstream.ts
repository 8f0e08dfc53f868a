/**
 * `npm run bench:jetstream`: Switchyard's webhook -> JetStream -> sensor -> log trigger pipeline on a local
 * 3-node nats-server cluster, for stream replicas 1 and 3, beside two baselines on the same cluster in the same
 * run: raw JetStream publish throughput from Node, and the least pipeline (bench/least-pipeline.mjs: the same
 * path with nothing but what it cannot skip). See docs/benchmarks.md.
 *
 * Options: --duration S (10)  --connections N (64)  --rate R (1000)  --warmup S (2)  --in-flight N (256)
 *          --rounds N (3)  --replicas 1,3  --tool autocannon|wrk (wrk when /usr/bin/wrk exists)  --keep (keep the temp dir)
 *          --placement any|leader (any: every client is given all three servers; leader: each is given only the
 *          server that leads its stream, so no message crosses between servers)
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deleteAllStreams, startBenchCluster, streamLeaderUrl } from './lib/jetstream-cluster.ts';
import { latencyPhase, phaseDir, throughputPhase, type LatencyPhase, type PhaseSettings, type Placement, type ThroughputPhase } from './lib/jetstream-phases.ts';
import { LEAST_STREAM, startLeastPipeline } from './lib/jetstream-target.ts';
import { rawPublish, type RawPublishResult } from './lib/jetstream-publish.ts';
import { COMMON_OPTIONS, commonSettings, numberOption, runTempDir } from './lib/options.ts';
import { taggedBody } from './lib/payload.ts';
import { fmt, machineInfo, runMain, sayer, table, writeResults, type Row } from './lib/report.ts';
import { medianBy } from './lib/stats.ts';

const { values: opt } = parseArgs({
  options: {
    ...COMMON_OPTIONS,
    'in-flight': { type: 'string', default: '256' },
    replicas: { type: 'string', default: '1,3' },
    placement: { type: 'string', default: 'any' },
  },
});
const { durationS, connections, rate, warmupS, rounds, tool } = commonSettings(opt);
const inFlight = numberOption('in-flight', opt['in-flight'], 1);
const replicaSet = opt.replicas.split(',').map((r) => numberOption('replicas', r.trim(), 1));
if (opt.placement !== 'any' && opt.placement !== 'leader') throw new Error(`--placement must be "any" or "leader", not "${opt.placement}"`);
const placement: Placement = opt.placement;
const say = sayer('bench:jetstream');
const tmp = runTempDir('switchyard-bench-js-', opt.keep, say);

/** One raw publish run and, right after it, one Switchyard throughput run and one of the least pipeline. */
interface Round {
  raw: RawPublishResult;
  throughput: ThroughputPhase;
  least: ThroughputPhase;
  /** Events logged per second / raw publishes acked per second. */
  deliveredRatio: number;
  /** Webhook 2xx per second / raw publishes acked per second. */
  acceptedRatio: number;
  /** The least pipeline's events logged per second / raw publishes acked per second. */
  leastRatio: number;
  /** Switchyard's events logged per second / the least pipeline's. */
  ofLeast: number;
}

/** The median round (by deliveredRatio) stands for all, with every round kept beside it. */
interface ReplicaResult {
  replicas: number;
  rounds: Round[];
  raw: RawPublishResult;
  throughput: ThroughputPhase;
  least: ThroughputPhase;
  latency: LatencyPhase;
  /** Events logged per second / raw publishes acked per second. */
  deliveredRatio: number;
  /** Webhook 2xx per second / raw publishes acked per second. */
  acceptedRatio: number;
  leastRatio: number;
  ofLeast: number;
}

/**
 * Raw publish, Switchyard, then the least pipeline, `rounds` times: the machine's speed drifts (a shared VM), so
 * each ratio compares runs made moments apart, and the median round (by Switchyard / raw) is reported.
 */
async function measure(urls: string[], replicas: number): Promise<ReplicaResult> {
  const s: PhaseSettings = { urls, placement, replicas, tool, connections, durationS, rate, warmupS, say };
  const all: Round[] = [];
  for (let n = 1; n <= rounds; n++) {
    await deleteAllStreams(urls);
    say(`R${replicas} round ${n}/${rounds}: raw publish, ${inFlight} in flight, ${durationS}s`);
    const rawServers = placement === 'any' ? urls : [await streamLeaderUrl(urls, 'rawbench', replicas)];
    const raw = await rawPublish({ servers: rawServers, stream: 'rawbench', replicas, durationS, inFlight, payload: Buffer.from(taggedBody('raw', 0)) });
    say(`R${replicas} round ${n}/${rounds}: raw ${Math.round(raw.ackedPerSec)} acked/s; switchyard throughput`);
    await deleteAllStreams(urls);
    const throughput = await throughputPhase(phaseDir(tmp, replicas, `throughput-${n}`), s);
    say(`R${replicas} round ${n}/${rounds}: switchyard ${Math.round(throughput.deliveredPerSec)} logged/s; least pipeline throughput`);
    await deleteAllStreams(urls);
    const least = await throughputPhase(phaseDir(tmp, replicas, `least-${n}`), s, { start: startLeastPipeline, stream: LEAST_STREAM });
    all.push({
      raw,
      throughput,
      least,
      deliveredRatio: throughput.deliveredPerSec / raw.ackedPerSec,
      acceptedRatio: throughput.load.okPerSec / raw.ackedPerSec,
      leastRatio: least.deliveredPerSec / raw.ackedPerSec,
      ofLeast: throughput.deliveredPerSec / least.deliveredPerSec,
    });
  }
  const median = medianBy(all, (r) => r.deliveredRatio);
  await deleteAllStreams(urls);
  say(`R${replicas}: switchyard latency at ${rate}/s`);
  const latency = await latencyPhase(phaseDir(tmp, replicas, 'latency'), s);
  return { replicas, rounds: all, ...median, latency };
}

/** `n1 (the stream leader)` or `n1 (stream led by n0)`: through a server that does not lead the stream, every message takes a route hop. */
function where(p: { server: string | undefined; leader: string | undefined }): string {
  const short = (name: string | undefined): string => name?.replace(/^.*-(n\d+)$/, '$1') ?? '?';
  if (p.leader === undefined) return short(p.server);
  return p.server === p.leader ? `${short(p.server)} (the stream leader)` : `${short(p.server)} (stream led by ${short(p.leader)})`;
}

function rows(r: ReplicaResult): Row[] {
  const { raw, throughput: tp, latency: lat } = r;
  return [
    [`R${r.replicas} stream (the median of ${r.rounds.length} round(s))`, ''],
    ...r.rounds.map((x, i): Row => [`round ${i + 1}`, `raw ${fmt(x.raw.ackedPerSec, 0)}/s, switchyard ${fmt(x.throughput.load.okPerSec, 0)}/s accepted, ${fmt(x.throughput.deliveredPerSec, 0)}/s logged, ratio ${fmt(x.deliveredRatio * 100)} %`]),
    ...r.rounds.map((x, i): Row => [`round ${i + 1} least pipeline`, `${fmt(x.least.deliveredPerSec, 0)}/s logged, ${fmt(x.leastRatio * 100)} % of raw; switchyard ${fmt(x.ofLeast * 100)} % of it`]),
    ...r.rounds.map((x, i): Row => [`round ${i + 1} placement`, `raw via ${where(x.raw)}, switchyard via ${where(x.throughput)}, least pipeline via ${where(x.least)}`]),
    ['raw publish acked/s', `${fmt(raw.ackedPerSec, 0)}   (ack p50 ${fmt(raw.ackMs.p50, 2)} ms, p99 ${fmt(raw.ackMs.p99, 2)} ms, ${raw.errors} errors)`],
    ['switchyard webhook 2xx/s', `${fmt(tp.load.okPerSec, 0)}   (p50 ${fmt(tp.load.latencyP50Ms, 2)} ms, p99 ${fmt(tp.load.latencyP99Ms, 2)} ms; non-2xx/errors/timeouts ${tp.load.non2xx}/${tp.load.errors}/${tp.load.timeouts})`],
    ['switchyard logged/s', `${fmt(tp.deliveredPerSec, 0)}   (${tp.logged} logged of ${tp.load.ok} acknowledged; last ${fmt(tp.drainMs / 1000, 2)} s after the load)`],
    ['end-to-end / raw publish', `${fmt(r.deliveredRatio * 100)} % logged, ${fmt(r.acceptedRatio * 100)} % accepted${r.replicas === 1 ? '   (target >= 40 %)' : ''}`],
    ['least pipeline / raw publish', `${fmt(r.leastRatio * 100)} %; switchyard / least pipeline ${fmt(r.ofLeast * 100)} %`],
    [`end-to-end p50/p99/max at ${rate}/s`, `${fmt(lat.endToEndMs.p50, 2)} / ${fmt(lat.endToEndMs.p99, 2)} / ${fmt(lat.endToEndMs.max, 2)} ms`],
    ['accept p50/p99', `${fmt(lat.acceptMs.p50, 2)} / ${fmt(lat.acceptMs.p99, 2)} ms`],
    ['sent / 2xx / logged / dup / missing', `${lat.sender.sent} / ${lat.sender.ok} / ${lat.logged} / ${lat.duplicates} / ${lat.missing}`],
    ['sender max lag', `${fmt(lat.sender.maxSendLagMs, 2)} ms`],
  ];
}

async function main(): Promise<number> {
  const machine = machineInfo();
  say(`machine: ${machine.cpus} x ${machine.cpuModel}, node ${machine.node}, load ${machine.loadAverage1m}; ${tool}, ${connections} connections x ${durationS}s; ${rate}/s; temp dir ${tmp}`);
  const cluster = await startBenchCluster(join(tmp, 'cluster'));
  const results: ReplicaResult[] = [];
  try {
    for (const replicas of replicaSet) results.push(await measure(cluster.urls, replicas));
  } finally {
    await cluster.stop();
  }
  const r1 = results.find((r) => r.replicas === 1);
  const checks = {
    r1EndToEndAtLeast40pctOfRawPublish: r1 !== undefined && r1.deliveredRatio >= 0.4,
    noRawPublishErrors: results.every((r) => r.rounds.every((x) => x.raw.errors === 0)),
    noSocketErrorsOrTimeouts: results.every((r) => r.rounds.every((x) => x.throughput.load.errors + x.throughput.load.timeouts === 0) && r.latency.sender.errors === 0),
    everyAcceptedEventLogged: results.every((r) => r.rounds.every((x) => x.throughput.logged >= x.throughput.load.ok) && r.latency.logged >= r.latency.sender.ok),
    leastPipelineLoggedEveryEvent: results.every((r) => r.rounds.every((x) => x.least.logged >= x.least.load.ok && x.least.load.errors + x.least.load.timeouts === 0)),
  };
  const out: Row[] = [
    [`Switchyard on JetStream — 3-node local cluster, ${taggedBody('tp', 0).length}-byte body, ${tool} ${connections} connections ${durationS}s, raw publish ${inFlight} in flight, placement ${placement}`, ''],
    ...results.flatMap(rows),
    ['Checks', ''],
    ...Object.entries(checks).map(([k, v]): Row => [k, v ? 'ok' : 'MISSED']),
  ];
  process.stdout.write(`${table(out)}\n`);
  for (const r of results) {
    for (const [phase, p] of [['throughput', r.throughput.problems], ['latency', r.latency.problems]] as const) {
      for (const [text, n] of Object.entries(p).slice(0, 5)) say(`R${r.replicas} ${phase}: switchyard logged ${n}x: ${text}`);
    }
    if (r.latency.missingSample.length) say(`R${r.replicas}: never logged (first ${r.latency.missingSample.length}): ${r.latency.missingSample.join(', ')}`);
  }
  const file = writeResults({
    benchmark: 'jetstream',
    time: new Date().toISOString(),
    machine,
    settings: { tool, connections, durationS, rate, warmupS, inFlight, rounds, placement, replicas: replicaSet, bodyBytes: taggedBody('tp', 0).length, cluster: '3 nats-server nodes on 127.0.0.1' },
    results,
    checks,
  });
  process.stdout.write(`\nresults: ${file}\n`);
  return checks.noSocketErrorsOrTimeouts && checks.everyAcceptedEventLogged ? 0 : 1;
}

runMain(main, say);
