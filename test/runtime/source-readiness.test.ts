/** /readyz reports a resource source that cannot reach its API server, naming the server; it recovers when it can. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { logger, setLogSink } from '../../src/observe/log.ts';
import { startRuntime, type Runtime } from '../../src/runtime/runtime.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';

test('a resource source whose API server is unreachable keeps the process not ready, with the reason', async () => {
  const tmp = tempDir();
  let rt: Runtime | undefined;
  setLogSink(() => undefined);
  after(async () => {
    await rt?.stop();
    setLogSink((l) => process.stderr.write(l + '\n'));
    tmp.cleanup();
  });
  const port = await freePort(); // nothing listens there
  const kubeconfig = join(tmp.dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: t}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`,
  );
  writeFileSync(
    join(tmp.dir, 'es.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: orgs}
spec:
  resource:
    organizations: {group: resourcemanager.miloapis.com, version: v1alpha1, resource: organizations, eventTypes: [ADD]}
`,
  );
  rt = await startRuntime({ paths: [join(tmp.dir, 'es.yaml')], dataDir: join(tmp.dir, 'data'), kubeconfig, log: logger(), select: { what: 'eventsource', name: 'orgs' }, metricsPort: 0 });
  const res = await waitFor('a 503 from /readyz', async () => {
    const r = await fetch(`http://127.0.0.1:${rt!.metricsPort}/readyz`);
    return r.status === 503 ? r : undefined;
  });
  const text = await res.text();
  assert.match(text, /event source orgs/);
  assert.match(text, new RegExp(`127\\.0\\.0\\.1:${port}`));
  assert.equal((await fetch(`http://127.0.0.1:${rt.metricsPort}/healthz`)).status, 200, 'alive while not ready');
});
