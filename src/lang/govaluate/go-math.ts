/**
 * Go's math.Pow. For integer exponents Go multiplies by repeated squaring, which can round
 * differently from JavaScript's Math.pow in the last digit; users compare these numbers, so
 * Switchyard reproduces the squaring order.
 */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y) || x === 0 || !Number.isFinite(x) || !Number.isFinite(y)) {
    return Math.pow(x, y);
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  const abs = Math.abs(y);
  let yi = Math.trunc(abs);
  let yf = abs - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) return Math.pow(x, y);
  let a = 1;
  if (yf !== 0) {
    if (yf > 0.5) { yf -= 1; yi += 1; }
    a = Math.exp(yf * Math.log(x));
  }
  let base = x;
  let n = BigInt(yi);
  while (n > 0n) {
    if (n & 1n) a *= base;
    base *= base;
    n >>= 1n;
    if (!Number.isFinite(base) && n > 0n) return Math.pow(x, y); // out of range: let JS saturate
  }
  return y < 0 ? 1 / a : a;
}
