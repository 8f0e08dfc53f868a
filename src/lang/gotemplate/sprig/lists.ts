/** sprig list functions. Lists are Go slices ([]interface{}); results are new slices. */
import { def, type FuncTable } from '../funcs.ts';
import { deepEqual, isEmpty, kindName, toInt64 } from './convert.ts';

function asList(v: unknown, what: string): unknown[] {
  if (Array.isArray(v)) return v;
  // sprig asks reflect for the kind of a nil interface, which panics in Go.
  if (v === null || v === undefined) throw new Error('runtime error: invalid memory address or nil pointer dereference');
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
  return l.slice(1); // an empty list gives a nil []interface{}, which prints as []
}

function initial(v: unknown): unknown {
  const l = asList(v, 'find initial');
  return l.slice(0, -1);
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

function slice(list: unknown, ...idx: unknown[]): unknown[] | null {
  if (list === null || list === undefined) throw new Error('runtime error: invalid memory address or nil pointer dereference');
  if (!Array.isArray(list)) throw new Error(`list should be type of slice or array but ${kindName(list)}`);
  if (list.length === 0) return null; // sprig answers nil for an empty list, whatever the indexes
  const start = idx.length > 0 ? Number(toInt64(idx[0])) : 0;
  const end = idx.length > 1 ? Number(toInt64(idx[1])) : list.length;
  if (start < 0 || end > list.length || start > end) throw new Error('reflect.Value.Slice: slice index out of bounds');
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

function asChunkList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) throw new Error('runtime error: invalid memory address or nil pointer dereference');
  throw new Error(`Cannot chunk type ${kindName(v)}`);
}

function chunk(size: bigint, list: unknown): unknown[][] {
  const l = asChunkList(list);
  const n = Number(size);
  // sprig sizes the chunks with float arithmetic; a size of 0 or below makes Go's make() panic.
  const count = Math.floor((l.length - 1) / n) + 1;
  const lastLen = l.length % n === 0 ? n : l.length % n;
  if (!Number.isFinite(count) || count < 0 || (count > 0 && (n < 0 || lastLen < 0))) throw new Error('runtime error: makeslice: len out of range');
  const out: unknown[][] = [];
  for (let i = 0; i < count; i++) out.push(l.slice(i * n, i * n + (i === count - 1 ? lastLen : n)));
  return out;
}

const push = (l: unknown, v: unknown): unknown[] => [...asList(l, 'push'), v];
const prepend = (l: unknown, v: unknown): unknown[] => [v, ...asList(l, 'prepend')];

export const listFuncs: FuncTable = {
  list: def([], (...v: unknown[]) => v, 'any'),
  tuple: def([], (...v: unknown[]) => v, 'any'),
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
