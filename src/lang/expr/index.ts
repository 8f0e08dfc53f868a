/**
 * The expr language (antonmedv/expr v1.15), used by EventSource `filter.expression` and
 * elsewhere. Compile once with compileExpr, then run against many environments.
 *
 * Numbers: expr distinguishes int and float. Numbers in the environment are floats (as JSON
 * numbers are in Go); pass a bigint for an int. Results come back as plain JavaScript values
 * (ints as numbers). Functions in `options.functions` receive runtime values (ints as bigint)
 * and may return a bigint to give an int; a dotted name such as `sprig.upper` is called as
 * `sprig.upper(x)`.
 */
import { SwitchyardError } from '../../errors.ts';
import { compileTree, type Run } from './compile.ts';
import { ExprSyntaxError } from './lexer.ts';
import { parseExpr } from './parser.ts';
import { ExprRuntimeError, toPlain } from './values.ts';

export interface ExprProgram {
  readonly source: string;
  /** Throws SwitchyardError EXPR_EVAL (poison) when the program fails on this environment. */
  run(env: Record<string, unknown>): unknown;
}

export interface ExprOptions {
  functions?: Record<string, (...args: unknown[]) => unknown>;
  /**
   * What a name missing from the environment reads as. 'nil' (default) is expr without a typed
   * environment; 'error' matches programs compiled against the event itself (as Argo's event
   * source filters are), where an unknown name is an error.
   */
  unknownNames?: 'nil' | 'error';
}

/** Parse and compile an expr program. Throws SwitchyardError EXPR_PARSE (stop) when it is invalid. */
export function compileExpr(source: string, options: ExprOptions = {}): ExprProgram {
  let run: Run;
  try {
    run = compileTree(parseExpr(source), source, {
      functions: options.functions ?? {},
      unknownNames: options.unknownNames ?? 'nil',
    });
  } catch (err) {
    if (err instanceof ExprSyntaxError) {
      throw new SwitchyardError('EXPR_PARSE', `invalid expression ${JSON.stringify(source)}: ${err.message}`, {
        errorClass: 'stop',
        cause: err,
      });
    }
    throw err;
  }
  return Object.freeze({
    source,
    run(env: Record<string, unknown>): unknown {
      try {
        return toPlain(run({ env }));
      } catch (err) {
        if (err instanceof SwitchyardError) throw err;
        const message = err instanceof ExprRuntimeError ? err.message : `function failed: ${err instanceof Error ? err.message : String(err)}`;
        throw new SwitchyardError('EXPR_EVAL', `expression ${JSON.stringify(source)}: ${message}`, {
          errorClass: 'poison',
          cause: err,
        });
      }
    },
  });
}
