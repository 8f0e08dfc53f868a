/**
 * string.format as gopher-lua runs it: the format goes to Go's fmt.Sprintf with the Lua values as operands,
 * so verbs follow Go (%g is shortest, %q is Go quoting, %i means %d, %d truncates floats, missing operands
 * print "%!d(MISSING)"), and only as many operands are passed as the format has '%' signs not in "%%".
 */
import type { LuaState } from 'fengari';
import { sprintf } from '../gotemplate/fmt.ts';
import { isGoInt64, luaNumberString } from './gonum.ts';
import { lauxlib, lua, to_luastring } from './vm.ts';

const utf8 = new TextDecoder('utf-8');
const MAX_WIDTH = 1_000_000;

/** Go's int64(float64) on amd64: out-of-range and NaN give the minimum int64. */
function goInt64(n: number): bigint {
  if (isGoInt64(Math.trunc(n))) return BigInt(Math.trunc(n));
  return -(2n ** 63n);
}

/** gopher-lua's number syntax for strings under %d: decimal or hex, optional exponent, surrounding space. */
function parseLuaNumber(s: string): number | undefined {
  const t = s.trim();
  if (/^-?0[xX][0-9a-fA-F]+$/.test(t)) return t.startsWith('-') ? -parseInt(t.slice(3), 16) : parseInt(t.slice(2), 16);
  if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
  return undefined;
}

type Operand = { value: unknown; verb: string } | { literal: string };

function operand(L: LuaState, idx: number, verb: string): Operand {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNUMBER: {
      const n = lua.lua_tonumber(L, idx);
      if (verb === 'q' || verb === 's') return { value: luaNumberString(n), verb };
      if ('bcdoxXU'.includes(verb)) return { value: goInt64(n), verb };
      if (verb === 'i') return { value: goInt64(n), verb: 'd' };
      if ('eEfFgG'.includes(verb)) return { value: n, verb };
      return { value: isGoInt64(n) ? BigInt(n) : n, verb };
    }
    case lua.LUA_TSTRING: {
      const s = utf8.decode(lua.lua_tostring(L, idx) ?? new Uint8Array());
      if (verb === 'd' || verb === 'i') {
        // gopher-lua's check is inverted: a numeric string prints as itself, anything else as 0.
        return parseLuaNumber(s) === undefined ? { value: 0n, verb: 'd' } : { value: s, verb: 's' };
      }
      return { value: s, verb };
    }
    case lua.LUA_TBOOLEAN: {
      // LBool and LNil have String(): Go uses it for %v %s %x %X %q; other verbs are bad verbs.
      const b = lua.lua_toboolean(L, idx) ? 'true' : 'false';
      return 'vsxXq'.includes(verb) ? { value: b, verb } : { literal: `%!${verb}(lua.LBool=${b})` };
    }
    case lua.LUA_TNIL:
      return 'vsxXq'.includes(verb) ? { value: 'nil', verb } : { literal: `%!${verb}(*lua.LNilType=&{})` };
    default:
      return { value: `${utf8.decode(lua.lua_typename(L, lua.lua_type(L, idx)))}: 0x0`, verb };
  }
}

export function stringFormat(L: LuaState): number {
  const format = utf8.decode(lauxlib.luaL_checklstring(L, 1));
  const top = lua.lua_gettop(L);
  // Go's strings.Count counts non-overlapping matches, as split does.
  const npat = format.split('%').length - 1 - (format.split('%%').length - 1);
  const nargs = Math.max(0, Math.min(npat, top - 1));
  let out = '';
  const args: unknown[] = [];
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    const m = /^%([-+# 0]*)(\*|\d*)(?:\.(\*|\d*))?/.exec(format.slice(pct))!;
    let j = pct + m[0].length;
    // An operand taken by '*' is a float64 to Go, which it rejects as a width or precision.
    for (const star of [m[2], m[3]]) {
      if (star === '*' && argi < nargs) args.push(lua.lua_tonumber(L, argi++ + 2));
    }
    if (Number(m[2]) > MAX_WIDTH || Number(m[3]) > MAX_WIDTH) lauxlib.luaL_error(L, to_luastring('string.format: width or precision too large'));
    if (j >= format.length) {
      out += format.slice(pct);
      break;
    }
    const cp = format.codePointAt(j) ?? 0;
    let verb = String.fromCodePoint(cp);
    j += verb.length;
    if (verb !== '%' && argi < nargs) {
      const op = operand(L, argi + 2, verb);
      argi++;
      if ('literal' in op) {
        out += op.literal.replace(/%/g, '%%');
        i = j;
        continue;
      }
      args.push(op.value);
      verb = op.verb;
    } else if (verb !== '%') argi++;
    out += m[0] + verb;
    i = j;
  }
  // Operands past the last verb: Go reports them as EXTRA.
  for (; argi < nargs; argi++) {
    const op = operand(L, argi + 2, 'v');
    args.push('literal' in op ? op.literal : op.value);
  }
  lua.lua_pushstring(L, new TextEncoder().encode(sprintf(out, args)));
  return 1;
}
