/** sprig list functions. Lists are Go slices ([]interface{}); results are new slices. */
import { def, type FuncTable } from '../funcs.ts';
import { deepEqual, isEmpty, kindName, toInt64 } from './convert.ts';

function asList(v: unknown, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  throw new Error(`Cannot ${what} on type ${kindName(v)}`);
}

function first(v: unknown): unknown {
  const l = asList(v, 'find first');
  return l.length === 0 ? null : l[0];
}

function last(v: unknown): unknown {
  const l = asList(v, 'find last');
  return l.length === 0 ? null : l[l.length - 1];
}

function rest(v: unknown): unknown {
  const l = asList(v, 'find rest');
  return l.length === 0 ? null : l.slice(1);
}

function initial(v: unknown): unknown {
  const l = asList(v, 'find initial');
  return l.length === 0 ? null : l.slice(0, -1);
}

function uniq(v: unknown): unknown[] {
  const out: unknown[] = [];
  for (const x of asList(v, 'find uniq')) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
}

function has(needle: unknown, hay: unknown): boolean {
  if (hay === null || hay === undefined) return false;
  return asList(hay, 'find has').some((x) => deepEqual(x, needle));
}

function slice(list: unknown, ...idx: unknown[]): unknown[] {
  if (!Array.isArray(list)) throw new Error(`list should be type of slice or array but ${kindName(list)}`);
  const start = idx.length > 0 ? Number(toInt64(idx[0])) : 0;
  const end = idx.length > 1 ? Number(toInt64(idx[1])) : list.length;
  if (start < 0 || end > list.length || start > end) throw new Error(`reflect: slice index out of range`);
  return list.slice(start, end);
}

function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const out: bigint[] = [];
  if (step === 0n) return out;
  if (stop < start) {
    if (step >= 0n) return out;
    for (let i = start; i > stop; i += step) out.push(i);
    return out;
  }
  if (step <= 0n) return out;
  for (let i = start; i < stop; i += step) out.push(i);
  return out;
}

function chunk(size: bigint, list: unknown): unknown[][] {
  const l = asList(list, 'chunk');
  const n = Number(size);
  const out: unknown[][] = [];
  for (let i = 0; i < l.length; i += n) out.push(l.slice(i, i + n));
  return out;
}

const push = (l: unknown, v: unknown): unknown[] => [...asList(l, 'push'), v];
const prepend = (l: unknown, v: unknown): unknown[] => [v, ...asList(l, 'prepend')];

export const listFuncs: FuncTable = {
  list: def([], (...v: unknown[]) => v, 'any'),
  first: def(['any'], first),
  mustFirst: def(['any'], first),
  last: def(['any'], last),
  mustLast: def(['any'], last),
  rest: def(['any'], rest),
  mustRest: def(['any'], rest),
  initial: def(['any'], initial),
  mustInitial: def(['any'], initial),
  append: def(['any', 'any'], push),
  push: def(['any', 'any'], push),
  mustAppend: def(['any', 'any'], push),
  mustPush: def(['any', 'any'], push),
  prepend: def(['any', 'any'], prepend),
  mustPrepend: def(['any', 'any'], prepend),
  concat: def([], (...ls: unknown[]) => ls.flatMap((l) => {
    if (!Array.isArray(l)) throw new Error(`Cannot concat type ${kindName(l)} as list`);
    return l;
  }), 'any'),
  reverse: def(['any'], (l: unknown) => [...asList(l, 'find reverse')].reverse()),
  mustReverse: def(['any'], (l: unknown) => [...asList(l, 'find reverse')].reverse()),
  uniq: def(['any'], uniq),
  mustUniq: def(['any'], uniq),
  without: def(['any'], (l: unknown, ...omit: unknown[]) => asList(l, 'find without').filter((x) => !omit.some((o) => deepEqual(o, x))), 'any'),
  mustWithout: def(['any'], (l: unknown, ...omit: unknown[]) => asList(l, 'find without').filter((x) => !omit.some((o) => deepEqual(o, x))), 'any'),
  has: def(['any', 'any'], has),
  mustHas: def(['any', 'any'], has),
  compact: def(['any'], (l: unknown) => asList(l, 'compact').filter((x) => !isEmpty(x))),
  mustCompact: def(['any'], (l: unknown) => asList(l, 'compact').filter((x) => !isEmpty(x))),
  slice: def(['any'], slice, 'any'),
  mustSlice: def(['any'], slice, 'any'),
  until: def(['int'], (n: bigint) => untilStep(0n, n, n < 0n ? -1n : 1n)),
  untilStep: def(['int', 'int', 'int'], untilStep),
  chunk: def(['int', 'any'], chunk),
  mustChunk: def(['int', 'any'], chunk),
};
