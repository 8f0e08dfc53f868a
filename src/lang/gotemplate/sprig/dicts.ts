/** sprig dictionary functions. Like Go maps, dicts are shared by reference: set and unset change them in place. */
import { def, type FuncTable } from '../funcs.ts';
import { GoTime, goTypeName, isMap, type GoMap } from '../values.ts';
import { strval } from './convert.ts';

function dict(...v: unknown[]): GoMap {
  const d: GoMap = {};
  for (let i = 0; i < v.length; i += 2) d[strval(v[i])] = i + 1 < v.length ? v[i + 1] : '';
  return d;
}

export function deepCopy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (isMap(v)) {
    const out: GoMap = {};
    for (const [k, x] of Object.entries(v)) out[k] = deepCopy(x);
    return out;
  }
  if (v instanceof GoTime) return new GoTime(v.ms, v.zone, v.nanos);
  return v;
}

/** mergo.Merge: fill keys missing (or empty) in dst from src, recursing into nested maps. */
function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const [k, sv] of Object.entries(src)) {
    const dv = dst[k];
    if (isMap(dv) && isMap(sv)) mergeInto(dv, sv, overwrite);
    else if (sv === null || sv === undefined) continue; // mergo does not copy nil values
    else if (!(k in dst) || dv === null || dv === undefined || overwrite) dst[k] = deepCopy(sv);
  }
}

function dig(...ps: unknown[]): unknown {
  if (ps.length < 3) throw new Error('dig needs at least three arguments');
  const dict = ps[ps.length - 1];
  const def = ps[ps.length - 2];
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== 'string') throw new Error('interface conversion: interface {} is not string');
    return k;
  });
  if (!isMap(dict)) throw new Error(`interface conversion: interface {} is ${goTypeName(dict)}, not map[string]interface {}`);
  let cur: unknown = dict;
  for (let i = 0; i < keys.length; i++) {
    if (!isMap(cur)) throw new Error(`interface conversion: interface {} is ${goTypeName(cur)}, not map[string]interface {}`);
    const k = keys[i] ?? '';
    if (!(k in cur)) return def;
    cur = cur[k];
  }
  return cur;
}

export const dictFuncs: FuncTable = {
  dict: def([], dict, 'any'),
  get: def(['map', 'string'], (d: GoMap | null, k: string) => (d && Object.prototype.hasOwnProperty.call(d, k) ? d[k] : '')),
  set: def(['map', 'string', 'any'], (d: GoMap | null, k: string, v: unknown) => {
    if (!d) throw new Error('assignment to entry in nil map');
    d[k] = v;
    return d;
  }),
  unset: def(['map', 'string'], (d: GoMap | null, k: string) => {
    if (d) delete d[k];
    return d;
  }),
  hasKey: def(['map', 'string'], (d: GoMap | null, k: string) => !!d && Object.prototype.hasOwnProperty.call(d, k)),
  pluck: def(['string'], (k: string, ...ds: (GoMap | null)[]) => ds.filter((d) => d && k in d).map((d) => (d as GoMap)[k]), 'map'),
  keys: def([], (...ds: (GoMap | null)[]) => ds.flatMap((d) => (d ? Object.keys(d) : [])), 'map'),
  values: def(['map'], (d: GoMap | null) => (d ? Object.values(d) : [])),
  pick: def(['map'], (d: GoMap | null, ...ks: string[]) => {
    const out: GoMap = {};
    for (const k of ks) if (d && k in d) out[k] = d[k];
    return out;
  }, 'string'),
  omit: def(['map'], (d: GoMap | null, ...ks: string[]) => {
    const out: GoMap = {};
    for (const [k, v] of Object.entries(d ?? {})) if (!ks.includes(k)) out[k] = v;
    return out;
  }, 'string'),
  merge: def(['map'], (dst: GoMap | null, ...srcs: (GoMap | null)[]) => {
    const d = dst ?? {};
    for (const s of srcs) if (s) mergeInto(d, s, false);
    return d;
  }, 'map'),
  mergeOverwrite: def(['map'], (dst: GoMap | null, ...srcs: (GoMap | null)[]) => {
    const d = dst ?? {};
    for (const s of srcs) if (s) mergeInto(d, s, true);
    return d;
  }, 'map'),
  dig: def([], dig, 'any'),
  deepCopy: def(['any'], deepCopy),
  mustDeepCopy: def(['any'], (v: unknown) => {
    if (v === null) throw new Error('copy: Must not call with nil');
    return deepCopy(v);
  }),
};
dictFuncs['mustMerge'] = dictFuncs['merge'] as FuncTable[string];
dictFuncs['mustMergeOverwrite'] = dictFuncs['mergeOverwrite'] as FuncTable[string];
