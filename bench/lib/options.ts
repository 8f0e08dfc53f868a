/** Checks of the benchmarks' command-line options: each bad value stops the run with what to write instead. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atExit } from './children.ts';
import { wrkAvailable, type LoadTool } from './load.ts';

/** `value` as a number of at least `min`. */
export function numberOption(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!(n >= min)) throw new Error(`--${name} must be a number >= ${min}, not ${value}`);
  return n;
}

/** --tool: wrk or autocannon; unset, wrk when /usr/bin/wrk exists. */
export function loadToolOption(value: string | undefined): LoadTool {
  if (value === undefined) return wrkAvailable() ? 'wrk' : 'autocannon';
  if (value === 'wrk' || value === 'autocannon') return value;
  throw new Error(`--tool must be autocannon or wrk, not ${value}`);
}

/** The options every benchmark takes (parseArgs specs); a benchmark adds its own beside them. */
export const COMMON_OPTIONS = {
  duration: { type: 'string', default: '10' },
  connections: { type: 'string', default: '64' },
  rate: { type: 'string', default: '1000' },
  warmup: { type: 'string', default: '2' },
  rounds: { type: 'string', default: '3' },
  tool: { type: 'string' },
  keep: { type: 'boolean', default: false },
} as const;

export interface CommonSettings {
  durationS: number;
  connections: number;
  rate: number;
  warmupS: number;
  rounds: number;
  tool: LoadTool;
}

/** COMMON_OPTIONS' values, checked. */
export function commonSettings(opt: { duration: string; connections: string; rate: string; warmup: string; rounds: string; tool?: string | undefined }): CommonSettings {
  return {
    durationS: numberOption('duration', opt.duration, 1),
    connections: numberOption('connections', opt.connections, 1),
    rate: numberOption('rate', opt.rate, 1),
    warmupS: numberOption('warmup', opt.warmup, 0),
    rounds: numberOption('rounds', opt.rounds, 1),
    tool: loadToolOption(opt.tool),
  };
}

/** A fresh temp dir for the run, removed when the process exits unless --keep. */
export function runTempDir(prefix: string, keep: boolean, say: (msg: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  atExit(() => {
    if (keep) say(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
