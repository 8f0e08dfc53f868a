/** Path evaluation over JSON text: walks only as much of the document as the path needs. */
import { eachElement, eachMember, keyEquals, skipWs, stringEnd, unescapeJson, valueEnd } from './scan.ts';
import { findPipe, globMatch, parseComponent, type Component } from './path.ts';
import { parseQuery, queryMatches, type Query } from './query.ts';
import { applyModifier, isModifier } from './modifiers.ts';
import { goJsonString } from './gofmt.ts';
import { valid } from './valid.ts';
import { computed, MISSING, Result, resultAt } from './result.ts';
import { getSimple, simplePath } from './fast.ts';

/**
 * A value inside some text. `whole` marks an entire text handed to a (sub)path evaluation — the document,
 * or text a modifier, literal or multipath built — which gjson reads leniently, as a whole.
 */
interface Span {
  s: string;
  start: number;
  end: number;
  computed: boolean;
  whole?: boolean;
}

/** Where a whole text's container starts: gjson skips anything before the first bracket. */
function containerStart(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) return i;
  }
  return text.length;
}

function textSpan(text: string): Span {
  return { s: text, start: containerStart(text), end: text.length, computed: true, whole: true };
}

function toResult(v: Span): Result {
  if (v.whole) {
    const r = computed(v.s);
    if (v.computed || !r.exists()) return r;
    let at = 0;
    while (at < v.s.length && v.s.charCodeAt(at) <= 0x20) at++;
    return new Result(r.type, r.raw, r.str, r.num, at);
  }
  if (v.start >= v.end) return MISSING;
  return resultAt(v.s, v.start, v.end, v.computed ? -1 : v.start);
}

const raw = (v: Span): string => (v.whole ? toResult(v).raw : v.s.slice(v.start, v.end));
/** The text a modifier or pipe sees: a whole text as is, else the value's raw JSON. */
const fullText = (v: Span): string => (v.whole ? v.s : raw(v));

export function get(json: string, path: string): Result {
  if (path.startsWith('..')) {
    if (path.length === 2) return MISSING;
    const v = run(jsonLines(json), path, 2, path.length, false);
    return v ? toResult(v) : MISSING;
  }
  const steps = simplePath(path);
  // the common shape (plain keys, indexes, '#') takes the fast evaluator
  if (steps !== null) return getSimple(json, containerStart(json), steps);
  const root: Span = { s: json, start: containerStart(json), end: json.length, computed: false, whole: true };
  const v = run(root, path, 0, path.length, true);
  return v ? toResult(v) : MISSING;
}

/** Parses each JSON value of a JSON Lines text into one array, as gjson's '..' prefix does. */
function jsonLines(json: string): Span {
  const items: string[] = [];
  let i = skipWs(json, 0);
  while (i < json.length) {
    const e = valueEnd(json, i);
    items.push(json.slice(i, e));
    i = skipWs(json, e);
  }
  const text = `[${items.join(',')}]`;
  return { s: text, start: 0, end: text.length, computed: true };
}

const LITERAL_START = /^[[{"+\-0-9]/;
const LITERAL_WORDS = new Set(['true', 'false', 'null', 'nan', 'inf']);

/** A literal ('!true', '!{"a":1}') at the start of a (sub)path: [raw, index after it], or null when it is a key. */
function literalAt(p: string, i: number, stop: number): [string, number] | null {
  if (p[i] !== '!' || i + 1 >= stop) return null;
  if (LITERAL_START.test(p[i + 1] ?? '')) {
    const end = Math.min(valueEnd(p, i + 1), stop);
    return [p.slice(i + 1, end), end];
  }
  let j = i + 1;
  while (j < stop && p[j] !== '|' && p[j] !== '.') j++;
  const word = p.slice(i + 1, j);
  return LITERAL_WORDS.has(word.toLowerCase()) ? [word, j] : null;
}

/** Whether the text after a '.' starts a new subpath (a known modifier or a multipath), like a '|'. */
function dotPipes(p: string, i: number, stop: number): boolean {
  const c = p[i];
  if (c === '[' || c === '{') return true;
  if (c !== '@') return false;
  let j = i + 1;
  while (j < stop && p[j] !== '.' && p[j] !== '|' && p[j] !== ':') j++;
  return isModifier(p.slice(i + 1, j));
}

const lookupText = (text: string, path: string): Result => get(text, path);

/**
 * Evaluates p[pos:stop] on v. `fresh` is true at the start of a (sub)path — the path's start, or after a
 * pipe — where modifiers, literals and multipaths are recognised.
 */
function run(start: Span, p: string, pos: number, stop: number, fresh: boolean): Span | null {
  let v: Span | null = start;
  for (;;) {
    if (!v) return null;
    let next: number;
    if (fresh && pos < stop && stop - pos > 1 && (p[pos] === '@' || p[pos] === '!' || p[pos] === '[' || p[pos] === '{')) {
      const step = startStep(v, p, pos, stop);
      if (step) {
        v = step.v;
        next = step.next;
        if (next >= stop) return v;
        if (p[next] !== '|' && p[next] !== '.') return v;
        pos = next + 1;
        fresh = true;
        continue;
      }
    }
    const comp = parseComponent(p, pos, stop, true) as Extract<Component, { kind: 'key' }>;
    // in an object '#' is an ordinary key
    const special: Component | null = p[pos] === '#' && !isObjectSpan(v) ? parseComponent(p, pos, stop) : null;
    const c: Component = special && special.kind !== 'key' ? special : comp;
    next = c.next;
    const container: boolean = isContainerSpan(v);
    let found: Span | null = null;
    switch (c.kind) {
      case 'key':
        // a member whose value lacks the rest of the path does not end the search: later (duplicate or
        // wildcard-matching) members are tried too
        if (next < stop && p[next] === '.' && !dotPipes(p, next + 1, stop) && isObjectSpan(v)) return searchMembers(v, c, p, next + 1, stop);
        found = lookupKey(v, c);
        break;
      case 'count':
        found = countOf(v);
        break;
      case 'map': {
        const sub = next + 1;
        const pipe = findPipe(p, sub, stop);
        found = mapElements(elements(v), p, sub, pipe);
        next = pipe;
        break;
      }
      case 'query': {
        const els = elements(v);
        if (!els) return null;
        const q = parseQuery(c.body);
        if (!c.all) {
          found = els.find((el) => matches(el, q)) ?? null;
          break;
        }
        const hits = els.filter((el) => matches(el, q));
        if (p[next] === '.' && next < stop) {
          const sub = next + 1;
          const pipe = findPipe(p, sub, stop);
          found = mapElements(hits, p, sub, pipe);
          next = pipe;
        } else found = textSpan(`[${hits.map(raw).join(',')}]`);
        break;
      }
      default:
        return null;
    }
    if (next >= stop) return found;
    const sep = p[next];
    // after '#', a query or an index, '.' continues on the element and starts a fresh subpath there
    const piped: boolean = sep === '|' || (sep === '.' && c.kind === 'key' && dotPipes(p, next + 1, stop));
    if (!found) {
      // a pipe after a missing member of a container still runs, on nothing
      if (!piped || !container) return null;
      found = textSpan('');
    }
    if (sep !== '.' && sep !== '|') return null;
    v = piped ? textSpan(fullText(found)) : found;
    if (piped && !found.computed && !found.whole) v = { ...found, whole: false };
    fresh = piped || c.kind !== 'key';
    pos = next + 1;
  }
}

function isObjectSpan(v: Span): boolean {
  return v.start < v.end && v.s[v.start] === '{';
}

function isContainerSpan(v: Span): boolean {
  const c = v.s[v.start];
  return v.start < v.end && (c === '{' || c === '[');
}

/** A modifier, literal or multipath at the start of a (sub)path, or null when the text there is a key. */
function startStep(v: Span, p: string, pos: number, stop: number): { v: Span; next: number } | null {
  const c = p[pos];
  if (c === '!') {
    const lit = literalAt(p, pos, stop);
    return lit ? { v: textSpan(lit[0]), next: lit[1] } : null;
  }
  if (c === '@') {
    const comp = parseComponent(p, pos, stop);
    if (!comp || comp.kind !== 'modifier' || !isModifier(comp.name)) return null;
    return { v: textSpan(applyModifier(comp.name, comp.arg, fullText(v), lookupText)), next: comp.next };
  }
  const comp = parseComponent(p, pos, stop);
  if (!comp || comp.kind !== 'multi') return null;
  if (comp.next < stop && p[comp.next] !== '|' && p[comp.next] !== '.') return null;
  return { v: multipath(v, comp.body, comp.object), next: comp.next };
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
      else hit = keyEquals(s, ks, ke, key);
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

/** Tries each member the key matches, in order; the first for which the rest of the path exists wins. */
function searchMembers(v: Span, comp: Extract<Component, { kind: 'key' }>, p: string, rest: number, stop: number): Span | null {
  const { s } = v;
  let found: Span | null = null;
  eachMember(s, v.start, (ks, ke, vs, ve) => {
    if (comp.pattern !== null ? !globMatch(unescapeJson(s.slice(ks + 1, ke - 1)), comp.pattern) : !keyEquals(s, ks, ke, comp.key)) return true;
    found = run({ s, start: vs, end: ve, computed: v.computed }, p, rest, stop, false);
    if (found && raw(found) === '') found = null;
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
    const r = run(el, p, sub, stop, true);
    if (r && raw(r).length > 0) out.push(raw(r));
  }
  return textSpan(`[${out.join(',')}]`);
}

function matches(el: Span, q: Query): boolean {
  // scalar elements can only be tested themselves; containers are searched with the query's path
  let target: Span | null = el;
  if (isContainerSpan(el)) target = run(el, q.lhs, 0, q.lhs.length, true);
  else if (q.lhs !== '') return false;
  return queryMatches(target ? toResult(target) : MISSING, q);
}

interface Selector {
  name: string | null;
  path: string;
}

/** Splits a multipath body at top-level commas; 'name:path' names a member (not inside a modifier's argument). */
function selectors(body: string): Selector[] {
  const out: Selector[] = [];
  let depth = 0;
  let from = 0;
  let colon = -1;
  let modifier = false;
  const push = (end: number): void => {
    out.push(colon < 0 ? { name: null, path: body.slice(from, end) } : { name: body.slice(from, colon), path: body.slice(colon + 1, end) });
    colon = -1;
    modifier = false;
    from = end + 1;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '@') {
      if (!modifier && i > 0 && (body[i - 1] === '.' || body[i - 1] === '|')) modifier = true;
    } else if (c === ':') {
      if (!modifier && colon < 0 && depth === 0) colon = i;
    } else if (c === ',') {
      if (depth === 0) push(i);
    } else if (c === '"') {
      for (i++; i < body.length && body[i] !== '"'; i++) if (body[i] === '\\') i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  push(body.length);
  return out;
}

function multipath(v: Span, body: string, object: boolean): Span {
  const out: string[] = [];
  for (const sel of selectors(body)) {
    const r = run(v, sel.path, 0, sel.path.length, true);
    const res = r ? toResult(r) : MISSING;
    if (!res.exists()) continue;
    const value = res.raw.length > 0 ? res.raw : res.string() || 'null';
    if (!object) {
      out.push(value);
      continue;
    }
    let name: string;
    if (sel.name !== null && sel.name.length > 0) name = sel.name[0] === '"' && valid(sel.name) ? sel.name : goJsonString(sel.name);
    else {
      const last = lastName(sel.path);
      name = /[\x00-\x1f[\]{}()#|!]/.test(last) ? '"_"' : goJsonString(last);
    }
    out.push(`${name}:${value}`);
  }
  return textSpan(object ? `{${out.join(',')}}` : `[${out.join(',')}]`);
}

/** The text after the last unescaped '.' or '|': the member name a multipath gives a value. */
function lastName(path: string): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if ((path[i] === '|' || path[i] === '.') && !(i > 0 && path[i - 1] === '\\')) return path.slice(i + 1);
  }
  return path;
}
