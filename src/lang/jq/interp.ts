/**
 * Evaluates jq syntax trees as generators of outputs; path mode (for path(), assignments, del, paths)
 * yields [path, value] pairs instead.
 */
import type { Ast, Pattern } from './ast.ts';
import { compare, isObject, setKey, sortedKeys, truthy, typeOf, toJson, type Json, type JsonObject } from './values.ts';

export type PathKey = string | number | { start: Json; end: Json };
export type Path = PathKey[];

/** An error raised by a jq program; `value` is what `catch` receives. */
export class JqError extends Error {
  constructor(readonly value: Json) {
    super(typeof value === 'string' ? value : `${toJson(value)} (not a string)`);
  }
}

class BreakSignal {
  constructor(readonly label: object) {}
}

export interface Closure {
  ast: Ast;
  env: Env;
}

interface FuncDef {
  name: string;
  arity: number;
  params: string[];
  body: Ast;
  env: Env;
}

export interface Env {
  vars: { name: string; value: Json; next: Env['vars'] } | null;
  funcs: { name: string; arity: number; def?: FuncDef; closure?: Closure; next: Env['funcs'] } | null;
  labels: { name: string; id: object; next: Env['labels'] } | null;
}

export type Native = (input: Json, args: Closure[], path: Path | null) => Iterable<Json | [Path, Json]>;
export const natives = new Map<string, { fn: Native; paths?: boolean }>();

export function fail(msg: string): JqError {
  return new JqError(msg);
}

export function describe(v: Json): string {
  const t = toJson(v);
  return `${typeOf(v)} (${t.length > 11 ? t.slice(0, 10) + '...' : t})`;
}

export function* run(c: Closure, input: Json): Generator<Json> {
  yield* evaluate(c.ast, input, c.env);
}

function lookupVar(env: Env, name: string): Json {
  for (let v = env.vars; v !== null; v = v.next) if (v.name === name) return v.value;
  if (name === 'ENV') return {};
  throw fail(`$${name} is not defined`);
}

export function bindVar(env: Env, name: string, value: Json): Env {
  return { ...env, vars: { name, value, next: env.vars } };
}

// ---- indexing -------------------------------------------------------------------------------------

export function index(v: Json, key: Json): Json {
  if (typeof key === 'string') {
    if (v === null) return null;
    if (isObject(v)) return Object.prototype.hasOwnProperty.call(v, key) ? v[key]! : null;
    throw fail(`expected an object but got: ${describe(v)}`);
  }
  if (typeof key === 'number') {
    if (v === null) return null;
    if (typeof v === 'string') {
      // gojq indexes strings by code point.
      const cps = [...v];
      let i = Math.floor(key);
      if (i < 0) i += cps.length;
      return i >= 0 && i < cps.length ? cps[i]! : null;
    }
    if (Array.isArray(v)) {
      if (Number.isNaN(key)) return null;
      let i = Math.floor(key);
      if (i < 0) i += v.length;
      return i >= 0 && i < v.length ? v[i]! : null;
    }
    throw fail(`expected an array but got: ${describe(v)}`);
  }
  if (isObject(key) && (Array.isArray(v) || typeof v === 'string')) return slice(v, key['start'] ?? null, key['end'] ?? null);
  if (Array.isArray(key) && Array.isArray(v)) return indices(v, key);
  if (v === null) return null;
  throw fail(`cannot index ${typeOf(v)} with ${typeOf(key)}`);
}

function indices(v: Json[], key: Json[]): Json {
  if (key.length === 0) return null;
  const out: number[] = [];
  for (let i = 0; i + key.length <= v.length; i++) {
    if (key.every((k, j) => compare(v[i + j]!, k) === 0)) out.push(i);
  }
  return out;
}

function sliceBounds(len: number, from: Json, to: Json): [number, number] {
  if ((from !== null && typeof from !== 'number') || (to !== null && typeof to !== 'number')) throw fail('start and end indices of an array slice must be numbers');
  let s = from === null ? 0 : Math.floor(from);
  let e = to === null ? len : Math.ceil(to);
  if (s < 0) s = Math.max(0, len + s);
  if (e < 0) e = Math.max(0, len + e);
  s = Math.min(s, len);
  e = Math.min(Math.max(e, s), len);
  return [s, e];
}

export function slice(v: Json, from: Json, to: Json): Json {
  if (v === null) return null;
  if (typeof v === 'string') {
    const cps = [...v];
    const [s, e] = sliceBounds(cps.length, from, to);
    return cps.slice(s, e).join('');
  }
  if (Array.isArray(v)) {
    const [s, e] = sliceBounds(v.length, from, to);
    return v.slice(s, e);
  }
  throw fail(`cannot slice ${describe(v)}`);
}

export function getpath(v: Json, path: Path): Json {
  let cur = v;
  for (const k of path) {
    if (cur === null) return null;
    cur = typeof k === 'object' ? slice(cur, k.start, k.end) : index(cur, k);
  }
  return cur;
}

export function setpath(v: Json, path: Path, value: Json, i = 0): Json {
  if (i === path.length) return value;
  const k = path[i]!;
  if (typeof k === 'string') {
    if (v !== null && !isObject(v)) throw fail(`expected an object but got: ${describe(v)}`);
    const o: JsonObject = { ...(v ?? {}) };
    setKey(o, k, setpath(o[k] ?? null, path, value, i + 1));
    return o;
  }
  if (typeof k === 'number') {
    if (v !== null && !Array.isArray(v)) throw fail(`expected an array but got: ${describe(v)}`);
    const a = [...(v ?? [])];
    let n = Math.floor(k);
    if (n < 0) {
      n += a.length;
      if (n < 0) throw fail('array index out of range');
    }
    if (n > 100_000_000) throw fail('array index too large');
    while (a.length < n) a.push(null);
    a[n] = setpath(a[n] ?? null, path, value, i + 1);
    return a;
  }
  if (v !== null && !Array.isArray(v)) throw fail(`cannot update slice of ${describe(v)}`);
  const a = v ?? [];
  const [s, e] = sliceBounds(a.length, k.start, k.end);
  const repl = setpath(a.slice(s, e), path, value, i + 1);
  if (!Array.isArray(repl)) throw fail('a slice can only be replaced by an array');
  return [...a.slice(0, s), ...repl, ...a.slice(e)];
}

export function delpaths(v: Json, paths: Path[]): Json {
  const sorted = [...paths].sort((a, b) => compare(b as Json, a as Json));
  let out = v;
  for (const p of sorted) out = delpath(out, p, 0);
  return out;
}

function delpath(v: Json, path: Path, i: number): Json {
  if (v === null) return null;
  const k = path[i]!;
  if (i === path.length - 1) {
    if (typeof k === 'string') {
      if (!isObject(v)) throw fail(`cannot delete field at object index of ${describe(v)}`);
      const o = { ...v };
      delete o[k];
      return o;
    }
    if (!Array.isArray(v)) throw fail(`cannot delete from ${describe(v)}`);
    if (typeof k === 'number') {
      let n = Math.floor(k);
      if (n < 0) n += v.length;
      if (n < 0 || n >= v.length) return v;
      return [...v.slice(0, n), ...v.slice(n + 1)];
    }
    const [s, e] = sliceBounds(v.length, k.start, k.end);
    return [...v.slice(0, s), ...v.slice(e)];
  }
  const child = typeof k === 'object' ? slice(v, k.start, k.end) : index(v, k);
  if (child === null) return v;
  return setpath(v, [k], delpath(child, path, i + 1));
}

// ---- evaluation -----------------------------------------------------------------------------------

function* cartesian(items: Ast[], input: Json, env: Env, acc: Json[] = []): Generator<Json[]> {
  if (acc.length === items.length) {
    yield acc;
    return;
  }
  for (const v of evaluate(items[acc.length]!, input, env)) yield* cartesian(items, input, env, [...acc, v]);
}

const SKIP = Symbol('skip');

/** Runs f; with `opt` (a `?` suffix) an error gives SKIP instead. */
function optional<T>(opt: boolean | undefined, f: () => T): T | typeof SKIP {
  if (!opt) return f();
  try {
    return f();
  } catch (err) {
    if (err instanceof JqError) return SKIP;
    throw err;
  }
}

function* iterate(v: Json): Generator<[PathKey, Json]> {
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield [i, v[i]!];
  else if (isObject(v)) for (const k of sortedKeys(v)) yield [k, v[k]!];
  else throw fail(`cannot iterate over ${describe(v)}`);
}

function* bindPattern(p: Pattern, v: Json, input: Json, env: Env): Generator<Env> {
  if (p.p === 'var') {
    yield bindVar(env, p.name, v);
    return;
  }
  if (p.p === 'arr') {
    if (v !== null && !Array.isArray(v)) throw fail(`cannot index ${typeOf(v)} with number`);
    const step = function* (i: number, e: Env): Generator<Env> {
      if (i === p.items.length) {
        yield e;
        return;
      }
      yield* (function* () {
        for (const e2 of bindPattern(p.items[i]!, index(v, i), input, e)) yield* step(i + 1, e2);
      })();
    };
    yield* step(0, env);
    return;
  }
  const step = function* (i: number, e: Env): Generator<Env> {
    if (i === p.entries.length) {
      yield e;
      return;
    }
    const entry = p.entries[i]!;
    for (const key of evaluate(entry.key, input, e)) {
      if (typeof key !== 'string') throw fail(`cannot index object with ${typeOf(key)}`);
      if (v !== null && !isObject(v)) throw fail(`cannot index ${typeOf(v)} with "${key}"`);
      const val = index(v, key);
      let e2 = e;
      if (entry.keyVar !== undefined) e2 = bindVar(e2, entry.keyVar, val);
      if (entry.pat === undefined) yield* step(i + 1, e2);
      else for (const e3 of bindPattern(entry.pat, val, input, e2)) yield* step(i + 1, e3);
    }
  };
  yield* step(0, env);
}

function patternVars(p: Pattern, out: string[] = []): string[] {
  if (p.p === 'var') out.push(p.name);
  else if (p.p === 'arr') p.items.forEach((x) => patternVars(x, out));
  else for (const e of p.entries) {
    if (e.keyVar !== undefined) out.push(e.keyVar);
    if (e.pat !== undefined) patternVars(e.pat, out);
  }
  return out;
}

function* bindAlternatives(pats: Pattern[], v: Json, input: Json, env: Env): Generator<Env> {
  if (pats.length === 1) {
    yield* bindPattern(pats[0]!, v, input, env);
    return;
  }
  // ?// : every variable of every alternative exists (null unless bound); an error tries the next one.
  let base = env;
  for (const name of pats.flatMap((p) => patternVars(p))) base = bindVar(base, name, null);
  for (let i = 0; i < pats.length; i++) {
    try {
      const envs = [...bindPattern(pats[i]!, v, input, base)];
      yield* envs;
      return;
    } catch (err) {
      if (!(err instanceof JqError) || i === pats.length - 1) throw err;
    }
  }
}

function lookupFunc(env: Env, name: string, arity: number): NonNullable<Env['funcs']> | undefined {
  for (let f = env.funcs; f !== null; f = f.next) if (f.name === name && f.arity === arity) return f;
  return undefined;
}

/** Calls a function in value mode (path === null) or path mode. */
function* call(ast: Extract<Ast, { k: 'call' }>, input: Json, env: Env, path: Path | null): Generator<Json | [Path, Json]> {
  const f = lookupFunc(env, ast.name, ast.args.length);
  if (f?.closure !== undefined) {
    if (path === null) yield* evaluate(f.closure.ast, input, f.closure.env);
    else yield* paths(f.closure.ast, input, f.closure.env, path);
    return;
  }
  if (f?.def !== undefined) {
    const def = f.def;
    const valueParams: [string, Ast][] = [];
    let fenv: Env = def.env;
    def.params.forEach((p, i) => {
      const arg = ast.args[i]!;
      if (p.startsWith('$')) valueParams.push([p.slice(1), arg]);
      else fenv = { ...fenv, funcs: { name: p, arity: 0, closure: { ast: arg, env }, next: fenv.funcs } };
    });
    const bind = function* (i: number, e: Env): Generator<Json | [Path, Json]> {
      if (i === valueParams.length) {
        if (path === null) yield* evaluate(def.body, input, e);
        else yield* paths(def.body, input, e, path);
        return;
      }
      const [name, arg] = valueParams[i]!;
      for (const v of evaluate(arg, input, env)) {
        const e2 = bindVar(e, name, v);
        yield* bind(i + 1, { ...e2, funcs: { name, arity: 0, closure: { ast: { k: 'lit', v }, env: e2 }, next: e2.funcs } });
      }
    };
    yield* bind(0, fenv);
    return;
  }
  const native = natives.get(`${ast.name}/${ast.args.length}`);
  if (native === undefined) throw fail(`${ast.name}/${ast.args.length} is not defined`);
  if (path !== null && native.paths !== true) throw fail(`invalid path expression with result of ${ast.name}`);
  yield* native.fn(input, ast.args.map((a) => ({ ast: a, env })), path);
}

function label(env: Env, name: string): object {
  for (let l = env.labels; l !== null; l = l.next) if (l.name === name) return l.id;
  throw fail(`$*label-${name} is not defined`);
}

function defineFunc(ast: Extract<Ast, { k: 'def' }>, env: Env): Env {
  const def: FuncDef = { name: ast.name, arity: ast.params.length, params: ast.params, body: ast.body, env };
  const out: Env = { ...env, funcs: { name: ast.name, arity: def.arity, def, next: env.funcs } };
  def.env = out;
  return out;
}

export function* evaluate(ast: Ast, input: Json, env: Env): Generator<Json> {
  switch (ast.k) {
    case 'id':
      yield input;
      return;
    case 'lit':
      yield ast.v as Json;
      return;
    case 'var':
      yield lookupVar(env, ast.name);
      return;
    case 'rec':
      yield* evaluate({ k: 'call', name: 'recurse', args: [] }, input, env);
      return;
    case 'index':
      for (const t of evaluate(ast.target, input, env)) {
        for (const k of evaluate(ast.key, input, env)) {
          const v = optional(ast.opt, () => index(t, k));
          if (v === SKIP) break;
          yield v;
        }
      }
      return;
    case 'slice':
      for (const t of evaluate(ast.target, input, env)) {
        for (const to of ast.to ? evaluate(ast.to, input, env) : [null]) {
          for (const from of ast.from ? evaluate(ast.from, input, env) : [null]) {
            const v = optional(ast.opt, () => slice(t, from, to));
            if (v !== SKIP) yield v;
          }
        }
      }
      return;
    case 'iter':
      for (const t of evaluate(ast.target, input, env)) {
        const items = optional(ast.opt, () => [...iterate(t)]);
        if (items !== SKIP) for (const [, v] of items) yield v;
      }
      return;
    case 'pipe':
      for (const v of evaluate(ast.l, input, env)) yield* evaluate(ast.r, v, env);
      return;
    case 'comma':
      yield* evaluate(ast.l, input, env);
      yield* evaluate(ast.r, input, env);
      return;
    case 'neg':
      for (const v of evaluate(ast.body, input, env)) {
        if (typeof v !== 'number') throw fail(`cannot negate: ${describe(v)}`);
        yield -v;
      }
      return;
    case 'bin':
      for (const r of evaluate(ast.r, input, env)) for (const l of evaluate(ast.l, input, env)) yield binop(ast.op, l, r);
      return;
    case 'and':
    case 'or':
      for (const l of evaluate(ast.l, input, env)) {
        if (ast.k === 'and' ? !truthy(l) : truthy(l)) {
          yield ast.k === 'or';
          continue;
        }
        for (const r of evaluate(ast.r, input, env)) yield truthy(r);
      }
      return;
    case 'alt': {
      let any = false;
      for (const v of evaluate(ast.l, input, env)) {
        if (truthy(v)) {
          any = true;
          yield v;
        }
      }
      if (!any) yield* evaluate(ast.r, input, env);
      return;
    }
    case 'if':
      for (const c of evaluate(ast.cond, input, env)) {
        if (truthy(c)) yield* evaluate(ast.then, input, env);
        else if (ast.else) yield* evaluate(ast.else, input, env);
        else yield input;
      }
      return;
    case 'try':
      yield* tryEval(ast, input, env, null) as Generator<Json>;
      return;
    case 'reduce':
      for (const init of evaluate(ast.init, input, env)) {
        let acc: Json | undefined = init;
        for (const v of evaluate(ast.src, input, env)) {
          for (const e of bindPattern(ast.pat, v, input, env)) {
            let last: Json | undefined;
            for (const out of evaluate(ast.update, acc ?? null, e)) last = out;
            if (last !== undefined) acc = last;
          }
        }
        if (acc !== undefined) yield acc;
      }
      return;
    case 'foreach':
      for (const init of evaluate(ast.init, input, env)) {
        let acc: Json = init;
        for (const v of evaluate(ast.src, input, env)) {
          for (const e of bindPattern(ast.pat, v, input, env)) {
            for (const out of evaluate(ast.update, acc, e)) {
              acc = out;
              if (ast.extract) yield* evaluate(ast.extract, out, e);
              else yield out;
            }
          }
        }
      }
      return;
    case 'as':
      for (const v of evaluate(ast.src, input, env)) {
        for (const e of bindAlternatives(ast.pats, v, input, env)) yield* evaluate(ast.body, input, e);
      }
      return;
    case 'def':
      yield* evaluate(ast.rest, input, defineFunc(ast, env));
      return;
    case 'call':
      yield* call(ast, input, env, null) as Generator<Json>;
      return;
    case 'arr':
      yield ast.body ? [...evaluate(ast.body, input, env)] : [];
      return;
    case 'obj':
      yield* objects(ast.entries, 0, input, env, {});
      return;
    case 'str':
      yield* interpolate(ast.parts, 0, input, env, ast.fmt, '');
      return;
    case 'format':
      yield applyFormat(ast.name, input);
      return;
    case 'label': {
      const id = {};
      try {
        yield* evaluate(ast.body, input, { ...env, labels: { name: ast.name, id, next: env.labels } });
      } catch (err) {
        if (!(err instanceof BreakSignal) || err.label !== id) throw err;
      }
      return;
    }
    case 'break':
      throw new BreakSignal(label(env, ast.name));
    case 'assign':
      yield* assign(ast, input, env);
      return;
  }
}

function* tryEval(ast: Extract<Ast, { k: 'try' }>, input: Json, env: Env, path: Path | null): Generator<Json | [Path, Json]> {
  try {
    if (path === null) yield* evaluate(ast.body, input, env);
    else yield* paths(ast.body, input, env, path);
  } catch (err) {
    if (!(err instanceof JqError)) throw err;
    if (ast.handler === undefined) return;
    if (path === null) yield* evaluate(ast.handler, err.value, env);
    else yield* paths(ast.handler, err.value, env, path);
  }
}

function* objects(entries: { key: Ast; value: Ast }[], i: number, input: Json, env: Env, acc: JsonObject): Generator<Json> {
  if (i === entries.length) {
    yield { ...acc };
    return;
  }
  const e = entries[i]!;
  for (const k of evaluate(e.key, input, env)) {
    if (typeof k !== 'string') throw fail(`expected a string for object key but got: ${describe(k)}`);
    for (const v of evaluate(e.value, input, env)) {
      const next = { ...acc };
      setKey(next, k, v);
      yield* objects(entries, i + 1, input, env, next);
    }
  }
}

function* interpolate(parts: (string | Ast)[], i: number, input: Json, env: Env, fmt: string | undefined, acc: string): Generator<Json> {
  if (i === parts.length) {
    yield acc;
    return;
  }
  const p = parts[i]!;
  if (typeof p === 'string') {
    yield* interpolate(parts, i + 1, input, env, fmt, acc + p);
    return;
  }
  for (const v of evaluate(p, input, env)) {
    const s = fmt === undefined ? (typeof v === 'string' ? v : toJson(v)) : (applyFormat(fmt, v) as string);
    yield* interpolate(parts, i + 1, input, env, fmt, acc + s);
  }
}

export let applyFormat: (name: string, v: Json) => Json = () => {
  throw fail('formats are not loaded');
};
export function setFormatter(f: (name: string, v: Json) => Json): void {
  applyFormat = f;
}
export let binop: (op: string, l: Json, r: Json) => Json = () => null;
export function setBinop(f: (op: string, l: Json, r: Json) => Json): void {
  binop = f;
}

// ---- paths ----------------------------------------------------------------------------------------

export function* paths(ast: Ast, input: Json, env: Env, base: Path): Generator<[Path, Json]> {
  switch (ast.k) {
    case 'id':
      yield [base, input];
      return;
    case 'rec':
      yield* paths({ k: 'call', name: 'recurse', args: [] }, input, env, base);
      return;
    case 'index':
      for (const [p, v] of paths(ast.target, input, env, base)) {
        for (const k of evaluate(ast.key, input, env)) {
          const x = optional(ast.opt, () => {
            if (v !== null && Array.isArray(k)) throw fail('cannot update field at array index of array');
            return index(v, k);
          });
          if (x === SKIP) break;
          yield [[...p, k as PathKey], x];
        }
      }
      return;
    case 'slice':
      for (const [p, v] of paths(ast.target, input, env, base)) {
        for (const to of ast.to ? evaluate(ast.to, input, env) : [null]) {
          for (const from of ast.from ? evaluate(ast.from, input, env) : [null]) {
            const x = optional(ast.opt, () => slice(v, from, to));
            if (x !== SKIP) yield [[...p, { start: from, end: to }], x];
          }
        }
      }
      return;
    case 'iter':
      for (const [p, v] of paths(ast.target, input, env, base)) {
        const items = optional(ast.opt, () => [...iterate(v)]);
        if (items !== SKIP) for (const [k, x] of items) yield [[...p, k], x];
      }
      return;
    case 'pipe':
      for (const [p, v] of paths(ast.l, input, env, base)) yield* paths(ast.r, v, env, p);
      return;
    case 'comma':
      yield* paths(ast.l, input, env, base);
      yield* paths(ast.r, input, env, base);
      return;
    case 'if':
      for (const c of evaluate(ast.cond, input, env)) {
        if (truthy(c)) yield* paths(ast.then, input, env, base);
        else if (ast.else) yield* paths(ast.else, input, env, base);
        else yield [base, input];
      }
      return;
    case 'alt': {
      let any = false;
      for (const [p, v] of paths(ast.l, input, env, base)) {
        if (truthy(v)) {
          any = true;
          yield [p, v];
        }
      }
      if (!any) yield* paths(ast.r, input, env, base);
      return;
    }
    case 'try':
      yield* tryEval(ast, input, env, base) as Generator<[Path, Json]>;
      return;
    case 'as':
      for (const v of evaluate(ast.src, input, env)) {
        for (const e of bindAlternatives(ast.pats, v, input, env)) yield* paths(ast.body, input, e, base);
      }
      return;
    case 'def':
      yield* paths(ast.rest, input, defineFunc(ast, env), base);
      return;
    case 'call':
      yield* call(ast, input, env, base) as Generator<[Path, Json]>;
      return;
    case 'reduce':
      for (const init of paths(ast.init, input, env, base)) {
        let acc: [Path, Json] | undefined = init;
        for (const v of evaluate(ast.src, input, env)) {
          for (const e of bindPattern(ast.pat, v, input, env)) {
            let last: [Path, Json] | undefined;
            for (const out of paths(ast.update, acc?.[1] ?? null, e, acc?.[0] ?? base)) last = out;
            acc = last;
          }
        }
        if (acc !== undefined) yield acc;
      }
      return;
    case 'label': {
      const id = {};
      try {
        yield* paths(ast.body, input, { ...env, labels: { name: ast.name, id, next: env.labels } }, base);
      } catch (err) {
        if (!(err instanceof BreakSignal) || err.label !== id) throw err;
      }
      return;
    }
    case 'break':
      throw new BreakSignal(label(env, ast.name));
    case 'lit':
      if (ast.v === null) {
        yield [base, null];
        return;
      }
      throw fail(`invalid path expression with result ${toJson(ast.v as Json)}`);
    default: {
      for (const v of evaluate(ast, input, env)) throw fail(`invalid path expression with result ${toJson(v).slice(0, 30)}`);
    }
  }
}

function* assign(ast: Extract<Ast, { k: 'assign' }>, input: Json, env: Env): Generator<Json> {
  const targets = (): Path[] => [...paths(ast.l, input, env, [])].map(([p]) => p);
  if (ast.op === '|=') {
    let out = input;
    for (const p of targets()) {
      let first: Json | undefined;
      for (const v of evaluate(ast.r, getpath(out, p), env)) {
        first = v;
        break;
      }
      out = first === undefined ? delpaths(out, [p]) : setpath(out, p, first);
    }
    yield out;
    return;
  }
  for (const rhs of evaluate(ast.r, input, env)) {
    let out = input;
    for (const p of targets()) {
      if (ast.op === '=') out = setpath(out, p, rhs);
      else if (ast.op === '//=') {
        const cur = getpath(out, p);
        out = setpath(out, p, truthy(cur) ? cur : rhs);
      } else out = setpath(out, p, binop(ast.op.slice(0, -1), getpath(out, p), rhs));
    }
    yield out;
  }
}
