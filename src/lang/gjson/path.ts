/** Splits a gjson path into components, one at a time. */
import { stringEnd, valueEnd } from './scan.ts';

export type Component =
  | { kind: 'key'; key: string; pattern: string | null; text: string; next: number }
  | { kind: 'count'; next: number }
  | { kind: 'map'; next: number }
  | { kind: 'query'; body: string; all: boolean; next: number }
  | { kind: 'modifier'; name: string; arg: string; next: number }
  | { kind: 'multi'; body: string; object: boolean; next: number }
  | { kind: 'literal'; raw: string; next: number };

const isSep = (c: string | undefined): boolean => c === '.' || c === '|';

/** Index of the bracket closing the one opened at i ('(' '[' '{'), skipping strings; -1 when unclosed. */
export function closeBracket(p: string, i: number, stop: number): number {
  let depth = 0;
  for (let j = i; j < stop; j++) {
    const c = p[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '"') {
      j = stringEnd(p, j) - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

/** The first top-level '|' at or after i, or stop. */
export function findPipe(p: string, i: number, stop: number): number {
  for (let j = i; j < stop; j++) {
    const c = p[j];
    if (c === '\\') j++;
    else if (c === '|') return j;
    else if (c === '(' || c === '[' || c === '{') {
      const k = closeBracket(p, j, stop);
      if (k < 0) return stop;
      j = k;
    }
  }
  return stop;
}

/** Parses the component starting at i; returns null when the path is malformed there. */
export function parseComponent(p: string, i: number, stop: number, plain = false): Component | null {
  const c = p[i];
  if (plain) return parseKey(p, i, stop);
  if (c === '@' ) {
    let j = i + 1;
    while (j < stop && p[j] !== ':' && !isSep(p[j])) j++;
    const name = p.slice(i + 1, j);
    let arg = '';
    if (p[j] === ':' && j < stop) {
      const a = j + 1;
      const ac = p[a];
      if (ac === '{' || ac === '[' || ac === '"') j = Math.min(valueEnd(p, a), stop);
      else {
        j = a;
        while (j < stop && p[j] !== '|') j++;
      }
      arg = p.slice(a, j);
    }
    return { kind: 'modifier', name, arg, next: j };
  }
  if (c === '[' || c === '{') {
    const close = closeBracket(p, i, stop);
    if (close < 0) return null;
    return { kind: 'multi', body: p.slice(i + 1, close), object: c === '{', next: close + 1 };
  }
  if (c === '!') {
    const end = Math.min(valueEnd(p, i + 1), stop);
    if (end <= i + 1) return null;
    return { kind: 'literal', raw: p.slice(i + 1, end), next: end };
  }
  if (c === '#') {
    const n = p[i + 1];
    if (i + 1 >= stop || n === '|') return { kind: 'count', next: i + 1 };
    if (n === '.') return { kind: 'map', next: i + 1 };
    if (n === '(' || n === '[') {
      const close = closeBracket(p, i + 1, stop);
      if (close < 0) return null;
      const all = p[close + 1] === '#' && close + 1 < stop;
      return { kind: 'query', body: p.slice(i + 2, close), all, next: all ? close + 2 : close + 1 };
    }
  }
  return parseKey(p, i, stop);
}

/** A key (or array index) component, with '\\' escapes and '*' '?' wildcards. */
function parseKey(p: string, i: number, stop: number): Component {
  let key = '';
  let pattern = '';
  let wild = false;
  let j = i;
  for (; j < stop; j++) {
    const ch = p[j] as string;
    if (ch === '\\') {
      j++;
      if (j < stop) {
        key += p[j];
        // gjson strips the escape before matching, so an escaped '*' still matches as a wildcard
        pattern += p[j];
      }
      continue;
    }
    if (isSep(ch)) break;
    if (ch === '*' || ch === '?') wild = true;
    key += ch;
    pattern += ch;
  }
  return { kind: 'key', key, pattern: wild ? pattern : null, text: p.slice(i, j), next: j };
}

/** Glob match with '*' (any run) and '?' (one character); '\' escapes the next pattern character. */
export function globMatch(str: string, pat: string): boolean {
  const chars = Array.from(str);
  const pats = Array.from(pat);
  const memo = new Map<number, boolean>();
  const go = (si: number, pi: number): boolean => {
    const k = si * (pats.length + 1) + pi;
    const m = memo.get(k);
    if (m !== undefined) return m;
    let r: boolean;
    if (pi === pats.length) r = si === chars.length;
    else {
      const pc = pats[pi];
      if (pc === '*') r = go(si, pi + 1) || (si < chars.length && go(si + 1, pi));
      else if (pc === '?') r = si < chars.length && go(si + 1, pi + 1);
      else if (pc === '\\' && pi + 1 < pats.length) r = chars[si] === pats[pi + 1] && go(si + 1, pi + 2);
      else r = chars[si] === pc && go(si + 1, pi + 1);
    }
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}
