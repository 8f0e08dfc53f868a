import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Vector<I = unknown, O = unknown> {
  input: I;
  output?: O;
  error?: string;
}

/** Reads test/vectors/<engine>.jsonl (written by `npm run vectors`). */
export function readVectors<I = unknown, O = unknown>(engine: string): Vector<I, O>[] {
  const text = readFileSync(join(import.meta.dirname, '../vectors', `${engine}.jsonl`), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Vector<I, O>);
}

export interface KnownDifference<V> {
  match: (v: V) => boolean;
  reason: string;
}

/**
 * Checks every vector of an engine: `mismatch` says why the engine differs from Go (undefined when it matches).
 * A difference must be listed in `known`, and every listed difference must still occur. Prints the pass rate.
 */
export function checkVectors<V>(engine: string, vectors: readonly V[], mismatch: (v: V) => string | undefined, known: readonly KnownDifference<V>[], describe: (v: V) => string): void {
  const unexpected: string[] = [];
  const used = new Set<number>();
  let passed = 0;
  vectors.forEach((v, i) => {
    const why = mismatch(v);
    if (why === undefined) {
      passed++;
      return;
    }
    const k = known.findIndex((d) => d.match(v));
    if (k >= 0) used.add(k);
    else unexpected.push(`#${i} ${describe(v)}: ${why}`);
  });
  console.log(`${engine} vectors: ${passed}/${vectors.length} pass (${((100 * passed) / vectors.length).toFixed(2)}%), ${vectors.length - passed - unexpected.length} known differences`);
  assert.deepEqual(unexpected.slice(0, 20), [], `${unexpected.length} vectors differ from Go`);
  known.forEach((k, i) => assert.ok(used.has(i), `known difference no longer occurs, remove it: ${k.reason}`));
}
