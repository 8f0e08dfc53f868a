/**
 * The part of the fengari API (a Lua 5.3 VM written in JS) that Switchyard uses. fengari ships no types.
 * Lua strings cross the boundary as Uint8Array (UTF-8 bytes); to_luastring/to_jsstring convert.
 */
declare module 'fengari' {
  /** An opaque Lua thread. */
  export interface LuaState {
    readonly __luaState: unique symbol;
  }
  export type LuaJsFunction = (L: LuaState) => number;
  export type LuaHook = (L: LuaState, ar: unknown) => void;
  export type LuaWriter = (L: LuaState, chunk: Uint8Array, size: number, ud: unknown) => number;

  export interface LuaApi {
    LUA_OK: number;
    LUA_MULTRET: number;
    LUA_MASKCOUNT: number;
    LUA_TNIL: number;
    LUA_TBOOLEAN: number;
    LUA_TNUMBER: number;
    LUA_TSTRING: number;
    LUA_TTABLE: number;
    LUA_TFUNCTION: number;
    lua_gettop(L: LuaState): number;
    lua_settop(L: LuaState, idx: number): void;
    lua_checkstack(L: LuaState, n: number): boolean;
    lua_pop(L: LuaState, n: number): void;
    lua_pushvalue(L: LuaState, idx: number): void;
    lua_rotate(L: LuaState, idx: number, n: number): void;
    lua_insert(L: LuaState, idx: number): void;
    lua_type(L: LuaState, idx: number): number;
    lua_typename(L: LuaState, t: number): Uint8Array;
    lua_isinteger(L: LuaState, idx: number): boolean;
    lua_toboolean(L: LuaState, idx: number): boolean;
    lua_tonumber(L: LuaState, idx: number): number;
    lua_tostring(L: LuaState, idx: number): Uint8Array | null;
    lua_pushnil(L: LuaState): void;
    lua_pushnumber(L: LuaState, n: number): void;
    lua_pushboolean(L: LuaState, b: boolean): void;
    lua_pushstring(L: LuaState, s: Uint8Array): Uint8Array;
    lua_pushliteral(L: LuaState, s: string): Uint8Array;
    lua_pushcfunction(L: LuaState, f: LuaJsFunction): void;
    lua_pushcclosure(L: LuaState, f: LuaJsFunction, n: number): void;
    lua_upvalueindex(i: number): number;
    lua_createtable(L: LuaState, narr: number, nrec: number): void;
    lua_setfield(L: LuaState, idx: number, k: Uint8Array | string): void;
    lua_getfield(L: LuaState, idx: number, k: Uint8Array | string): number;
    lua_rawseti(L: LuaState, idx: number, n: number): void;
    lua_rawgeti(L: LuaState, idx: number, n: number): number;
    lua_next(L: LuaState, idx: number): boolean;
    lua_setglobal(L: LuaState, name: Uint8Array | string): void;
    lua_getglobal(L: LuaState, name: Uint8Array | string): number;
    lua_pushglobaltable(L: LuaState): void;
    lua_call(L: LuaState, nargs: number, nresults: number): void;
    lua_pcall(L: LuaState, nargs: number, nresults: number, msgh: number): number;
    lua_error(L: LuaState): never;
    lua_sethook(L: LuaState, f: LuaHook | null, mask: number, count: number): void;
    lua_dump(L: LuaState, writer: LuaWriter, data: unknown, strip: number): number;
  }
  export interface LauxApi {
    luaL_newstate(): LuaState;
    luaL_loadbufferx(L: LuaState, buff: Uint8Array, size: number | null, name: Uint8Array, mode: Uint8Array | null): number;
    luaL_requiref(L: LuaState, name: Uint8Array, f: LuaJsFunction, glb: number): void;
    luaL_checkany(L: LuaState, arg: number): void;
    luaL_checktype(L: LuaState, arg: number, t: number): void;
    luaL_checklstring(L: LuaState, arg: number): Uint8Array;
    luaL_checkinteger(L: LuaState, arg: number): number;
    luaL_optlstring(L: LuaState, arg: number, def: Uint8Array): Uint8Array;
    luaL_tolstring(L: LuaState, idx: number): Uint8Array;
    luaL_error(L: LuaState, fmt: Uint8Array): never;
  }
  export interface LuaLibs {
    luaopen_base: LuaJsFunction;
    luaopen_string: LuaJsFunction;
    luaopen_table: LuaJsFunction;
    luaopen_math: LuaJsFunction;
    luaopen_coroutine: LuaJsFunction;
  }
  export const lua: LuaApi;
  export const lauxlib: LauxApi;
  export const lualib: LuaLibs;
  export function to_luastring(s: string): Uint8Array;
  export function to_jsstring(s: Uint8Array): string;
}
