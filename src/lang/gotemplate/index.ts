/**
 * Go text/template with sprig functions, in TypeScript, producing the same output as Argo Events' Go
 * templates (dataTemplate, contextTemplate, data-filter template).
 *
 * Values follow Go's model (see values.ts): JSON numbers are float64, integer literals and results such
 * as `len` are ints (JS bigint). Templates are parsed once; execute() only walks the tree.
 */
import { builtins } from './builtins.ts';
import { execute, type Program } from './exec.ts';
import { def, type FuncTable } from './funcs.ts';
import { parseTemplate } from './parser.ts';
import { sprigFuncs } from './sprig/index.ts';

export interface GoTemplate {
  readonly source: string;
  execute(data: unknown): string;
}

export interface CompileOptions {
  /** Template name used in error messages (Go's template.New(name)); default "template". */
  name?: string;
  /** Extra functions; arguments arrive as Go values (numbers as float64 `number`, ints as `bigint`). */
  funcs?: Record<string, (...args: unknown[]) => unknown>;
  /** Include sprig's functions (default true). */
  sprig?: boolean;
}

const LAZY = new Set(['and', 'or']);

/** Parse a template once; throws SwitchyardError TEMPLATE_PARSE (errorClass 'stop') on syntax errors. */
export function compileGoTemplate(source: string, options: CompileOptions = {}): GoTemplate {
  const funcs: FuncTable = { ...builtins };
  if (options.sprig !== false) Object.assign(funcs, sprigFuncs);
  for (const [name, fn] of Object.entries(options.funcs ?? {})) funcs[name] = def([], fn, 'any');
  const lazy = new Set([...LAZY].filter((n) => funcs[n] === builtins[n]));
  const name = options.name ?? 'template';
  const { root, defines } = parseTemplate(source, name, (n) => Object.prototype.hasOwnProperty.call(funcs, n));
  const prog: Program = { name, src: source, root, defines, funcs, lazy };
  return {
    source,
    execute: (data: unknown): string => execute(prog, data),
  };
}
