/**
 * Moves values between JS and Lua the way Argo Events does for sensor scripts, so scripts see the same
 * `event` table and produce the same JSON:
 *  - into Lua: objects become tables; arrays become 1-based lists of their objects, numbers, strings and
 *    booleans (null items and arrays nested directly in arrays are left out, shifting later indexes);
 *    null members are left out; every number is a float.
 *  - out of Lua: a table with a non-nil value at some integer key 1..2^26-1 becomes a list up to the largest
 *    such key (nil → null, other keys dropped); any other table becomes an object keyed by each key's
 *    string form. Functions and other values have no JSON form and are an error.
 */
import type { LuaState } from 'fengari';
import { SwitchyardError } from '../../errors.ts';
import { luaNumberString } from './gonum.ts';
import { lua, to_luastring } from './vm.ts';

/** gopher-lua keeps integer keys below this in a table's array part, which Argo's conversion reads. */
const MAX_ARRAY_INDEX = 67108864;
const MAX_DEPTH = 200;
const utf8 = new TextDecoder('utf-8');

export function pushObject(L: LuaState, obj: Record<string, unknown>): void {
  lua.lua_createtable(L, 0, 0);
  for (const [key, value] of Object.entries(obj)) {
    if (pushMember(L, value)) lua.lua_setfield(L, -2, to_luastring(key));
  }
}

/** Pushes an object member; returns false (pushing nothing) for values Argo leaves out. */
function pushMember(L: LuaState, value: unknown): boolean {
  if (Array.isArray(value)) {
    lua.lua_createtable(L, 0, 0);
    let n = 0;
    for (const item of value) {
      if (item === null || Array.isArray(item) || !pushScalarOrObject(L, item)) continue;
      lua.lua_rawseti(L, -2, ++n);
    }
    return true;
  }
  return pushScalarOrObject(L, value);
}

function pushScalarOrObject(L: LuaState, value: unknown): boolean {
  switch (typeof value) {
    case 'number':
      lua.lua_pushnumber(L, value);
      return true;
    case 'string':
      lua.lua_pushstring(L, to_luastring(value));
      return true;
    case 'boolean':
      lua.lua_pushboolean(L, value);
      return true;
    case 'object':
      if (value === null || Array.isArray(value)) return false;
      pushObject(L, value as Record<string, unknown>);
      return true;
    default:
      return false;
  }
}

function luaString(L: LuaState, idx: number): string {
  const bytes = lua.lua_tostring(L, idx);
  return bytes === null ? '' : utf8.decode(bytes);
}

/** Converts the Lua value at idx (a valid, positive stack index) to JS. */
export function toJs(L: LuaState, idx: number, depth = 0): unknown {
  switch (lua.lua_type(L, idx)) {
    case lua.LUA_TNIL:
      return null;
    case lua.LUA_TBOOLEAN:
      return lua.lua_toboolean(L, idx);
    case lua.LUA_TNUMBER: {
      const n = lua.lua_tonumber(L, idx);
      if (!Number.isFinite(n)) throw runError(`the script returned ${luaNumberString(n)}, which JSON cannot represent`);
      return n;
    }
    case lua.LUA_TSTRING:
      return luaString(L, idx);
    case lua.LUA_TTABLE:
      if (depth >= MAX_DEPTH) throw runError(`the returned table nests deeper than ${MAX_DEPTH} levels (does it contain itself?)`);
      return tableToJs(L, idx, depth);
    default: {
      const type = utf8.decode(lua.lua_typename(L, lua.lua_type(L, idx)));
      throw runError(`the script returned a ${type}, which JSON cannot represent`);
    }
  }
}

function tableToJs(L: LuaState, idx: number, depth: number): unknown {
  const entries: [key: string | number, value: unknown][] = [];
  let maxN = 0;
  if (!lua.lua_checkstack(L, 4)) throw runError('the returned value is too deeply nested');
  lua.lua_pushnil(L);
  while (lua.lua_next(L, idx)) {
    const top = lua.lua_gettop(L);
    const value = toJs(L, top, depth + 1);
    let key: string | number;
    switch (lua.lua_type(L, top - 1)) {
      case lua.LUA_TNUMBER: {
        const n = lua.lua_tonumber(L, top - 1);
        if (Number.isInteger(n) && n > 0 && n < MAX_ARRAY_INDEX) {
          key = n;
          if (n > maxN) maxN = n;
        } else key = luaNumberString(n);
        break;
      }
      case lua.LUA_TSTRING:
        key = luaString(L, top - 1);
        break;
      case lua.LUA_TBOOLEAN:
        key = lua.lua_toboolean(L, top - 1) ? 'true' : 'false';
        break;
      default:
        key = `${utf8.decode(lua.lua_typename(L, lua.lua_type(L, top - 1)))}: 0x0`;
    }
    entries.push([key, value]);
    lua.lua_pop(L, 1);
  }
  if (maxN > 0) {
    const list: unknown[] = new Array<unknown>(maxN).fill(null);
    for (const [k, v] of entries) if (typeof k === 'number') list[k - 1] = v;
    return list;
  }
  const obj: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(obj, String(k), { value: v, enumerable: true, writable: true, configurable: true });
  return obj;
}

export function runError(message: string, cause?: unknown): SwitchyardError {
  return new SwitchyardError('LUA_RUN', `Lua script: ${message}`, { errorClass: 'poison', cause });
}
