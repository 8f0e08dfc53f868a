/**
 * Applies compiled steps to decoded JSON, with the library's result shapes: a key, index or script
 * step gives one value and fails when it is missing; wildcard, recursive descent, union, range and
 * filter give an array and silently leave out elements where the rest of the path fails or gives null.
 */
import { badTarget, expressionEmpty, expressionError, keyNotFound, outOfRange, tokenArgument, tokenError, unexpectedResult } from './errors.ts';
import { asInteger, byteLength, GoError, goKind, hasKey, isObj, sortedKeys } from './go.ts';
import { evaluateScript } from './script.ts';
import type { Bound, Script, Step } from './types.ts';

type Steps = readonly Step[];

const SEQUENCE = ['array', 'slice'];
const COLLECTION = ['array', 'map', 'slice'];

const kindOrNil = (v: unknown): string => (v === null || v === undefined ? 'nil' : goKind(v));
const isNil = (v: unknown): boolean => v === null || v === undefined;

/** Applies steps[0] to `current` and the rest to what it selects (the library's Token.Apply chain). */
export function runSteps(steps: Steps, root: unknown, current: unknown): unknown {
  return apply(steps, 0, root, current);
}

/** The value, or null when applying fails with an error the library ignores at that point. */
function quietly(steps: Steps, i: number, root: unknown, current: unknown): unknown {
  try {
    return apply(steps, i, root, current);
  } catch (err) {
    if (err instanceof GoError) return null;
    throw err;
  }
}

function evaluate(script: Script, root: unknown, current: unknown): unknown {
  return evaluateScript(script, root, current, runSteps);
}

function apply(s: Steps, i: number, root: unknown, cur: unknown): unknown {
  const step = s[i]!;
  const hasNext = i + 1 < s.length;
  const then = (v: unknown): unknown => (hasNext ? apply(s, i + 1, root, v) : v);
  switch (step.t) {
    case 'root': return hasNext ? apply(s, i + 1, root, root) : root;
    case 'current': return then(cur);
    case 'key': return then(keyOf(step.key, cur));
    case 'index': return then(indexOf(step.index, cur));
    case 'length': return then(lengthOf(cur));
    case 'wildcard': return wildcard(s, i, root, cur);
    case 'recursive': return recursive(s, i, root, cur);
    case 'union': return union(step.args, s, i, root, cur);
    case 'range': return range(step, s, i, root, cur);
    case 'filter': return filter(step.script, s, i, root, cur);
    case 'script': return script(step.script, s, i, root, cur);
  }
}

function keyOf(key: string, cur: unknown): unknown {
  if (isNil(cur)) throw badTarget('key', 'nil', ['map']);
  if (!isObj(cur)) throw badTarget('key', goKind(cur), ['map']);
  if (!hasKey(cur, key)) throw keyNotFound('key', key);
  return cur[key];
}

function indexOf(index: number, cur: unknown): unknown {
  if (!Array.isArray(cur)) throw badTarget('index', kindOrNil(cur), SEQUENCE);
  const at = index < 0 ? cur.length + index : index;
  if (at < 0 || at >= cur.length) throw outOfRange('index');
  return cur[at] as unknown;
}

function lengthOf(cur: unknown): unknown {
  if (isObj(cur)) return hasKey(cur, 'length') ? cur.length : BigInt(Object.keys(cur).length);
  if (Array.isArray(cur)) return BigInt(cur.length);
  if (typeof cur === 'string') return BigInt(byteLength(cur));
  throw badTarget('length', kindOrNil(cur), ['array', 'map', 'slice', 'string']);
}

/** The members of a map (in key order) or an array. */
function membersOf(type: string, cur: unknown): unknown[] {
  if (isObj(cur)) return sortedKeys(cur).map((k) => cur[k]);
  if (Array.isArray(cur)) return cur;
  throw badTarget(type, kindOrNil(cur), COLLECTION);
}

function wildcard(s: Steps, i: number, root: unknown, cur: unknown): unknown[] {
  const out: unknown[] = [];
  for (const item of membersOf('wildcard', cur)) {
    if (i + 1 >= s.length) out.push(item);
    else {
      const r = quietly(s, i + 1, root, item);
      if (!isNil(r)) out.push(r);
    }
  }
  return out;
}

/** `..`: the rest of the path applied at every node, depth first, arrays of results flattened one level. */
function recursive(s: Steps, i: number, root: unknown, cur: unknown): unknown[] {
  if (isNil(cur)) return [];
  const out: unknown[] = [];
  if (i + 1 < s.length) {
    const r = quietly(s, i + 1, root, cur);
    if (Array.isArray(r)) out.push(...(r as unknown[]));
    else if (!isNil(r)) out.push(r);
  } else {
    out.push(cur);
  }
  if (isObj(cur)) for (const k of sortedKeys(cur)) out.push(...recursive(s, i, root, cur[k]));
  else if (Array.isArray(cur)) for (const item of cur) out.push(...recursive(s, i, root, item));
  return out;
}

/**
 * Union and range collect elements; a following index step applies to the collection, any other step
 * to each element (failures and nulls left out).
 */
function collect(items: unknown[], s: Steps, i: number, root: unknown): unknown {
  const next = s[i + 1];
  if (next === undefined) return items;
  if (next.t === 'index') return apply(s, i + 1, root, items);
  const out: unknown[] = [];
  for (const item of items) {
    const r = quietly(s, i + 1, root, item);
    if (!isNil(r)) out.push(r);
  }
  return out;
}

function union(args: readonly (number | string | Script)[], s: Steps, i: number, root: unknown, cur: unknown): unknown {
  const keys: string[] = [];
  const indexes: number[] = [];
  for (const arg of args) {
    let v: unknown = arg;
    if (typeof arg === 'object') {
      try {
        v = evaluate(arg, root, cur);
      } catch (err) {
        throw err instanceof GoError ? tokenError('union', expressionError(err)) : err;
      }
    }
    if (isNil(v)) throw tokenArgument('union', 'nil', ['int', 'string']);
    if (typeof v === 'string') {
      keys.push(v);
      if (indexes.length > 0) throw tokenArgument('union', 'string', ['int']);
      continue;
    }
    const n = asInteger(v);
    if (n === undefined) throw tokenArgument('union', goKind(v), ['int', 'string']);
    indexes.push(n);
    if (keys.length > 0) throw tokenArgument('union', 'int', ['string']);
  }
  if (keys.length > 0) {
    if (!isObj(cur)) throw badTarget('union', kindOrNil(cur), ['map']);
    return collect(keys.filter((k) => hasKey(cur, k)).map((k) => cur[k]), s, i, root);
  }
  if (!Array.isArray(cur)) throw badTarget('union', kindOrNil(cur), SEQUENCE);
  const picked: unknown[] = [];
  for (const n of indexes) {
    const at = n < 0 ? cur.length + n : n;
    if (at >= 0 && at < cur.length) picked.push(cur[at]);
  }
  return collect(picked, s, i, root);
}

function bound(b: Bound, root: unknown, cur: unknown): number | null {
  if (b === null) return null;
  if (typeof b === 'number') return b;
  if (typeof b === 'string') throw new GoError(`range: invalid token argument. expected [int] got [string]`, ['token']);
  let v: unknown;
  try {
    v = evaluate(b, root, cur);
  } catch (err) {
    throw err instanceof GoError ? tokenError('range', expressionError(err)) : err;
  }
  if (isNil(v)) throw tokenError('range', unexpectedResult('nil', ['int']));
  const n = asInteger(v);
  if (n === undefined) throw tokenError('range', unexpectedResult(goKind(v), ['int']));
  return n;
}

function range(step: Step & { t: 'range' }, s: Steps, i: number, root: unknown, cur: unknown): unknown {
  if (!Array.isArray(cur)) throw badTarget('range', kindOrNil(cur), SEQUENCE);
  const len = cur.length;
  const clamp = (n: number): number => Math.min(Math.max(n < 0 ? len + n : n, 0), len);
  const f = bound(step.from, root, cur);
  const from = f === null ? 0 : clamp(f);
  const t = bound(step.to, root, cur);
  const to = t === null ? len : clamp(t);
  const by = bound(step.step, root, cur) ?? 1;
  if (by === 0) throw outOfRange('range');
  const picked: unknown[] = [];
  if (by < 0) for (let k = to - 1; k >= from; k += by) picked.push(cur[k]);
  else for (let k = from; k < to; k += by) picked.push(cur[k]);
  return collect(picked, s, i, root);
}

/** Whether a filter's result keeps the element: true, non-empty collections and text, non-zero numbers. */
function keeps(v: unknown): boolean {
  if (isNil(v)) return false;
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.keys(v).length > 0;
  if (typeof v === 'string') {
    const bare = v.length > 1 && ((v.startsWith("'") && v.endsWith("'")) || (v.startsWith('"') && v.endsWith('"'))) ? v.slice(1, -1) : v;
    return bare !== '';
  }
  if (typeof v === 'bigint') return v !== 0n;
  return !(v === 0 && !Object.is(v, -0)); // Go's IsZero: only +0 is the zero float
}

function filter(sc: Script, s: Steps, i: number, root: unknown, cur: unknown): unknown {
  if (sc.source === '') throw expressionEmpty();
  const kept = membersOf('filter', cur).filter((el) => {
    try {
      return keeps(evaluate(sc, root, el));
    } catch (err) {
      if (err instanceof GoError) return false;
      throw err;
    }
  });
  const next = s[i + 1];
  if (next === undefined) return kept;
  // As in the library, an index after a filter runs with the filtered node as the root.
  if (next.t === 'index') return apply(s, i + 1, cur, kept);
  const out: unknown[] = [];
  for (const el of kept) {
    const r = quietly(s, i + 1, root, el);
    if (!isNil(r)) out.push(r);
  }
  return out;
}

function script(sc: Script, s: Steps, i: number, root: unknown, cur: unknown): unknown {
  if (sc.source === '') throw expressionEmpty();
  let v: unknown;
  try {
    v = evaluate(sc, root, cur);
  } catch (err) {
    throw err instanceof GoError ? expressionError(err) : err;
  }
  if (isNil(v)) throw unexpectedResult('nil', ['int', 'string']);
  const then = (x: unknown): unknown => (i + 1 < s.length ? apply(s, i + 1, root, x) : x);
  if (typeof v === 'string') return then(keyOf(v, cur));
  const n = asInteger(v);
  if (n === undefined) throw unexpectedResult(goKind(v), ['int', 'string']);
  return then(indexOf(n, cur));
}
