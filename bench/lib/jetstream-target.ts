/**
 * `switchyard run` on JetStream for the benchmark: the same webhook EventSource and log-trigger Sensor as
 * the embedded benchmark, plus a `jetstreamExotic` EventBus naming the cluster's servers and the replicas.
 */
import { startSwitchyard, type Target } from './targets.ts';

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
