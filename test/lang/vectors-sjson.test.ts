/**
 * sjson conformance: every vector in test/vectors/sjson.jsonl (outputs recorded from tidwall/sjson v1.2.5 by
 * `npm run vectors -- sjson`) is applied with Switchyard's sjsonSet / sjsonSetRaw / sjsonDelete and compared:
 * the same JSON text, or an error where Go gives one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sjsonDelete, sjsonSet, sjsonSetRaw } from '../../src/lang/sjson/index.ts';
import { checkVectors, readVectors, type KnownDifference, type Vector } from '../helpers/vectors.ts';

interface Input {
  json: string;
  path: string;
  op: 'set' | 'setRaw' | 'delete';
  value?: unknown;
}

/** Vectors Switchyard is known to answer differently, each with the reason (also listed in docs/lang/sjson.md). */
const KNOWN_DIFFERENCES: KnownDifference<Vector<Input, string>>[] = [
  { match: ({ input: i }) => i.op !== 'delete' && /(^|\.)#\./.test(i.path), reason: "a path mapping over an array with '#.' sets every element it reaches in Go; Switchyard leaves the document unchanged" },
];

function apply(i: Input): string {
  if (i.op === 'set') return sjsonSet(i.json, i.path, i.value);
  if (i.op === 'setRaw') return sjsonSetRaw(i.json, i.path, String(i.value));
  return sjsonDelete(i.json, i.path);
}

test('sjson vectors match tidwall/sjson v1.2.5', () => {
  const vectors = readVectors<Input, string>('sjson');
  assert.ok(vectors.length > 2000, `expected thousands of vectors, found ${vectors.length}`);
  checkVectors(
    'sjson',
    vectors,
    (v) => {
      let got: string;
      try {
        got = apply(v.input);
      } catch (err) {
        got = `error: ${err instanceof Error ? err.message : String(err)}`;
      }
      if (v.error !== undefined ? got.startsWith('error: ') : got === v.output) return undefined;
      const want = v.error !== undefined ? `error: ${v.error}` : JSON.stringify(v.output);
      return `got ${JSON.stringify(got).slice(0, 200)} want ${want.slice(0, 200)}`;
    },
    KNOWN_DIFFERENCES,
    (v) => `${v.input.op} json=${JSON.stringify(v.input.json).slice(0, 100)} path=${JSON.stringify(v.input.path)} value=${JSON.stringify(v.input.value)}`,
  );
});
