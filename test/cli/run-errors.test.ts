/**
 * `switchyard run` refusing to start: invalid manifests, a missing path, two event sources on one route,
 * a port held by another process. Each exits 1 with a message naming what to fix and leaves nothing running.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runSwitchyardCli } from '../helpers/cli.ts';
import { occupyPort, portIsFree } from '../helpers/port-check.ts';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';

const webhookSource = (name: string, event: string, port: number, extra = ''): string => `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: ${name}}
spec:
  webhook:
    ${event}: {port: "${port}", endpoint: /hook, method: POST${extra}}
`;

describe('switchyard run refuses to start', () => {
  const tmp = tempDir('switchyard-cli-run-errors-');
  after(() => tmp.cleanup());

  function folder(name: string, files: Record<string, string>): string {
    const dir = join(tmp.dir, name);
    mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
    return dir;
  }

  test('an invalid manifest: exit 1 naming file and field; nothing starts and the port stays free', async () => {
    const port = await freePort();
    // A valid event source and a second one whose method is not an HTTP method: the valid one must not start either.
    const dir = folder('invalid', {
      'good.yaml': webhookSource('good', 'ok', port),
      'broken.yaml': webhookSource('broken', 'bad', await freePort()).replace('method: POST', 'method: FETCH'),
    });
    const dataDir = join(tmp.dir, 'invalid-data');
    const r = await runSwitchyardCli(['run', dir, '--data-dir', dataDir]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /nothing was started/);
    assert.ok(r.stderr.includes(`${join(dir, 'broken.yaml')}:`), r.stderr);
    assert.match(r.stderr, /spec\.webhook\.bad\.method: SY\d+ error: method "FETCH" is not an HTTP method/);
    assert.equal(await portIsFree(port), true, 'the valid event source did not listen');
    assert.equal(existsSync(dataDir), false, 'no data dir was created');
    assert.doesNotMatch(r.stderr, /switchyard running/);
  });

  test('a missing path: exit 1 with a message naming the path', async () => {
    const missing = join(tmp.dir, 'does-not-exist');
    const r = await runSwitchyardCli(['run', missing, '--data-dir', join(tmp.dir, 'missing-data')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(r.stderr.includes(missing), r.stderr);
    assert.match(r.stderr, /no such file or folder; check the path/);
  });

  test('no paths at all: usage and exit 2', async () => {
    const r = await runSwitchyardCli(['run']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /usage: switchyard run PATH/);
  });

  test('two event sources wanting one port and endpoint: exit 1 naming both', async () => {
    const port = await freePort();
    const dir = folder('conflict', {
      'first.yaml': webhookSource('first-source', 'one', port),
      'second.yaml': webhookSource('second-source', 'two', port),
    });
    const r = await runSwitchyardCli(['run', dir, '--data-dir', join(tmp.dir, 'conflict-data')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // The later one is named by its file, document and field, the earlier one by name, event and file.
    assert.ok(r.stderr.includes(`${join(dir, 'second.yaml')}:6: document 1: spec.webhook.two: SY241 error`), r.stderr);
    assert.ok(r.stderr.includes(`port ${port} endpoint /hook is already used by EventSource/first-source webhook.one (${join(dir, 'first.yaml')}:1)`), r.stderr);
    assert.match(r.stderr, /nothing was started/);
    assert.equal(await portIsFree(port), true);
  });

  test('a port held by another process: exit 1 naming the event source that wants it', async () => {
    const port = await freePort();
    const holder = await occupyPort(port);
    try {
      const dir = folder('in-use', { 'es.yaml': webhookSource('wants-busy-port', 'incoming', port) });
      const r = await runSwitchyardCli(['run', dir, '--data-dir', join(tmp.dir, 'in-use-data')]);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /PORT_IN_USE/);
      assert.ok(r.stderr.includes(`port ${port}`), r.stderr);
      assert.match(r.stderr, /event source "wants-busy-port" event "incoming"/);
      assert.match(r.stderr, /already in use by another process/);
    } finally {
      await holder.close();
    }
  });
});
