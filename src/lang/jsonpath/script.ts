/**
 * The library's script language, used by filters `[?(...)]` and scripts `[(...)]`.
 *
 * It is not a grammar with precedence: an expression is split at the first occurrence (outside quotes and
 * brackets) of the first operator found in this order: || && == != <= >= < > =~ ! + - ** * / % "not in" in,
 * then `@` or `$` (a whole selector). The text left and right of the split are parsed the same way, and what
 * contains no operator stays a literal: text, or a JSON array/object. Operands are converted only when the
 * expression runs, through their Go text (%v): numbers by strconv.ParseFloat, booleans by ParseBool.
 * Selector results that are strings come back wrapped in single quotes, as literals are written.
 * Splitting at the first operator, not by precedence, and matching `in` inside names (`@.inventory`) are
 * the library's rules, kept so that results stay Argo's.
 */
import { invalidArgument, unsupportedOperator } from './errors.ts';
import { formatGoValue, GoError, GoPanic, goTrim, isObj, parseGoBool, parseGoFloat, parseGoInt } from './go.ts';
import { compileGoRegexp } from '../govaluate/go-regexp.ts';
import { goPow } from '../govaluate/go-math.ts';
import { OpNode, type Operand, type Script, type Step } from './types.ts';

const OPERATORS = ['||', '&&', '==', '!=', '<=', '>=', '<', '>', '=~', '!', '+', '-', '**', '*', '/', '%', 'not in', 'in', '@', '$'] as const;
type OperatorText = (typeof OPERATORS)[number] | '';

type CompileSelector = (selector: string) => Step[];

export function compileScript(source: string, compileSelector: CompileSelector): Script {
  return { source, root: build(source, OPERATORS, compileSelector) };
}

/** Where `op` first occurs outside quotes, (), and [] in `src`, or -1. */
function findOperator(src: string, op: string): number {
  let single = false;
  let double = false;
  let sqOpen = 0;
  let sqClose = 0;
  let rOpen = 0;
  let rClose = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    const inSq = sqOpen > sqClose;
    const inRound = rOpen > rClose;
    if (c === '(' || c === ')') {
      if (single || double || inSq) continue;
      if (c === '(') rOpen++;
      else rClose++;
    } else if (c === '[' || c === ']') {
      if (single || double || inRound) continue;
      if (c === '[') sqOpen++;
      else sqClose++;
    } else if (c === "'") {
      if (double || inSq || inRound) continue;
      single = !single;
    } else if (c === '"') {
      if (single || inSq || inRound) continue;
      double = !double;
    }
    if (single || double || sqOpen > sqClose || rOpen > rClose) continue;
    const start = i + 1 - op.length;
    if (start < 0) continue;
    if (src.slice(start, i + 1) === op) return start;
  }
  return -1;
}

function build(text: string, ops: readonly OperatorText[], compileSelector: CompileSelector): OpNode | null {
  const op = ops[0]!;
  let expr = goTrim(text);
  if (expr === '') return null;
  if (expr.startsWith('(') && expr.endsWith(')')) {
    expr = goTrim(expr.slice(1, -1));
    ops = ['', ...OPERATORS]; // inside parentheses every operator is possible again
  }
  const next = (): OpNode | null => (ops.length === 1 ? null : build(expr, ops.slice(1), compileSelector));
  const at = findOperator(expr, op);
  if (at < 0) return next();
  const isSelector = op === '@' || op === '$';
  const rightText = goTrim(expr.slice(at + op.length));
  if (rightText === '' && !isSelector) return next();
  const right = operand(rightText, ops, compileSelector);
  const leftText = goTrim(expr.slice(0, at));
  if (leftText === '' && !isSelector && op !== '!') return next();
  const left = operand(leftText, ops, compileSelector);
  switch (op) {
    case '@':
    case '$':
      if (left !== null) return next();
      return new OpNode('selector', null, null, compileSelector(expr));
    case '!':
      if (left !== null) return next();
      return new OpNode('not', right, null);
    case '':
      throw unsupportedOperator();
    default:
      return new OpNode(op, left, right);
  }
}

function operand(text: string, ops: readonly OperatorText[], compileSelector: CompileSelector): Operand {
  const node = build(text, ops, compileSelector);
  if (node) return node;
  const arg = goTrim(text);
  if (arg === '') return null;
  if ((arg.startsWith('[') && arg.endsWith(']')) || (arg.startsWith('{') && arg.endsWith('}'))) {
    const parsed = parseJson(arg);
    if (parsed !== undefined && Array.isArray(parsed) === arg.startsWith('[') && parsed !== null) return parsed as Operand;
  }
  return arg;
}

/** encoding/json into a []interface{} or map: undefined when the text does not decode. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// ---- evaluation ----

export type RunSteps = (steps: readonly Step[], root: unknown, current: unknown) => unknown;

interface Env {
  readonly root: unknown;
  readonly current: unknown;
  readonly run: RunSteps;
}

const PARAMS = new Set(['$', '@', 'nil', 'null']);

function param(name: string, env: Env): unknown {
  return name === '$' ? env.root : name === '@' ? env.current : null;
}

/** Runs a compiled script on one element; throws GoError. */
export function evaluateScript(script: Script, root: unknown, current: unknown, run: RunSteps): unknown {
  const env: Env = { root, current, run };
  if (script.source === '') throw new GoError('invalid expression. is empty', ['expression']);
  const node = script.root;
  if (node === null) {
    const text = script.source;
    if (PARAMS.has(text)) return param(text, env);
    const n = toNumber(text, env);
    if (n !== undefined) return n;
    const b = toBool(text, env);
    if (b !== undefined) return b;
    return text;
  }
  return evaluate(node, env);
}

/** The operand's value: an operator's result, or a parameter's value for `$`, `@`, nil and null. */
function resolve(arg: Operand, env: Env): unknown {
  if (arg instanceof OpNode) return evaluate(arg, env);
  if (typeof arg === 'string' && PARAMS.has(arg)) return param(arg, env);
  return arg;
}

/** getNumber: nil is an error, anything else through its %v text. */
function toNumber(arg: Operand, env: Env): number | undefined {
  if (arg === null) return undefined;
  return parseGoFloat(formatGoValue(resolve(arg, env)));
}

function numberOf(arg: Operand, env: Env): number {
  if (arg === null) throw invalidArgument('. is nil');
  const n = parseGoFloat(formatGoValue(resolve(arg, env)));
  if (n === undefined) throw invalidArgument('. expected number');
  return n;
}

function integerOf(arg: Operand, env: Env): bigint {
  if (arg === null) throw invalidArgument('. is nil');
  const n = parseGoInt(formatGoValue(resolve(arg, env)));
  if (n === undefined) throw invalidArgument('. expected integer');
  return n;
}

function toBool(arg: Operand, env: Env): boolean | undefined {
  if (arg === null) return false;
  const v = resolve(arg, env);
  if (v === null || v === undefined) return false;
  return parseGoBool(formatGoValue(v));
}

function boolOf(arg: Operand, env: Env): boolean {
  const b = toBool(arg, env);
  if (b === undefined) throw invalidArgument('. expected boolean');
  return b;
}

const unquoteSingle = (s: string): string => (s.length > 1 && s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1) : s);

/** getString: text with string literals in single quotes ("x" becomes 'x'). */
function stringOf(arg: Operand, env: Env): string {
  if (arg === null) throw invalidArgument('. is nil');
  const v = arg instanceof OpNode ? evaluate(arg, env) : arg;
  if (typeof v === 'string') {
    if (PARAMS.has(v)) {
      const p = param(v, env);
      if (typeof p !== 'string') return formatGoValue(p);
      let s = p;
      if (s.length > 1) {
        if (s.startsWith("'") && s.endsWith("'")) return s;
        if (s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1);
      }
      return `'${s}'`;
    }
    if (v.length > 1) {
      if (v.startsWith("'") && v.endsWith("'")) return v;
      if (v.startsWith('"') && v.endsWith('"')) return `'${v.slice(1, -1)}'`;
    }
    return v;
  }
  return formatGoValue(v);
}

/** getElements: the items of an array, or the values of a map. */
function elementsOf(arg: Operand, env: Env): unknown[] {
  if (arg === null) throw invalidArgument('. is nil');
  let v: unknown = arg instanceof OpNode ? evaluate(arg, env) : arg;
  if (typeof v === 'string') {
    if (PARAMS.has(v)) v = param(v, env);
    else if ((v.startsWith('{') && v.endsWith('}')) || (v.startsWith('[') && v.endsWith(']'))) {
      const parsed = parseJson(v);
      if (parsed === undefined || parsed === null || Array.isArray(parsed) !== v.startsWith('[')) throw invalidArgument();
      v = parsed;
    }
  }
  if (v === null || v === undefined) throw invalidArgument('. is nil');
  if (Array.isArray(v)) return v;
  if (isObj(v)) return Object.values(v);
  throw invalidArgument('. expected array, map, or slice');
}

/** Go's == on two interface values holding scalars (int64 and float64 never equal). */
function sameGoValue(a: unknown, b: unknown): boolean {
  return typeof a === typeof b && (typeof a !== 'object' || a === null) && a === b;
}

function contains(node: OpNode, env: Env): boolean {
  let item: unknown = node.left;
  const n = tryOr(() => toNumber(node.left, env));
  if (n !== undefined) item = n;
  else {
    const s = tryOr(() => stringOf(node.left, env));
    if (s !== undefined) item = s;
    else {
      const b = tryOr(() => toBool(node.left, env));
      if (b !== undefined) item = b;
    }
  }
  return elementsOf(node.right, env).some((e) => sameGoValue(e, item));
}

function tryOr<T>(f: () => T | undefined): T | undefined {
  try {
    return f();
  } catch (err) {
    if (err instanceof GoError) return undefined;
    throw err;
  }
}

function equal(node: OpNode, env: Env): boolean {
  const a = tryOr(() => toNumber(node.left, env));
  if (a !== undefined) {
    const b = tryOr(() => toNumber(node.right, env));
    if (b !== undefined) return a === b;
  }
  return stringOf(node.left, env) === stringOf(node.right, env);
}

function matches(node: OpNode, env: Env): boolean {
  const input = unquoteSingle(stringOf(node.left, env));
  const pattern = unquoteSingle(stringOf(node.right, env));
  let re: RegExp;
  try {
    re = compileGoRegexp(pattern);
  } catch {
    throw invalidArgument('. expected a valid regexp');
  }
  return re.test(input);
}

function evaluate(node: OpNode, env: Env): unknown {
  const { left: l, right: r } = node;
  switch (node.kind) {
    case 'selector': {
      const v = env.run(node.steps, env.root, env.current);
      if (typeof v === 'string') return v.length > 1 && v.startsWith("'") && v.endsWith("'") ? v : `'${v}'`;
      return v;
    }
    case 'not': return !boolOf(l, env);
    case '||': { const a = boolOf(l, env); const b = boolOf(r, env); return a || b; }
    case '&&': { const a = boolOf(l, env); const b = boolOf(r, env); return a && b; }
    case '==': return equal(node, env);
    case '!=': return !equal(node, env);
    case '<': { const a = numberOf(l, env); return a < numberOf(r, env); }
    case '<=': { const a = numberOf(l, env); return a <= numberOf(r, env); }
    case '>': { const a = numberOf(l, env); return a > numberOf(r, env); }
    case '>=': { const a = numberOf(l, env); return a >= numberOf(r, env); }
    case '=~': return matches(node, env);
    case '+': { const a = numberOf(l, env); return a + numberOf(r, env); }
    case '-': { const a = numberOf(l, env); return a - numberOf(r, env); }
    case '*': { const a = numberOf(l, env); return a * numberOf(r, env); }
    case '/': { const a = numberOf(l, env); return a / numberOf(r, env); }
    case '**': { const a = numberOf(l, env); return goPow(a, numberOf(r, env)); }
    case '%': {
      const a = integerOf(l, env);
      const b = integerOf(r, env);
      if (b === 0n) throw new GoPanic('runtime error: integer divide by zero');
      return a % b;
    }
    case 'in': return contains(node, env);
    case 'not in': return !contains(node, env);
  }
}
