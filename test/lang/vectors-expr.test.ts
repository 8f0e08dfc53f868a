/**
 * Conformance: every vector in test/vectors/expr.jsonl (results of antonmedv/expr v1.15.5 as Argo Events
 * v1.9 runs EventSource `filter.expression`; regenerate with `npm run vectors -- expr`) run by
 * Switchyard's engine. Argo vectors (input.argo) use the environment Switchyard's source host builds
 * (filterEnv) and Argo's extra functions; the others run plain expr on the JSON data.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'node:test';
import { argoExprFunctions } from '../../src/lang/expr/argo-functions.ts';
import { compileTree, type Run } from '../../src/lang/expr/compile.ts';
import { ExprSyntaxError } from '../../src/lang/expr/lexer.ts';
import { parseExpr } from '../../src/lang/expr/parser.ts';
import { toPlain } from '../../src/lang/expr/values.ts';
import { formatGoValue } from '../../src/lang/govaluate/go-format.ts';
import { filterEnv } from '../../src/sources/filter.ts';
import { checkVectors, readVectors, type Vector } from '../helpers/vectors.ts';

interface Input { expr: string; env: string; argo: boolean }
interface Output { type: string; value?: unknown; text: string }
type V = Vector<Input, Output>;

/** Vectors allowed to differ, each with the reason (also listed in docs/lang/expr.md). Keep empty when possible. */
const KNOWN_DIFFERENCES: readonly { match: (v: V) => boolean; reason: string }[] = [
  {
    match: (v) => v.error?.startsWith('compile:') === true && evaluate(v.input).kind === 'run',
    reason: 'expr rejects some builtin calls on literals of the wrong type (e.g. upper(1), len(1, 2)) when compiling; Switchyard fails when the program runs',
  },
  {
    match: (v) => {
      const got = evaluate(v.input);
      return got.kind === 'compile' && got.message.includes('unknown func sprig.') && v.error?.startsWith('run:') === true;
    },
    reason: 'a call to a sprig function that does not exist (or env/expandenv, which Argo removes) fails to compile in Switchyard; Argo fails every event',
  },
  {
    match: (v) => /\b(filter|map|all|any|one|none|count|first|last)\(/.test(v.input.expr) && v.error === undefined && evaluate(v.input).kind === 'run',
    reason: 'predicates, first and last over a string or a map: expr iterates its bytes or values; Switchyard accepts only arrays',
  },
  {
    match: (v) => /\bget\(|\b(max|min)\(/.test(v.input.expr) && (v.error?.startsWith('compile:') === true || v.output?.type === 'string'),
    reason: 'get() on a literal that cannot be indexed fails to compile in expr (Switchyard gives nil); max/min of one string returns it in expr',
  },
  {
    match: (v) => v.input.argo && v.output?.text.includes('0x') === true,
    reason: 'the whole environment ($env) of an Argo filter holds Go functions, which print as addresses',
  },
  {
    match: (v) => v.input.expr.includes('sprig.') && v.error?.includes('reflect: Call using') === true,
    reason: 'a sprig function given a value of another Go type: Go fails, Switchyard converts the value',
  },
];

type Outcome = { kind: 'compile' | 'run'; message: string } | { kind: 'ok'; value: unknown };

// compileExpr without its final toPlain, so that int and float results stay distinguishable (bigint / number).
function evaluate(input: Input): Outcome {
  let run: Run;
  try {
    run = compileTree(parseExpr(input.expr), input.expr, { functions: input.argo ? argoExprFunctions() : {}, unknownNames: 'nil' });
  } catch (err) {
    if (err instanceof ExprSyntaxError) return { kind: 'compile', message: err.message };
    throw err;
  }
  const env = input.argo ? filterEnv(Buffer.from(input.env)) : (JSON.parse(input.env) as Record<string, unknown>);
  try {
    return { kind: 'ok', value: run({ env }) };
  } catch (err) {
    return { kind: 'run', message: err instanceof Error ? err.message : String(err) };
  }
}

/** The coarse Go type of a value: what Switchyard must agree on (Go's int64/uint8/[]string... are kept apart only by kind). */
function kindOfGoType(t: string): string {
  if (/^u?int\d*$/.test(t)) return 'int';
  if (/^float\d+$/.test(t)) return 'float';
  if (t.startsWith('[]') || /^\[\d+\]/.test(t)) return 'array';
  if (t.startsWith('map[')) return 'map';
  return t === '<nil>' ? 'nil' : t;
}

function kindOfValue(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'object') return Array.isArray(v) ? 'array' : 'map';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

/** Why a vector fails, or undefined when it passes. */
export function mismatch(v: V): string | undefined {
  let got: Outcome;
  try {
    got = evaluate(v.input);
  } catch (err) {
    return `threw outside the engine: ${String(err)}`;
  }
  const show = (o: Outcome): string => (o.kind === 'ok' ? `${kindOfValue(o.value)} ${formatGoValue(o.value)}` : `${o.kind} error: ${o.message}`);
  if (v.error !== undefined) {
    const want = v.error.startsWith('compile:') ? 'compile' : 'run';
    return got.kind === want ? undefined : `Go: ${v.error.split('\n')[0]}; Switchyard: ${show(got)}`;
  }
  const out = v.output!;
  if (got.kind !== 'ok') return `Go: ${out.type} ${out.text}; Switchyard: ${show(got)}`;
  if (kindOfGoType(out.type) !== kindOfValue(got.value)) return `Go: ${out.type} ${out.text}; Switchyard: ${show(got)}`;
  const scalar = typeof got.value !== 'object' || got.value === null;
  const same = ('value' in out ? isDeepStrictEqual(toPlain(got.value), out.value) || Object.is(got.value, -0) : true) &&
    (scalar || !('value' in out) ? formatGoValue(got.value) === out.text : true);
  return same ? undefined : `Go: ${out.type} ${out.text}; Switchyard: ${show(got)}`;
}

test('expr vectors: Switchyard matches the Go library', () => {
  const vectors = readVectors<Input, Output>('expr');
  assert.ok(vectors.length >= 3000, `only ${vectors.length} vectors; run npm run vectors -- expr`);
  checkVectors('expr', vectors, mismatch, KNOWN_DIFFERENCES, (v) => `${JSON.stringify(v.input.expr)}${v.input.argo ? ' (argo)' : ''} env=${v.input.env.slice(0, 60)}`);
});
