/** sjson path syntax: dot-separated keys, '\' escapes, ':' forces an object key, '-1' appends. */

export interface Part {
  key: string;
  /** Written with a leading ':' — always an object key, never an array index. */
  forceKey: boolean;
}

/** A path sjson can only apply through a gjson lookup (wildcards, queries, modifiers, pipes). */
export function isComplexPath(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '#' || c === '@' || c === '|') return true;
  }
  return false;
}

export function parsePath(path: string): Part[] {
  const parts: Part[] = [];
  let key = '';
  let forceKey = false;
  let atStart = true;
  for (let i = 0; i < path.length; i++) {
    const c = path[i] as string;
    if (atStart && c === ':') {
      forceKey = true;
      atStart = false;
      continue;
    }
    atStart = false;
    if (c === '\\') {
      i++;
      if (i < path.length) key += path[i];
      continue;
    }
    if (c === '.') {
      parts.push({ key, forceKey });
      key = '';
      forceKey = false;
      atStart = true;
      continue;
    }
    key += c;
  }
  parts.push({ key, forceKey });
  return parts;
}

/** Array index a part names ('' appends like -1), -1 for append, or null when it is not an index. */
export function arrayIndex(p: Part): number | null {
  if (p.forceKey) return null;
  if (p.key === '-1') return -1;
  if (p.key === '') return -1;
  if (/^\d+$/.test(p.key)) return Number(p.key);
  return null;
}
