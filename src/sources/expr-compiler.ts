/** The expr engine with Argo's extra functions, as EventSource `filter.expression` uses it. */
import { argoExprFunctions } from '../lang/expr/argo-functions.ts';
import { compileExpr } from '../lang/expr/index.ts';
import type { ExprCompiler } from './filter.ts';

export const argoExprCompiler: ExprCompiler = (source) => {
  const program = compileExpr(source, { functions: argoExprFunctions(), unknownNames: 'nil' });
  return (env) => program.run(env);
};
