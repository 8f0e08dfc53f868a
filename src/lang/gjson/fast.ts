/**
 * Fast evaluation of the common path shape — dotted plain keys, array indexes and '#' (count / mapping) —
 * straight over the JSON text. It descends into a matching member without first finding where that member's
 * value ends: only values that are skipped, and the final result, are ever measured. Paths are parsed once
 * and cached, since data filters evaluate the same few paths on every event.
 *
 * The answers are exactly those of the general evaluator in get.ts, which handles every other path.
 */
import { keyEquals, skipWs, stringEnd, valueEnd } from './scan.ts';
import { computed, MISSING, resultAt, type Result } from './result.ts';

/** One step of a simple path: a key (also usable as an array index when all digits), or '#'. */
interface Step {
  key: string;
  hash: boolean;
  /** The array index the key names, or -1 when it is not all digits. */
  index: number;
}

export type SimplePath = readonly Step[];

/** Characters that give a path component a meaning beyond a plain key (escapes, wildcards, queries, ...). */
function isSpecial(c: number): boolean {
  return (
    c === 0x5c || c === 0x2a || c === 0x3f || c === 0x7c || c === 0x23 || c === 0x40 || c === 0x21 ||
    c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x28 || c === 0x29
  );
}

/** The steps of path when it has the simple shape, else null (the general evaluator takes it). */
function compile(path: string): SimplePath | null {
  const steps: Step[] = [];
  let from = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 0x2e) continue;
    if (i === from) return null;
    const key = path.slice(from, i);
    if (key === '#') steps.push({ key, hash: true, index: -1 });
    else {
      let digits = true;
      for (let j = 0; j < key.length; j++) {
        const c = key.charCodeAt(j);
        if (isSpecial(c)) return null;
        if (c < 0x30 || c > 0x39) digits = false;
      }
      steps.push({ key, hash: false, index: digits ? Number(key) : -1 });
    }
    from = i + 1;
  }
  return steps;
}

const cache = new Map<string, SimplePath | null>();
/** Paths come from manifests and are few; the bound only guards against callers that build paths per event. */
const CACHE_LIMIT = 4096;

/** The parsed simple path, or null when the path needs the general evaluator. */
export function simplePath(path: string): SimplePath | null {
  let steps = cache.get(path);
  if (steps !== undefined) return steps;
  steps = compile(path);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(path, steps);
  return steps;
}

/** find() answers with a position in the text, or one of these. */
const NOT_FOUND = -1;
/** The result is text built by the lookup ('#' count or mapping), left in computedText. */
const COMPUTED = -2;
let computedText = '';

/** Evaluates a simple path on the value starting at start (the document's first bracket). */
export function getSimple(json: string, start: number, steps: SimplePath): Result {
  const at = find(json, start, steps, 0);
  if (at === NOT_FOUND) return MISSING;
  if (at === COMPUTED) return computed(computedText);
  // only now is the end of the value found needed
  return resultAt(json, at, valueEnd(json, at), at);
}

/**
 * Evaluates steps[i..] on the value starting at vs. Returns the start of the value found, NOT_FOUND, or
 * COMPUTED. A member whose value lacks the rest of the path does not end the search: a later member with the
 * same key is tried too.
 */
function find(s: string, vs: number, steps: SimplePath, i: number): number {
  const step = steps[i] as Step;
  const last = i === steps.length - 1;
  const open = s.charCodeAt(vs);
  if (open === 0x7b) {
    let j = vs + 1;
    while (j < s.length) {
      j = skipWs(s, j);
      const c = s.charCodeAt(j);
      if (c === 0x2c) {
        j++;
        continue;
      }
      if (c !== 0x22) return NOT_FOUND;
      const ks = j;
      const ke = stringEnd(s, j);
      j = skipWs(s, ke);
      if (s.charCodeAt(j) !== 0x3a) return NOT_FOUND;
      j = skipWs(s, j + 1);
      if (j >= s.length) return NOT_FOUND;
      if (keyEquals(s, ks, ke, step.key)) {
        if (last) return j;
        const r = find(s, j, steps, i + 1);
        if (r !== NOT_FOUND) return r;
      }
      j = valueEnd(s, j);
    }
    return NOT_FOUND;
  }
  if (open !== 0x5b) return NOT_FOUND;
  if (step.hash) return last ? count(s, vs) : map(s, vs, steps, i + 1);
  const want = step.index;
  if (want < 0) return NOT_FOUND;
  let idx = 0;
  for (let j = nextElement(s, vs + 1); j >= 0; j = nextElement(s, valueEnd(s, j))) {
    if (idx === want) return last ? j : find(s, j, steps, i + 1);
    idx++;
  }
  return NOT_FOUND;
}

/**
 * From j (just after an array's `[` or after one of its elements), where the next element starts, or -1 at
 * the array's end (or at anything that cannot continue an array).
 */
function nextElement(s: string, j: number): number {
  for (;;) {
    j = skipWs(s, j);
    const c = s.charCodeAt(j);
    if (c !== 0x2c) return j >= s.length || c === 0x5d || c === 0x7d || c === 0x3a ? -1 : j;
    j++;
  }
}

/** '#' as the last step on an array: its element count. */
function count(s: string, open: number): number {
  let n = 0;
  for (let j = nextElement(s, open + 1); j >= 0; j = nextElement(s, valueEnd(s, j))) n++;
  computedText = String(n);
  return COMPUTED;
}

/** '#.rest' on an array: the rest of the path on each element, the values found collected into an array. */
function map(s: string, open: number, steps: SimplePath, i: number): number {
  let out = '';
  for (let j = nextElement(s, open + 1); j >= 0; j = nextElement(s, valueEnd(s, j))) {
    const r = find(s, j, steps, i);
    if (r >= 0) out += (out.length > 0 ? ',' : '') + s.slice(r, valueEnd(s, r));
    else if (r === COMPUTED) out += (out.length > 0 ? ',' : '') + computedText;
  }
  computedText = `[${out}]`;
  return COMPUTED;
}
