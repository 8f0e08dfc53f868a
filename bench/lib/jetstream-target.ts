/**
 * `switchyard run` on JetStream for the benchmark: the same webhook EventSource and log-trigger Sensor as
 * the embedded benchmark, plus a `jetstreamExotic` EventBus naming the cluster's servers and the replicas.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChild } from './children.ts';
import { freePort } from './ports.ts';
import type { Target } from './targets.ts';

const ROOT = join(import.meta.dirname, '../..');
const PATH = '/alerts';

function manifests(port: number, urls: readonly string[], replicas: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata:
  name: default
spec:
  jetstreamExotic:
    url: ${urls.join(',')}
    streamConfig: |
      replicas: ${replicas}
---
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: bench-alertmanager
spec:
  webhook:
    alerts:
      port: "${port}"
      endpoint: ${PATH}
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

/** Starts `switchyard run DIR/manifests` on the cluster; its log goes to DIR/switchyard.log. */
export async function startJetStreamSwitchyard(dir: string, urls: readonly string[], replicas: number): Promise<Target> {
  const manifestDir = join(dir, 'manifests');
  mkdirSync(manifestDir, { recursive: true });
  const port = await freePort();
  writeFileSync(join(manifestDir, 'pipeline.yaml'), manifests(port, urls, replicas));
  const child = await startChild({
    name: 'switchyard run (JetStream)',
    command: process.execPath,
    args: ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts'), 'run', manifestDir, '--data-dir', join(dir, 'data')],
    cwd: ROOT,
    env: { SWITCHYARD_LOG_LEVEL: 'info', SWITCHYARD_LOG_FORMAT: 'text' },
    logFile: join(dir, 'switchyard.log'),
    readyText: 'switchyard running',
    readyTimeoutMs: 60_000,
  });
  return { name: `switchyard R${replicas}`, url: `http://127.0.0.1:${port}${PATH}`, child };
}
