/**
 * Turns a parsed govaluate expression into nested closures, once. Evaluation only runs the
 * closures: constant regexes are compiled here, dynamic ones are cached by pattern.
 * Values follow govaluate's rules: numbers are float64, `+` concatenates when either side is a
 * string, comparisons need two numbers or two strings, `&&`/`||`/`?`/`:`/`??` short-circuit.
 */
import { compareGoStrings, formatGoValue } from './go-format.ts';
import { goPow } from './go-math.ts';
import { compileGoRegexp, GoRegexpError } from './go-regexp.ts';
import type { Node } from './parser.ts';

export type Params = Record<string, unknown>;
export type Evaluator = (params: Params) => unknown;

/** Thrown while evaluating; index.ts wraps it in a SwitchyardError. */
export class EvalError extends Error {}

const typeError = (value: unknown, role: string, op: string, wants: string): EvalError =>
  new EvalError(`Value '${formatGoValue(value)}' cannot be used with the ${role} '${op}'${wants}`);

function normalize(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  return v;
}

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isString = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isMapOrArray = (v: unknown): boolean => typeof v === 'object' && v !== null;

/** reflect.DeepEqual over JSON-like values (numbers are all float64). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return !(typeof a === 'number' && Number.isNaN(a));
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Params)[k], (b as Params)[k]));
}

/** Go's == on two interface values: arrays and maps cannot be compared and make Go panic. */
function interfaceEqual(a: unknown, b: unknown): boolean {
  if (isMapOrArray(a) && isMapOrArray(b) && Array.isArray(a) === Array.isArray(b)) {
    throw new EvalError(`Cannot compare ${Array.isArray(a) ? 'arrays' : 'maps'} with 'in'`);
  }
  return a === b && !(typeof a === 'number' && Number.isNaN(a));
}

function toInt64(x: number): bigint {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 63) return -(2n ** 63n); // what Go yields on amd64
  return BigInt(Math.trunc(x));
}

const fromInt64 = (x: bigint): number => Number(BigInt.asIntN(64, x));

function toUint64(x: number): bigint {
  if (x >= 2 ** 63 && x < 2 ** 64) return BigInt(Math.trunc(x));
  return BigInt.asUintN(64, toInt64(x));
}

/** Shifts work on uint64 in govaluate: `-8 >> 1` is a large positive number. */
function shift(op: string, l: number, r: number): number {
  const left = toUint64(l);
  const count = toUint64(r);
  if (count >= 64n) return 0;
  return Number(op === '<<' ? BigInt.asUintN(64, left << count) : left >> count);
}

type Binary = (l: unknown, r: unknown) => unknown;

function numeric(op: string, role: string, f: (l: number, r: number) => unknown): Binary {
  const wants = ', it is not a number';
  return (l, r) => {
    if (!isNumber(l)) throw typeError(l, role, op, wants);
    if (!isNumber(r)) throw typeError(r, role, op, wants);
    return f(l, r);
  };
}

function ordering(op: string, test: (c: number) => boolean): Binary {
  return (l, r) => {
    if (isNumber(l) && isNumber(r)) return test(l < r ? -1 : l > r ? 1 : l === r ? 0 : NaN);
    if (isString(l) && isString(r)) return test(compareGoStrings(l, r));
    throw typeError(isNumber(l) || isString(l) ? r : l, 'comparator', op, ', it is not a number');
  };
}

const SIMPLE: Record<string, Binary> = {
  '+': (l, r) => {
    if (isString(l) || isString(r)) return formatGoValue(l) + formatGoValue(r);
    if (!isNumber(l)) throw typeError(l, 'modifier', '+', ', it is not a number');
    if (!isNumber(r)) throw typeError(r, 'modifier', '+', ', it is not a number');
    return l + r;
  },
  '-': numeric('-', 'modifier', (l, r) => l - r),
  '*': numeric('*', 'modifier', (l, r) => l * r),
  '/': numeric('/', 'modifier', (l, r) => l / r),
  '%': numeric('%', 'modifier', (l, r) => l % r),
  '**': numeric('**', 'modifier', (l, r) => goPow(l, r)),
  '&': numeric('&', 'modifier', (l, r) => fromInt64(toInt64(l) & toInt64(r))),
  '|': numeric('|', 'modifier', (l, r) => fromInt64(toInt64(l) | toInt64(r))),
  '^': numeric('^', 'modifier', (l, r) => fromInt64(toInt64(l) ^ toInt64(r))),
  '<<': numeric('<<', 'modifier', (l, r) => shift('<<', l, r)),
  '>>': numeric('>>', 'modifier', (l, r) => shift('>>', l, r)),
  '==': (l, r) => deepEqual(l, r),
  '!=': (l, r) => !deepEqual(l, r),
  '>': ordering('>', (c) => c > 0),
  '>=': ordering('>=', (c) => c >= 0),
  '<': ordering('<', (c) => c < 0),
  '<=': ordering('<=', (c) => c <= 0),
  in: (l, r) => {
    if (!Array.isArray(r)) throw typeError(r, 'comparator', 'in', ', it is not an array');
    return r.some((item) => interfaceEqual(l, normalize(item)));
  },
  ',': (l, r) => (Array.isArray(l) ? [...(l as unknown[]), r] : [l, r]),
};

export function compileNode(node: Node): Evaluator {
  switch (node.type) {
    case 'literal': {
      const value = node.value;
      return () => value;
    }
    case 'variable': {
      const name = node.name;
      return (params) => {
        if (!Object.hasOwn(params, name)) throw new EvalError(`No parameter '${name}' found.`);
        return normalize(params[name]);
      };
    }
    case 'accessor': {
      const { name, fields } = node;
      return (params) => {
        if (!Object.hasOwn(params, name)) throw new EvalError(`No parameter '${name}' found.`);
        // Parameters are JSON data, never Go structs, so govaluate can never resolve a field.
        throw new EvalError(`Unable to access '${fields[0] ?? ''}', '${name}' is not a struct`);
      };
    }
    case 'prefix':
      return compilePrefix(node.op, compileNode(node.operand));
    case 'binary':
      return compileBinary(node.op, node.left, node.right);
  }
}

function compilePrefix(op: string, operand: Evaluator): Evaluator {
  switch (op) {
    case '-':
      return (p) => {
        const v = operand(p);
        if (!isNumber(v)) throw typeError(v, 'prefix', '-', '');
        return -v;
      };
    case '!':
      return (p) => {
        const v = operand(p);
        if (!isBool(v)) throw typeError(v, 'prefix', '!', '');
        return !v;
      };
    default:
      return (p) => {
        const v = operand(p);
        if (!isNumber(v)) throw typeError(v, 'prefix', '~', '');
        return fromInt64(~toInt64(v));
      };
  }
}

function compileBinary(op: string, leftNode: Node, rightNode: Node): Evaluator {
  const left = compileNode(leftNode);
  const right = compileNode(rightNode);
  switch (op) {
    case '&&': case '||': {
      const stopOn = op === '||';
      return (p) => {
        const l = left(p);
        if (!isBool(l)) throw typeError(l, 'logical operator', op, ', it is not a bool');
        if (l === stopOn) return l;
        const r = right(p);
        if (!isBool(r)) throw typeError(r, 'logical operator', op, ', it is not a bool');
        return r;
      };
    }
    case '?':
      return (p) => {
        const l = left(p);
        if (!isBool(l)) throw typeError(l, 'ternary operator', '?', ', it is not a bool');
        return l ? right(p) : null;
      };
    case ':': case '??':
      return (p) => {
        const l = left(p);
        return l === null ? right(p) : l;
      };
    case '=~': case '!~':
      return compileRegexMatch(op, left, rightNode, right);
    default: {
      const f = SIMPLE[op];
      if (f === undefined) throw new EvalError(`Unknown operator '${op}'`);
      return (p) => f(left(p), right(p));
    }
  }
}

function compileRegexMatch(op: string, left: Evaluator, rightNode: Node, right: Evaluator): Evaluator {
  const negate = op === '!~';
  const wants = ', it is not a string';
  if (rightNode.type === 'literal' && isString(rightNode.value)) {
    const re = compileGoRegexp(rightNode.value); // a bad constant pattern is a compile error
    return (p) => {
      const l = left(p);
      if (!isString(l)) throw typeError(l, 'comparator', op, wants);
      return re.test(l) !== negate;
    };
  }
  const cache = new Map<string, RegExp>();
  return (p) => {
    const l = left(p);
    const r = right(p);
    if (!isString(l)) throw typeError(l, 'comparator', op, wants);
    if (!isString(r)) throw typeError(r, 'comparator', op, wants);
    let re = cache.get(r);
    if (re === undefined) {
      try {
        re = compileGoRegexp(r);
      } catch (err) {
        throw new EvalError(err instanceof GoRegexpError ? err.message : String(err));
      }
      if (cache.size < 64) cache.set(r, re);
    }
    return re.test(l) !== negate;
  };
}
