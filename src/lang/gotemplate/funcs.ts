/** How template functions are declared: Go parameter types decide how arguments are checked and converted. */

/**
 * Parameter kinds, after Go's parameter types:
 *  any: interface{}; value: reflect.Value (no conversion, missing stays missing);
 *  string, int, float64, bool: must already have that type; map: map[string]interface{};
 *  slice: []interface{}; strings: []string; time: time.Time.
 */
export type ParamKind = 'any' | 'value' | 'string' | 'int' | 'float64' | 'bool' | 'map' | 'slice' | 'strings' | 'time';

export interface FuncDef {
  params: readonly ParamKind[];
  /** Kind of the trailing variadic parameter, if the function is variadic. */
  variadic?: ParamKind;
  /** Throw an Error to report "error calling NAME: message". */
  fn: (...args: never[]) => unknown;
}

export type FuncTable = Record<string, FuncDef>;

/** Shorthand: def(['string', 'int'], fn) or def(['string'], fn, 'any') for variadic. */
export function def<A extends unknown[]>(params: readonly ParamKind[], fn: (...args: A) => unknown, variadic?: ParamKind): FuncDef {
  const d: FuncDef = { params, fn: fn as unknown as (...args: never[]) => unknown };
  if (variadic) d.variadic = variadic;
  return d;
}

/** An Error whose message is shown as Go would show a failed call. */
export class CallError extends Error {}
