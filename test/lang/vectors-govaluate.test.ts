/**
 * Conformance: every vector in test/vectors/govaluate.jsonl (results of Knetic/govaluate at the commit
 * Argo Events pins; regenerate with `npm run vectors -- govaluate`) evaluated by Switchyard's engine.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSwitchyardError } from '../../src/errors.ts';
import { formatGoValue } from '../../src/lang/govaluate/go-format.ts';
import { compileGovaluate } from '../../src/lang/govaluate/index.ts';
import { checkVectors, readVectors, type Vector } from '../helpers/vectors.ts';

interface Input { expr: string; params: string }
interface Output { type: string; value?: unknown; text: string }
type V = Vector<Input, Output>;

/** Vectors allowed to differ, each with the reason (also listed in docs/lang/govaluate.md). Keep empty when possible. */
const KNOWN_DIFFERENCES: readonly { match: (v: V) => boolean; reason: string }[] = [
  {
    match: (v) => v.input.expr.includes('**') && v.output?.type === 'float64' && withinOneUlp(evaluate(v.input), v.output.value),
    reason: 'x ** y with a fractional y may differ in the last bit: Go on amd64 computes exp and log in assembly, Node in software',
  },
];

function withinOneUlp(got: Outcome, want: unknown): boolean {
  if (got.kind !== 'ok' || typeof got.value !== 'number' || typeof want !== 'number') return false;
  return Math.abs(got.value - want) <= Math.abs(want) * Number.EPSILON;
}

type Outcome = { kind: 'parse' | 'eval'; message: string } | { kind: 'ok'; value: unknown };

function evaluate(input: Input): Outcome {
  let expression;
  try {
    expression = compileGovaluate(input.expr);
  } catch (err) {
    if (isSwitchyardError(err) && err.code === 'GOVALUATE_PARSE') return { kind: 'parse', message: err.message };
    throw err;
  }
  try {
    return { kind: 'ok', value: expression.evaluate(JSON.parse(input.params) as Record<string, unknown>) };
  } catch (err) {
    if (isSwitchyardError(err) && err.code === 'GOVALUATE_EVAL') return { kind: 'eval', message: err.message };
    throw err;
  }
}

/** Go's type name for a value of the engine (parameters and results are JSON-shaped). */
function goType(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** Why a vector fails, or undefined when it passes. */
export function mismatch(v: V): string | undefined {
  let got: Outcome;
  try {
    got = evaluate(v.input);
  } catch (err) {
    return `threw a non-Switchyard error: ${String(err)}`;
  }
  if (v.error !== undefined) {
    const want = v.error.startsWith('parse:') ? 'parse' : 'eval';
    return got.kind === want ? undefined : `Go: ${v.error}; Switchyard: ${got.kind === 'ok' ? `result ${formatGoValue(got.value)}` : got.kind}`;
  }
  const out = v.output!;
  if (got.kind !== 'ok') return `Go: ${out.type} ${out.text}; Switchyard: ${got.kind} error: ${got.message}`;
  if (goType(got.value) !== out.type) return `Go: ${out.type} ${out.text}; Switchyard: ${goType(got.value)} ${formatGoValue(got.value)}`;
  const same = 'value' in out ? isDeepStrictEqual(got.value, out.value) : formatGoValue(got.value) === out.text;
  return same ? undefined : `Go: ${out.text}; Switchyard: ${formatGoValue(got.value)}`;
}

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

test('govaluate vectors: Switchyard matches the Go library', () => {
  const vectors = readVectors<Input, Output>('govaluate');
  assert.ok(vectors.length >= 3000, `only ${vectors.length} vectors; run npm run vectors -- govaluate`);
  checkVectors('govaluate', vectors, mismatch, KNOWN_DIFFERENCES, (v) => `${JSON.stringify(v.input.expr)} params=${v.input.params.slice(0, 80)}`);
});
