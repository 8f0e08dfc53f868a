/** Builtins implemented in TypeScript. Those expressible in jq itself are in prelude.ts. */
import { applyFormat, split } from './ops.ts';
import { delpaths, describe, evaluate, fail, getpath, JqError, natives, paths, run, setpath, type Closure, type Native, type Path } from './interp.ts';
import { captureObject, cpSlice, matches, matchJson } from './regex.ts';
import { compare, compareStrings, isObject, setKey, sortedKeys, toJson, typeOf, truthy, type Json, type JsonObject } from './values.ts';

function def(name: string, arity: number, fn: Native, pathCapable = false): void {
  natives.set(`${name}/${arity}`, pathCapable ? { fn, paths: true } : { fn });
}

/** A builtin of the input only. */
function fn0(name: string, f: (v: Json) => Json): void {
  def(name, 0, function* (input) {
    yield f(input);
  });
}

/** A builtin whose arguments are values: runs once per combination of argument outputs. */
function fnN(name: string, arity: number, f: (v: Json, ...args: Json[]) => Json): void {
  def(name, arity, function* (input, args) {
    const each = function* (i: number, acc: Json[]): Generator<Json> {
      if (i < 0) {
        yield f(input, ...acc);
        return;
      }
      for (const v of run(args[i]!, input)) yield* each(i - 1, [v, ...acc]);
    };
    yield* each(args.length - 1, []);
  });
}

function num(name: string, v: Json): number {
  if (typeof v !== 'number') throw fail(`${describe(v)} has no ${name}`);
  return v;
}

function str(name: string, v: Json): string {
  if (typeof v !== 'string') throw fail(`${name} input must be a string, got ${describe(v)}`);
  return v;
}

function arr(name: string, v: Json): Json[] {
  if (!Array.isArray(v)) throw fail(`cannot ${name} ${describe(v)}, not an array`);
  return v;
}

function values(c: Closure, input: Json): Json[] {
  return [...run(c, input)];
}

// ---- core -----------------------------------------------------------------------------------------

def('empty', 0, function* () {}, true);
def('error', 0, function* (input) {
  throw new JqError(input);
});
fnN('error', 1, (_v, msg) => {
  throw new JqError(msg!);
});
fn0('not', (v) => !truthy(v));
def('path', 1, function* (input, [f]) {
  for (const [p] of paths(f!.ast, input, f!.env, [])) yield p as Json;
});
def('getpath', 1, function* (input, [p], base) {
  for (const pv of run(p!, input)) {
    const path = arr('getpath with', pv) as Path;
    const v = getpath(input, path);
    yield base === null ? v : ([[...base, ...path], v] as unknown as Json);
  }
}, true);
fnN('setpath', 2, (v, p, x) => setpath(v, arr('setpath with', p!) as Path, x!));
fnN('delpaths', 1, (v, ps) => delpaths(v, arr('delpaths with', ps!).map((p) => arr('delpaths with', p) as Path)));
def('first', 1, function* (input, [f]) {
  for (const v of run(f!, input)) {
    yield v;
    return;
  }
});
def('last', 1, function* (input, [f]) {
  let last: Json | undefined;
  for (const v of run(f!, input)) last = v;
  if (last !== undefined) yield last;
});
def('limit', 2, function* (input, [n, f]) {
  for (const count of run(n!, input)) {
    const max = num('limit', count);
    if (max < 0) throw fail("limit doesn't support negative count");
    if (max === 0) continue;
    let i = 0;
    for (const v of run(f!, input)) {
      yield v;
      if (++i >= max) break;
    }
  }
});
def('range', 1, function* (input, [n]) {
  for (const upto of run(n!, input)) for (let i = 0; i < num('range', upto); i++) yield i;
});
def('range', 2, function* (input, [a, b]) {
  for (const from of run(a!, input)) for (const upto of run(b!, input)) for (let i = num('range', from); i < num('range', upto); i++) yield i;
});
def('range', 3, function* (input, [a, b, c]) {
  for (const from of run(a!, input)) for (const upto of run(b!, input)) for (const by of run(c!, input)) {
    const s = num('range', by);
    if (s > 0) for (let i = num('range', from); i < num('range', upto); i += s) yield i;
    else if (s < 0) for (let i = num('range', from); i > num('range', upto); i += s) yield i;
  }
});
def('input', 0, function* () {
  throw fail('input is not supported in Switchyard transforms');
});
def('inputs', 0, function* () {
  throw fail('inputs is not supported in Switchyard transforms');
});
// Switchyard gives programs no environment variables, as Argo Events gives gojq none.
fn0('env', () => ({}));

// ---- types and conversion -------------------------------------------------------------------------

fn0('type', typeOf);
fn0('length', (v) => {
  switch (typeOf(v)) {
    case 'null': return 0;
    case 'number': return Math.abs(v as number);
    case 'string': return [...(v as string)].length;
    case 'array': return (v as Json[]).length;
    case 'object': return Object.keys(v as JsonObject).length;
    default: throw fail(`${describe(v)} has no length`);
  }
});
fn0('utf8bytelength', (v) => Buffer.byteLength(str('utf8bytelength', v), 'utf8'));
fn0('tostring', (v) => (typeof v === 'string' ? v : toJson(v)));
fn0('tojson', toJson);
fn0('fromjson', (v) => {
  try {
    return JSON.parse(str('fromjson', v)) as Json;
  } catch (err) {
    throw fail(`${v} (while parsing '${v}'): ${(err as Error).message}`);
  }
});
fn0('tonumber', (v) => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return Number(v);
  throw fail(`cannot parse ${describe(v)} as number`);
});
fn0('ascii_downcase', (v) => str('ascii_downcase', v).replace(/[A-Z]/g, (c) => c.toLowerCase()));
fn0('ascii_upcase', (v) => str('ascii_upcase', v).replace(/[a-z]/g, (c) => c.toUpperCase()));
fn0('explode', (v) => [...str('explode', v)].map((c) => c.codePointAt(0)!));
fn0('implode', (v) => arr('implode', v).map((c) => String.fromCodePoint(num('implode', c))).join(''));
fn0('infinite', () => Infinity);
fn0('nan', () => NaN);
fn0('isinfinite', (v) => Math.abs(num('isinfinite', v)) === Infinity);
fn0('isnan', (v) => Number.isNaN(num('isnan', v)));
fn0('isnormal', (v) => {
  const n = Math.abs(num('isnormal', v));
  return Number.isFinite(n) && n >= 2.2250738585072014e-308;
});
for (const [name, f] of [
  ['floor', Math.floor], ['ceil', Math.ceil], ['round', Math.round], ['sqrt', Math.sqrt], ['fabs', Math.abs], ['exp', Math.exp],
  ['exp10', (x: number) => 10 ** x], ['exp2', (x: number) => 2 ** x], ['log', Math.log], ['log10', Math.log10], ['log2', Math.log2], ['trunc', Math.trunc],
  ['sin', Math.sin], ['cos', Math.cos], ['tan', Math.tan], ['asin', Math.asin], ['acos', Math.acos], ['atan', Math.atan],
] as [string, (x: number) => number][]) {
  fn0(name, (v) => f(num(name, v)));
}
fn0('abs', (v) => (typeof v === 'number' ? Math.abs(v) : (() => { throw fail(`${describe(v)} has no absolute value`); })()));
fnN('pow', 2, (_v, a, b) => num('pow', a!) ** num('pow', b!));
fnN('log', 1, (v, b) => Math.log(num('log', v)) / Math.log(num('log', b!)));
fn0('now', () => Date.now() / 1000);

// ---- collections ----------------------------------------------------------------------------------

fn0('keys', (v) => {
  if (isObject(v)) return sortedKeys(v);
  if (Array.isArray(v)) return v.map((_x, i) => i);
  throw fail(`${describe(v)} has no keys`);
});
fnN('has', 1, (v, k) => {
  if (v === null) return false;
  if (isObject(v) && typeof k === 'string') return Object.prototype.hasOwnProperty.call(v, k);
  if (Array.isArray(v) && typeof k === 'number') return k >= 0 && k < v.length;
  throw fail(`cannot check whether ${typeOf(v)} has a ${typeOf(k!)} key`);
});
function contains(a: Json, b: Json): boolean {
  if (typeOf(a) !== typeOf(b)) throw fail(`${describe(a)} and ${describe(b)} cannot have their containment checked`);
  if (typeof a === 'string') return a.includes(b as string);
  if (Array.isArray(a)) return (b as Json[]).every((y) => a.some((x) => typeOf(x) === typeOf(y) && contains(x, y)));
  if (isObject(a)) return Object.entries(b as JsonObject).every(([k, y]) => Object.prototype.hasOwnProperty.call(a, k) && typeOf(a[k]!) === typeOf(y) && contains(a[k]!, y));
  return compare(a, b) === 0;
}
fnN('contains', 1, (v, b) => contains(v, b!));
fnN('inside', 1, (v, b) => contains(b!, v));
fn0('add', (v) => {
  if (!isObject(v) && !Array.isArray(v)) throw fail(`add cannot be applied to: ${describe(v)}`);
  const items = isObject(v) ? sortedKeys(v).map((k) => v[k]!) : v;
  let acc: Json = null;
  for (const x of items) acc = binopAdd(acc, x);
  return acc;
});
let binopAdd: (a: Json, b: Json) => Json = () => null;
export function setAdd(f: (a: Json, b: Json) => Json): void {
  binopAdd = f;
}
function flatten(v: Json[], depth: number): Json[] {
  return v.flatMap((x) => (Array.isArray(x) && depth > 0 ? flatten(x, depth - 1) : [x]));
}
fn0('flatten', (v) => flatten(arr('flatten', v), 1e9));
fnN('flatten', 1, (v, d) => {
  if (num('flatten', d!) < 0) throw fail('flatten depth must not be negative');
  return flatten(arr('flatten', v), d as number);
});
fn0('sort', (v) => [...arr('sort', v)].sort(compare));
function keyed(name: string, input: Json, f: Closure): { k: Json; v: Json }[] {
  return arr(name, input).map((v) => ({ k: values(f, v), v }));
}
def('sort_by', 1, function* (input, [f]) {
  yield keyed('sort', input, f!).sort((a, b) => compare(a.k, b.k)).map((x) => x.v);
});
def('group_by', 1, function* (input, [f]) {
  const sorted = keyed('group', input, f!).sort((a, b) => compare(a.k, b.k));
  const out: Json[][] = [];
  let prev: Json | undefined;
  for (const x of sorted) {
    if (prev === undefined || compare(prev, x.k) !== 0) out.push([]);
    out[out.length - 1]!.push(x.v);
    prev = x.k;
  }
  yield out;
});
def('unique_by', 1, function* (input, [f]) {
  const sorted = keyed('unique', input, f!).sort((a, b) => compare(a.k, b.k));
  const out: Json[] = [];
  let prev: Json | undefined;
  for (const x of sorted) {
    if (prev === undefined || compare(prev, x.k) !== 0) out.push(x.v);
    prev = x.k;
  }
  yield out;
});
fn0('unique', (v) => {
  const sorted = [...arr('unique', v)].sort(compare);
  return sorted.filter((x, i) => i === 0 || compare(sorted[i - 1]!, x) !== 0);
});
function extreme(name: string, input: Json, f: Closure | null, max: boolean): Json {
  const items = f === null ? arr(name, input).map((v) => ({ k: v, v })) : keyed(name, input, f);
  let best: { k: Json; v: Json } | undefined;
  for (const x of items) {
    if (best === undefined) best = x;
    else {
      const c = compare(x.k, best.k);
      if (max ? c >= 0 : c < 0) best = x;
    }
  }
  return best === undefined ? null : best.v;
}
fn0('min', (v) => extreme('min', v, null, false));
fn0('max', (v) => extreme('max', v, null, true));
def('min_by', 1, function* (input, [f]) {
  yield extreme('min', input, f!, false);
});
def('max_by', 1, function* (input, [f]) {
  yield extreme('max', input, f!, true);
});
fn0('reverse', (v) => {
  if (!Array.isArray(v)) throw fail(`reverse cannot be applied to: ${describe(v)}`);
  return [...v].reverse();
});
fn0('to_entries', (v) => {
  if (isObject(v)) return sortedKeys(v).map((k) => ({ key: k, value: v[k]! }));
  if (Array.isArray(v)) return v.map((x, i) => ({ key: i, value: x }));
  throw fail(`${describe(v)} has no keys`);
});
function strIndices(s: string, sub: string): number[] {
  const out: number[] = [];
  if (sub === '') return out;
  const cps = [...s];
  const subCps = [...sub];
  for (let i = 0; i + subCps.length <= cps.length; i++) if (subCps.every((c, j) => cps[i + j] === c)) out.push(i);
  return out;
}
function indicesOf(v: Json, x: Json): Json {
  if (v === null) return null;
  if (typeof v === 'string' && typeof x === 'string') return strIndices(v, x);
  if (Array.isArray(v)) {
    const needle = Array.isArray(x) ? x : [x];
    if (needle.length === 0) return null;
    const out: number[] = [];
    for (let i = 0; i + needle.length <= v.length; i++) if (needle.every((n, j) => compare(v[i + j]!, n) === 0)) out.push(i);
    return out;
  }
  throw fail(`cannot get indices of ${describe(x)} in ${describe(v)}`);
}
fnN('indices', 1, (v, x) => indicesOf(v, x!));
fnN('index', 1, (v, x) => {
  const r = indicesOf(v, x!);
  return Array.isArray(r) ? (r[0] ?? null) : null;
});
fnN('rindex', 1, (v, x) => {
  const r = indicesOf(v, x!);
  return Array.isArray(r) ? (r[r.length - 1] ?? null) : null;
});

// ---- strings --------------------------------------------------------------------------------------

fnN('startswith', 1, (v, s) => {
  if (typeof v !== 'string' || typeof s !== 'string') throw fail(`startswith() requires string inputs, got ${describe(v)}`);
  return v.startsWith(s);
});
fnN('endswith', 1, (v, s) => {
  if (typeof v !== 'string' || typeof s !== 'string') throw fail(`endswith() requires string inputs, got ${describe(v)}`);
  return v.endsWith(s);
});
function trimArgs(name: string, v: Json, s: Json): [string, string] {
  if (typeof v !== 'string' || typeof s !== 'string') throw fail(`${name}(${toJson(s)}) cannot be applied to: ${describe(v)}`);
  return [v, s];
}
fnN('ltrimstr', 1, (v, s) => {
  const [x, p] = trimArgs('ltrimstr', v, s!);
  return x.startsWith(p) ? x.slice(p.length) : x;
});
fnN('rtrimstr', 1, (v, s) => {
  const [x, p] = trimArgs('rtrimstr', v, s!);
  return x.endsWith(p) && p !== '' ? x.slice(0, x.length - p.length) : x;
});
fnN('trimstr', 1, (v, s) => {
  const [x, p] = trimArgs('trimstr', v, s!);
  const l = x.startsWith(p) ? x.slice(p.length) : x;
  return l.endsWith(p) && p !== '' ? l.slice(0, l.length - p.length) : l;
});
const WS = /^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/g;
fn0('trim', (v) => str('trim', v).replace(WS, ''));
fn0('ltrim', (v) => str('trim', v).replace(/^[\s\u0085\u00a0]+/, ''));
fn0('rtrim', (v) => str('trim', v).replace(/[\s\u0085\u00a0]+$/, ''));
fnN('split', 1, (v, sep) => {
  if (typeof v !== 'string' || typeof sep !== 'string') throw fail(`split input and separator must be strings, got ${describe(v)}`);
  return split(v, sep);
});
function splitRe(v: Json, re: Json, flags: Json): Json[] {
  const s = v as string;
  const ms = matches(v, re, flags, true);
  const out: Json[] = [];
  let prev = 0;
  for (const m of ms) {
    out.push(cpSlice(s, prev, m.offset));
    prev = m.offset + m.length;
  }
  out.push(cpSlice(s, prev));
  return out;
}
fnN('split', 2, splitRe);
fnN('join', 1, (v, sep) => {
  const items = arr('join', v);
  if (items.length === 0) return '';
  if (typeof sep !== 'string') throw fail(`join separator must be a string, got ${describe(sep!)}`);
  return items
    .map((x) => {
      if (x === null) return '';
      if (typeof x === 'string') return x;
      if (typeof x === 'number' || typeof x === 'boolean') return toJson(x);
      throw fail(`cannot join with ${describe(x)}`);
    })
    .join(sep);
});
fnN('test', 1, (v, re) => matches(v, re!, null).length > 0);
fnN('test', 2, (v, re, f) => matches(v, re!, f!).length > 0);
def('match', 1, function* (input, [re]) {
  for (const r of run(re!, input)) for (const m of matches(input, r, null)) yield matchJson(m);
});
def('match', 2, function* (input, [re, fl]) {
  for (const f of run(fl!, input)) for (const r of run(re!, input)) for (const m of matches(input, r, f)) yield matchJson(m);
});
def('capture', 1, function* (input, [re]) {
  for (const r of run(re!, input)) for (const m of matches(input, r, null)) yield captureObject(m);
});
def('capture', 2, function* (input, [re, fl]) {
  for (const f of run(fl!, input)) for (const r of run(re!, input)) for (const m of matches(input, r, f)) yield captureObject(m);
});
function* scan(input: Json, re: Json, flags: Json): Generator<Json> {
  for (const m of matches(input, re, flags, true)) yield m.captures.length === 0 ? m.string : m.captures.map((c) => c.string);
}
def('scan', 1, function* (input, [re]) {
  for (const r of run(re!, input)) yield* scan(input, r, null);
});
def('scan', 2, function* (input, [re, fl]) {
  for (const f of run(fl!, input)) for (const r of run(re!, input)) yield* scan(input, r, f);
});
function* substitute(input: Json, re: Json, repl: Closure, flags: Json, global: boolean): Generator<Json> {
  const s = str('sub', input);
  const ms = matches(input, re, flags, global);
  const step = function* (i: number, acc: string, prev: number): Generator<Json> {
    if (i === ms.length) {
      yield acc + cpSlice(s, prev);
      return;
    }
    const m = ms[i]!;
    for (const r of run(repl, captureObject(m))) {
      if (typeof r !== 'string') throw fail(`${describe(r)} cannot be added to a string`);
      yield* step(i + 1, acc + cpSlice(s, prev, m.offset) + r, m.offset + m.length);
    }
  };
  yield* step(0, '', 0);
}
def('sub', 2, function* (input, [re, repl]) {
  for (const r of run(re!, input)) yield* substitute(input, r, repl!, null, false);
});
def('sub', 3, function* (input, [re, repl, fl]) {
  for (const f of run(fl!, input)) for (const r of run(re!, input)) yield* substitute(input, r, repl!, f, typeof f === 'string' && f.includes('g'));
});
def('gsub', 2, function* (input, [re, repl]) {
  for (const r of run(re!, input)) yield* substitute(input, r, repl!, 'g', true);
});
def('gsub', 3, function* (input, [re, repl, fl]) {
  for (const f of run(fl!, input)) for (const r of run(re!, input)) yield* substitute(input, r, repl!, typeof f === 'string' ? f + 'g' : 'g', true);
});
for (const name of ['text', 'json', 'html', 'uri', 'csv', 'tsv', 'sh', 'base64', 'base64d']) fn0('@' + name, (v) => applyFormat(name, v));

// ---- dates (UTC) ----------------------------------------------------------------------------------

function todate(v: Json): Json {
  const t = num('todate', v);
  const d = new Date(Math.floor(t) * 1000);
  if (Number.isNaN(d.getTime())) throw fail(`todate: ${describe(v)} is out of range`);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function fromdate(v: Json): Json {
  const s = str('fromdate', v);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(s);
  if (m === null) throw fail(`date "${s}" does not match format "%Y-%m-%dT%H:%M:%SZ"`);
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) / 1000;
}
fn0('todate', todate);
fn0('todateiso8601', todate);
fn0('fromdate', fromdate);
fn0('fromdateiso8601', fromdate);

export { evaluate };
