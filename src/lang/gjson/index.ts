/**
 * gjson paths (tidwall/gjson v1.19.0 semantics) evaluated directly on JSON text, so raw values, key order
 * and number text come out exactly as written in the event.
 */
import { get } from './get.ts';
import { valid } from './valid.ts';
import type { GjsonResult } from './result.ts';

export type { GjsonResult, GjsonType } from './result.ts';

/** Evaluates a gjson path; never throws — a missing path gives a result whose exists() is false. */
export function gjsonGet(json: string, path: string): GjsonResult {
  return get(json, path);
}

/** Whether the text is exactly one valid JSON value (surrounding whitespace allowed). */
export function gjsonValid(json: string): boolean {
  return valid(json);
}
