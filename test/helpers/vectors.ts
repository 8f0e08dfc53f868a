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
