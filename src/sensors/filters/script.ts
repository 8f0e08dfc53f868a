/**
 * Script filter: a sandboxed Lua script with the global `event` (the event data as a table); the filter passes
 * only when the script returns exactly `true`. Event data that is empty or null skips the filter (passes).
 */
import { SwitchyardError, errorMessage } from '../../errors.ts';
import { compileLua, type LuaScript } from '../../lang/lua/index.ts';
import type { EvalEvent } from '../event.ts';
import type { FilterGroup, FilterResult } from './types.ts';

export function compileScriptFilter(source: string, where: string): FilterGroup {
  let script: LuaScript;
  try {
    script = compileLua(source);
  } catch (cause) {
    throw new SwitchyardError('FILTER_INVALID', `${where}: ${errorMessage(cause)}`, { cause });
  }
  return {
    kind: 'script',
    evaluate(ev: EvalEvent, results: FilterResult[]): boolean {
      const data = ev.value;
      if (data === undefined || data === null) {
        results.push({ kind: 'script', index: -1, passed: true, reason: 'event has no data' });
        return true;
      }
      let out: unknown;
      try {
        out = script.run(data);
      } catch (err) {
        results.push({ kind: 'script', index: -1, passed: false, error: true, reason: `script failed: ${errorMessage(err)}` });
        return false;
      }
      const passed = out === true;
      results.push(passed ? { kind: 'script', index: -1, passed } : { kind: 'script', index: -1, passed, reason: `script returned ${JSON.stringify(out) ?? 'nothing'}, not true` });
      return passed;
    },
  };
}
