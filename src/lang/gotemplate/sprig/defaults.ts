/** sprig default, type and JSON functions. */
import { def, type FuncTable } from '../funcs.ts';
import { goTypeName } from '../values.ts';
import { deepEqual, isEmpty, kindName } from './convert.ts';
import { fromGoJson, toGoJson } from './json.ts';

function defaultFn(d: unknown, ...given: unknown[]): unknown {
  if (given.length === 0 || isEmpty(given[0])) return d;
  return given[0];
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

function rawJson(v: unknown): string {
  return toGoJson(v, '', false);
}

export const defaultFuncs: FuncTable = {
  default: def(['any'], defaultFn, 'any'),
  empty: def(['any'], isEmpty),
  coalesce: def([], (...v: unknown[]) => v.find((x) => !isEmpty(x)) ?? null, 'any'),
  all: def([], (...v: unknown[]) => v.every((x) => !isEmpty(x)), 'any'),
  any: def([], (...v: unknown[]) => v.some((x) => !isEmpty(x)), 'any'),
  ternary: def(['any', 'any', 'bool'], (t: unknown, f: unknown, c: boolean) => (c ? t : f)),
  fromJson: def(['string'], (s: string) => safe(() => fromGoJson(s), null)),
  mustFromJson: def(['string'], fromGoJson),
  toJson: def(['any'], (v: unknown) => safe(() => toGoJson(v, '', true), '')),
  mustToJson: def(['any'], (v: unknown) => toGoJson(v, '', true)),
  toPrettyJson: def(['any'], (v: unknown) => safe(() => toGoJson(v, '  ', true), '')),
  mustToPrettyJson: def(['any'], (v: unknown) => toGoJson(v, '  ', true)),
  toRawJson: def(['any'], (v: unknown) => safe(() => rawJson(v), '')),
  mustToRawJson: def(['any'], rawJson),
  typeOf: def(['any'], (v: unknown) => goTypeName(v)),
  typeIs: def(['string', 'any'], (t: string, v: unknown) => t === goTypeName(v)),
  typeIsLike: def(['string', 'any'], (t: string, v: unknown) => t === goTypeName(v) || t === '*' + goTypeName(v)),
  kindOf: def(['any'], kindName),
  kindIs: def(['string', 'any'], (k: string, v: unknown) => k === kindName(v)),
  deepEqual: def(['any', 'any'], (a: unknown, b: unknown) => deepEqual(a, b)),
  fail: def(['string'], (msg: string) => {
    throw new Error(msg);
  }),
};
