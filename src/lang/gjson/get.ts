/** Path evaluation over JSON text: walks only as much of the document as the path needs. */
import { eachElement, eachMember, skipWs, stringEnd, unescapeJson, valueEnd } from './scan.ts';
import { findPipe, globMatch, parseComponent, type Component } from './path.ts';
import { parseQuery, queryMatches, type Query } from './query.ts';
import { applyModifier, SAME } from './modifiers.ts';
import { goJsonString } from './gofmt.ts';
import { MISSING, Result, resultAt } from './result.ts';

/** A value inside some text: the source document (computed=false) or text built by the path. */
interface Span {
  s: string;
  start: number;
  end: number;
  computed: boolean;
}

function textSpan(text: string): Span {
  return { s: text, start: skipWs(text, 0), end: text.length, computed: true };
}

function toResult(v: Span): Result {
  if (v.start >= v.end) return MISSING;
  return resultAt(v.s, v.start, v.end, v.computed ? -1 : v.start);
}

const raw = (v: Span): string => v.s.slice(v.start, v.end);

export function get(json: string, path: string): Result {
  if (path.length === 0) return MISSING;
  let root: Span | null = { s: json, start: skipWs(json, 0), end: json.length, computed: false };
  let pos = 0;
  if (path.startsWith('..')) {
    root = jsonLines(json);
    pos = 2;
    if (pos >= path.length) return toResult(root);
  }
  if (root.start >= root.end) return MISSING;
  const v = run(root, path, pos, path.length);
  return v ? toResult(v) : MISSING;
}

function jsonLines(json: string): Span {
  const items: string[] = [];
  let i = skipWs(json, 0);
  while (i < json.length) {
    const e = valueEnd(json, i);
    items.push(json.slice(i, e));
    i = skipWs(json, e);
  }
  return textSpan(`[${items.join(',')}]`);
}

function run(start: Span, p: string, pos: number, stop: number): Span | null {
  let v: Span | null = start;
  for (;;) {
    const comp = parseComponent(p, pos, stop);
    if (!comp || !v) return null;
    let next = comp.next;
    switch (comp.kind) {
      case 'key':
        if (comp.pattern !== null && next < stop) return wildcard(v, comp.pattern, p, next + 1, stop);
        v = lookupKey(v, comp);
        break;
      case 'count':
        v = countOf(v);
        break;
      case 'map': {
        const sub = next + 1;
        const pipe = findPipe(p, sub, stop);
        v = mapElements(elements(v), p, sub, pipe);
        next = pipe;
        break;
      }
      case 'query': {
        const els = elements(v);
        if (!els) return null;
        const q = parseQuery(comp.body);
        if (!comp.all) {
          v = els.find((el) => matches(el, q)) ?? null;
          break;
        }
        const hits = els.filter((el) => matches(el, q));
        if (p[next] === '.' && next < stop) {
          const sub = next + 1;
          const pipe = findPipe(p, sub, stop);
          v = mapElements(hits, p, sub, pipe);
          next = pipe;
        } else v = textSpan(`[${hits.map(raw).join(',')}]`);
        break;
      }
      case 'modifier': {
        const out = applyModifier(comp.name, comp.arg, raw(v));
        if (out === null) return null;
        // modifier output is never a span of the document, even when unchanged
        v = out === SAME ? { ...v, computed: true } : textSpan(out);
        break;
      }
      case 'multi':
        v = multipath(v, comp.body, comp.object);
        break;
      case 'literal':
        v = textSpan(comp.raw);
        break;
    }
    if (!v) return null;
    if (next >= stop) return v;
    const sep = p[next];
    if (sep !== '.' && sep !== '|') return null;
    pos = next + 1;
  }
}

function lookupKey(v: Span, comp: Extract<Component, { kind: 'key' }>): Span | null {
  const { s } = v;
  const c = s.charCodeAt(v.start);
  let found: Span | null = null;
  if (c === 0x7b) {
    const { key, pattern } = comp;
    eachMember(s, v.start, (ks, ke, vs, ve) => {
      let hit: boolean;
      if (pattern !== null) hit = globMatch(unescapeJson(s.slice(ks + 1, ke - 1)), pattern);
      else if (ke - ks - 2 === key.length && s.startsWith(key, ks + 1)) hit = true;
      else hit = s.lastIndexOf('\\', ke - 2) > ks && unescapeJson(s.slice(ks + 1, ke - 1)) === key;
      if (hit) found = { s, start: vs, end: ve, computed: v.computed };
      return !hit;
    });
    return found;
  }
  if (c === 0x5b) {
    if (comp.pattern !== null || !/^\d+$/.test(comp.key)) return null;
    const want = Number(comp.key);
    eachElement(s, v.start, (vs, ve, idx) => {
      if (idx === want) found = { s, start: vs, end: ve, computed: v.computed };
      return idx < want;
    });
    return found;
  }
  return null;
}

/** A wildcard key tries each matching member in order; the first for which the rest of the path exists wins. */
function wildcard(v: Span, pattern: string, p: string, rest: number, stop: number): Span | null {
  if (v.s.charCodeAt(v.start) !== 0x7b) return null;
  const { s } = v;
  let found: Span | null = null;
  eachMember(s, v.start, (ks, ke, vs, ve) => {
    if (!globMatch(unescapeJson(s.slice(ks + 1, ke - 1)), pattern)) return true;
    found = run({ s, start: vs, end: ve, computed: v.computed }, p, rest, stop);
    return found === null;
  });
  return found;
}

function elements(v: Span | null): Span[] | null {
  if (!v || v.s.charCodeAt(v.start) !== 0x5b) return null;
  const out: Span[] = [];
  eachElement(v.s, v.start, (vs, ve) => {
    out.push({ s: v.s, start: vs, end: ve, computed: v.computed });
    return true;
  });
  return out;
}

function countOf(v: Span): Span | null {
  const els = elements(v);
  return els ? textSpan(String(els.length)) : null;
}

function mapElements(els: Span[] | null, p: string, sub: number, stop: number): Span | null {
  if (!els) return null;
  const out: string[] = [];
  for (const el of els) {
    const r = run(el, p, sub, stop);
    if (r && r.start < r.end) out.push(raw(r));
  }
  return textSpan(`[${out.join(',')}]`);
}

function matches(el: Span, q: Query): boolean {
  const target = q.lhs === '' ? el : run(el, q.lhs, 0, q.lhs.length);
  return queryMatches(target ? toResult(target) : MISSING, q);
}

/** Splits a multipath body at top-level commas. */
function splitParts(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '"') i = stringEnd(body, i) - 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(body.slice(from));
  return parts;
}

function multipath(v: Span, body: string, object: boolean): Span {
  const out: string[] = [];
  for (const part of splitParts(body)) {
    let path = part;
    let key: string | null = null;
    if (object && part.startsWith('"')) {
      const ke = stringEnd(part, 0);
      const colon = skipWs(part, ke);
      if (part[colon] === ':') {
        key = part.slice(0, ke);
        path = part.slice(skipWs(part, colon + 1));
      }
    }
    if (path.length === 0) continue;
    const r = run(v, path, 0, path.length);
    if (!r || r.start >= r.end) continue;
    if (object) out.push(`${key ?? goJsonString(lastName(path))}:${raw(r)}`);
    else out.push(raw(r));
  }
  return textSpan(object ? `{${out.join(',')}}` : `[${out.join(',')}]`);
}

/** The member name a multipath gives a value when no key is written: its last plain key, else "_". */
function lastName(path: string): string {
  let name = '_';
  let pos = 0;
  while (pos <= path.length) {
    const comp = parseComponent(path, pos, path.length);
    if (!comp) break;
    if (comp.kind === 'key') name = comp.key;
    else if (comp.kind === 'modifier') name = '@' + comp.name;
    else name = '_';
    if (comp.next >= path.length) break;
    pos = comp.next + 1;
  }
  return name;
}
