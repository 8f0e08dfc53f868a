import { SwitchyardError, errorMessage } from '../errors.ts';

/** The verdict of `filter.expression` on one event. */
export type FilterVerdict = { pass: true } | { pass: false; reason: string };
export type SourceFilter = (data: Buffer) => FilterVerdict;

/** A compiled expression as the expr engine returns it: evaluated against an environment object. */
export type ExprProgram = (env: Record<string, unknown>) => unknown;
export type ExprCompiler = (source: string) => ExprProgram;

/**
 * The environment Argo gives `filter.expression`: the event data as an object, top-level keys with `-`
 * replaced by `_` and dotted keys expanded. Anything but a JSON object is an error (the event is dropped).
 */
export function filterEnv(data: Buffer): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch (err) {
    throw new Error(`event data is not JSON: ${errorMessage(err)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('event data is not a JSON object');
  const env: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed)) setDotted(env, k.replaceAll('-', '_'), v);
  return env;
}

/** A dotted top-level key ("a.b") is expanded into nested objects, as Argo does. */
function setDotted(env: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = env;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/**
 * Compiles `filter.expression` once. An invalid expression stops the start; at run time an error or a
 * non-bool result drops the event with the reason (the host logs and counts it).
 */
export function compileSourceFilter(expression: string, compile: ExprCompiler): SourceFilter {
  let program: ExprProgram;
  try {
    program = compile(expression);
  } catch (err) {
    throw new SwitchyardError('SOURCE_FILTER_INVALID', `filter.expression ${JSON.stringify(expression)} does not compile: ${errorMessage(err)}`, { cause: err });
  }
  return (data) => {
    let result: unknown;
    try {
      result = program(filterEnv(data));
    } catch (err) {
      return { pass: false, reason: `filter.expression failed: ${errorMessage(err)}` };
    }
    if (typeof result !== 'boolean') return { pass: false, reason: `filter.expression returned ${typeof result}, not bool` };
    return result ? { pass: true } : { pass: false, reason: 'filter.expression is false' };
  };
}
