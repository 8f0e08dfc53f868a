/**
 * govaluate's grammar as precedence levels, lowest first. Every binary level is left-associative,
 * including the ternary group (`?`, `:` and `??` share one level: `a ? b : c` is `(a ? b) : c`).
 * A prefix operator applies to one value only, so `-2 ** 2` is `(-2) ** 2` and `- -1` is an error.
 */
import type { Token } from './lexer.ts';

export type Node =
  | { type: 'literal'; value: unknown }
  | { type: 'variable'; name: string }
  | { type: 'accessor'; name: string; fields: string[] }
  | { type: 'prefix'; op: string; operand: Node }
  | { type: 'binary'; op: string; left: Node; right: Node };

const LEVELS: readonly (readonly string[])[] = [
  [','],
  ['?', ':', '??'],
  ['||'],
  ['&&'],
  ['==', '!=', '>', '>=', '<', '<=', '=~', '!~', 'in'],
  ['&', '|', '^'],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
  ['**'],
];

const PREFIX = new Set(['-', '!', '~']);

export class ParseError extends Error {}

const MODIFIERS = new Set(['+', '-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>']);
const TERNARY = new Set(['?', ':', '??']);

/**
 * govaluate also rejects some neighbours outright: a prefix operator before a quoted string,
 * a date literal after an arithmetic operator, and a date literal before `?`, `:` or `??`.
 */
function checkNeighbours(tokens: readonly Token[]): void {
  tokens.forEach((t, i) => {
    const prev = i > 0 ? tokens[i - 1] : undefined;
    const next = tokens[i + 1];
    const quoted = t.kind === 'string' || (t.kind === 'number' && t.date === true);
    if (!quoted || prev?.kind !== 'op') {
      if (t.kind === 'number' && t.date && next?.kind === 'op' && TERNARY.has(next.op)) {
        throw new ParseError(`A date literal cannot be followed by '${next.op}' (token ${i + 2})`);
      }
      return;
    }
    const beforePrev = i > 1 ? tokens[i - 2] : undefined;
    const prefixPosition = beforePrev === undefined || beforePrev.kind === 'op' || beforePrev.kind === 'open';
    if (PREFIX.has(prev.op) && prefixPosition) {
      throw new ParseError(`The prefix '${prev.op}' cannot be applied to a quoted string (token ${i + 1})`);
    }
    if (t.kind === 'number' && MODIFIERS.has(prev.op)) {
      throw new ParseError(`A date literal cannot follow the operator '${prev.op}' (token ${i + 1})`);
    }
    if (t.kind === 'number' && next?.kind === 'op' && TERNARY.has(next.op)) {
      throw new ParseError(`A date literal cannot be followed by '${next.op}' (token ${i + 2})`);
    }
  });
}

export function parse(tokens: readonly Token[]): Node {
  checkNeighbours(tokens);
  let pos = 0;
  const peekOp = (): string | undefined => {
    const t = tokens[pos];
    return t?.kind === 'op' ? t.op : undefined;
  };
  const describe = (t: Token | undefined): string => {
    if (t === undefined) return 'end of expression';
    switch (t.kind) {
      case 'op': return `'${t.op}'`;
      case 'open': return `'('`;
      case 'close': return `')'`;
      case 'variable': case 'accessor': return `'${t.name}'`;
      default: return `'${String(t.value)}'`;
    }
  };
  const unexpected = (): never => {
    const t = tokens[pos];
    if (t === undefined) throw new ParseError('Unexpected end of expression');
    throw new ParseError(`Unexpected ${describe(t)} after ${describe(tokens[pos - 1])} (token ${pos + 1})`);
  };

  const level = (n: number): Node => {
    const ops = LEVELS[n];
    if (ops === undefined) return prefix();
    let left = level(n + 1);
    for (let op = peekOp(); op !== undefined && ops.includes(op); op = peekOp()) {
      pos++;
      left = { type: 'binary', op, left, right: level(n + 1) };
    }
    return left;
  };

  const prefix = (): Node => {
    const op = peekOp();
    if (op !== undefined && PREFIX.has(op)) {
      pos++;
      return { type: 'prefix', op, operand: primary() };
    }
    return primary();
  };

  const primary = (): Node => {
    const t = tokens[pos];
    if (t === undefined) return unexpected();
    switch (t.kind) {
      case 'number': case 'string': case 'bool':
        pos++;
        return { type: 'literal', value: t.value };
      case 'variable':
        pos++;
        return { type: 'variable', name: t.name };
      case 'accessor':
        pos++;
        return { type: 'accessor', name: t.name, fields: t.fields };
      case 'open': {
        pos++;
        if (tokens[pos]?.kind === 'close') { pos++; return { type: 'literal', value: null }; }
        const inner = level(0);
        if (tokens[pos]?.kind !== 'close') {
          if (tokens[pos] === undefined) throw new ParseError('Unbalanced parenthesis');
          return unexpected();
        }
        pos++;
        return inner;
      }
      default:
        return unexpected();
    }
  };

  if (tokens.length === 0) throw new ParseError('Unexpected end of expression');
  const tree = level(0);
  if (pos < tokens.length) {
    if (tokens[pos]?.kind === 'close') throw new ParseError('Unbalanced parenthesis');
    unexpected();
  }
  return tree;
}
