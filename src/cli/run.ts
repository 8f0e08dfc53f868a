/** `switchyard run PATH... [--bus URL] [--metrics-port N] [--data-dir DIR] [--secrets-dir DIR] [--log-level LEVEL]` */
import { log } from '../observe/log.ts';
import { runUntilSignal } from '../runtime/lifecycle.ts';
import { startStandalone } from '../runtime/standalone.ts';
import { parseArgs } from './args.ts';
import type { Output } from './output.ts';
import { PROCESS_VALUE_FLAGS, processFlags } from './process-flags.ts';

export async function runCommand(args: string[], out: Output): Promise<number> {
  const p = parseArgs(args, { values: PROCESS_VALUE_FLAGS, booleans: [] });
  if (p.positionals.length === 0) {
    out.stderr('usage: switchyard run PATH... [--bus nats://HOST:PORT] [--metrics-port N] [--data-dir DIR] [--secrets-dir DIR] [--log-level debug|info|warn|error]');
    return 2;
  }
  const flags = processFlags(p, undefined);
  return runUntilSignal((signal) => startStandalone({ paths: p.positionals, ...flags, log, signal }), log);
}
