/**
 * Conformance: every vector in test/vectors/jsonpath.jsonl (results of github.com/evilmonkeyinc/jsonpath
 * v0.8.1 as Argo Events' jsonpath() expr function calls it; regenerate with `npm run vectors -- jsonpath`)
 * run by Switchyard's engine. Results must match in Go type, JSON value and %v text; errors must match
 * in stage (compile or query) and message.
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'node:test';
import { isSwitchyardError } from '../../src/errors.ts';
import { formatGoValue } from '../../src/lang/govaluate/go-format.ts';
import { compileJsonPath } from '../../src/lang/jsonpath/index.ts';
import { checkVectors, readVectors, type Vector } from '../helpers/vectors.ts';

interface Input { path: string; json: string }
interface Output { type: string; value?: unknown; text: string }
type V = Vector<Input, Output>;

/** Vectors allowed to differ, each with the reason (also listed in docs/lang/jsonpath.md). Keep empty when possible. */
const KNOWN_DIFFERENCES: readonly { match: (v: V) => boolean; reason: string }[] = [];

type Outcome = { kind: 'error'; message: string } | { kind: 'ok'; value: unknown };

function evaluate(input: Input): Outcome {
  try {
    return { kind: 'ok', value: compileJsonPath(input.path).query(JSON.parse(input.json)) };
  } catch (err) {
    if (!isSwitchyardError(err)) throw err;
    return { kind: 'error', message: `${err.code === 'JSONPATH_PARSE' ? 'compile' : 'query'}: ${err.message}` };
  }
}

function goType(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'number': return 'float64';
    case 'bigint': return 'int64';
    case 'string': return 'string';
    case 'boolean': return 'bool';
    default: return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
  }
}

/** The value as encoding/json would write it, read back (Go ints become plain numbers). */
function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)) ?? 'null') as unknown;
}

function hasNonFinite(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(hasNonFinite);
  if (v !== null && typeof v === 'object') return Object.values(v).some(hasNonFinite);
  return false;
}

export function mismatch(v: V): string | undefined {
  let got: Outcome;
  try {
    got = evaluate(v.input);
  } catch (err) {
    return `threw outside the engine: ${String(err)}`;
  }
  const show = (o: Outcome): string => (o.kind === 'ok' ? `${goType(o.value)} ${formatGoValue(o.value)}` : o.message);
  if (v.error !== undefined) return got.kind === 'error' && got.message === v.error ? undefined : `Go: ${v.error}; Switchyard: ${show(got)}`;
  const out = v.output!;
  if (got.kind !== 'ok') return `Go: ${out.type} ${out.text}; Switchyard: ${show(got)}`;
  const sameValue = 'value' in out ? isDeepStrictEqual(plain(got.value), out.value) : hasNonFinite(got.value);
  const same = goType(got.value) === out.type && sameValue && formatGoValue(got.value) === out.text;
  return same ? undefined : `Go: ${out.type} ${out.text}; Switchyard: ${show(got)}`;
}

test('jsonpath vectors: Switchyard matches the Go library', () => {
  const vectors = readVectors<Input, Output>('jsonpath');
  assert.ok(vectors.length >= 3000, `only ${vectors.length} vectors; run npm run vectors -- jsonpath`);
  checkVectors('jsonpath', vectors, mismatch, KNOWN_DIFFERENCES, (v) => `${JSON.stringify(v.input.path)} on ${v.input.json.slice(0, 80)}`);
});
