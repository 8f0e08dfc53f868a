/**
 * `switchyard run` as a long-running child process, an event posted over HTTP, then `switchyard get workflows`
 * from a second process reading the same data dir, while run is up and after a graceful SIGTERM shutdown.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runSwitchyardCli } from '../helpers/cli.ts';
import { spawnSwitchyard, waitForOutput, type SwitchyardProcess } from '../helpers/child.ts';
import { portIsFree } from '../helpers/port-check.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';

const manifests = (port: number): string => `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: orders}
spec:
  webhook:
    created: {port: "${port}", endpoint: /orders, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: order-workflows, namespace: shop}
spec:
  dependencies:
    - {name: order, eventSourceName: orders, eventName: created}
  triggers:
    - template:
        name: process-order
        argoWorkflow:
          operation: submit
          source:
            resource:
              apiVersion: argoproj.io/v1alpha1
              kind: Workflow
              metadata: {generateName: process-order-}
              spec:
                workflowTemplateRef: {name: process-order}
                arguments:
                  parameters:
                    - {name: order-id, value: none}
                    - {name: customer, value: none}
          parameters:
            - src: {dependencyName: order, dataKey: body.id}
              dest: spec.arguments.parameters.0.value
            - src: {dependencyName: order, dataKey: body.customer.name}
              dest: spec.arguments.parameters.1.value
`;

interface Workflow {
  metadata: { name: string; generateName: string; namespace: string; labels: Record<string, string> };
  spec: { workflowTemplateRef: { name: string }; arguments: { parameters: { name: string; value: string }[] } };
}

describe('switchyard run, then switchyard get', () => {
  const tmp = tempDir('switchyard-cli-run-get-');
  const dataDir = join(tmp.dir, 'data');
  let port: number;
  let proc: SwitchyardProcess | undefined;

  before(async () => {
    port = await freePort();
    writeFileSync(join(tmp.dir, 'orders.yaml'), manifests(port));
    proc = spawnSwitchyard(['run', join(tmp.dir, 'orders.yaml'), '--data-dir', dataDir]);
    await waitForOutput(proc, 'switchyard running');
  });
  after(async () => {
    if (proc && proc.child.exitCode === null && proc.child.signalCode === null) {
      proc.child.kill('SIGKILL');
      await proc.exited;
    }
    tmp.cleanup();
  });

  const get = (...args: string[]): ReturnType<typeof runSwitchyardCli> => runSwitchyardCli(['get', 'workflows', '--data-dir', dataDir, ...args]);

  test('before any event: get workflows says there are none', async () => {
    const r = await get();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'No workflows.');
  });

  test('a posted event becomes a Workflow that get lists while run is still running', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'ord-7781', customer: { name: 'Ada Lovelace' } }),
    });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'success');

    const table = await waitFor('the workflow in `get workflows`', async () => {
      const r = await get();
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.includes('process-order-') ? r.stdout : undefined;
    });
    const [header, row, ...rest] = table.trim().split('\n');
    assert.equal(rest.length, 0, table);
    assert.match(header!, /^NAMESPACE\s+NAME\s+TEMPLATE\s+SENSOR\/TRIGGER\s+CREATED\s+PARAMETERS$/);
    assert.match(row!, /^shop\s+process-order-[a-z0-9]{5}\s+process-order\s+order-workflows\/process-order\s+\S+\s+/);
    assert.ok(row!.endsWith('order-id=ord-7781 customer=Ada Lovelace'), row);

    const r = await get('-o', 'json');
    assert.equal(r.code, 0, r.stderr);
    const wfs = JSON.parse(r.stdout) as Workflow[];
    assert.equal(wfs.length, 1);
    const wf = wfs[0]!;
    assert.match(wf.metadata.name, /^process-order-[a-z0-9]{5}$/, 'generateName resolved to a name');
    assert.equal(wf.metadata.generateName, 'process-order-');
    assert.equal(wf.metadata.namespace, 'shop', 'namespace defaults to the sensor namespace');
    assert.equal(wf.metadata.labels['events.argoproj.io/sensor'], 'order-workflows');
    assert.equal(wf.metadata.labels['events.argoproj.io/trigger'], 'process-order');
    assert.equal(wf.spec.workflowTemplateRef.name, 'process-order');
    assert.deepEqual(wf.spec.arguments.parameters, [
      { name: 'order-id', value: 'ord-7781' },
      { name: 'customer', value: 'Ada Lovelace' },
    ]);
    assert.ok(table.includes(wf.metadata.name));

    const y = await get('-o', 'yaml');
    assert.equal(y.code, 0, y.stderr);
    assert.ok(y.stdout.includes(`name: ${wf.metadata.name}`), y.stdout);
  });

  test('SIGTERM shuts down gracefully: exit 0, "shutting down" logged, port released, data still readable', async () => {
    const p = proc!;
    p.child.kill('SIGTERM');
    const code = await Promise.race([p.exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 20_000))]);
    assert.equal(code, 0, p.output());
    assert.match(p.output(), /shutting down.*signal=SIGTERM/);
    assert.equal(await portIsFree(port), true);

    const r = await get('-o', 'json');
    assert.equal(r.code, 0, r.stderr);
    const wfs = JSON.parse(r.stdout) as Workflow[];
    assert.equal(wfs.length, 1);
    assert.equal(wfs[0]!.spec.arguments.parameters[0]!.value, 'ord-7781');
  });
});
