/**
 * A fresh Lua state per run with only the safe libraries: base (without dofile, loadfile, load,
 * collectgarbage; print does nothing), string (without dump), table, math and coroutine. No os, io, debug,
 * package/require or utf8. Lua 5.1 names that gopher-lua scripts use are provided (unpack, table.getn,
 * table.maxn, math.pow, math.log10, math.mod, math.ldexp).
 */
import type { LuaJsFunction, LuaState } from 'fengari';
import { stringFormat } from './format.ts';
import { lower, tonumber, upper } from './strings51.ts';
import type { RunGuard } from './limits.ts';
import { lauxlib, lua, lualib, to_luastring } from './vm.ts';

const REMOVED_GLOBALS = ['dofile', 'loadfile', 'load', 'loadstring', 'require', 'module', 'collectgarbage', 'setfenv', 'getfenv'];

const PRELUDE = `
local t, m = table, math
unpack = t.unpack
t.getn = function(x) return #x end
t.maxn = function(x) local n = 0 for k in pairs(x) do if type(k) == 'number' and k > n then n = k end end return n end
m.pow = function(a, b) return a ^ b end
m.log10 = function(x) return m.log(x, 10) end
m.mod = m.fmod
m.ldexp = function(x, e) return x * 2.0 ^ e end
_VERSION = 'Lua 5.1'

-- gopher-lua's pattern iteration (Lua 5.1): after a match, an empty match may follow at the same place.
local s, find, sub, concat = string, string.find, string.sub, table.concat
local unpack, select, type, tostring, error = t.unpack, select, type, tostring, error
local function pack(...) return { n = select('#', ...), ... } end
local match = s.match
s.match = function(...)
  local r = pack(match(...))
  if r.n == 1 and r[1] == nil then return end
  return unpack(r, 1, r.n)
end
s.gmatch = function(str, p)
  find(str, p, 1)
  str = tostring(str)
  local pos, len = 1, #str
  return function()
    if pos > len + 1 then return nil end
    local r = pack(find(str, p, pos))
    if r[1] == nil then pos = len + 2 return nil end
    local st, e = r[1], r[2]
    if e >= st then pos = e + 1 else pos = st + 1 end
    if r.n > 2 then return unpack(r, 3, r.n) end
    return sub(str, st, e)
  end
end
local gsub_builtin = s.gsub
local function expand(repl, whole, r)
  return (gsub_builtin(repl, '%%(.?)', function(c)
    if c == '0' then return whole end
    local d = tonumber(c)
    if d ~= nil and c:match('%d') then
      if d == 1 and r.n <= 2 then return whole end
      local v = r[d + 2]
      if v == nil then error('invalid capture index', 0) end
      return tostring(v)
    end
    return c
  end))
end
s.gsub = function(str, p, repl, n)
  local rt = type(repl)
  if rt ~= 'string' and rt ~= 'number' and rt ~= 'table' and rt ~= 'function' then
    error("bad argument #3 to 'gsub' (string/function/table expected)", 2)
  end
  find(str, p, 1)
  str = tostring(str)
  local max = n or -1
  local out, pos, count, len = {}, 1, 0, #str
  local anchored = sub(p, 1, 1) == '^'
  while (max < 0 or count < max) and pos <= len + 1 do
    local r = pack(find(str, p, pos))
    if r[1] == nil then break end
    local st, e = r[1], r[2]
    local whole = sub(str, st, e)
    out[#out + 1] = sub(str, pos, st - 1)
    local v
    if rt == 'table' then v = repl[r.n > 2 and r[3] or whole]
    elseif rt == 'function' then
      if r.n > 2 then v = repl(unpack(r, 3, r.n)) else v = repl(whole) end
    else v = expand(tostring(repl), whole, r) end
    if v == nil or v == false then v = whole
    elseif type(v) ~= 'string' and type(v) ~= 'number' then v = '' end
    out[#out + 1] = tostring(v)
    count = count + 1
    if e >= st then pos = e + 1 else out[#out + 1] = sub(str, st, st) pos = st + 1 end
    if anchored then break end
  end
  out[#out + 1] = sub(str, pos)
  return concat(out), count
end
`;

let preludeChunk: Uint8Array | undefined;

/** Compiles source (text only) and returns its bytecode, or the syntax error message. */
export function compileChunk(source: string, chunkname: string): { bytecode: Uint8Array } | { error: string } {
  const L = lauxlib.luaL_newstate();
  const status = lauxlib.luaL_loadbufferx(L, to_luastring(source), null, to_luastring(chunkname), to_luastring('t'));
  if (status !== lua.LUA_OK) return { error: new TextDecoder().decode(lua.lua_tostring(L, -1) ?? new Uint8Array()) };
  const parts: Uint8Array[] = [];
  lua.lua_dump(L, (_L, chunk, size) => {
    parts.push(chunk.slice(0, size));
    return 0;
  }, null, 0);
  return { bytecode: Buffer.concat(parts) };
}

function prelude(): Uint8Array {
  if (preludeChunk === undefined) {
    const c = compileChunk(PRELUDE, '=prelude');
    if ('error' in c) throw new Error(`Lua prelude: ${c.error}`);
    preludeChunk = c.bytecode;
  }
  return preludeChunk;
}

function setField(L: LuaState, table: string, field: string, fn: LuaJsFunction | null): void {
  lua.lua_getglobal(L, to_luastring(table));
  if (fn === null) lua.lua_pushnil(L);
  else lua.lua_pushcfunction(L, fn);
  lua.lua_setfield(L, -2, to_luastring(field));
  lua.lua_pop(L, 1);
}

/** Wraps table.field so that the original runs as upvalue 1 of `wrapper`. */
function wrapField(L: LuaState, table: string, field: string, wrapper: LuaJsFunction): void {
  lua.lua_getglobal(L, to_luastring(table));
  lua.lua_getfield(L, -1, to_luastring(field));
  lua.lua_pushcclosure(L, wrapper, 1);
  lua.lua_setfield(L, -2, to_luastring(field));
  lua.lua_pop(L, 1);
}

export function newSandbox(guard: RunGuard): LuaState {
  const L = lauxlib.luaL_newstate();
  const libs: [string, LuaJsFunction][] = [
    ['_G', lualib.luaopen_base],
    ['string', lualib.luaopen_string],
    ['table', lualib.luaopen_table],
    ['math', lualib.luaopen_math],
    ['coroutine', lualib.luaopen_coroutine],
  ];
  for (const [name, open] of libs) {
    lauxlib.luaL_requiref(L, to_luastring(name), open, 1);
    lua.lua_pop(L, 1);
  }
  for (const name of REMOVED_GLOBALS) {
    lua.lua_pushnil(L);
    lua.lua_setglobal(L, to_luastring(name));
  }
  lua.lua_pushcfunction(L, () => 0);
  lua.lua_setglobal(L, to_luastring('print'));
  setField(L, 'string', 'dump', null);
  setField(L, 'string', 'format', stringFormat);
  setField(L, 'string', 'upper', upper);
  setField(L, 'string', 'lower', lower);
  lua.lua_pushcfunction(L, tonumber);
  lua.lua_setglobal(L, to_luastring('tonumber'));

  lua.lua_pushcfunction(L, (L1) => {
    lauxlib.luaL_checkany(L1, 1);
    const status = lua.lua_pcall(L1, lua.lua_gettop(L1) - 1, lua.LUA_MULTRET, 0);
    guard.check(L1);
    lua.lua_pushboolean(L1, status === lua.LUA_OK);
    lua.lua_rotate(L1, 1, 1);
    return lua.lua_gettop(L1);
  });
  lua.lua_setglobal(L, to_luastring('pcall'));

  lua.lua_pushcfunction(L, (L1) => {
    const n = lua.lua_gettop(L1);
    lauxlib.luaL_checktype(L1, 2, lua.LUA_TFUNCTION);
    for (let i = 1; i <= n; i++) if (i !== 2) lua.lua_pushvalue(L1, i);
    const status = lua.lua_pcall(L1, Math.max(0, n - 2), lua.LUA_MULTRET, 2);
    guard.check(L1);
    lua.lua_pushboolean(L1, status === lua.LUA_OK);
    lua.lua_rotate(L1, n + 1, 1);
    return lua.lua_gettop(L1) - n;
  });
  lua.lua_setglobal(L, to_luastring('xpcall'));

  wrapField(L, 'coroutine', 'resume', (L1) => {
    const n = lua.lua_gettop(L1);
    lua.lua_pushvalue(L1, lua.lua_upvalueindex(1));
    lua.lua_rotate(L1, 1, 1);
    lua.lua_call(L1, n, lua.LUA_MULTRET);
    guard.check(L1);
    return lua.lua_gettop(L1);
  });

  // string.rep can build a huge string in one call, before any allocation hook sees it.
  wrapField(L, 'string', 'rep', (L1) => {
    const s = lauxlib.luaL_checklstring(L1, 1);
    const n = lauxlib.luaL_checkinteger(L1, 2);
    if (n > 0) guard.charge(L1, s.length * n);
    guard.check(L1);
    // Lua 5.1 has no separator argument: gopher-lua ignores it.
    lua.lua_settop(L1, 2);
    lua.lua_pushvalue(L1, lua.lua_upvalueindex(1));
    lua.lua_rotate(L1, 1, 1);
    lua.lua_call(L1, 2, 1);
    return 1;
  });

  if (lauxlib.luaL_loadbufferx(L, prelude(), null, to_luastring('=prelude'), to_luastring('b')) !== lua.LUA_OK) {
    throw new Error('Lua prelude failed to load');
  }
  lua.lua_call(L, 0, 0);
  return L;
}
