/**
 * Library functions whose gopher-lua (Lua 5.1, Go) behaviour differs from fengari's Lua 5.3 and that
 * filters and transforms commonly call. Pattern functions that iterate (gmatch, gsub) are in the Lua
 * prelude of sandbox.ts, on top of string.find.
 */
import type { LuaState } from 'fengari';
import { lauxlib, lua } from './vm.ts';

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** tonumber as gopher-lua: numbers pass through; strings with '.' parse as floats, others as base-N int64. */
export function tonumber(L: LuaState): number {
  lauxlib.luaL_checkany(L, 1);
  const noBase = lua.lua_type(L, 2) === lua.LUA_TNIL || lua.lua_type(L, 2) === -1;
  let base = noBase ? 10 : lauxlib.luaL_checkinteger(L, 2);
  switch (lua.lua_type(L, 1)) {
    case lua.LUA_TNUMBER:
      lua.lua_pushnumber(L, lua.lua_tonumber(L, 1));
      return 1;
    case lua.LUA_TSTRING: {
      let s = utf8.decode(lua.lua_tostring(L, 1) ?? new Uint8Array()).replace(/^[ \n\t]+|[ \n\t]+$/g, '');
      let n: number | undefined;
      if (s.includes('.')) {
        if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
          const v = Number(s);
          if (Number.isFinite(v)) n = v;
        }
      } else {
        if (noBase && s.toLowerCase().startsWith('0x')) {
          base = 16;
          s = s.slice(2);
        }
        n = parseInt64(s, base);
      }
      if (n === undefined) lua.lua_pushnil(L);
      else lua.lua_pushnumber(L, n);
      return 1;
    }
    default:
      lua.lua_pushnil(L);
      return 1;
  }
}

function parseInt64(s: string, base: number): number | undefined {
  if (base < 2 || base > 36) return undefined;
  const m = /^([+-]?)([0-9a-zA-Z]+)$/.exec(s);
  if (m === null) return undefined;
  let v = 0n;
  for (const ch of m[2] ?? '') {
    const d = parseInt(ch, 36);
    if (d >= base) return undefined;
    v = v * BigInt(base) + BigInt(d);
  }
  if (m[1] === '-') v = -v;
  if (v < INT64_MIN || v > INT64_MAX) return undefined;
  return Number(v);
}

/** Go's strings.ToUpper/ToLower: Unicode simple case mapping, rune by rune. */
function mapCase(L: LuaState, upper: boolean): number {
  const bytes = lauxlib.luaL_checklstring(L, 1);
  let out: Uint8Array;
  if (bytes.every((b) => b < 0x80)) {
    out = bytes.map((b) => (upper ? (b >= 0x61 && b <= 0x7a ? b - 32 : b) : b >= 0x41 && b <= 0x5a ? b + 32 : b));
  } else {
    let s = '';
    for (const ch of utf8.decode(bytes)) {
      const m = upper ? ch.toUpperCase() : ch.toLowerCase();
      s += [...m].length === 1 ? m : ch;
    }
    out = encoder.encode(s);
  }
  lua.lua_pushstring(L, out);
  return 1;
}

export const upper = (L: LuaState): number => mapCase(L, true);
export const lower = (L: LuaState): number => mapCase(L, false);
