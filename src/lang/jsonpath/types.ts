/** The compiled form of a JSONPath: a list of steps, each applied to what the previous one selected. */

/** A script (`(...)`) or filter (`?(...)`) expression, compiled by script.ts. */
export interface Script {
  readonly source: string;
  readonly root: OpNode | null;
}

/** An operand of a script operator: a literal kept as text, a JSON array or object literal, or an operator. */
export type Operand = string | unknown[] | Record<string, unknown> | null | OpNode;

export type BinaryName = '||' | '&&' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '=~' | '+' | '-' | '**' | '*' | '/' | '%' | 'in' | 'not in';

export class OpNode {
  constructor(
    readonly kind: 'selector' | 'not' | BinaryName,
    readonly left: Operand,
    readonly right: Operand,
    readonly steps: readonly Step[] = [],
  ) {}
}

/** A union member or range bound: a literal index, a literal key, or a script `(...)`. */
export type Bound = number | string | Script | null;

export type Step =
  | { readonly t: 'root' }
  | { readonly t: 'current' }
  | { readonly t: 'key'; readonly key: string }
  | { readonly t: 'length' }
  | { readonly t: 'index'; readonly index: number }
  | { readonly t: 'wildcard' }
  | { readonly t: 'recursive' }
  | { readonly t: 'union'; readonly args: readonly (number | string | Script)[] }
  | { readonly t: 'range'; readonly from: Bound; readonly to: Bound; readonly step: Bound }
  | { readonly t: 'filter'; readonly script: Script }
  | { readonly t: 'script'; readonly script: Script };
