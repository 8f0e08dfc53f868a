/** Strict JSON validation (one value, optional surrounding whitespace), as gjson.Valid. */
import { skipWs } from './scan.ts';

export function valid(s: string): boolean {
  const end = value(s, skipWs(s, 0), 0);
  return end > 0 && skipWs(s, end) === s.length;
}

const NUM = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Index after the value at i, or -1 when invalid. */
function value(s: string, i: number, depth: number): number {
  if (depth > 1000) return -1;
  const c = s[i];
  if (c === '{') {
    i = skipWs(s, i + 1);
    if (s[i] === '}') return i + 1;
    for (;;) {
      if (s[i] !== '"') return -1;
      i = str(s, i);
      if (i < 0) return -1;
      i = skipWs(s, i);
      if (s[i] !== ':') return -1;
      i = value(s, skipWs(s, i + 1), depth + 1);
      if (i < 0) return -1;
      i = skipWs(s, i);
      if (s[i] === '}') return i + 1;
      if (s[i] !== ',') return -1;
      i = skipWs(s, i + 1);
    }
  }
  if (c === '[') {
    i = skipWs(s, i + 1);
    if (s[i] === ']') return i + 1;
    for (;;) {
      i = value(s, i, depth + 1);
      if (i < 0) return -1;
      i = skipWs(s, i);
      if (s[i] === ']') return i + 1;
      if (s[i] !== ',') return -1;
      i = skipWs(s, i + 1);
    }
  }
  if (c === '"') return str(s, i);
  for (const lit of ['true', 'false', 'null']) if (s.startsWith(lit, i)) return i + lit.length;
  NUM.lastIndex = i;
  return NUM.test(s) ? NUM.lastIndex : -1;
}

function str(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c < 0x20) return -1;
    if (c === 0x22) return j + 1;
    if (c === 0x5c) {
      const e = s[j + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) return -1;
        j += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) j++;
      else return -1;
    }
  }
  return -1;
}
