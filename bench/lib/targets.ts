/**
 * Starts the servers under test as child processes: the bare baseline and `switchyard run`.
 * Switchyard runs as `npx switchyard` runs it: the `switchyard` command (bin/switchyard, which starts node on
 * the built CLI with the flags it picks for the machine); `npm run bench*` builds the CLI first.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, type Child } from './children.ts';
import { freePort } from '../../test/helpers/ports.ts';

export const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/switchyard');
export const WEBHOOK_PATH = '/alerts';

export interface Target {
  name: string;
  url: string;
  child: Child;
}

export async function startBaseline(dir: string): Promise<Target> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = await startChild({
    name: 'baseline server',
    command: process.execPath,
    args: [join(ROOT, 'bench/baseline-server.mjs'), String(port)],
    cwd: ROOT,
    logFile: join(dir, 'baseline.log'),
    readyText: 'baseline listening',
  });
  return { name: 'baseline', url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, child };
}

/** The benchmarked pipeline: a webhook EventSource, and a Sensor with one dependency on it and one log trigger. */
export function pipelineManifests(port: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: bench-alertmanager
spec:
  webhook:
    alerts:
      port: "${port}"
      endpoint: ${WEBHOOK_PATH}
      method: POST
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: bench-log
spec:
  dependencies:
    - name: alert
      eventSourceName: bench-alertmanager
      eventName: alerts
  triggers:
    - template:
        name: log-alert
        log: {}
`;
}

export interface SwitchyardOptions {
  /** Working directory: manifests, data and the log (stderr) go under it. */
  dir: string;
  name: string;
  /** YAML documents run beside the pipeline (an EventBus, say). */
  extraManifests?: string;
}

/** `switchyard run` on the pipeline with a fresh data dir; its log goes to DIR/switchyard.log. */
export async function startSwitchyard(o: SwitchyardOptions): Promise<Target> {
  if (!existsSync(join(ROOT, 'dist/cli/bin.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  const manifestDir = join(o.dir, 'manifests');
  mkdirSync(manifestDir, { recursive: true });
  const port = await freePort();
  const docs = [o.extraManifests, pipelineManifests(port)].filter((d) => d !== undefined).join('---\n');
  writeFileSync(join(manifestDir, 'pipeline.yaml'), docs);
  const child = await startChild({
    name: o.name,
    command: CLI,
    args: ['run', manifestDir, '--data-dir', join(o.dir, 'data')],
    cwd: ROOT,
    env: { SWITCHYARD_LOG_LEVEL: 'info', SWITCHYARD_LOG_FORMAT: 'text' },
    logFile: join(o.dir, 'switchyard.log'),
    readyText: 'switchyard running',
    readyTimeoutMs: 60_000,
  });
  return { name: o.name, url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, child };
}
