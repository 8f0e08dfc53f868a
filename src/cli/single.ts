/**
 * `switchyard eventsource NAME -f PATH...` and `switchyard sensor NAME -f PATH...`: one EventSource or one
 * Sensor per process, as Argo runs them in their own pods; metrics on :7777 unless --metrics-port says otherwise.
 */
import { log } from '../observe/log.ts';
import { runUntilSignal } from '../runtime/lifecycle.ts';
import { startRuntime } from '../runtime/runtime.ts';
import { parseArgs } from './args.ts';
import type { Output } from './output.ts';
import { PROCESS_VALUE_FLAGS, processFlags, takeFileFlags } from './process-flags.ts';

/** Argo's event source and sensor pods serve metrics on this port. */
export const DEFAULT_METRICS_PORT = 7777;

export function singleResourceCommand(what: 'eventsource' | 'sensor'): (args: string[], out: Output) => Promise<number> {
  const kind = what === 'eventsource' ? 'EventSource' : 'Sensor';
  return async (args, out) => {
    const { files, rest } = takeFileFlags(args);
    const p = parseArgs(rest, { values: PROCESS_VALUE_FLAGS, booleans: [] });
    const [name, ...more] = p.positionals;
    const paths = [...files, ...more];
    if (name === undefined || paths.length === 0) {
      out.stderr(`usage: switchyard ${what} NAME -f PATH... [--bus nats://HOST:PORT] [--metrics-port N] [--data-dir DIR] [--secrets-dir DIR] [--log-level LEVEL]\n  runs the ${kind} NAME found in the files or folders PATH`);
      return 2;
    }
    const flags = processFlags(p, DEFAULT_METRICS_PORT);
    return runUntilSignal((signal) => startRuntime({ paths, ...flags, log, signal, select: { what, name } }), log);
  };
}
