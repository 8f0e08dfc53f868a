/**
 * expr's grammar (v1.15): a precedence-climbing parser with the language's operator table,
 * the ternary at the lowest level, `not in`-style negated operators, pipes, closures for
 * predicate builtins and optional chaining. `??` cannot be mixed with other binary operators
 * without parentheses, as in expr.
 */
import { ExprSyntaxError, tokenize, type Token } from './lexer.ts';

export type Node = (
  | { type: 'int'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'string'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'nil' }
  | { type: 'ident'; name: string }
  | { type: 'pointer'; name: string } // #, #index, #acc; `.field` reads # as well
  | { type: 'array'; items: Node[] }
  | { type: 'map'; entries: [Node, Node][] }
  | { type: 'member'; object: Node; property: Node; optional: boolean }
  | { type: 'slice'; object: Node; from: Node | undefined; to: Node | undefined }
  | { type: 'unary'; op: string; operand: Node }
  | { type: 'binary'; op: string; left: Node; right: Node }
  | { type: 'conditional'; cond: Node; then: Node; else: Node }
  | { type: 'call'; name: string; args: Node[] }
  | { type: 'closure'; body: Node }
) & { pos: number; paren?: boolean };

const BINARY: Record<string, { prec: number; right?: boolean }> = {
  '|': { prec: 0 }, or: { prec: 10 }, '||': { prec: 10 }, and: { prec: 15 }, '&&': { prec: 15 },
  '==': { prec: 20 }, '!=': { prec: 20 }, '<': { prec: 20 }, '>': { prec: 20 }, '>=': { prec: 20 }, '<=': { prec: 20 },
  in: { prec: 20 }, matches: { prec: 20 }, contains: { prec: 20 }, startsWith: { prec: 20 }, endsWith: { prec: 20 },
  '..': { prec: 25 }, '+': { prec: 30 }, '-': { prec: 30 }, '*': { prec: 60 }, '/': { prec: 60 }, '%': { prec: 60 },
  '**': { prec: 100, right: true }, '^': { prec: 100, right: true }, '??': { prec: 500 },
};
const UNARY: Record<string, number> = { not: 50, '!': 50, '-': 90, '+': 90 };
const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

/** Builtins whose second argument is a predicate (closure). */
export const PREDICATE_BUILTINS = new Set([
  'all', 'none', 'any', 'one', 'filter', 'map', 'find', 'findIndex', 'findLast', 'findLastIndex', 'count', 'groupBy', 'reduce',
]);

export function parseExpr(source: string): Node {
  const tokens = tokenize(source);
  let pos = 0;
  let closureDepth = 0;
  let pipedCall = false; // the next call gets its first argument from a pipe
  const peek = (): Token => tokens[pos] as Token;
  const fail = (msg: string, t: Token = peek()): never => { throw new ExprSyntaxError(msg, source, t.pos); };
  const describe = (t: Token): string => (t.kind === 'eof' ? 'EOF' : `${t.kind === 'op' ? 'Operator' : t.kind} ${JSON.stringify(String(t.value))}`);
  const isOp = (v: string, t: Token = peek()): boolean => (t.kind === 'op' || t.kind === 'name') && t.value === v && (t.kind === 'op' || /^[a-zA-Z]+$/.test(v));
  const expect = (v: string): Token => {
    const t = peek();
    if (t.kind !== 'op' || t.value !== v) fail(`unexpected token ${describe(t)}`);
    pos++;
    return t;
  };

  const binaryOp = (): string | undefined => {
    const t = peek();
    if (t.kind !== 'op' && t.kind !== 'name') return undefined;
    const v = String(t.value);
    if (t.kind === 'name' && !['or', 'and', 'in', 'matches', 'contains', 'startsWith', 'endsWith', 'not'].includes(v)) return undefined;
    if (v === 'not') {
      const next = tokens[pos + 1];
      return next?.kind === 'name' && NEGATABLE.has(String(next.value)) ? `not ${String(next.value)}` : undefined;
    }
    return BINARY[v] ? v : undefined;
  };

  // `??` binds tightest; using an unparenthesised `a ?? b` as the left side of another operator is an error.
  const checkCoalesce = (op: string, left: Node, at: Token): void => {
    if (op !== '??' && left.type === 'binary' && left.op === '??' && !left.paren) {
      fail(`Operator (${op}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`, at);
    }
  };

  const expression = (minPrec: number): Node => {
    let left = unary();
    for (let op = binaryOp(); op !== undefined; op = binaryOp()) {
      const base = op.startsWith('not ') ? op.slice(4) : op;
      const info = BINARY[base];
      if (info === undefined || info.prec < minPrec) break;
      const at = peek();
      pos += op.startsWith('not ') ? 2 : 1;
      if (op === '|') {
        left = pipe(left, at);
        continue;
      }
      const right = expression(info.right ? info.prec : info.prec + 1);
      checkCoalesce(base, left, at);
      const node: Node = { type: 'binary', op: base, left, right, pos: at.pos };
      left = op.startsWith('not ') ? { type: 'unary', op: 'not', operand: node, pos: at.pos } : node;
    }
    if (minPrec === 0 && isOp('?')) {
      const at = peek();
      pos++;
      const then = expression(0);
      expect(':');
      const otherwise = expression(0);
      left = { type: 'conditional', cond: left, then, else: otherwise, pos: at.pos };
    }
    return left;
  };

  const pipe = (left: Node, at: Token): Node => {
    const t = peek();
    if (t.kind !== 'name') fail('expected a function call after |', t);
    pipedCall = true;
    const call = postfix(primary());
    pipedCall = false;
    if (call.type !== 'call') fail('expected a function call after |', at);
    if (call.type === 'call') call.args.unshift(left);
    return call;
  };

  const unary = (): Node => {
    const t = peek();
    const v = String(t.value);
    if ((t.kind === 'op' || t.kind === 'name') && UNARY[v] !== undefined && (t.kind === 'op' || v === 'not')) {
      pos++;
      const operand = expression(UNARY[v] as number);
      return { type: 'unary', op: v === '!' ? 'not' : v, operand, pos: t.pos };
    }
    return postfix(primary());
  };

  const args = (name: string): Node[] => {
    expect('(');
    const predicateAt = pipedCall ? 0 : 1;
    pipedCall = false;
    const list: Node[] = [];
    while (!isOp(')')) {
      if (list.length === predicateAt && PREDICATE_BUILTINS.has(name)) list.push(closure());
      else list.push(expression(0));
      if (!isOp(')')) expect(',');
    }
    expect(')');
    return list;
  };

  const closure = (): Node => {
    const t = peek();
    closureDepth++;
    let body: Node;
    if (isOp('{')) {
      pos++;
      body = expression(0);
      expect('}');
    } else {
      body = expression(0);
    }
    closureDepth--;
    return { type: 'closure', body, pos: t.pos };
  };

  const primary = (): Node => {
    const t = peek();
    pos++;
    switch (t.kind) {
      case 'int': return { type: 'int', value: t.value, pos: t.pos };
      case 'float': return { type: 'float', value: t.value, pos: t.pos };
      case 'string': return { type: 'string', value: t.value, pos: t.pos };
      case 'name': {
        const v = t.value;
        if (v === 'true' || v === 'false') return { type: 'bool', value: v === 'true', pos: t.pos };
        if (v === 'nil') return { type: 'nil', pos: t.pos };
        if (v.startsWith('#')) {
          if (closureDepth === 0) fail(`cannot use pointer accessor outside closure`, t);
          return { type: 'pointer', name: v, pos: t.pos };
        }
        if (isOp('(')) return { type: 'call', name: v, args: args(v), pos: t.pos };
        return { type: 'ident', name: v, pos: t.pos };
      }
      case 'op': {
        if (t.value === '(') {
          const inner = expression(0);
          expect(')');
          return { ...inner, paren: true };
        }
        if (t.value === '[') {
          const items: Node[] = [];
          while (!isOp(']')) {
            items.push(expression(0));
            if (!isOp(']')) expect(',');
          }
          expect(']');
          return { type: 'array', items, pos: t.pos };
        }
        if (t.value === '{') {
          const entries: [Node, Node][] = [];
          while (!isOp('}')) {
            const k = peek();
            pos++;
            let key: Node;
            if (k.kind === 'string' || k.kind === 'name') key = { type: 'string', value: String(k.value), pos: k.pos };
            else if (k.kind === 'int' || k.kind === 'float') key = { type: 'string', value: String(k.value), pos: k.pos };
            else if (k.kind === 'op' && k.value === '(') { key = expression(0); expect(')'); }
            else return fail(`a map key must be a quoted string, a name or a number; found ${describe(k)}`, k);
            expect(':');
            entries.push([key, expression(0)]);
            if (!isOp('}')) expect(',');
          }
          expect('}');
          return { type: 'map', entries, pos: t.pos };
        }
        if (t.value === '.' && closureDepth > 0) {
          pos--;
          return { type: 'pointer', name: '#', pos: t.pos };
        }
        return fail(`unexpected token ${describe(t)}`, t);
      }
      default:
        return fail(t.kind === 'eof' ? 'unexpected end of expression' : `unexpected token ${describe(t)}`, t);
    }
  };

  const postfix = (start: Node): Node => {
    let node = start;
    if ((node.type === 'int' || node.type === 'float') && !node.paren) return node;
    for (;;) {
      const t = peek();
      if (isOp('.') || isOp('?.')) {
        pos++;
        const name = peek();
        if (name.kind !== 'name' || name.value.startsWith('#')) fail('expected name', name);
        pos++;
        if (isOp('(')) {
          // a function stored under a dotted name, like sprig.upper(...); a method call on any other value
          // (a Go method, as in `x.Seconds()`) names no function JSON data can hold, so it fails when run.
          const prefix = dottedName(node) ?? '(value)';
          node = { type: 'call', name: `${prefix}.${String(name.value)}`, args: args(''), pos: node.pos };
          continue;
        }
        node = { type: 'member', object: node, property: { type: 'string', value: String(name.value), pos: name.pos }, optional: t.value === '?.', pos: t.pos };
        continue;
      }
      if (isOp('[') && (node.type !== 'string' || node.paren)) {
        pos++;
        if (isOp(':')) {
          pos++;
          const to = isOp(']') ? undefined : expression(0);
          expect(']');
          node = { type: 'slice', object: node, from: undefined, to, pos: t.pos };
          continue;
        }
        const index = expression(0);
        if (isOp(':')) {
          pos++;
          const to = isOp(']') ? undefined : expression(0);
          expect(']');
          node = { type: 'slice', object: node, from: index, to, pos: t.pos };
          continue;
        }
        expect(']');
        node = { type: 'member', object: node, property: index, optional: false, pos: t.pos };
        continue;
      }
      return node;
    }
  };

  const tree = expression(0);
  if (peek().kind !== 'eof') fail(`unexpected token ${describe(peek())}`);
  return tree;
}

/** `a.b.c` as a dotted name, when a node is only names joined by `.`. */
function dottedName(node: Node): string | undefined {
  if (node.type === 'ident') return node.name;
  if (node.type === 'member' && !node.optional && node.property.type === 'string') {
    const base = dottedName(node.object);
    return base === undefined ? undefined : `${base}.${String(node.property.value)}`;
  }
  return undefined;
}
