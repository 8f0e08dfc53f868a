/**
 * Per-run enforcement of the Lua limits. Instructions and wall time are checked from a count hook; memory
 * is the total size of the strings and tables a run allocates (a budget, not live memory: fengari leaves
 * freeing to the JS garbage collector, so Switchyard cannot see what is released). Once a limit trips it
 * stays tripped: the sandbox's pcall, xpcall and coroutine.resume re-raise it, so a script cannot catch
 * its way past a limit.
 */
import type { LuaState } from 'fengari';
import { SwitchyardError } from '../../errors.ts';
import { lauxlib, to_luastring, type AllocationMeter } from './vm.ts';

export interface LuaLimits {
  /** VM instructions per run (default 1e6). */
  maxInstructions?: number;
  /** Bytes of strings and tables a run may allocate (default 16 MiB, best effort). */
  maxMemoryBytes?: number;
  /** Wall time per run in milliseconds (default 100). */
  timeoutMs?: number;
}

export const DEFAULT_LIMITS: Required<LuaLimits> = { maxInstructions: 1e6, maxMemoryBytes: 16 * 1024 * 1024, timeoutMs: 100 };

export function resolveLimits(limits: LuaLimits = {}): Required<LuaLimits> {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof LuaLimits)[]) {
    const v = limits[key];
    if (v === undefined) continue;
    if (!Number.isFinite(v) || v <= 0) {
      throw new SwitchyardError('LUA_LIMIT_CONFIG', `Lua limit ${key} must be a positive number, got ${String(v)}`, { errorClass: 'stop' });
    }
    out[key] = v;
  }
  return out;
}

export class RunGuard implements AllocationMeter {
  instructions = 0;
  bytes = 0;
  /** The message of the limit that tripped, if any. */
  tripped: string | null = null;
  private readonly deadline: number;
  readonly step: number;

  constructor(readonly limits: Required<LuaLimits>) {
    this.deadline = performance.now() + limits.timeoutMs;
    this.step = Math.max(1, Math.min(1000, Math.floor(limits.maxInstructions)));
  }

  charge(L: LuaState | null, bytes: number): void {
    this.bytes += bytes;
    if (this.tripped === null && this.bytes > this.limits.maxMemoryBytes) {
      this.trip(
        `Lua script exceeded its memory limit of ${this.limits.maxMemoryBytes} bytes of strings and tables; ` +
          'build smaller strings and tables (e.g. avoid repeated concatenation in loops) or raise maxMemoryBytes',
      );
      if (L !== null) this.raise(L);
    }
  }

  /** The count hook: runs every `step` instructions. */
  readonly hook = (L: LuaState): void => {
    this.instructions += this.step;
    if (this.tripped === null && this.instructions > this.limits.maxInstructions) {
      this.trip(
        `Lua script exceeded its limit of ${this.limits.maxInstructions} instructions; ` +
          'make it do less work per event (look for unbounded loops) or raise maxInstructions',
      );
    }
    if (this.tripped === null && performance.now() > this.deadline) {
      this.trip(`Lua script exceeded its time limit of ${this.limits.timeoutMs} ms; make it do less work per event or raise timeoutMs`);
    }
    this.check(L);
  };

  /** Raises the tripped limit, if any, as a Lua error. */
  check(L: LuaState): void {
    if (this.tripped !== null) this.raise(L);
  }

  private trip(message: string): void {
    this.tripped = message;
  }

  private raise(L: LuaState): never {
    return lauxlib.luaL_error(L, to_luastring(this.tripped ?? 'Lua limit exceeded'));
  }

  error(): SwitchyardError {
    return new SwitchyardError('LUA_LIMIT', this.tripped ?? 'Lua limit exceeded', { errorClass: 'poison' });
  }
}
