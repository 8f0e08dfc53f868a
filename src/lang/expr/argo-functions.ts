/**
 * The functions Argo Events adds to expr programs (EventSource `filter.expression`): asInt, asFloat,
 * jsonpath(jsonText, path) (JSONPath, see src/lang/jsonpath), toJson, and every sprig function as `sprig.<name>`.
 * Whole numbers travel through expr as bigint; sprig functions receive them the same way.
 */
import { jsonPathQuery } from '../jsonpath/index.ts';
import { sprigFuncs } from '../gotemplate/sprig/index.ts';
import { goJson } from './values.ts';

type Fn = (...args: unknown[]) => unknown;

function asInt(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) return BigInt(v.trim());
  throw new Error(`asInt: cannot convert ${JSON.stringify(v)} to an integer`);
}

function asFloat(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  throw new Error(`asFloat: cannot convert ${JSON.stringify(v)} to a float`);
}

function jsonpath(json: unknown, path: unknown): unknown {
  if (typeof json !== 'string' || typeof path !== 'string') throw new Error('jsonpath(json string, path string)');
  // As in Argo: the text is decoded with numbers as floats, lengths come back as ints (bigint).
  return jsonPathQuery(json, path);
}

/** Go's json.Marshal (sorted keys, HTML-safe escapes); like Argo's, an unencodable value gives "". */
function toJson(v: unknown): string {
  try {
    return goJson(v);
  } catch {
    return '';
  }
}

let table: Record<string, Fn> | undefined;

export function argoExprFunctions(): Record<string, Fn> {
  if (table) return table;
  const out: Record<string, Fn> = { asInt, asFloat, jsonpath, toJson };
  for (const [name, def] of Object.entries(sprigFuncs)) {
    out[`sprig.${name}`] = (...args: unknown[]) => (def.fn as unknown as Fn)(...args.map((a, i) => adapt(a, def.params[i] ?? def.variadic)));
  }
  table = out;
  return out;
}

/** Converts an expr value to what a sprig function's Go parameter expects. */
function adapt(v: unknown, kind: string | undefined): unknown {
  if (kind === 'int' && typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (kind === 'float64' && typeof v === 'bigint') return Number(v);
  return v;
}
