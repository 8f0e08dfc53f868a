/**
 * Closed-loop throughput: N connections each send the next request as soon as the previous one is answered.
 * Two drivers with the same result shape: autocannon (npm, runs inside this process) and wrk (C, a child
 * process; it needs less CPU, so on a small machine it leaves more of it to the server under test).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { track } from './children.ts';

export type LoadTool = 'autocannon' | 'wrk';

export interface LoadOptions {
  url: string;
  body: string;
  connections: number;
  durationS: number;
  /** Where wrk's Lua script and body file are written. */
  workDir: string;
}

export interface LoadResult {
  tool: LoadTool;
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  /** All responses per second, whatever their status. */
  reqPerSec: number;
  /** 2xx responses per second: the throughput that counts. */
  okPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

export const WRK = '/usr/bin/wrk';

export function wrkAvailable(): boolean {
  return existsSync(WRK);
}

export async function runLoad(tool: LoadTool, o: LoadOptions): Promise<LoadResult> {
  return tool === 'wrk' ? runWrk(o) : runAutocannon(o);
}

async function runAutocannon(o: LoadOptions): Promise<LoadResult> {
  const r = await autocannon({
    url: o.url,
    method: 'POST',
    body: o.body,
    headers: { 'content-type': 'application/json' },
    connections: o.connections,
    duration: o.durationS,
    timeout: 10,
  });
  return {
    tool: 'autocannon',
    requests: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    durationS: r.duration,
    reqPerSec: r.requests.total / r.duration,
    okPerSec: r['2xx'] / r.duration,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
  };
}

const LUA = `-- written by bench/lib/load.ts
local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
`;

async function runWrk(o: LoadOptions): Promise<LoadResult> {
  if (!wrkAvailable()) throw new Error(`wrk not found at ${WRK}: install it (apt-get install wrk) or use --tool autocannon`);
  const script = join(o.workDir, 'post.lua');
  const bodyFile = join(o.workDir, 'body.json');
  writeFileSync(script, LUA);
  writeFileSync(bodyFile, o.body);
  const threads = Math.max(1, Math.min(2, o.connections));
  const args = ['-t', String(threads), '-c', String(o.connections), '-d', `${o.durationS}s`, '--latency', '--timeout', '10s', '-s', script, o.url];
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(WRK, args, { env: { ...process.env, BENCH_BODY_FILE: bodyFile }, stdio: ['ignore', 'pipe', 'pipe'] });
    track(p);
    let text = '';
    p.stdout.on('data', (c: Buffer) => (text += c.toString()));
    p.stderr.on('data', (c: Buffer) => (text += c.toString()));
    p.once('error', reject);
    p.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))));
  });
  return parseWrk(out, o.durationS);
}

function ms(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n;
}

/** Reads wrk's text summary. */
export function parseWrk(out: string, durationS: number): LoadResult {
  const num = (re: RegExp): number => Number(re.exec(out)?.[1] ?? 0);
  const total = /(\d+) requests in ([\d.]+)(ms|s|m)/.exec(out);
  if (!total) throw new Error(`cannot read wrk's output:\n${out}`);
  const requests = Number(total[1]);
  const secs = ms(total[2]!, total[3]!) / 1000 || durationS;
  const non2xx = num(/Non-2xx or 3xx responses: (\d+)/);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const pct = (p: string): number => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? ms(m[1]!, m[2]!) : Number.NaN;
  };
  return {
    tool: 'wrk',
    requests,
    ok: requests - non2xx,
    non2xx,
    errors: sock ? Number(sock[1]) + Number(sock[2]) + Number(sock[3]) : 0,
    timeouts: sock ? Number(sock[4]) : 0,
    durationS: secs,
    reqPerSec: requests / secs,
    okPerSec: (requests - non2xx) / secs,
    latencyP50Ms: pct('50'),
    latencyP99Ms: pct('99'),
  };
}
