/**
 * Conformance: every jq vector (gojq v0.12.19, from tools/oracle/jq.go) must give the same outputs in
 * Switchyard's engine, except the differences listed below (each also in docs/lang/jq.md). Errors are
 * compared by presence, not by message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJq } from '../../src/lang/jq/index.ts';
import { checkVectors, readVectors, type KnownDifference, type Vector } from '../helpers/vectors.ts';

interface JqInput {
  program: string;
  data: string;
}
interface JqOutput {
  first?: unknown;
  all: unknown[];
  error?: string;
}

const KNOWN_DIFFERENCES: KnownDifference<Vector<JqInput, JqOutput>>[] = [
  {
    match: (v) => v.input.program.startsWith('(if true then .x?.b | tojson else'),
    reason: 'updating through a path expression that multiplies a tojson result: gojq yields nothing, Switchyard reports the multiplication error',
  },
];

/** Canonical JSON text: gojq's and Switchyard's numbers compared as float64, object keys sorted. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'number') return Number.isNaN(x) ? null : x === Infinity ? 1.7976931348623157e308 : x === -Infinity ? -1.7976931348623157e308 : x;
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) return Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return x;
  });
}

function evaluate(input: JqInput): JqOutput | { compileError: string } {
  let program;
  try {
    program = compileJq(input.program);
  } catch (err) {
    return { compileError: (err as Error).message };
  }
  try {
    return { all: program.all(JSON.parse(input.data)) };
  } catch (err) {
    return { all: partialOutputs(input), error: (err as Error).message };
  }
}

/** The outputs produced before an error (the engine's all() throws away partial results). */
function partialOutputs(input: JqInput): unknown[] {
  const outs: unknown[] = [];
  const program = compileJq(`label $__stop | try (${input.program}) catch ("__ERR__", break $__stop)`);
  for (const v of program.all(JSON.parse(input.data))) {
    if (v === '__ERR__') break;
    outs.push(v);
  }
  return outs;
}

test('jq vectors match gojq', () => {
  const vectors = readVectors<JqInput, JqOutput>('jq');
  assert.ok(vectors.length > 1000, `expected the committed vectors, found ${vectors.length}`);
  checkVectors(
    'jq',
    vectors,
    (v) => {
      const got = evaluate(v.input);
      let ok: boolean;
      if (v.error !== undefined) ok = 'compileError' in got || 'error' in got;
      else if ('compileError' in got) ok = false;
      else ok = canonical(got.all) === canonical(v.output?.all ?? []) && ('error' in got) === (v.output?.error !== undefined);
      return ok ? undefined : `want ${v.error !== undefined ? `error ${v.error}` : canonical(v.output)}; got ${canonical(got)}`;
    },
    KNOWN_DIFFERENCES,
    (v) => `${JSON.stringify(v.input.program)} on ${v.input.data.slice(0, 60)}`,
  );
});
