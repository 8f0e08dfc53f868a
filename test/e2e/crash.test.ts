/**
 * Crash safety: `switchyard run` as a child process takes 5,000 webhook events from many connections, is killed
 * with SIGKILL midway and restarted. Every event that got a 2xx must reach its trigger (an HTTP sink in this
 * process) at least once.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startHttpSink } from '../helpers/http-sink.ts';
import { spawnSwitchyard, waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';

const TOTAL = 5000;
const CONNECTIONS = 32;

test('every event acknowledged with 2xx reaches its trigger across a kill -9', { timeout: 240_000 }, async () => {
  const tmp = tempDir();
  const sink = await startHttpSink();
  const port = await freePort();
  let proc: SwitchyardProcess | undefined;
  after(async () => {
    proc?.child.kill('SIGKILL');
    await sink.close();
    tmp.cleanup();
  });
  writeFileSync(
    join(tmp.dir, 'pipeline.yaml'),
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: crash}
spec:
  webhook:
    ingest: {port: "${port}", endpoint: /ingest, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: crash}
spec:
  dependencies:
    - {name: dep, eventSourceName: crash, eventName: ingest}
  triggers:
    - template:
        name: forward
        http:
          url: ${sink.url}/got
          payload:
            - src: {dependencyName: dep, dataKey: body.n}
              dest: n
      retryStrategy: {steps: 10, duration: 50ms}
`,
  );
  const args = ['run', tmp.dir, '--data-dir', join(tmp.dir, 'data')];
  const start = async (): Promise<SwitchyardProcess> => {
    const p = spawnSwitchyard(args, { SWITCHYARD_LOG_LEVEL: 'info' });
    await waitForOutput(p, 'switchyard running');
    return p;
  };
  proc = await start();

  const acked = new Set<number>();
  let next = 0;
  let killed = false;
  let restarting: Promise<void> | undefined;
  const send = async (n: number): Promise<boolean> => {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n }) });
      await res.arrayBuffer();
      if (res.status === 200) acked.add(n);
      return res.status === 200;
    } catch {
      return false;
    }
  };
  const worker = async (): Promise<void> => {
    while (next < TOTAL) {
      const n = next++;
      if (!killed && n === TOTAL / 2) {
        killed = true;
        proc!.child.kill('SIGKILL');
        restarting = proc!.exited.then(async () => {
          proc = await start();
        });
      }
      let ok = await send(n);
      // A request refused while the process is down is retried after the restart, as a real sender would.
      while (!ok && restarting) {
        await restarting;
        ok = await send(n);
        if (!ok) await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  assert.ok(killed, 'the process was killed midway');
  assert.ok(acked.size >= TOTAL * 0.9, `most events were acknowledged (${acked.size})`);

  const seen = (): Set<number> => new Set(sink.requests.map((r) => (JSON.parse(r.body) as { n: string }).n).map(Number));
  await waitFor(
    'every acknowledged event at the trigger',
    () => {
      const s = seen();
      for (const n of acked) if (!s.has(n)) return undefined;
      return true;
    },
    120_000,
  ).catch((err: Error) => {
    const s = seen();
    const missing = [...acked].filter((n) => !s.has(n));
    throw new Error(`${err.message}: ${missing.length} of ${acked.size} acknowledged events never reached the trigger, e.g. ${missing.slice(0, 10).join(',')}`);
  });
  const s = seen();
  for (const n of acked) assert.ok(s.has(n), `event ${n} reached the trigger`);
});
