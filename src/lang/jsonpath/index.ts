/**
 * JSONPath as Argo Events evaluates it in the expr function `jsonpath(jsonText, path)` of EventSource
 * filter expressions (the Go library github.com/evilmonkeyinc/jsonpath v0.8.1, default options).
 * See docs/lang/jsonpath.md for the syntax and the result shapes.
 *
 * Results are decoded JSON; numbers from the document are floats (number), while lengths (`.length`)
 * are Go ints, returned as bigint.
 */
import { SwitchyardError } from '../../errors.ts';
import { runSteps } from './apply.ts';
import { GoError, GoPanic } from './go.ts';
import { compileSteps } from './parse.ts';
import type { Step } from './types.ts';

export interface JsonPath {
  readonly source: string;
  /** Evaluates the path on a decoded JSON value; throws SwitchyardError JSONPATH_EVAL (poison). */
  query(value: unknown): unknown;
}

/** Compiles a JSONPath; throws SwitchyardError JSONPATH_PARSE (stop) with the library's message. */
export function compileJsonPath(path: string): JsonPath {
  let steps: Step[];
  try {
    steps = compileSteps(path);
  } catch (err) {
    if (err instanceof GoError) throw new SwitchyardError('JSONPATH_PARSE', err.message, { errorClass: 'stop', cause: err });
    throw err;
  }
  return Object.freeze({
    source: path,
    query(value: unknown): unknown {
      try {
        return runSteps(steps, value, value);
      } catch (err) {
        if (err instanceof GoError) throw evalError(err.message, err);
        if (err instanceof GoPanic) throw evalError(`panic: ${err.message}`, err);
        throw err;
      }
    },
  });
}

const evalError = (message: string, cause: unknown): SwitchyardError =>
  new SwitchyardError('JSONPATH_EVAL', message, { errorClass: 'poison', cause });

const cache = new Map<string, JsonPath>();
const CACHE_LIMIT = 512;

/** Decodes jsonText and evaluates path on it (compiled paths are cached), as Argo's jsonpath() does. */
export function jsonPathQuery(jsonText: string, path: string): unknown {
  // The document is decoded first, as in Argo: bad JSON is reported even when the path is bad too.
  let doc: unknown;
  try {
    doc = JSON.parse(jsonText) as unknown;
  } catch (err) {
    throw evalError(`jsonpath: the document is not valid JSON: ${(err as Error).message}`, err);
  }
  let compiled = cache.get(path);
  if (compiled === undefined) {
    compiled = compileJsonPath(path);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(path, compiled);
  }
  return compiled.query(doc);
}
