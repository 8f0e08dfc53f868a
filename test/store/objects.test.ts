import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateName, openObjectStore, type ObjectStore } from '../../src/store/objects.ts';
import { isSwitchyardError } from '../../src/errors.ts';

async function withStore(fn: (store: ObjectStore, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-objects-'));
  const store = await openObjectStore(dir);
  try {
    await fn(store, dir);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const code = (c: string) => (err: unknown): boolean => isSwitchyardError(err) && err.code === c;

function workflow(metadata: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata, spec: { entrypoint: 'main' } };
}

describe('object store', () => {
  test('generateName appends five characters from the Kubernetes alphabet', () => {
    for (let i = 0; i < 200; i++) {
      const name = generateName('remediate-');
      assert.match(name, /^remediate-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    }
    assert.equal(generateName('x'.repeat(80)).length, 63);
  });

  test('create resolves generateName and adds uid and creationTimestamp', () =>
    withStore(async (store) => {
      const input = workflow({ generateName: 'alert-', namespace: 'ops', labels: { a: 'b' } });
      const stored = await store.create(input);
      assert.match(stored.name, /^alert-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      assert.equal(stored.kind, 'Workflow');
      assert.equal(stored.apiVersion, 'argoproj.io/v1alpha1');
      assert.equal(stored.namespace, 'ops');
      const meta = stored.object['metadata'] as Record<string, unknown>;
      assert.equal(meta['name'], stored.name);
      assert.match(String(meta['uid']), /^[0-9a-f-]{36}$/);
      assert.match(String(meta['creationTimestamp']), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(stored.createdAt, meta['creationTimestamp']);
      assert.deepEqual(meta['labels'], { a: 'b' });
      assert.equal((input['metadata'] as Record<string, unknown>)['name'], undefined, 'the caller object is not changed');
      assert.deepEqual(await store.get('Workflow', 'ops', stored.name), stored);
    }));

  test('create refuses an existing kind/namespace/name with OBJECT_EXISTS; other namespaces and kinds are separate', () =>
    withStore(async (store) => {
      await store.create(workflow({ name: 'w1', namespace: 'a' }));
      await assert.rejects(() => store.create(workflow({ name: 'w1', namespace: 'a' })), code('OBJECT_EXISTS'));
      await store.create(workflow({ name: 'w1', namespace: 'b' }));
      await store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1', namespace: 'a' } });
      const results = await Promise.allSettled([1, 2, 3].map(() => store.create(workflow({ name: 'race', namespace: 'a' }))));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'concurrent creates of one name: exactly one wins');
      assert.equal((await store.list()).length, 4);
    }));

  test('put creates or replaces, keeping uid and creation order', () =>
    withStore(async (store) => {
      const first = await store.put(workflow({ name: 'one', namespace: 'x' }));
      await store.put(workflow({ name: 'two', namespace: 'x' }));
      const replaced = await store.put({ ...workflow({ name: 'one', namespace: 'x' }), spec: { entrypoint: 'other' } });
      const meta = (o: Record<string, unknown>): Record<string, unknown> => o['metadata'] as Record<string, unknown>;
      assert.equal(meta(replaced.object)['uid'], meta(first.object)['uid']);
      assert.deepEqual(replaced.object['spec'], { entrypoint: 'other' });
      assert.deepEqual((await store.list('Workflow')).map((o) => o.name), ['one', 'two']);
    }));

  test('list is ordered by creation and filters by kind; delete removes', () =>
    withStore(async (store) => {
      for (const n of ['c', 'a', 'b']) await store.create(workflow({ name: n, namespace: 'ns' }));
      await store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
      assert.deepEqual((await store.list('Workflow')).map((o) => o.name), ['c', 'a', 'b']);
      assert.deepEqual((await store.list()).map((o) => o.name), ['c', 'a', 'b', 'cm']);
      assert.deepEqual((await store.list('ConfigMap')).map((o) => o.namespace), ['']);
      assert.equal(await store.delete('Workflow', 'ns', 'a'), true);
      assert.equal(await store.delete('Workflow', 'ns', 'a'), false);
      assert.equal(await store.get('Workflow', 'ns', 'a'), undefined);
      assert.deepEqual((await store.list('Workflow')).map((o) => o.name), ['c', 'b']);
    }));

  test('objects without kind, apiVersion or a name are refused as poison', () =>
    withStore(async (store) => {
      const poison = (err: unknown): boolean => isSwitchyardError(err) && err.code === 'OBJECT_INVALID' && err.errorClass === 'poison';
      await assert.rejects(() => store.create({ kind: 'Workflow', metadata: { name: 'x' } }), poison);
      await assert.rejects(() => store.create({ apiVersion: 'v1', metadata: { name: 'x' } }), poison);
      await assert.rejects(() => store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }), poison);
    }));

  test('data survives close and reopen; a read-only store refuses writes; a missing one is reported', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-objects-'));
    try {
      await assert.rejects(() => openObjectStore(dir, { readOnly: true }), code('OBJECT_STORE_MISSING'));
      const store = await openObjectStore(dir);
      const made = await store.create(workflow({ generateName: 'keep-', namespace: 'ns' }));
      await store.close();
      const again = await openObjectStore(dir, { readOnly: true });
      assert.deepEqual(await again.get('Workflow', 'ns', made.name), made);
      await assert.rejects(() => again.create(workflow({ name: 'no' })), code('OBJECT_STORE_READONLY'));
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a second process reads the store while this one writes', () =>
    withStore(async (store, dir) => {
      const total = 40;
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./reader-child.ts', import.meta.url)), dir, String(total)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      const seen: Array<{ count: number; last?: string; data?: Record<string, string> }> = [];
      let ready!: () => void;
      const isReady = new Promise<void>((r) => (ready = r));
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line === 'ready') ready();
        else seen.push(JSON.parse(line) as { count: number; last?: string; data?: Record<string, string> });
      });
      await isReady;
      for (let i = 0; i < total; i++) {
        await store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'ns' }, data: { i: String(i) } });
        await new Promise((r) => setTimeout(r, 15));
      }
      assert.equal(await exited, 0);
      const counts = seen.map((s) => s.count);
      assert.equal(counts[counts.length - 1], total, 'the reader saw every object');
      assert.ok(counts.filter((c) => c > 0 && c < total).length >= 3, `the reader saw the store grow while it was written: ${counts.join(',')}`);
      const last = seen[seen.length - 1]!;
      assert.equal(last.last, `cm-${total - 1}`);
      assert.deepEqual(last.data, { i: String(total - 1) });
    }));
});
