/** Flags shared by `run`, `eventsource` and `sensor`: where data and secrets live, the bus, metrics, logging. */
import { resolve } from 'node:path';
import { SwitchyardError } from '../errors.ts';
import { setLogLevel, type LogLevel } from '../observe/log.ts';
import { flagString, type ParsedArgs } from './args.ts';

export const PROCESS_VALUE_FLAGS = ['data-dir', 'secrets-dir', 'log-level', 'bus', 'metrics-port', 'kubeconfig'];

export interface ProcessFlags {
  dataDir: string;
  secretsDir?: string;
  busUrl?: string;
  metricsPort?: number;
  /** --kubeconfig (or SWITCHYARD_KUBECONFIG): triggers act on that API server instead of the local store. */
  kubeconfig?: string;
}

const LEVELS: readonly string[] = ['debug', 'info', 'warn', 'error'];

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new SwitchyardError('CLI_ARGS', `--metrics-port ${JSON.stringify(value)} is not a port number (0-65535)`);
  return n;
}

/** Reads the shared flags (and their environment variables); `defaultMetricsPort` undefined means off unless given. */
export function processFlags(p: ParsedArgs, defaultMetricsPort: number | undefined): ProcessFlags {
  const level = flagString(p, 'log-level');
  if (level !== undefined) {
    if (!LEVELS.includes(level)) throw new SwitchyardError('CLI_ARGS', `--log-level ${JSON.stringify(level)} is not one of ${LEVELS.join(', ')}`);
    setLogLevel(level as LogLevel);
  }
  const dataDir = resolve(flagString(p, 'data-dir') ?? process.env['SWITCHYARD_DATA_DIR'] ?? '.switchyard');
  const secretsDir = flagString(p, 'secrets-dir') ?? process.env['SWITCHYARD_SECRETS_DIR'];
  const busUrl = flagString(p, 'bus') ?? (process.env['SWITCHYARD_BUS'] || undefined);
  const kubeconfig = flagString(p, 'kubeconfig') ?? (process.env['SWITCHYARD_KUBECONFIG'] || undefined);
  const portFlag = flagString(p, 'metrics-port');
  const metricsPort = portFlag !== undefined ? port(portFlag) : defaultMetricsPort;
  return {
    dataDir,
    ...(secretsDir ? { secretsDir } : {}),
    ...(busUrl ? { busUrl } : {}),
    ...(metricsPort !== undefined ? { metricsPort } : {}),
    ...(kubeconfig ? { kubeconfig: resolve(kubeconfig) } : {}),
  };
}

/** Takes every `-f PATH` / `--file PATH` out of args (they may repeat), returning the paths and the rest. */
export function takeFileFlags(args: string[]): { files: string[]; rest: string[] } {
  const files: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = /^(?:-f|--file|--filename)=(.*)$/.exec(a);
    if (eq) files.push(eq[1]!);
    else if (a === '-f' || a === '--file' || a === '--filename') {
      const v = args[++i];
      if (v === undefined) throw new SwitchyardError('CLI_ARGS', `${a} needs a file or folder`);
      files.push(v);
    } else rest.push(a);
  }
  return { files, rest };
}
