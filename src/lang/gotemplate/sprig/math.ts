/** sprig math functions: integer ones convert with cast.ToInt64, float ones use exact decimal arithmetic. */
import { def, type FuncTable } from '../funcs.ts';
import { parseGoInt, strval, toFloat64, toInt64 } from './convert.ts';

interface Dec {
  n: bigint;
  exp: number;
}

function decFromFloat(f: number): Dec {
  if (!Number.isFinite(f)) throw new Error(`Cannot create a Decimal from ${f}`);
  const s = f.toExponential(); // shortest digits, as shopspring/decimal's NewFromFloat uses
  const [mant = '0', e = '0'] = s.split('e');
  const digits = mant.replace('.', '');
  const frac = (mant.split('.')[1] ?? '').length;
  return { n: BigInt(digits), exp: Number(e) - frac };
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const exp = Math.min(a.exp, b.exp);
  return [a.n * 10n ** BigInt(a.exp - exp), b.n * 10n ** BigInt(b.exp - exp), exp];
}

const decToFloat = (d: Dec): number => Number(`${d.n}e${d.exp}`);

const OPS: Record<string, (a: Dec, b: Dec) => Dec> = {
  add: (a, b) => {
    const [x, y, exp] = align(a, b);
    return { n: x + y, exp };
  },
  sub: (a, b) => {
    const [x, y, exp] = align(a, b);
    return { n: x - y, exp };
  },
  mul: (a, b) => ({ n: a.n * b.n, exp: a.exp + b.exp }),
  div: (a, b) => {
    if (b.n === 0n) throw new Error('decimal division by 0');
    // 16 digits after the point, rounded half away from zero.
    const [x, y] = align(a, b);
    const scaled = x * 10n ** 17n;
    let q = scaled / y;
    const neg = q < 0n;
    if (neg) q = -q;
    q = (q + 5n) / 10n;
    return { n: neg ? -q : q, exp: -16 };
  },
};

function decimalOp(op: string, first: unknown, rest: unknown[]): number {
  const f = OPS[op];
  if (!f) throw new Error(`unknown operation ${op}`);
  let acc = decFromFloat(toFloat64(first));
  for (const x of rest) acc = f(acc, decFromFloat(toFloat64(x)));
  return decToFloat(acc);
}

function round(a: unknown, p: bigint, ...opt: unknown[]): number {
  const roundOn = opt.length > 0 ? toFloat64(opt[0]) : 0.5;
  const val = toFloat64(a);
  const pow = Math.pow(10, Number(p));
  const digit = pow * val;
  const frac = digit % 1;
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

function seq(...params: bigint[]): string {
  const out: bigint[] = [];
  let start = 1n;
  let end = 0n;
  let step = 1n;
  if (params.length === 0) return '';
  if (params.length === 1) end = params[0] ?? 0n;
  else if (params.length === 2) [start = 1n, end = 0n] = params;
  else if (params.length === 3) [start = 1n, step = 1n, end = 0n] = params;
  else return '';
  if (params.length < 3 && end < start) step = -1n;
  if (step === 0n) return '';
  if (step > 0n) for (let i = start; i <= end; i += step) out.push(i);
  else for (let i = start; i >= end; i += step) out.push(i);
  return out.join(' ');
}

function intDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Error('runtime error: integer divide by zero');
  return a / b;
}

function intMod(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new Error('runtime error: integer divide by zero');
  return a % b;
}

const big = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const small = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export const mathFuncs: FuncTable = {
  add1: def(['any'], (a: unknown) => BigInt.asIntN(64, toInt64(a) + 1n)),
  add: def([], (...a: unknown[]) => a.reduce<bigint>((s, x) => BigInt.asIntN(64, s + toInt64(x)), 0n), 'any'),
  sub: def(['any', 'any'], (a: unknown, b: unknown) => BigInt.asIntN(64, toInt64(a) - toInt64(b))),
  mul: def(['any'], (a: unknown, ...v: unknown[]) => v.reduce<bigint>((s, x) => BigInt.asIntN(64, s * toInt64(x)), toInt64(a)), 'any'),
  div: def(['any', 'any'], (a: unknown, b: unknown) => intDiv(toInt64(a), toInt64(b))),
  mod: def(['any', 'any'], (a: unknown, b: unknown) => intMod(toInt64(a), toInt64(b))),
  max: def(['any'], (a: unknown, ...v: unknown[]) => v.reduce<bigint>((m, x) => big(m, toInt64(x)), toInt64(a)), 'any'),
  biggest: def(['any'], (a: unknown, ...v: unknown[]) => v.reduce<bigint>((m, x) => big(m, toInt64(x)), toInt64(a)), 'any'),
  min: def(['any'], (a: unknown, ...v: unknown[]) => v.reduce<bigint>((m, x) => small(m, toInt64(x)), toInt64(a)), 'any'),
  maxf: def(['any'], (a: unknown, ...v: unknown[]) => v.reduce<number>((m, x) => Math.max(m, toFloat64(x)), toFloat64(a)), 'any'),
  minf: def(['any'], (a: unknown, ...v: unknown[]) => v.reduce<number>((m, x) => Math.min(m, toFloat64(x)), toFloat64(a)), 'any'),
  add1f: def(['any'], (a: unknown) => decimalOp('add', a, [1])),
  addf: def([], (...v: unknown[]) => decimalOp('add', 0, v), 'any'),
  subf: def(['any'], (a: unknown, ...v: unknown[]) => decimalOp('sub', a, v), 'any'),
  mulf: def(['any'], (a: unknown, ...v: unknown[]) => decimalOp('mul', a, v), 'any'),
  divf: def(['any'], (a: unknown, ...v: unknown[]) => decimalOp('div', a, v), 'any'),
  floor: def(['any'], (a: unknown) => Math.floor(toFloat64(a))),
  ceil: def(['any'], (a: unknown) => Math.ceil(toFloat64(a))),
  round: def(['any', 'int'], round, 'any'),
  int: def(['any'], toInt64),
  int64: def(['any'], toInt64),
  float64: def(['any'], toFloat64),
  atoi: def(['string'], (s: string) => (/^[+-]?[0-9]+$/.test(s) ? (parseGoInt(s.replace(/^([+-]?)0+(?=\d)/, '$1')) ?? 0n) : 0n)),
  toDecimal: def(['any'], (v: unknown) => {
    const s = strval(v);
    return /^[+-]?[0-7]+$/.test(s) ? BigInt.asIntN(64, BigInt((s.startsWith('-') ? '-' : '') + '0o' + s.replace(/^[+-]/, ''))) : 0n;
  }),
  seq: def([], seq, 'int'),
};
