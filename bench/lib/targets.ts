/** Starts the two servers under test as child processes: the bare baseline and `switchyard run`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChild, type Child } from './children.ts';
import { freePort } from './ports.ts';

const ROOT = join(import.meta.dirname, '../..');
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
    args: ['--import', 'tsx', join(ROOT, 'bench/baseline-server.ts'), String(port)],
    cwd: ROOT,
    logFile: join(dir, 'baseline.log'),
    readyText: 'baseline listening',
  });
  return { name: 'baseline', url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, child };
}

/** A webhook EventSource, and a Sensor with one dependency on it and one log trigger. */
function manifests(port: number): { 'eventsource.yaml': string; 'sensor.yaml': string } {
  return {
    'eventsource.yaml': `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: bench-alertmanager
spec:
  webhook:
    alerts:
      port: "${port}"
      endpoint: ${WEBHOOK_PATH}
      method: POST
`,
    'sensor.yaml': `apiVersion: argoproj.io/v1alpha1
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
`,
  };
}

/** `switchyard run` from the TypeScript sources, with a fresh data dir; its log (stderr) goes to DIR/switchyard.log. */
export async function startSwitchyard(dir: string): Promise<Target> {
  const manifestDir = join(dir, 'manifests');
  mkdirSync(manifestDir, { recursive: true });
  const port = await freePort();
  for (const [file, text] of Object.entries(manifests(port))) writeFileSync(join(manifestDir, file), text);
  const child = await startChild({
    name: 'switchyard run',
    command: process.execPath,
    args: ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts'), 'run', manifestDir, '--data-dir', join(dir, 'data')],
    cwd: ROOT,
    env: { SWITCHYARD_LOG_LEVEL: 'info', SWITCHYARD_LOG_FORMAT: 'text' },
    logFile: join(dir, 'switchyard.log'),
    readyText: 'switchyard running',
    readyTimeoutMs: 60_000,
  });
  return { name: 'switchyard', url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, child };
}
