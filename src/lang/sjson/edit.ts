/** Set and delete on JSON text: only the touched span changes, the rest keeps its order and formatting. */
import { SwitchyardError } from '../../errors.ts';
import { eachElement, eachMember, isWs, keyEquals, skipWs, valueEnd } from '../gjson/scan.ts';
import { get } from '../gjson/get.ts';
import { arrayIndex, isComplexPath, parsePath, type Part } from './path.ts';
import { sjsonString } from './marshal.ts';

/** Padding an array up to a huge index would build an enormous document from one bad path. */
const MAX_INDEX = 1_000_000;

export function pathError(path: string, why: string): SwitchyardError {
  return new SwitchyardError('SJSON_PATH', `cannot use sjson path ${JSON.stringify(path)}: ${why}`, { errorClass: 'poison' });
}

interface Span {
  start: number;
  end: number;
}

const splice = (s: string, at: Span, text: string): string => s.slice(0, at.start) + text + s.slice(at.end);

function findMember(s: string, open: number, key: string): (Span & { keyStart: number }) | null {
  let found: (Span & { keyStart: number }) | null = null;
  eachMember(s, open, (ks, ke, vs, ve) => {
    if (keyEquals(s, ks, ke, key)) found = { start: vs, end: ve, keyStart: ks };
    return found === null;
  });
  return found;
}

function elementsOf(s: string, open: number): Span[] {
  const out: Span[] = [];
  eachElement(s, open, (vs, ve) => {
    out.push({ start: vs, end: ve });
    return true;
  });
  return out;
}

/** New JSON for parts[j..] that do not exist yet: index parts make arrays, other parts objects. */
function build(parts: Part[], j: number, raw: string, path: string): string {
  const part = parts[j];
  if (!part) return raw;
  const idx = arrayIndex(part);
  if (idx !== null) {
    if (idx > MAX_INDEX) throw pathError(path, `array index ${idx} is larger than ${MAX_INDEX}`);
    return `[${'null,'.repeat(Math.max(idx, 0))}${build(parts, j + 1, raw, path)}]`;
  }
  return `{${sjsonString(part.key)}:${build(parts, j + 1, raw, path)}}`;
}

/**
 * New JSON for parts[j..] replacing a value that is not an object or array: here only a plain number (or
 * an empty part) makes an array — '-1' becomes an object key, unlike deeper in a new branch.
 */
function buildFresh(parts: Part[], j: number, raw: string, path: string): string {
  const part = parts[j];
  if (!part) return raw;
  if (!part.forceKey && /^\d*$/.test(part.key)) return build(parts, j, raw, path);
  return `{${sjsonString(part.key)}:${build(parts, j + 1, raw, path)}}`;
}

const isContainer = (s: string, i: number): boolean => s[i] === '{' || s[i] === '[';

function setIn(s: string, open: number, parts: Part[], i: number, raw: string, path: string): string {
  const part = parts[i] as Part;
  const last = i === parts.length - 1;
  const close = valueEnd(s, open) - 1;
  // Go rebuilds the document when it grows the top-level container, dropping whitespace around it.
  const grow = (at: Span, text: string): string =>
    i === 0 ? splice(s.slice(0, close + 1), at, text).slice(open) : splice(s, at, text);
  const descend = (at: Span): string => {
    if (last) return splice(s, at, raw);
    if (isContainer(s, at.start)) return setIn(s, at.start, parts, i + 1, raw, path);
    return splice(s, at, buildFresh(parts, i + 1, raw, path));
  };
  if (s[open] === '{') {
    const m = findMember(s, open, part.key);
    if (m) return descend(m);
    const empty = skipWs(s, open + 1) >= close;
    const member = `${empty ? '' : ','}${sjsonString(part.key)}:${build(parts, i + 1, raw, path)}`;
    return grow({ start: close, end: close }, member);
  }
  const els = elementsOf(s, open);
  const nonIndex = (): SwitchyardError => pathError(path, `cannot set array element for non-numeric key '${part.key}'`);
  if (part.forceKey) {
    // ':N' on an existing array may only address an element that is already there
    const el = /^\d+$/.test(part.key) ? els[Number(part.key)] : undefined;
    if (!el) throw nonIndex();
    return descend(el);
  }
  const idx = arrayIndex(part);
  if (idx === null) throw nonIndex();
  if (part.key === '') {
    // an empty part never names an element, so the array is rewritten compactly with the value appended
    const kept = els.map((e) => s.slice(e.start, e.end));
    kept.push(build(parts, i + 1, raw, path));
    return grow({ start: open, end: close + 1 }, `[${kept.join(',')}]`);
  }
  if (idx === -1) {
    const item = `${els.length > 0 ? ',' : ''}${build(parts, i + 1, raw, path)}`;
    return grow({ start: close, end: close }, item);
  }
  const el = els[idx];
  if (el) return descend(el);
  if (idx > MAX_INDEX) throw pathError(path, `array index ${idx} is larger than ${MAX_INDEX}`);
  // past the end: the array is rewritten compactly and padded with nulls
  const kept = els.map((e) => s.slice(e.start, e.end));
  for (let k = els.length; k < idx; k++) kept.push('null');
  kept.push(build(parts, i + 1, raw, path));
  return grow({ start: open, end: close + 1 }, `[${kept.join(',')}]`);
}

export function setRawText(json: string, path: string, raw: string): string {
  if (path.length === 0) throw pathError(path, 'path cannot be empty');
  if (isComplexPath(path)) {
    // wildcards, queries and modifiers can only replace a value that already exists
    // (a value reached through a pipe is computed text, not a place in the document: nothing changes)
    if (/(^|[^\\])\|/.test(path)) return json;
    const r = get(json, path);
    if (!r.exists() || r.index < 0) return json;
    return json.slice(0, r.index) + raw + json.slice(r.index + r.raw.length);
  }
  const parts = parsePath(path);
  const start = skipWs(json, 0);
  if (!isContainer(json, start)) return buildFresh(parts, 0, raw, path);
  return setIn(json, start, parts, 0, raw, path);
}

export function deleteText(json: string, path: string): string {
  if (path.length === 0) throw pathError(path, 'path cannot be empty');
  if (isComplexPath(path)) throw pathError(path, 'cannot delete value from a complex path (wildcards, #, @ or |)');
  const parts = parsePath(path);
  let open = skipWs(json, 0);
  for (let i = 0; i < parts.length; i++) {
    if (!isContainer(json, open)) return json;
    const part = parts[i] as Part;
    const last = i === parts.length - 1;
    if (json[open] === '{') {
      const m = findMember(json, open, part.key);
      if (!m) return json;
      if (last) return removeMember(json, m.keyStart, m.end);
      open = m.start;
    } else {
      // ':N' still addresses element N here; an empty part addresses nothing
      const idx = part.forceKey && /^\d+$/.test(part.key) ? Number(part.key) : part.key === '' ? null : arrayIndex(part);
      if (idx === null) return json;
      const els = elementsOf(json, open);
      const el = idx === -1 ? els[els.length - 1] : els[idx];
      if (!el) return json;
      if (last) return removeElement(json, el);
      open = el.start;
    }
  }
  return json;
}

function prevNonWs(s: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && isWs(s.charCodeAt(j))) j--;
  return j;
}

/** Removes a member and one neighbouring comma: the one before it if any, else the one after it. */
function removeMember(s: string, keyStart: number, end: number): string {
  const p = prevNonWs(s, keyStart);
  if (s[p] === ',') return splice(s, { start: p, end }, '');
  const q = skipWs(s, end);
  return splice(s, { start: p + 1, end: s[q] === ',' ? q + 1 : end }, '');
}

function removeElement(s: string, el: Span): string {
  const p = prevNonWs(s, el.start);
  if (s[p] === ',') return splice(s, { start: p, end: el.end }, '');
  const q = skipWs(s, el.end);
  return splice(s, { start: el.start, end: s[q] === ',' ? q + 1 : el.end }, '');
}
