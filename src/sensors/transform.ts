/**
 * A dependency's transform, applied before its filters; the transformed event is what triggers see.
 * jq (wins when both are set): the program's first output on the data, which must be an object.
 * Lua: a sandboxed script with the global `event` (the data as a table) that must return a table.
 * Empty or null data is passed through unchanged.
 */
import type { EventDependencyTransformer } from '../api/types.ts';
import { SwitchyardError, errorMessage } from '../errors.ts';
import { compileJq } from '../lang/jq/index.ts';
import { compileLua } from '../lang/lua/index.ts';
import type { EvalEvent } from './event.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function compileTransform(t: EventDependencyTransformer | undefined, where: string): ((ev: EvalEvent) => EvalEvent) | undefined {
  if (!t || (!t.jq && !t.script)) return undefined;
  let run: (data: unknown) => unknown;
  let what: string;
  try {
    if (t.jq) {
      const program = compileJq(t.jq);
      run = (data) => program.first(data);
      what = 'jq transform';
    } else {
      const script = compileLua(t.script!);
      run = (data) => script.run(data);
      what = 'Lua transform';
    }
  } catch (cause) {
    throw new SwitchyardError('TRANSFORM_INVALID', `${where}.transform: ${errorMessage(cause)}`, { cause });
  }
  return (ev) => {
    const data = ev.value;
    if (data === undefined || data === null) return ev;
    const out = run(data);
    if (!isObject(out)) {
      throw new SwitchyardError('TRANSFORM_RESULT', `${what} must produce ${t.jq ? 'an object' : 'a table'}, got ${Array.isArray(out) ? 'an array' : JSON.stringify(out) ?? 'nothing'}`, { errorClass: 'poison' });
    }
    return ev.withData(Buffer.from(JSON.stringify(out)));
  };
}
