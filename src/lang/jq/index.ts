/**
 * jq for sensor transforms, matching gojq (the jq Argo Events uses). See docs/lang/jq.md.
 *
 *   compileJq('{id: .body.id, labels: [.body.labels[] | ascii_downcase]}').first(data)
 */
import { SwitchyardError } from '../../errors.ts';
import './builtins.ts';
import { setAdd } from './builtins.ts';
import { binop, applyFormat } from './ops.ts';
import { evaluate, JqError, setBinop, setFormatter, type Env } from './interp.ts';
import { parse } from './parser.ts';
import { PRELUDE } from './prelude.ts';
import type { Ast } from './ast.ts';
import type { Json } from './values.ts';

setBinop(binop);
setFormatter(applyFormat);
setAdd((a, b) => binop('+', a, b));

export interface JqProgram {
  readonly source: string;
  /** The first output of the program on the input; throws JQ_RUN when there is none. */
  first(input: unknown): unknown;
  /** Every output of the program on the input. */
  all(input: unknown): unknown[];
}

const MAX_OUTPUTS = 100_000;

/** The environment holding the prelude's definitions. */
const baseEnv: Env = (() => {
  let ast: Ast = parse(PRELUDE + ' .');
  let env: Env = { vars: null, funcs: null, labels: null };
  const defs: { env: Env }[] = [];
  while (ast.k === 'def') {
    const def = { name: ast.name, arity: ast.params.length, params: ast.params, body: ast.body, env };
    env = { ...env, funcs: { name: ast.name, arity: def.arity, def, next: env.funcs } };
    defs.push(def);
    ast = ast.rest;
  }
  // Every prelude function sees every other one, whatever the order of definition.
  for (const def of defs) def.env = env;
  return env;
})();

function runError(err: unknown): SwitchyardError {
  if (err instanceof JqError) return new SwitchyardError('JQ_RUN', `jq program failed: ${err.message}`, { errorClass: 'poison', cause: err });
  if (err instanceof RangeError) return new SwitchyardError('JQ_RUN', 'jq program failed: recursion too deep', { errorClass: 'poison', cause: err });
  if (err instanceof SwitchyardError) return err;
  return new SwitchyardError('JQ_RUN', `jq program failed: ${err instanceof Error ? err.message : String(err)}`, { errorClass: 'poison', cause: err });
}

export function compileJq(source: string): JqProgram {
  let ast: Ast;
  try {
    ast = parse(source);
  } catch (err) {
    if (err instanceof SwitchyardError) throw err;
    throw new SwitchyardError('JQ_PARSE', `jq program does not parse: ${String(err)}`, { errorClass: 'stop' });
  }
  return {
    source,
    first(input: unknown): unknown {
      try {
        for (const v of evaluate(ast, input as Json, baseEnv)) return v;
      } catch (err) {
        throw runError(err);
      }
      throw new SwitchyardError('JQ_RUN', 'jq program produced no output', { errorClass: 'poison' });
    },
    all(input: unknown): unknown[] {
      const out: unknown[] = [];
      try {
        for (const v of evaluate(ast, input as Json, baseEnv)) {
          out.push(v);
          if (out.length > MAX_OUTPUTS) throw new SwitchyardError('JQ_RUN', `jq program produced more than ${MAX_OUTPUTS} outputs`, { errorClass: 'poison' });
        }
      } catch (err) {
        throw runError(err);
      }
      return out;
    },
  };
}
