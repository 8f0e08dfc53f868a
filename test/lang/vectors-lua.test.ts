/**
 * Conformance: every Lua vector (gopher-lua v1.1.2 with Argo Events' conversions, from tools/oracle/lua.go)
 * must give the same result in Switchyard's engine, except the differences listed below (each also in
 * docs/lang/lua.md). Errors are compared by presence, not by message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLua } from '../../src/lang/lua/index.ts';
import { readVectors, type Vector } from '../helpers/vectors.ts';

interface LuaInput {
  script: string;
  data: string;
}

const KNOWN_DIFFERENCES: { match: (v: Vector<LuaInput>) => boolean; reason: string }[] = [
  { match: (v) => /\b(table|function): 0x/.test(JSON.stringify(v.output ?? '')), reason: 'tostring of a table or function shows a memory address, which differs between any two runs' },
  { match: (v) => v.input.script.includes('t[100] = 1'), reason: '# of a table with holes: gopher-lua counts its array part (100), Lua 5.3 finds a border (0)' },
];

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

function evaluate(input: LuaInput): { output: unknown } | { error: string } {
  try {
    return { output: compileLua(input.script).run(JSON.parse(input.data)) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

test('Lua vectors match gopher-lua as Argo Events runs it', () => {
  const vectors = readVectors<LuaInput>('lua');
  assert.ok(vectors.length > 1000, `expected the committed vectors, found ${vectors.length}`);
  const failures: string[] = [];
  let known = 0;
  for (const [i, v] of vectors.entries()) {
    const got = evaluate(v.input);
    const ok =
      v.error !== undefined
        ? 'error' in got
        : 'output' in got && canonical(got.output) === canonical(v.output ?? null);
    if (ok) continue;
    if (KNOWN_DIFFERENCES.some((k) => k.match(v))) {
      known++;
      continue;
    }
    failures.push(`#${i} ${JSON.stringify(v.input.script)} on ${v.input.data.slice(0, 80)}\n  want ${v.error !== undefined ? `error ${v.error}` : canonical(v.output ?? null)}\n  got  ${'error' in got ? `error ${got.error}` : canonical(got.output)}`);
  }
  const passed = vectors.length - failures.length - known;
  console.log(`lua vectors: ${passed}/${vectors.length} pass, ${known} known differences, ${failures.length} failures`);
  assert.equal(failures.length, 0, failures.slice(0, Number(process.env.SHOW_FAILURES ?? 30)).join('\n'));
});
