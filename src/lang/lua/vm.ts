/**
 * Loads fengari with three adjustments made before its modules capture each other's functions:
 *  - numbers print the way gopher-lua prints them (Go float64 formatting, "3" not "3.0");
 *  - numeric literals and string-to-number conversions give floats, as every Lua 5.1 number is a float
 *    (fengari's integers are 32-bit and would wrap where Go's float64 does not);
 *  - string and table allocations are charged to the meter of the script currently running.
 */
import { createRequire } from 'node:module';
import type * as Fengari from 'fengari';
import { luaNumberString } from './gonum.ts';

/** Charges allocations of the running script; trips once its budget is spent. */
export interface AllocationMeter {
  charge(L: Fengari.LuaState | null, bytes: number): void;
}

let current: AllocationMeter | null = null;

/** Installs the meter that allocations are charged to (null while no script runs). */
export function setMeter(meter: AllocationMeter | null): void {
  current = meter;
}

interface LuaConfModule {
  lua_number2str: (n: number) => string;
  LUA_COMPAT_FLOATSTRING: boolean;
}
interface LStringModule {
  luaS_bless: (L: Fengari.LuaState | null, s: Uint8Array) => unknown;
}
interface TableLike {
  strong: Map<unknown, unknown>;
}
interface LTableModule {
  luaH_new: (L: Fengari.LuaState) => TableLike;
  luaH_setint: (t: TableLike, key: number, value: unknown) => void;
  luaH_setfrom: (L: Fengari.LuaState, t: TableLike, key: unknown, value: unknown) => void;
}
interface TValueLike {
  type: number;
  value: unknown;
  ttisinteger(): boolean;
  setfltvalue(n: number): void;
}
interface LObjectModule {
  luaO_str2num: (s: Uint8Array, o: TValueLike) => number;
}

const require = createRequire(import.meta.url);

// defs.js and luaconf.js require each other; loading defs.js first completes both as fengari itself does.
require('fengari/src/defs.js');
const luaconf = require('fengari/src/luaconf.js') as LuaConfModule;
luaconf.lua_number2str = luaNumberString;
luaconf.LUA_COMPAT_FLOATSTRING = true;

const STRING_OVERHEAD = 24;
const TABLE_OVERHEAD = 64;
const ENTRY_OVERHEAD = 48;

const lstring = require('fengari/src/lstring.js') as LStringModule;
const bless = lstring.luaS_bless;
lstring.luaS_bless = (L, s) => {
  current?.charge(L, s.length + STRING_OVERHEAD);
  return bless(L, s);
};

const ltable = require('fengari/src/ltable.js') as LTableModule;
const newTable = ltable.luaH_new;
const setInt = ltable.luaH_setint;
const setFrom = ltable.luaH_setfrom;
ltable.luaH_new = (L) => {
  current?.charge(L, TABLE_OVERHEAD);
  return newTable(L);
};
ltable.luaH_setint = (t, key, value) => {
  const before = t.strong.size;
  setInt(t, key, value);
  if (t.strong.size > before) current?.charge(null, ENTRY_OVERHEAD);
};
ltable.luaH_setfrom = (L, t, key, value) => {
  const before = t.strong.size;
  setFrom(L, t, key, value);
  if (t.strong.size > before) current?.charge(L, ENTRY_OVERHEAD);
};

const lobject = require('fengari/src/lobject.js') as LObjectModule;
const str2num = lobject.luaO_str2num;
lobject.luaO_str2num = (s, o) => {
  const n = str2num(s, o);
  if (n !== 0 && o.ttisinteger()) o.setfltvalue(o.value as number);
  return n;
};

export const fengari = require('fengari') as typeof Fengari;
export const { lua, lauxlib, lualib, to_luastring, to_jsstring } = fengari;
