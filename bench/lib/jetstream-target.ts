/**
 * What the JetStream benchmark runs against the cluster: `switchyard run` (the same webhook EventSource and
 * log-trigger Sensor as the embedded benchmark, plus a `jetstreamExotic` EventBus naming the cluster's servers
 * and the replicas), and the least pipeline (bench/least-pipeline.mjs) beside it.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startChild } from './children.ts';
import { ROOT, startSwitchyard, WEBHOOK_PATH, type Target } from './targets.ts';
import { freePort } from '../../test/helpers/ports.ts';

/** Starts one pipeline on the given servers, with its log (where the log lines land) under dir. */
export type StartPipeline = (dir: string, urls: readonly string[], replicas: number) => Promise<Target>;

function eventBus(urls: readonly string[], replicas: number): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata:
  name: default
spec:
  jetstreamExotic:
    url: ${urls.join(',')}
    streamConfig: |
      replicas: ${replicas}
`;
}

/** Starts `switchyard run` on the cluster; its log goes to DIR/switchyard.log. */
export function startJetStreamSwitchyard(dir: string, urls: readonly string[], replicas: number): Promise<Target> {
  return startSwitchyard({ dir, name: `switchyard R${replicas}`, extraManifests: eventBus(urls, replicas) });
}

/** The stream the least pipeline uses: Switchyard's settings under another name. */
export const LEAST_STREAM = 'least';

/** Starts the least pipeline on the cluster; its log lines go to DIR/least-pipeline.log. */
export async function startLeastPipeline(dir: string, urls: readonly string[], replicas: number): Promise<Target> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = await startChild({
    name: `least pipeline R${replicas}`,
    command: process.execPath,
    args: [join(ROOT, 'bench/least-pipeline.mjs'), String(port), LEAST_STREAM, String(replicas), urls.join(',')],
    cwd: ROOT,
    logFile: join(dir, 'least-pipeline.log'),
    readyText: 'least pipeline listening',
  });
  return { name: 'least pipeline', url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`, child };
}
