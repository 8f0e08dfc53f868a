/**
 * `npm run bench`: Switchyard's webhook -> embedded bus -> sensor -> log trigger pipeline against a bare
 * node:http server, both measured in this run on this machine. See docs/benchmarks.md.
 *
 * Options: --duration S (10)  --connections N (64)  --rate R (1000)  --warmup S (2)  --rounds N (3)
 *          --tool autocannon|wrk (wrk when /usr/bin/wrk exists)  --keep (keep the temp dir and logs)
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad, type LoadResult } from './lib/load.ts';
import { COMMON_OPTIONS, commonSettings, runTempDir } from './lib/options.ts';
import { deliveries, LogTail, loggedRate, waitForLogged, type LoggedRate } from './lib/log-tail.ts';
import { openLoop, type OpenLoopResult } from './lib/open-loop.ts';
import { taggedBody } from './lib/payload.ts';
import { fmt, machineInfo, runMain, sayer, table, writeResults, type Row } from './lib/report.ts';
import { medianBy, summarize, type Summary } from './lib/stats.ts';
import { startBaseline, startSwitchyard, type Target } from './lib/targets.ts';

const { values: opt } = parseArgs({ options: COMMON_OPTIONS });
const { durationS, connections, rate, warmupS, rounds, tool } = commonSettings(opt);
const say = sayer('bench');
const tmp = runTempDir('switchyard-bench-', opt.keep, say);

interface Round {
  baseline: LoadResult;
  switchyard: LoadResult;
  /** How fast the log trigger wrote the events Switchyard accepted. */
  pipeline: LoggedRate;
  ratio: number;
}

/** Closed-loop load on the baseline, then on Switchyard, waiting until Switchyard logged what it accepted. */
async function throughputRound(n: number, base: Target, sy: Target, tail: LogTail, dir: string): Promise<Round> {
  const baseline = await runLoad(tool, { url: base.url, body: taggedBody(`round${n}-base`, 0), connections, durationS, workDir: dir });
  const id = `round${n}`;
  const loadStart = Date.now();
  const switchyard = await runLoad(tool, { url: sy.url, body: taggedBody(id, 0), connections, durationS, workDir: dir });
  const loadEnd = Date.now();
  const logged = await waitForLogged(tail, id, switchyard.ok, 15_000, 120_000);
  const pipeline = loggedRate(tail, id, logged, loadStart, loadEnd);
  say(`round ${n}: baseline ${Math.round(baseline.okPerSec)}/s, switchyard ${Math.round(switchyard.okPerSec)}/s (${fmt((switchyard.okPerSec / baseline.okPerSec) * 100)} %), ${logged} logged`);
  return { baseline, switchyard, pipeline, ratio: switchyard.okPerSec / baseline.okPerSec };
}

/**
 * Both servers run side by side; each round loads the baseline and then Switchyard, so the two figures of a
 * round see the machine in the same state. The machine's speed drifts between rounds (a shared VM): the
 * median round is the one reported.
 */
async function throughput(): Promise<{ rounds: Round[]; median: Round; problems: Record<string, number> }> {
  const dir = join(tmp, 'throughput');
  const base = await startBaseline(join(dir, 'baseline'));
  try {
    const sy = await startSwitchyard({ dir: join(dir, 'switchyard'), name: 'switchyard run' });
    try {
      const tail = new LogTail(sy.child.logFile);
      if (warmupS > 0) {
        const warmConnections = Math.min(16, connections);
        await runLoad(tool, { url: base.url, body: taggedBody('warm-base', 0), connections: warmConnections, durationS: warmupS, workDir: dir });
        const warm = await runLoad(tool, { url: sy.url, body: taggedBody('warm', 0), connections: warmConnections, durationS: warmupS, workDir: dir });
        say(`warm-up: ${warm.ok} events accepted; waiting for them to be logged`);
        await waitForLogged(tail, 'warm', warm.ok, 10_000);
      }
      const all: Round[] = [];
      for (let n = 1; n <= rounds; n++) all.push(await throughputRound(n, base, sy, tail, dir));
      tail.close();
      return { rounds: all, median: medianBy(all, (r) => r.ratio), problems: Object.fromEntries(tail.problems) };
    } finally {
      await sy.child.stop();
    }
  } finally {
    await base.child.stop();
  }
}

interface Latency {
  sender: Omit<OpenLoopResult, 'acceptMs'>;
  acceptMs: Summary;
  endToEndMs: Summary;
  /** End-to-end p99 of the events sent in each second of the run: shows whether slow events cluster. */
  endToEndP99BySecondMs: number[];
  logged: number;
  duplicates: number;
  missing: number;
  missingSample: string[];
}

/** Open-loop sends at `rate`/s; end-to-end = log line time - send time, per unique event id. */
async function latencyAtRate(t: Target, tail: LogTail | undefined, prefix: string): Promise<Latency> {
  const r = await openLoop({ url: t.url, rate, durationMs: durationS * 1000, body: (i, sentAt) => taggedBody(`${prefix}${i}`, sentAt) });
  const { acceptMs, ...sender } = r;
  const out: Latency = { sender, acceptMs: summarize(acceptMs), endToEndMs: summarize([]), endToEndP99BySecondMs: [], logged: 0, duplicates: 0, missing: 0, missingSample: [] };
  if (!tail) return out;
  await waitForLogged(tail, prefix, r.ok, 10_000, 60_000);
  const d = deliveries(tail, prefix, r.sent);
  Object.assign(out, { logged: d.logged, duplicates: d.duplicates, missing: d.missing, missingSample: d.missingSample, endToEndMs: summarize([...d.firstMs.values()]) });
  const bySecond: number[][] = [];
  for (const [id, ms] of d.firstMs) (bySecond[Math.floor(Number(id.slice(prefix.length)) / rate)] ??= []).push(ms);
  out.endToEndP99BySecondMs = [...bySecond].map((v) => Math.round(summarize(v ?? []).p99 * 100) / 100);
  return out;
}

async function switchyardLatency(): Promise<{ latency: Latency; problems: Record<string, number> }> {
  const dir = join(tmp, 'switchyard-latency');
  const t = await startSwitchyard({ dir, name: 'switchyard run' });
  try {
    const tail = new LogTail(t.child.logFile);
    if (warmupS > 0) {
      const warm = await openLoop({ url: t.url, rate, durationMs: warmupS * 1000, body: (i, sentAt) => taggedBody(`warm-${i}`, sentAt) });
      await waitForLogged(tail, 'warm-', warm.ok, 10_000);
    }
    const latency = await latencyAtRate(t, tail, 'lat-');
    tail.close();
    return { latency, problems: Object.fromEntries(tail.problems) };
  } finally {
    await t.child.stop();
  }
}

async function main(): Promise<number> {
  const machine = machineInfo();
  say(`machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.os}, load ${machine.loadAverage1m}`);
  say(`load tool ${tool}; ${connections} connections x ${durationS}s; latency at ${rate}/s for ${durationS}s; warm-up ${warmupS}s; temp dir ${tmp}`);

  say(`throughput: ${rounds} round(s), each the baseline then Switchyard, both servers running throughout`);
  const tp = await throughput();
  say(`baseline: latency at ${rate}/s`);
  const base = await startBaseline(join(tmp, 'baseline-latency'));
  let baseLat: Latency;
  try {
    baseLat = await latencyAtRate(base, undefined, 'lat-');
  } finally {
    await base.child.stop();
  }
  say(`switchyard: latency at ${rate}/s (fresh process and data dir)`);
  const syLat = await switchyardLatency();

  const { median } = tp;
  const ratio = median.ratio;
  const loads = tp.rounds.flatMap((r) => [r.baseline, r.switchyard]);
  const lat = syLat.latency;
  const checks = {
    throughputRatioAtLeast50pct: ratio >= 0.5,
    endToEndP99Under20ms: lat.endToEndMs.p99 < 20,
    noNon2xx: loads.reduce((n, l) => n + l.non2xx, 0) + baseLat.sender.non2xx + lat.sender.non2xx === 0,
    noSocketErrorsOrTimeouts: loads.every((l) => l.errors === 0 && l.timeouts === 0) && baseLat.sender.errors + lat.sender.errors === 0,
    everyAcceptedEventLogged: tp.rounds.every((r) => r.pipeline.logged >= r.switchyard.ok) && lat.missing === 0,
  };
  const baseTp = median.baseline;
  const sy = { load: median.switchyard, pipeline: median.pipeline, problems: tp.problems };

  const rows: Row[] = [
    [`Throughput (${tool}, ${connections} connections, ${durationS}s, ${taggedBody('tp', 0).length}-byte Alertmanager body; the median of ${rounds} round(s))`, ''],
    ...tp.rounds.map((r, i): Row => [`round ${i + 1}`, `baseline ${fmt(r.baseline.okPerSec, 0)}/s, switchyard ${fmt(r.switchyard.okPerSec, 0)}/s, ratio ${fmt(r.ratio * 100)} %, logged ${fmt(r.pipeline.deliveredPerSec, 0)}/s`]),
    ['baseline 2xx/s', `${fmt(baseTp.okPerSec, 0)}   (p50 ${fmt(baseTp.latencyP50Ms, 2)} ms, p99 ${fmt(baseTp.latencyP99Ms, 2)} ms)`],
    ['switchyard 2xx/s', `${fmt(sy.load.okPerSec, 0)}   (p50 ${fmt(sy.load.latencyP50Ms, 2)} ms, p99 ${fmt(sy.load.latencyP99Ms, 2)} ms)`],
    ['ratio switchyard/baseline (median round)', `${fmt(ratio * 100)} %   (target >= 50 %)`],
    ['non-2xx / errors / timeouts', `baseline ${baseTp.non2xx}/${baseTp.errors}/${baseTp.timeouts}, switchyard ${sy.load.non2xx}/${sy.load.errors}/${sy.load.timeouts}`],
    // The load tool stops counting with up to `connections` requests in flight, which may still be stored and logged.
    ['switchyard events logged', `${sy.pipeline.logged} (${sy.load.ok} acknowledged, up to ${connections} more in flight at the end)`],
    ['switchyard delivery', `${fmt(sy.pipeline.deliveredPerSec, 0)} events/s logged (${fmt((sy.pipeline.deliveredPerSec / baseTp.okPerSec) * 100)} % of baseline); the last ${fmt(sy.pipeline.drainMs / 1000, 2)} s after the load ended`],
    [`Latency at ${rate} events/s for ${durationS}s (open loop)`, ''],
    ['switchyard end-to-end p50/p99/max', `${fmt(lat.endToEndMs.p50, 2)} / ${fmt(lat.endToEndMs.p99, 2)} / ${fmt(lat.endToEndMs.max, 2)} ms   (target p99 < 20 ms)`],
    ['switchyard accept p50/p99', `${fmt(lat.acceptMs.p50, 2)} / ${fmt(lat.acceptMs.p99, 2)} ms`],
    ['baseline accept p50/p99', `${fmt(baseLat.acceptMs.p50, 2)} / ${fmt(baseLat.acceptMs.p99, 2)} ms`],
    ['end-to-end p99 per second', lat.endToEndP99BySecondMs.map((v) => fmt(v, 1)).join(' ')],
    ['sent / 2xx / logged / duplicates / missing', `${lat.sender.sent} / ${lat.sender.ok} / ${lat.logged} / ${lat.duplicates} / ${lat.missing}`],
    ['non-2xx / errors', `switchyard ${lat.sender.non2xx}/${lat.sender.errors}, baseline ${baseLat.sender.non2xx}/${baseLat.sender.errors}`],
    ['sender max lag behind schedule', `${fmt(lat.sender.maxSendLagMs, 2)} ms (switchyard run), ${fmt(baseLat.sender.maxSendLagMs, 2)} ms (baseline run)`],
    ['Checks', ''],
    ...Object.entries(checks).map(([k, v]): Row => [k, v ? 'ok' : 'MISSED']),
  ];
  process.stdout.write(`\nSwitchyard benchmark — ${machine.cpus} x ${machine.cpuModel}, node ${machine.node}\n${table(rows)}\n`);
  for (const [phase, problems] of [['throughput', sy.problems], ['latency', syLat.problems]] as const) {
    for (const [text, n] of Object.entries(problems).slice(0, 5)) say(`switchyard logged ${n}x during the ${phase} phase: ${text}`);
  }
  if (lat.missingSample.length) say(`never logged (first ${lat.missingSample.length}): ${lat.missingSample.join(', ')}`);

  const file = writeResults({
    time: new Date().toISOString(),
    machine,
    settings: { tool, connections, durationS, rate, warmupS, rounds, bodyBytes: taggedBody('tp', 0).length },
    throughput: {
      rounds: tp.rounds,
      median: { baseline: baseTp, switchyard: sy.load, ratio, deliveredRatio: sy.pipeline.deliveredPerSec / baseTp.okPerSec, pipeline: sy.pipeline },
    },
    latency: { switchyard: lat, baseline: { sender: baseLat.sender, acceptMs: baseLat.acceptMs } },
    checks,
    switchyardWarnings: { throughput: sy.problems, latency: syLat.problems },
  });
  process.stdout.write(`\nresults: ${file}\n`);
  // Targets are reported, not enforced (a 503 under overload is Switchyard's backpressure working);
  // an acknowledged event that was never logged, or a broken connection, fails the run.
  return checks.noSocketErrorsOrTimeouts && checks.everyAcceptedEventLogged ? 0 : 1;
}

runMain(main, say);
