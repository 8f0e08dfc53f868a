import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintCommand, formatFinding } from '../../src/cli/lint.ts';

const ES = `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: hooks}
spec:
  webhook:
    push: {port: "12000", endpoint: /push, method: POST}
`;
const SENSOR = (conditions: string) => `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: on-push}
spec:
  dependencies:
    - {name: push, eventSourceName: hooks, eventName: push}
  triggers:
    - template:
        name: log-it
        conditions: "${conditions}"
        log: {}
`;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await lintCommand(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-lint-'));
  await writeFile(join(dir, 'good.yaml'), `${ES}---\n${SENSOR('push')}---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n`);
  await writeFile(join(dir, 'bad.yaml'), SENSOR('push && push.body.x == 1').replace('on-push', 'on-push-bad'));
});
after(async () => rm(dir, { recursive: true, force: true }));

describe('switchyard lint', () => {
  test('valid manifests: exit 0 and only a one-line summary', async () => {
    const r = await run([join(dir, 'good.yaml')]);
    assert.equal(r.code, 0);
    assert.equal(r.out, 'ok: 1 event source, 1 sensor, 0 event buses, 0 workflow templates (1 document skipped) in 1 file');
    assert.equal(r.err, '');
  });

  test('--verbose lists skipped documents', async () => {
    const r = await run(['--verbose', join(dir, 'good.yaml')]);
    assert.match(r.out, /good\.yaml: document 3: skipped Service: v1 Service is not a resource Switchyard runs/);
  });

  test('errors: exit 1 and file:line: document N: path: CODE', async () => {
    const r = await run([dir]);
    assert.equal(r.code, 1);
    assert.match(r.out, new RegExp(`^${join(dir, 'bad.yaml')}:10: document 1: spec\\.triggers\\[0\\]\\.template\\.conditions: SY312 error: `, 'm'));
    assert.match(r.err, /^failed: 1 error, 0 warnings in 1 event source, 2 sensors/);
  });

  test('--json prints the findings as JSON', async () => {
    const r = await run(['--json', join(dir, 'bad.yaml')]);
    assert.equal(r.code, 1);
    const parsed = JSON.parse(r.out) as { ok: boolean; findings: { code: string; line: number; document: number }[] };
    assert.equal(parsed.ok, false);
    // Sorted by line: the dependency (line 6) before the conditions (line 10).
    assert.deepEqual(parsed.findings.map((f) => [f.code, f.line, f.document]), [['SY361', 6, 0], ['SY312', 10, 0]]);
  });

  test('a bad path is a clear error and exit 1', async () => {
    const r = await run([join(dir, 'missing.yaml')]);
    assert.equal(r.code, 1);
    assert.match(r.err, /SY001 .*missing\.yaml: no such file or folder/);
  });

  test('no paths or an unknown option is a usage error', async () => {
    assert.equal((await run([])).code, 1);
    const r = await run(['--nope', dir]);
    assert.equal(r.code, 1);
    assert.match(r.err, /unknown option --nope/);
  });

  test('multi-line messages are indented under their finding', () => {
    const s = formatFinding({ code: 'SY312', severity: 'error', message: 'first\n\nsnippet', file: 'f.yaml', document: 1, line: 3, path: 'p' });
    assert.equal(s, 'f.yaml:3: document 2: p: SY312 error: first\n\n    snippet');
  });
});
