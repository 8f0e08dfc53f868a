/**
 * `switchyard eventsource NAME -f PATH...` and `switchyard sensor NAME -f PATH...`: one EventSource or one
 * Sensor per process, as Argo runs them in their own pods; metrics on :7777 unless --metrics-port says otherwise.
 */
import { log } from '../observe/log.ts';
import { runUntilSignal } from '../runtime/lifecycle.ts';
import { startRuntime } from '../runtime/runtime.ts';
import { parseGoDuration } from '../api/validate/common.ts';
import { SwitchyardError } from '../errors.ts';
import { flagString, parseArgs, type ParsedArgs } from './args.ts';
import type { Output } from './output.ts';
import { PROCESS_VALUE_FLAGS, processFlags, takeFileFlags } from './process-flags.ts';

/** Argo's event source and sensor pods serve metrics on this port. */
export const DEFAULT_METRICS_PORT = 7777;

export function singleResourceCommand(what: 'eventsource' | 'sensor'): (args: string[], out: Output) => Promise<number> {
  const kind = what === 'eventsource' ? 'EventSource' : 'Sensor';
  return async (args, out) => {
    const { files, rest } = takeFileFlags(args);
    const p = parseArgs(rest, { values: [...PROCESS_VALUE_FLAGS, 'lease-ttl'], booleans: [] });
    const [name, ...more] = p.positionals;
    const paths = [...files, ...more];
    if (name === undefined || paths.length === 0) {
      out.stderr(`usage: switchyard ${what} NAME -f PATH... [--bus nats://HOST:PORT] [--metrics-port N] [--data-dir DIR] [--secrets-dir DIR] [--log-level LEVEL] [--lease-ttl DURATION]\n  runs the ${kind} NAME found in the files or folders PATH`);
      return 2;
    }
    const flags = processFlags(p, DEFAULT_METRICS_PORT);
    const leaseTtlMs = leaseTtl(p);
    return runUntilSignal((signal) => startRuntime({ paths, ...flags, ...(leaseTtlMs ? { leaseTtlMs } : {}), log, signal, select: { what, name } }), log);
  };
}

/** --lease-ttl (or SWITCHYARD_LEASE_TTL): how long a replica's leadership lasts without renewal (docs/ha.md). */
function leaseTtl(p: ParsedArgs): number | undefined {
  const text = flagString(p, 'lease-ttl') ?? (process.env['SWITCHYARD_LEASE_TTL'] || undefined);
  if (text === undefined) return undefined;
  const ns = parseGoDuration(text);
  if (ns === undefined || ns < 1e9) throw new SwitchyardError('CLI_ARGS', `--lease-ttl ${JSON.stringify(text)} must be a duration of at least 1s, e.g. 10s`);
  return Math.round(ns / 1e6);
}
