/** `switchyard run PATH... [--data-dir DIR] [--secrets-dir DIR] [--log-level LEVEL]` */
import { resolve } from 'node:path';
import { log, setLogLevel, type LogLevel } from '../observe/log.ts';
import { startStandalone } from '../runtime/standalone.ts';
import { flagString, parseArgs } from './args.ts';
import type { Output } from './output.ts';

export async function runCommand(args: string[], out: Output): Promise<number> {
  const p = parseArgs(args, { values: ['data-dir', 'secrets-dir', 'log-level'], booleans: [] });
  if (p.positionals.length === 0) {
    out.stderr('usage: switchyard run PATH... [--data-dir DIR] [--secrets-dir DIR] [--log-level debug|info|warn|error]');
    return 2;
  }
  const level = flagString(p, 'log-level');
  if (level) setLogLevel(level as LogLevel);
  const dataDir = resolve(flagString(p, 'data-dir') ?? process.env['SWITCHYARD_DATA_DIR'] ?? '.switchyard');
  const secretsDir = flagString(p, 'secrets-dir') ?? process.env['SWITCHYARD_SECRETS_DIR'];
  const running = await startStandalone({ paths: p.positionals, dataDir, ...(secretsDir ? { secretsDir } : {}), log });
  await new Promise<void>((done) => {
    let stopping = false;
    const onSignal = (sig: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      log.info('shutting down', { signal: sig });
      running.stop().then(done, (err: unknown) => {
        log.error('shutdown failed', { err });
        done();
      });
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  return 0;
}
