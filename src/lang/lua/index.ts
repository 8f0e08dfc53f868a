/**
 * Lua for sensor script filters and transforms, on fengari (Lua 5.3 in JS) adjusted to behave like
 * gopher-lua (Lua 5.1), which Argo Events uses, and sandboxed: see docs/lang/lua.md.
 *
 *   const script = compileLua('return event.body.status == "firing"');
 *   script.run({ body: { status: 'firing' } }); // true
 */
import type { LuaState } from 'fengari';
import { SwitchyardError } from '../../errors.ts';
import { pushObject, runError, toJs } from './convert.ts';
import { resolveLimits, RunGuard, type LuaLimits } from './limits.ts';
import { compileChunk, newSandbox } from './sandbox.ts';
import { lauxlib, lua, setMeter, to_luastring } from './vm.ts';

export type { LuaLimits } from './limits.ts';

export interface LuaScript {
  readonly source: string;
  /** Runs the script with the global `event` set to the event data; returns its (last) returned value as JSON-like JS. */
  run(event: unknown): unknown;
}

const CHUNK_NAME = '=script';
const utf8 = new TextDecoder('utf-8');

export function compileLua(source: string, limits?: LuaLimits): LuaScript {
  const resolved = resolveLimits(limits);
  const compiled = compileChunk(source, CHUNK_NAME);
  if ('error' in compiled) {
    throw new SwitchyardError('LUA_PARSE', `Lua script does not compile: ${compiled.error}`, { errorClass: 'stop' });
  }
  const { bytecode } = compiled;
  return {
    source,
    run(event: unknown): unknown {
      if (event !== null && event !== undefined && (typeof event !== 'object' || Array.isArray(event))) {
        throw runError(`the event data must be a JSON object to become the table \`event\`, got ${Array.isArray(event) ? 'an array' : typeof event}`);
      }
      const guard = new RunGuard(resolved);
      const L = newSandbox(guard);
      pushObject(L, (event ?? {}) as Record<string, unknown>);
      lua.lua_setglobal(L, to_luastring('event'));
      return execute(L, bytecode, guard);
    },
  };
}

function execute(L: LuaState, bytecode: Uint8Array, guard: RunGuard): unknown {
  if (lauxlib.luaL_loadbufferx(L, bytecode, null, to_luastring(CHUNK_NAME), to_luastring('b')) !== lua.LUA_OK) {
    throw runError(`could not load the compiled script: ${errorText(L)}`);
  }
  lua.lua_sethook(L, guard.hook, lua.LUA_MASKCOUNT, guard.step);
  let status: number;
  setMeter(guard);
  try {
    status = lua.lua_pcall(L, 0, lua.LUA_MULTRET, 0);
  } finally {
    setMeter(null);
    lua.lua_sethook(L, null, 0, 0);
  }
  if (guard.tripped !== null) throw guard.error();
  if (status !== lua.LUA_OK) throw runError(errorText(L));
  const top = lua.lua_gettop(L);
  // Like Argo, the value on top of the stack counts: the last of several returned values.
  return top === 0 ? null : toJs(L, top);
}

/** The error value on top of the stack as text. */
function errorText(L: LuaState): string {
  const t = lua.lua_type(L, -1);
  if (t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER) return utf8.decode(lua.lua_tostring(L, -1) ?? new Uint8Array());
  return `(error object is a ${utf8.decode(lua.lua_typename(L, t))} value)`;
}
