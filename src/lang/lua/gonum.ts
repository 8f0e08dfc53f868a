/**
 * Number formatting as gopher-lua (Lua 5.1 on Go float64) shows it: whole numbers in int64 range print as
 * integers ("3"), everything else as Go's %v of a float64 ("0.1", "1.5e+06", "NaN", "+Inf").
 */
import { formatFloat } from '../gotemplate/floatfmt.ts';

const INT64_LIMIT = 2 ** 63;

export function isGoInt64(n: number): boolean {
  return Number.isInteger(n) && n >= -INT64_LIMIT && n < INT64_LIMIT;
}

export function luaNumberString(n: number): string {
  if (isGoInt64(n)) return BigInt(n).toString();
  return formatFloat(n, 'g', -1);
}
