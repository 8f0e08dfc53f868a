/**
 * stderr redirected to a regular file (as with `switchyard run ... 2> switchyard.log`) is written from the
 * thread pool. Every log trigger line must reach the file whole, in one piece per line, before its event is
 * acknowledged, and nothing may be missing once the process has exited.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { freePort } from '../helpers/ports.ts';
import { tempDir } from '../helpers/tmp.ts';
import { waitFor } from '../helpers/wait.ts';

const ROOT = join(import.meta.dirname, '../..');

const manifests = (port: number): string => `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: hooks}
spec:
  webhook:
    note: {port: "${port}", endpoint: /note, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: notes}
spec:
  dependencies:
    - {name: note, eventSourceName: hooks, eventName: note}
  triggers:
    - template: {name: print, log: {}}
`;

const EVENTS = 400;

describe('log lines with stderr redirected to a file', () => {
  const tmp = tempDir('switchyard-stderr-file-');
  after(() => tmp.cleanup());

  test('every event is logged whole, once per delivery, and the file ends with the shutdown line', async () => {
    const port = await freePort();
    writeFileSync(join(tmp.dir, 'm.yaml'), manifests(port));
    const logPath = join(tmp.dir, 'switchyard.log');
    const fd = openSync(logPath, 'w');
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/bin.ts'), 'run', join(tmp.dir, 'm.yaml'), '--data-dir', join(tmp.dir, 'data')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', fd],
    });
    closeSync(fd);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      await waitFor('switchyard running', () => (readFileSync(logPath, 'utf8').includes('switchyard running') ? true : undefined), 20_000);
      // A body of several KB per event, sent 50 at a time, so that writes carry many lines each; the data
      // is written as the bytes that were sent, multi-byte characters included.
      const filler = 'x'.repeat(4000);
      for (let start = 0; start < EVENTS; start += 50) {
        const batch = Array.from({ length: 50 }, (_, k) =>
          fetch(`http://127.0.0.1:${port}/note`, { method: 'POST', body: JSON.stringify({ n: start + k, who: 'Zoë 🚀', filler }) }).then((r) => r.status),
        );
        assert.deepEqual(new Set(await Promise.all(batch)), new Set([200]));
      }
      await waitFor('every event logged', () => (countLogged(readFileSync(logPath, 'utf8')).size === EVENTS ? true : undefined), 20_000);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0);

    const text = readFileSync(logPath, 'utf8');
    const lines = text.split('\n');
    assert.equal(lines.pop(), '', 'the file ends with a whole line');
    for (const line of lines) assert.match(line, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (INFO |WARN |ERROR|DEBUG) /, `a line is whole: ${line.slice(0, 120)}`);
    const logged = countLogged(text);
    assert.equal(logged.size, EVENTS);
    assert.ok([...logged.values()].every((count) => count === 1), 'no event is logged twice in a clean run');
    assert.match(lines.at(-1) ?? '', /INFO  (sensor stopped|switchyard stopped)/, 'the shutdown lines come last');
  });
});

/** Event number → how many log trigger lines carry it. */
function countLogged(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/"body":\{"n":(\d+),"who":"Zoë 🚀","filler":"x{4000}"\}/g)) {
    const n = Number(m[1]);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}
