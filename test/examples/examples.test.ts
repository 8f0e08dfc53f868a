/** Every example folder lints clean and every sample payload beside it is valid JSON. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { lintCommand } from '../../src/cli/lint.ts';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const folders = readdirSync(EXAMPLES).filter((n) => statSync(join(EXAMPLES, n)).isDirectory()).sort();

interface LintJson {
  ok: boolean;
  summary: string;
  findings: { severity: string; code: string; path: string; file?: string; message: string }[];
}

describe('examples', () => {
  test('there are examples to check', () => {
    assert.ok(folders.includes('idp') && folders.includes('milo-slack'), folders.join(', '));
  });

  for (const name of folders) {
    const dir = join(EXAMPLES, name);

    test(`${name}: lints with no errors and defines something to run`, async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await lintCommand(['--json', dir], { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
      const result = JSON.parse(out.join('\n')) as LintJson;
      const errors = result.findings.filter((f) => f.severity === 'error');
      assert.deepEqual(errors.map((f) => `${f.file ?? ''}: ${f.path}: ${f.code}: ${f.message}`), []);
      assert.equal(code, 0, err.join('\n'));
      assert.equal(result.ok, true);
      assert.match(result.summary, /[1-9]\d* event sources?, [1-9]\d* sensors?/);
    });

    const payloads = join(dir, 'payloads');
    if (!existsSync(payloads)) continue;
    for (const file of readdirSync(payloads).filter((f) => f.endsWith('.json')).sort()) {
      test(`${name}/payloads/${file} is valid JSON`, () => {
        const value = JSON.parse(readFileSync(join(payloads, file), 'utf8')) as unknown;
        assert.equal(typeof value, 'object');
        assert.notEqual(value, null);
      });
    }
  }
});
