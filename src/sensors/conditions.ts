/**
 * Trigger `conditions`: a boolean expression over dependency names, `&&`, `||` and parentheses.
 * Argo evaluates it with govaluate after replacing `-` with `_`; anything richer passes Argo's
 * admission and then silently disables the trigger, so Switchyard parses strictly and says why.
 */
import { SwitchyardError } from '../errors.ts';

export type ConditionNode =
  | { kind: 'dep'; name: string }
  | { kind: 'and' | 'or'; left: ConditionNode; right: ConditionNode };

type Token =
  | { t: 'name'; value: string; col: number }
  | { t: 'and' | 'or' | 'lparen' | 'rparen'; col: number }
  | { t: 'end'; col: number };

/** Code thrown by parseConditions for any expression that is not names, &&, || and parentheses. */
export const CONDITIONS_SYNTAX_CODE = 'SY310';

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_-]/;

function syntaxError(expr: string, col: number, what: string): SwitchyardError {
  return new SwitchyardError(
    CONDITIONS_SYNTAX_CODE,
    `conditions "${expr}": ${what} at column ${col}; conditions may only combine dependency names with &&, || and parentheses`,
  );
}

function describe(expr: string, i: number): string {
  const rest = expr.slice(i);
  const m = /^(==|!=|>=|<=|[=!<>.'"]|\S+)/.exec(rest);
  const found = m?.[1] ?? rest.charAt(0);
  return `unexpected "${found.length > 20 ? found.slice(0, 20) + '…' : found}"`;
}

function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr.charAt(i);
    const col = i + 1;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      tokens.push({ t: 'lparen', col });
      i++;
    } else if (c === ')') {
      tokens.push({ t: 'rparen', col });
      i++;
    } else if (expr.startsWith('&&', i)) {
      tokens.push({ t: 'and', col });
      i += 2;
    } else if (expr.startsWith('||', i)) {
      tokens.push({ t: 'or', col });
      i += 2;
    } else if (NAME_START.test(c)) {
      let j = i + 1;
      while (j < expr.length && NAME_PART.test(expr.charAt(j))) j++;
      tokens.push({ t: 'name', value: expr.slice(i, j), col });
      i = j;
    } else {
      throw syntaxError(expr, col, describe(expr, i));
    }
  }
  tokens.push({ t: 'end', col: expr.length + 1 });
  return tokens;
}

/** Recursive descent: or := and ('||' and)*; and := atom ('&&' atom)*; atom := name | '(' or ')'. */
class Parser {
  private pos = 0;
  constructor(private readonly expr: string, private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] ?? { t: 'end', col: this.expr.length + 1 };
  }

  parse(): ConditionNode {
    const node = this.parseOr();
    const tok = this.peek();
    if (tok.t !== 'end') throw syntaxError(this.expr, tok.col, `${found(tok)} where && or || was expected`);
    return node;
  }

  private parseOr(): ConditionNode {
    let left = this.parseAnd();
    while (this.peek().t === 'or') {
      this.pos++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): ConditionNode {
    let left = this.parseAtom();
    while (this.peek().t === 'and') {
      this.pos++;
      left = { kind: 'and', left, right: this.parseAtom() };
    }
    return left;
  }

  private parseAtom(): ConditionNode {
    const tok = this.peek();
    if (tok.t === 'name') {
      this.pos++;
      return { kind: 'dep', name: tok.value };
    }
    if (tok.t === 'lparen') {
      this.pos++;
      const inner = this.parseOr();
      const close = this.peek();
      if (close.t !== 'rparen') throw syntaxError(this.expr, close.col, `${found(close)} where ) was expected`);
      this.pos++;
      return inner;
    }
    throw syntaxError(this.expr, tok.col, `${found(tok)} where a dependency name was expected`);
  }
}

function found(tok: Token): string {
  switch (tok.t) {
    case 'name': return `name "${tok.value}"`;
    case 'and': return '"&&"';
    case 'or': return '"||"';
    case 'lparen': return '"("';
    case 'rparen': return '")"';
    case 'end': return 'end of expression';
  }
}

export function parseConditions(expr: string): ConditionNode {
  if (expr.trim() === '') throw syntaxError(expr, 1, 'empty expression');
  return new Parser(expr, tokenize(expr)).parse();
}

/** Names as written, in order of first appearance, without duplicates. */
export function conditionDependencies(node: ConditionNode): string[] {
  const out: string[] = [];
  const walk = (n: ConditionNode): void => {
    if (n.kind === 'dep') {
      if (!out.includes(n.name)) out.push(n.name);
    } else {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(node);
  return out;
}

export function evaluateCondition(node: ConditionNode, satisfied: (dep: string) => boolean): boolean {
  if (node.kind === 'dep') return satisfied(node.name);
  if (node.kind === 'and') return evaluateCondition(node.left, satisfied) && evaluateCondition(node.right, satisfied);
  return evaluateCondition(node.left, satisfied) || evaluateCondition(node.right, satisfied);
}

/** Without any `&&` every passing event fires the trigger at once and nothing is saved. */
export function conditionsHaveAnd(node: ConditionNode): boolean {
  if (node.kind === 'dep') return false;
  return node.kind === 'and' || conditionsHaveAnd(node.left) || conditionsHaveAnd(node.right);
}

/** Empty conditions mean every dependency, AND'ed. */
export function defaultConditions(depNames: string[]): ConditionNode {
  const first = depNames[0];
  if (first === undefined) {
    throw new SwitchyardError('SY300', 'a sensor needs at least one dependency to build its default conditions');
  }
  let node: ConditionNode = { kind: 'dep', name: first };
  for (const name of depNames.slice(1)) node = { kind: 'and', left: node, right: { kind: 'dep', name } };
  return node;
}

/** Argo compares names after replacing `-` with `_`, so `dep-a` and `dep_a` are the same name. */
export function normalizeDependencyName(name: string): string {
  return name.replace(/-/g, '_');
}

/**
 * The dependency a name in conditions refers to: an exact match first, then a match after
 * `-`→`_` normalisation (how Argo resolves it). Undefined when none matches.
 */
export function resolveConditionName(name: string, depNames: readonly string[]): string | undefined {
  if (depNames.includes(name)) return name;
  const norm = normalizeDependencyName(name);
  return depNames.find((d) => normalizeDependencyName(d) === norm);
}
