/**
 * Compiles an expr syntax tree into closures once; running a program only calls them.
 * Literal types are checked here so that `"a" + 1` fails at compile time as it does in expr;
 * values whose types come from the environment are checked when the program runs.
 */
import { compileGoRegexp, GoRegexpError } from '../govaluate/go-regexp.ts';
import { BUILTINS } from './builtins.ts';
import { ExprSyntaxError } from './lexer.ts';
import type { Node } from './parser.ts';
import {
  arith, compare, equal, ExprRuntimeError, goTypeName, isNumber, kindOf, toFloat, type Kind,
} from './values.ts';

export interface Ctx {
  readonly env: Record<string, unknown>;
  readonly item?: unknown;
  readonly index?: bigint;
  readonly acc?: unknown;
}
export type Run = (ctx: Ctx) => unknown;
export type UserFunctions = Record<string, (...args: unknown[]) => unknown>;
export interface CompileOptions { functions: UserFunctions; unknownNames: 'nil' | 'error' }

/** Marks a member chain cut short by `?.` on nil; the whole chain then yields nil. */
const SKIP = Symbol('optional chain');

const isNum = (k: Kind | undefined): boolean => k === 'int' || k === 'float';
const ARITHMETIC = new Set(['+', '-', '*', '/', '%', '**', '^']);
const BOOL_OPS = new Set(['==', '!=', '<', '>', '<=', '>=', 'in', 'matches', 'contains', 'startsWith', 'endsWith', 'and', 'or', '&&', '||']);
/** Result types of builtins, known at compile time. */
const CALL_KIND: Record<string, Kind> = {
  len: 'int', count: 'int', findIndex: 'int', findLastIndex: 'int', indexOf: 'int', lastIndexOf: 'int', int: 'int',
  float: 'float', ceil: 'float', floor: 'float', round: 'float', mean: 'float', median: 'float',
  type: 'string', string: 'string', trim: 'string', trimPrefix: 'string', trimSuffix: 'string', upper: 'string',
  lower: 'string', replace: 'string', repeat: 'string', join: 'string', toJSON: 'string', toBase64: 'string', fromBase64: 'string',
  all: 'bool', any: 'bool', none: 'bool', one: 'bool', hasPrefix: 'bool', hasSuffix: 'bool',
  filter: 'array', map: 'array', split: 'array', splitAfter: 'array', keys: 'array', values: 'array', sort: 'array',
  sortBy: 'array', take: 'array', toPairs: 'array', groupBy: 'map', fromPairs: 'map',
};
/** Every builtin of expr v1.15, including those Switchyard does not implement. */
const BUILTIN_NAMES = new Set([
  ...Object.keys(BUILTINS), 'all', 'none', 'any', 'one', 'filter', 'map', 'find', 'findIndex', 'findLast', 'findLastIndex', 'count',
  'groupBy', 'reduce', 'now', 'duration', 'date',
]);
const LITERAL_KIND: Partial<Record<Node['type'], Kind>> = { int: 'int', float: 'float', string: 'string', bool: 'bool', nil: 'nil', array: 'array', map: 'map' };

export function compileTree(node: Node, source: string, options: CompileOptions): Run {
  const syntax = (msg: string, n: Node): never => { throw new ExprSyntaxError(msg, source, n.pos); };
  // expr's checker does not look inside the arguments of a call to a function that comes from the
  // environment (Argo's functions, sprig.*): type errors there surface only when the program runs.
  let unchecked = 0;
  const check = (msg: string, n: Node): void => { if (unchecked === 0) syntax(msg, n); };
  const kind = (n: Node): Kind | undefined => {
    switch (n.type) {
      case 'unary': return n.op === 'not' ? 'bool' : kind(n.operand);
      case 'call': return n.name in options.functions ? undefined : CALL_KIND[n.name];
      // expr's checker types a name that is also a builtin as that function (the value still comes from the environment)
      case 'ident': return BUILTIN_NAMES.has(n.name) ? 'func' : undefined;
      case 'conditional': { const a = kind(n.then); return a === kind(n.else) ? a : undefined; }
      case 'binary': {
        if (BOOL_OPS.has(n.op)) return 'bool';
        if (n.op === '/' || n.op === '**' || n.op === '^') return 'float';
        if (n.op === '..') return 'array';
        const l = kind(n.left);
        const r = kind(n.right);
        if (n.op === '??') return l === r ? l : undefined;
        if (l === 'int' && r === 'int') return 'int';
        if ((l === 'float' || r === 'float') && isNum(l) && isNum(r)) return 'float';
        if (n.op === '+' && l === 'string' && r === 'string') return 'string';
        return undefined;
      }
      default: return LITERAL_KIND[n.type];
    }
  };
  /** Operand types known from the source must suit the operator, as expr's checker requires. */
  const checkBinary = (n: Node & { type: 'binary' }): void => {
    const l = kind(n.left);
    const r = kind(n.right);
    const bad = (): void => check(`invalid operation: ${n.op} (mismatched types ${l ?? 'interface {}'} and ${r ?? 'interface {}'})`, n);
    if (l === 'func' || r === 'func') {
      // arithmetic on such a name is left to the run: Switchyard callers pass ints as bigint under names like `count`
      if (!ARITHMETIC.has(n.op)) bad();
      return;
    }
    const each = (ok: (k: Kind) => boolean): void => {
      if ((l !== undefined && !ok(l)) || (r !== undefined && !ok(r))) bad();
    };
    switch (n.op) {
      case '+':
        each((k) => isNum(k) || k === 'string');
        if (l !== undefined && r !== undefined && isNum(l) !== isNum(r)) bad();
        break;
      case '-': case '*': case '/': case '**': case '^': each(isNum); break;
      case '%': each((k) => k === 'int'); break;
      case '<': case '>': case '<=': case '>=':
        each((k) => isNum(k) || k === 'string');
        if (l !== undefined && r !== undefined && isNum(l) !== isNum(r)) bad();
        break;
      case '==': case '!=': if (l !== undefined && r !== undefined && l !== r && !(isNum(l) && isNum(r)) && l !== 'nil' && r !== 'nil') bad(); break;
      case 'matches': case 'contains': case 'startsWith': case 'endsWith': each((k) => k === 'string'); break;
      case '..': each((k) => k === 'int'); break;
      case 'in': {
        // only a literal right side is checked: expr leaves `x in f()` to the run, whatever f returns
        const lit = n.right.type === 'call' ? undefined : kind(n.right);
        if ((lit !== undefined && lit !== 'array' && lit !== 'map' && lit !== 'nil') || (lit === 'nil' && l !== undefined)) bad();
        break;
      }
      case 'and': case 'or': case '&&': case '||': each((k) => k === 'bool'); break;
      default: break;
    }
  };

  const compile = (n: Node): Run => {
    switch (n.type) {
      case 'int': case 'float': case 'string': case 'bool': { const v = n.value; return () => v; }
      case 'nil': return () => null;
      case 'ident': {
        const name = n.name;
        if (name === '$env') return (ctx) => ctx.env;
        const strict = options.unknownNames === 'error';
        return (ctx) => {
          const v = ctx.env[name];
          if (v === undefined) {
            if (strict && !Object.hasOwn(ctx.env, name)) throw new ExprRuntimeError(`unknown name ${name}`);
            return null;
          }
          return v;
        };
      }
      case 'pointer':
        if (n.name === '#') return (ctx) => ctx.item ?? null;
        if (n.name === '#index') return (ctx) => ctx.index ?? null;
        if (n.name === '#acc') return (ctx) => ctx.acc ?? null;
        return syntax(`unknown pointer ${n.name}`, n);
      case 'array': {
        const items = n.items.map(compile);
        return (ctx) => items.map((f) => f(ctx));
      }
      case 'map': {
        const entries = n.entries.map(([k, v]) => [compile(k), compile(v)] as const);
        return (ctx) => {
          const out: Record<string, unknown> = {};
          for (const [k, v] of entries) {
            const key = k(ctx);
            if (typeof key !== 'string') throw new ExprRuntimeError(`a map key must be a string, not ${goTypeName(key)}`);
            out[key] = v(ctx);
          }
          return out;
        };
      }
      case 'member': case 'slice': {
        const chain = compileChain(n);
        return (ctx) => { const v = chain(ctx); return v === SKIP ? null : v; };
      }
      case 'unary': return compileUnary(n);
      case 'binary': checkBinary(n); return compileBinary(n);
      case 'conditional': {
        const ck = kind(n.cond);
        if (ck !== undefined && ck !== 'bool') check(`non-bool expression (type ${ck}) used as condition`, n.cond);
        const cond = compile(n.cond);
        const a = compile(n.then);
        const b = compile(n.else);
        return (ctx) => {
          const c = cond(ctx);
          if (typeof c !== 'boolean') throw new ExprRuntimeError(`interface conversion: interface {} is ${goTypeName(c)}, not bool`);
          return c ? a(ctx) : b(ctx);
        };
      }
      case 'call': return compileCall(n);
      case 'closure': return compile(n.body);
    }
  };

  const compileChain = (n: Node): Run => {
    if (n.type !== 'member' && n.type !== 'slice') return compile(n);
    if (kind(n.object) === 'func') check(`type func(...interface {}) (interface {}, error)[${n.type === 'slice' ? 'slice' : 'string'}] is undefined`, n);
    const object = compileChain(n.object);
    if (n.type === 'slice') {
      const from = n.from ? compile(n.from) : undefined;
      const to = n.to ? compile(n.to) : undefined;
      return (ctx) => {
        const o = object(ctx);
        if (o === SKIP) return SKIP;
        return slice(o, from?.(ctx), to?.(ctx));
      };
    }
    const prop = compile(n.property);
    const optional = n.optional;
    return (ctx) => {
      const o = object(ctx);
      if (o === SKIP || (optional && (o === null || o === undefined))) return SKIP;
      return fetch(o, prop(ctx));
    };
  };

  const compileUnary = (n: Node & { type: 'unary' }): Run => {
    const operand = compile(n.operand);
    const k = kind(n.operand);
    if (n.op === 'not') {
      if (k !== undefined && k !== 'bool') check(`invalid operation: not (mismatched type ${k})`, n);
      return (ctx) => {
        const v = operand(ctx);
        if (typeof v !== 'boolean') throw new ExprRuntimeError(`interface conversion: interface {} is ${goTypeName(v)}, not bool`);
        return !v;
      };
    }
    if (k !== undefined && k !== 'int' && k !== 'float') check(`invalid operation: ${n.op} (mismatched type ${k})`, n);
    if (n.op === '+') return operand; // expr leaves the value as it is at run time
    return (ctx) => {
      const v = operand(ctx);
      if (!isNumber(v)) throw new ExprRuntimeError(`invalid operation: ${n.op} ${goTypeName(v)}`);
      return typeof v === 'bigint' ? BigInt.asIntN(64, -v) : -v;
    };
  };

  const compileBinary = (n: Node & { type: 'binary' }): Run => {
    const left = compile(n.left);
    const right = compile(n.right);
    const op = n.op;
    switch (op) {
      case 'and': case '&&': case 'or': case '||': {
        const stopOn = op === 'or' || op === '||';
        return (ctx) => {
          const l = left(ctx);
          if (typeof l !== 'boolean') throw new ExprRuntimeError(`interface conversion: interface {} is ${goTypeName(l)}, not bool`);
          return l === stopOn ? l : right(ctx); // expr does not check the right side's type at run time
        };
      }
      case '??':
        return (ctx) => { const l = left(ctx); return l === null || l === undefined ? right(ctx) : l; };
      case '==': return (ctx) => equal(left(ctx), right(ctx));
      case '!=': return (ctx) => !equal(left(ctx), right(ctx));
      case '<': case '>': case '<=': case '>=': return (ctx) => compare(op, left(ctx), right(ctx));
      case '+': case '-': case '*': case '/': case '%': case '**': case '^':
        if (op === '%' && n.right.type === 'int' && n.right.value === 0n) syntax('integer divide by zero', n);
        return (ctx) => arith(op === '^' ? '**' : op, left(ctx), right(ctx));
      case 'in': return (ctx) => contains(left(ctx), right(ctx));
      case '..': return (ctx) => range(left(ctx), right(ctx));
      case 'contains': return strings(left, right, op, (a, b) => a.includes(b));
      case 'startsWith': return strings(left, right, op, (a, b) => a.startsWith(b));
      case 'endsWith': return strings(left, right, op, (a, b) => a.endsWith(b));
      case 'matches': {
        if (n.right.type === 'string') {
          let re: RegExp;
          try { re = compileGoRegexp(n.right.value); } catch (err) { return syntax((err as Error).message, n); }
          return strings(left, right, op, (a) => re.test(a));
        }
        const cache = new Map<string, RegExp>();
        return strings(left, right, op, (a, pattern) => {
          let re = cache.get(pattern);
          if (re === undefined) {
            try { re = compileGoRegexp(pattern); } catch (err) {
              throw new ExprRuntimeError(err instanceof GoRegexpError ? err.message : String(err));
            }
            if (cache.size < 64) cache.set(pattern, re);
          }
          return re.test(a);
        });
      }
      default: return syntax(`unknown operator ${op}`, n);
    }
  };

  const compileCall = (n: Node & { type: 'call' }): Run => {
    const user = options.functions[n.name];
    const builtin = user === undefined && (n.name in PREDICATES || n.name in BUILTINS);
    if (!builtin) unchecked++;
    let args: Run[];
    try {
      args = n.args.map(compile);
    } finally {
      if (!builtin) unchecked--;
    }
    if (user !== undefined) {
      return (ctx) => user(...args.map((a) => a(ctx)));
    }
    const predicate = PREDICATES[n.name];
    if (predicate !== undefined) {
      if (args.length < 2 || args.length > (n.name === 'reduce' ? 3 : 2)) syntax(`wrong number of arguments to ${n.name}`, n);
      const [list, body, init] = args as [Run, Run, Run | undefined];
      return (ctx) => predicate(ctx, list(ctx), body, init?.(ctx));
    }
    const fn = BUILTINS[n.name];
    if (fn === undefined) {
      if (['now', 'duration', 'date'].includes(n.name)) syntax(`${n.name}() is not supported by Switchyard's expr`, n);
      // A name beside known functions (sprig.nope) is a typo Switchyard reports at once; any other name that is
      // no function fails only when it runs, as in expr compiled without an environment (Argo's filters).
      const dot = n.name.lastIndexOf('.');
      if (dot > 0 && Object.keys(options.functions).some((f) => f.startsWith(n.name.slice(0, dot + 1)))) return syntax(`unknown func ${n.name}`, n);
      return () => { throw new ExprRuntimeError(`${n.name} is not a function: call of reflect.Value.Call on zero Value`); };
    }
    if (n.name === 'max' || n.name === 'min') {
      if (args.length === 0) syntax(`not enough arguments to call ${n.name}`, n);
    }
    return (ctx) => fn(...args.map((a) => a(ctx)));
  };

  return compile(node);
}

function strings(left: Run, right: Run, op: string, f: (a: string, b: string) => boolean): Run {
  return (ctx) => {
    const l = left(ctx);
    const r = right(ctx);
    if (typeof l !== 'string' || typeof r !== 'string') throw new ExprRuntimeError(`invalid operation: ${goTypeName(l)} ${op} ${goTypeName(r)}`);
    return f(l, r);
  };
}

function fetch(o: unknown, key: unknown): unknown {
  const k = kindOf(o);
  if (k === 'map') {
    if (typeof key !== 'string') throw new ExprRuntimeError(`cannot use ${goTypeName(key)} as a map key`);
    const v = (o as Record<string, unknown>)[key];
    return v === undefined || !Object.hasOwn(o as object, key) ? null : v;
  }
  if (k === 'array' || k === 'string') {
    if (typeof key === 'string') throw new ExprRuntimeError(`cannot fetch ${key} from ${goTypeName(o)}`);
    if (!isNumber(key)) throw new ExprRuntimeError(`cannot use ${goTypeName(key)} as index to ${goTypeName(o)}`);
    const seq = k === 'string' ? Buffer.from(o as string, 'utf8') : (o as unknown[]);
    let i = Math.trunc(toFloat(key));
    if (i < 0) i += seq.length;
    if (i < 0 || i >= seq.length) throw new ExprRuntimeError(`index out of range: ${i} (array length is ${seq.length})`);
    return k === 'string' ? BigInt((seq as Buffer)[i] ?? 0) : (seq as unknown[])[i];
  }
  throw new ExprRuntimeError(`cannot fetch ${typeof key === 'string' ? key : String(key)} from ${goTypeName(o)}`);
}

function slice(o: unknown, from: unknown, to: unknown): unknown {
  const k = kindOf(o);
  if (k !== 'array' && k !== 'string') throw new ExprRuntimeError(`cannot slice ${goTypeName(o)}`);
  const seq = k === 'string' ? Buffer.from(o as string, 'utf8') : (o as unknown[]);
  const len = seq.length;
  const bound = (v: unknown, dflt: number): number => {
    if (v === undefined) return dflt;
    if (!isNumber(v)) throw new ExprRuntimeError(`cannot use ${goTypeName(v)} as slice index`);
    let i = Math.trunc(toFloat(v));
    if (i < 0) i += len;
    return Math.min(Math.max(i, 0), len);
  };
  const a = bound(from, 0);
  const b = Math.max(bound(to, len), a);
  return k === 'string' ? (seq as Buffer).subarray(a, b).toString('utf8') : (seq as unknown[]).slice(a, b);
}

function contains(item: unknown, container: unknown): boolean {
  const k = kindOf(container);
  if (k === 'array') return (container as unknown[]).some((x) => equal(item, x));
  if (k === 'map') {
    if (typeof item !== 'string') throw new ExprRuntimeError(`cannot use ${goTypeName(item)} as a map key`);
    return Object.hasOwn(container as object, item);
  }
  if (k === 'nil') return false;
  throw new ExprRuntimeError(`invalid operation: in (mismatched types ${goTypeName(item)} and ${goTypeName(container)})`);
}

function range(from: unknown, to: unknown): bigint[] {
  if (!isNumber(from) || !isNumber(to)) throw new ExprRuntimeError(`invalid operation: ${goTypeName(from)} .. ${goTypeName(to)}`);
  const a = typeof from === 'bigint' ? from : BigInt(Math.trunc(from));
  const b = typeof to === 'bigint' ? to : BigInt(Math.trunc(to));
  if (b - a > 10_000_000n) throw new ExprRuntimeError('range is too large');
  const out: bigint[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

type Predicate = (ctx: Ctx, list: unknown, body: Run, init: unknown) => unknown;

function each(name: string, ctx: Ctx, list: unknown, body: Run, visit: (value: unknown, item: unknown, i: number) => boolean | void): void {
  if (!Array.isArray(list)) throw new ExprRuntimeError(`cannot use ${goTypeName(list)} in ${name}: it is not an array`);
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const value = body({ env: ctx.env, item, index: BigInt(i), acc: ctx.acc });
    if (visit(value, item, i) === false) return;
  }
}

function bool(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new ExprRuntimeError(`the predicate of ${name} must return a bool, not ${goTypeName(v)}`);
  return v;
}

const PREDICATES: Record<string, Predicate> = {
  all: (ctx, list, body) => { let r = true; each('all', ctx, list, body, (v) => { if (!bool('all', v)) { r = false; return false; } }); return r; },
  none: (ctx, list, body) => { let r = true; each('none', ctx, list, body, (v) => { if (bool('none', v)) { r = false; return false; } }); return r; },
  any: (ctx, list, body) => { let r = false; each('any', ctx, list, body, (v) => { if (bool('any', v)) { r = true; return false; } }); return r; },
  one: (ctx, list, body) => { let n = 0; each('one', ctx, list, body, (v) => { if (bool('one', v)) n++; }); return n === 1; },
  filter: (ctx, list, body) => { const out: unknown[] = []; each('filter', ctx, list, body, (v, item) => { if (bool('filter', v)) out.push(item); }); return out; },
  map: (ctx, list, body) => { const out: unknown[] = []; each('map', ctx, list, body, (v) => { out.push(v); }); return out; },
  count: (ctx, list, body) => { let n = 0n; each('count', ctx, list, body, (v) => { if (bool('count', v)) n++; }); return n; },
  find: (ctx, list, body) => { let r: unknown = null; each('find', ctx, list, body, (v, item) => { if (bool('find', v)) { r = item; return false; } }); return r; },
  findIndex: (ctx, list, body) => { let r = -1n; each('findIndex', ctx, list, body, (v, _item, i) => { if (bool('findIndex', v)) { r = BigInt(i); return false; } }); return r; },
  findLast: (ctx, list, body) => { let r: unknown = null; each('findLast', ctx, list, body, (v, item) => { if (bool('findLast', v)) r = item; }); return r; },
  findLastIndex: (ctx, list, body) => { let r = -1n; each('findLastIndex', ctx, list, body, (v, _item, i) => { if (bool('findLastIndex', v)) r = BigInt(i); }); return r; },
  groupBy: (ctx, list, body) => {
    const out: Record<string, unknown[]> = {};
    each('groupBy', ctx, list, body, (v, item) => {
      const key = typeof v === 'string' ? v : BUILTINS.string?.(v) as string;
      (out[key] ??= []).push(item);
    });
    return out;
  },
  reduce: (ctx, list, body, init) => {
    if (!Array.isArray(list)) throw new ExprRuntimeError(`cannot use ${goTypeName(list)} in reduce: it is not an array`);
    let start = 0;
    let acc = init;
    if (init === undefined) {
      if (list.length === 0) throw new ExprRuntimeError('reduce of an empty array with no initial value');
      acc = list[0];
      start = 1;
    }
    for (let i = start; i < list.length; i++) acc = body({ env: ctx.env, item: list[i], index: BigInt(i), acc });
    return acc;
  },
};
