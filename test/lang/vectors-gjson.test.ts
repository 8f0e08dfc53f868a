/**
 * gjson conformance: every vector in test/vectors/gjson.jsonl (outputs recorded from tidwall/gjson v1.19.0 by
 * `npm run vectors -- gjson`) is evaluated with Switchyard's gjsonGet and compared field by field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gjsonGet, type GjsonResult } from '../../src/lang/gjson/index.ts';
import { checkVectors, readVectors, type KnownDifference, type Vector } from '../helpers/vectors.ts';

interface Input {
  json: string;
  path: string;
}

interface Output {
  exists: boolean;
  type: string;
  raw: string;
  str: string;
  string: string;
  num: number | string;
  bool: boolean;
  int: number;
  float: number | string;
  value: unknown;
  isArray: boolean;
  isObject: boolean;
  array: string[];
  forEach: { keyType: string; key: string; value: string }[];
}

/**
 * Vectors Switchyard is known to answer differently, each with the reason (also listed in docs/lang/gjson.md,
 * which also lists differences the committed vectors do not happen to contain).
 */
const KNOWN_DIFFERENCES: KnownDifference<Vector<Input, Output>>[] = [
  { match: ({ input: i }) => !isJson(i.json), reason: 'malformed documents: gjson reads broken JSON leniently in ways that are not reproduced' },
  { match: ({ input: i }) => i.path === '@tostr|4', reason: 'a path after a string value: gjson searches for a bracket inside the string text' },
  { match: ({ input: i }) => ['![|a', '{.*b0', '#( "true)"'].includes(i.path), reason: 'unclosed literal, multipath or quoted query value' },
  { match: ({ input: i }) => /\)#\.[^|]*\|@(join|group|pretty|tostr)/.test(i.path), reason: "a pipe after '#(query)#.path' on elements where the path is missing" },
  { match: ({ input: i }) => /^(\\@this\.)?#\.#\(a\|#/.test(i.path) || i.path.startsWith('{"k k":#( <=false)#'), reason: "a query inside '#.' mapping over empty arrays" },
];

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Non-finite floats travel as text in the vectors (JSON has no Inf or NaN). */
function num(n: number): number | string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return n;
}

function safe(v: unknown): unknown {
  if (typeof v === 'number') return num(v);
  if (Array.isArray(v)) return v.map(safe);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(o, k, { value: safe(x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return v;
}

function observe(r: GjsonResult): Output {
  const forEach: Output['forEach'] = [];
  r.forEach((k, v) => {
    forEach.push({ keyType: k.type, key: k.string(), value: v.raw });
    return true;
  });
  return {
    exists: r.exists(), type: r.type, raw: r.raw, str: r.str, string: r.string(), num: num(r.num), bool: r.bool(), int: r.int(),
    float: num(r.float()), value: safe(r.value()), isArray: r.isArray(), isObject: r.isObject(), array: r.array().map((a) => a.raw), forEach,
  };
}

/** Go encodes -0 as 0 and big int64 values exactly; compare numbers as JSON would carry them. */
function normalize(o: Output): Output {
  return JSON.parse(JSON.stringify(o)) as Output;
}

test('gjson vectors match tidwall/gjson v1.19.0', () => {
  const vectors = readVectors<Input, Output>('gjson');
  assert.ok(vectors.length > 5000, `expected thousands of vectors, found ${vectors.length}`);
  checkVectors(
    'gjson',
    vectors,
    (v) => {
      const expected = v.output;
      if (expected === undefined) return `no recorded output: ${v.error ?? ''}`;
      let actual: Output;
      try {
        actual = normalize(observe(gjsonGet(v.input.json, v.input.path)));
      } catch (err) {
        return `threw ${String(err)}`;
      }
      const fields = (Object.keys(expected) as (keyof Output)[]).filter((k) => JSON.stringify(actual[k]) !== JSON.stringify(expected[k]));
      try {
        assert.deepStrictEqual(actual, expected);
        return undefined;
      } catch {
        return fields.map((k) => `${k}: got ${JSON.stringify(actual[k])} want ${JSON.stringify(expected[k])}`).join('; ').slice(0, 600) || 'differs';
      }
    },
    KNOWN_DIFFERENCES,
    (v) => `json=${JSON.stringify(v.input.json).slice(0, 120)} path=${JSON.stringify(v.input.path)}`,
  );
});
