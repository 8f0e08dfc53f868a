/**
 * Conformance: every Lua vector (gopher-lua v1.1.2 with Argo Events' conversions, from tools/oracle/lua.go)
 * must give the same result in Switchyard's engine, except the differences listed below (each also in
 * docs/lang/lua.md). Errors are compared by presence, not by message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLua } from '../../src/lang/lua/index.ts';
import { checkVectors, readVectors, type KnownDifference, type Vector } from '../helpers/vectors.ts';

interface LuaInput {
  script: string;
  data: string;
}

const KNOWN_DIFFERENCES: KnownDifference<Vector<LuaInput>>[] = [
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
  checkVectors(
    'lua',
    vectors,
    (v) => {
      const got = evaluate(v.input);
      const ok = v.error !== undefined ? 'error' in got : 'output' in got && canonical(got.output) === canonical(v.output ?? null);
      return ok ? undefined : `want ${v.error !== undefined ? `error ${v.error}` : canonical(v.output ?? null)}; got ${'error' in got ? `error ${got.error}` : canonical(got.output)}`;
    },
    KNOWN_DIFFERENCES,
    (v) => `${JSON.stringify(v.input.script)} on ${v.input.data.slice(0, 80)}`,
  );
});
