/**
 * govaluate expressions, as Argo Events evaluates them: `exprs` filters (parameters are the
 * values of the fields' gjson paths) and trigger `conditions` (parameters are dependency names).
 * Compile once with compileGovaluate, then evaluate as often as needed.
 */
import { SwitchyardError } from '../../errors.ts';
import { compileNode, EvalError, type Evaluator } from './compile.ts';
import { GoRegexpError } from './go-regexp.ts';
import { LexError, tokenize } from './lexer.ts';
import { parse, ParseError, type Node } from './parser.ts';

export interface GovaluateExpression {
  readonly source: string;
  /** Parameter names the expression reads, in order of first use. */
  readonly vars: readonly string[];
  /** Throws SwitchyardError GOVALUATE_EVAL (poison) on type errors and missing parameters. */
  evaluate(params: Record<string, unknown>): unknown;
}

/** Parse a govaluate expression. Throws SwitchyardError GOVALUATE_PARSE (stop) when it is invalid. */
export function compileGovaluate(source: string): GovaluateExpression {
  let run: Evaluator;
  let vars: string[];
  try {
    const tree = parse(tokenize(source));
    vars = collectVars(tree, []);
    run = compileNode(tree);
  } catch (err) {
    if (err instanceof LexError || err instanceof ParseError || err instanceof GoRegexpError) {
      throw new SwitchyardError('GOVALUATE_PARSE', `invalid expression ${JSON.stringify(source)}: ${err.message}`, {
        errorClass: 'stop',
        cause: err,
      });
    }
    throw err;
  }
  return Object.freeze({
    source,
    vars: Object.freeze(vars),
    evaluate(params: Record<string, unknown>): unknown {
      try {
        return run(params);
      } catch (err) {
        if (err instanceof EvalError) {
          throw new SwitchyardError('GOVALUATE_EVAL', `expression ${JSON.stringify(source)}: ${err.message}`, {
            errorClass: 'poison',
            cause: err,
          });
        }
        throw err;
      }
    },
  });
}

function collectVars(node: Node, into: string[]): string[] {
  switch (node.type) {
    case 'variable': case 'accessor':
      if (!into.includes(node.name)) into.push(node.name);
      break;
    case 'prefix':
      collectVars(node.operand, into);
      break;
    case 'binary':
      collectVars(node.left, into);
      collectVars(node.right, into);
      break;
    default:
      break;
  }
  return into;
}
