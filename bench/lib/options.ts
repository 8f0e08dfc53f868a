/** Checks of the benchmarks' command-line options: each bad value stops the run with what to write instead. */
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
