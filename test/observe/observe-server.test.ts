import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricsRegistry } from '../../src/observe/metrics.ts';
import { startObserveServer } from '../../src/runtime/observe-server.ts';

test('/metrics, /healthz and /readyz over real HTTP', async () => {
  const metrics = new MetricsRegistry();
  metrics.inc('argo_events_action_triggered_total', 'Actions triggered.', { sensor_name: 's', trigger_name: 't' });
  let reason: string | undefined = 'not connected to the bus';
  const srv = await startObserveServer({ port: 0, host: '127.0.0.1', metrics, notReady: () => reason });
  try {
    const base = `http://127.0.0.1:${srv.port}`;
    const m = await fetch(`${base}/metrics`);
    assert.equal(m.status, 200);
    assert.match(await m.text(), /argo_events_action_triggered_total\{sensor_name="s",trigger_name="t"\} 1/);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const notReady = await fetch(`${base}/readyz`);
    assert.equal(notReady.status, 503);
    assert.match(await notReady.text(), /not connected to the bus/);
    reason = undefined;
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    assert.equal((await fetch(`${base}/other`)).status, 404);
  } finally {
    await srv.close();
  }
});
