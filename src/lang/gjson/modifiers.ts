/** Path modifiers (@reverse, @keys, ...): each takes the current value's JSON text and returns new text. */
import { eachElement, eachMember, isWs, skipWs, stringEnd, valueEnd } from './scan.ts';
import { computed, type GjsonResult as Result } from './result.ts';
import { goJsonString } from './gofmt.ts';
import { valid } from './valid.ts';

/** Evaluates a path on a text; passed in by the path evaluator (it also calls this module). */
export type Lookup = (text: string, path: string) => Result;

const NAMES = new Set(['this', 'valid', 'reverse', 'ugly', 'pretty', 'flatten', 'join', 'keys', 'values', 'tostr', 'fromstr', 'group', 'dig']);

/** Whether name is a modifier; an unknown '@name' is an ordinary key. */
export function isModifier(name: string): boolean {
  return NAMES.has(name);
}

interface Member {
  key: string;
  value: string;
}

/** Members and elements as gjson's ForEach walks them over a result's raw text. */
function members(r: Result): Member[] {
  const out: Member[] = [];
  r.forEach((k, v) => {
    out.push({ key: k.raw, value: v.raw });
    return true;
  });
  return out;
}

function items(r: Result): string[] {
  return members(r).map((m) => m.value);
}

/** Options objects are read leniently, key by key, like gjson does. */
function option(arg: string, name: string): Result | null {
  let found: Result | null = null;
  if (arg === '') return null;
  computed(arg).forEach((k, v) => {
    if (k.string() === name) found = v;
    return true;
  });
  return found;
}

/** Applies modifier name (known, see isModifier) to the whole text of the current value. */
export function applyModifier(name: string, arg: string, text: string, lookup: Lookup): string {
  const r = computed(text);
  switch (name) {
    case 'this':
      return text;
    case 'valid':
      return valid(text) ? text : '';
    case 'reverse':
      if (r.isArray()) return `[${items(r).reverse().join(',')}]`;
      if (r.isObject()) return `{${members(r).reverse().map((m) => `${m.key}:${m.value}`).join(',')}}`;
      return text;
    case 'ugly':
      return ugly(text);
    case 'pretty':
      return pretty(text.slice(skipWs(text, 0)), arg);
    case 'flatten':
      return r.isArray() ? flatten(r, option(arg, 'deep')?.bool() ?? false) : text;
    case 'join':
      return r.isArray() ? join(r, option(arg, 'preserve')?.bool() ?? false) : text;
    case 'keys':
      if (!r.exists()) return '[]';
      return `[${members(r).map((m) => (r.isObject() ? m.key : 'null')).join(',')}]`;
    case 'values':
      if (!r.exists()) return '[]';
      if (r.isArray()) return text;
      return `[${items(r).join(',')}]`;
    case 'tostr':
      return goJsonString(text);
    case 'fromstr':
      return valid(text) ? r.string() : '';
    case 'group':
      return r.isObject() ? group(r) : '';
    case 'dig':
      return `[${dig([], r, arg, lookup).join(',')}]`;
    default:
      return text;
  }
}

function ugly(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) {
      const e = stringEnd(s, i);
      out += s.slice(i, e);
      i = e - 1;
    } else if (!isWs(c)) out += s[i];
  }
  return out;
}

/** Strips the outer brackets of a container's raw text. */
function unwrap(raw: string): string {
  const t = raw.trim();
  return t.length >= 2 && (t[0] === '[' || t[0] === '{') ? t.slice(1, -1) : t;
}

function flatten(r: Result, deep: boolean): string {
  const out: string[] = [];
  r.forEach((_k, v) => {
    let raw = v.raw;
    if (v.isArray()) raw = unwrap(deep ? flatten(v, true) : v.raw);
    raw = raw.trim();
    if (raw.length > 0) out.push(raw);
    return true;
  });
  return `[${out.join(',')}]`;
}

function join(r: Result, preserve: boolean): string {
  const objs: Result[] = [];
  r.forEach((_k, v) => {
    if (v.isObject()) objs.push(v);
    return true;
  });
  if (preserve) return `{${objs.map((o) => unwrap(o.raw)).join(',')}}`;
  // first position wins, last value wins
  const byKey = new Map<string, Member>();
  for (const o of objs) {
    o.forEach((k, v) => {
      const prev = byKey.get(k.string());
      if (prev) prev.value = v.raw;
      else byKey.set(k.string(), { key: k.raw, value: v.raw });
      return true;
    });
  }
  return `{${[...byKey.values()].map((m) => `${m.key}:${m.value}`).join(',')}}`;
}

function group(r: Result): string {
  const rows: string[][] = [];
  r.forEach((k, v) => {
    if (!v.isArray()) return true;
    let i = 0;
    v.forEach((_i, x) => {
      (rows[i++] ??= []).push(`${k.raw}:${x.raw}`);
      return true;
    });
    return true;
  });
  return `[${rows.map((row) => `{${row.join(',')}}`).join(',')}]`;
}

/** Every value the path finds at this level and below, parents before children. */
function dig(out: string[], r: Result, path: string, lookup: Lookup): string[] {
  const hit = lookup(r.raw, path);
  if (hit.exists()) out.push(hit.raw);
  if (r.isArray() || r.isObject()) {
    r.forEach((_k, v) => {
      dig(out, v, path, lookup);
      return true;
    });
  }
  return out;
}

function membersOf(s: string): Member[] {
  const out: Member[] = [];
  eachMember(s, 0, (ks, ke, vs, ve) => {
    out.push({ key: s.slice(ks, ke), value: s.slice(vs, ve) });
    return true;
  });
  return out;
}

function itemsOf(s: string): string[] {
  const out: string[] = [];
  eachElement(s, 0, (vs, ve) => {
    out.push(s.slice(vs, ve));
    return true;
  });
  return out;
}

function options(arg: string): Record<string, unknown> {
  try {
    const o: unknown = JSON.parse(arg);
    return o !== null && typeof o === 'object' ? (o as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const kind = (s: string): string => s[0] ?? '';

interface PrettyOpts {
  indent: string;
  prefix: string;
  width: number;
  sortKeys: boolean;
}

function pretty(s: string, arg: string): string {
  const o = options(arg);
  const opts: PrettyOpts = {
    indent: typeof o['indent'] === 'string' ? o['indent'] : '  ',
    prefix: '',
    width: typeof o['width'] === 'number' ? o['width'] : 80,
    sortKeys: o['sortKeys'] === true,
  };
  return opts.prefix + prettyValue(s.slice(0, valueEnd(s, 0)), 0, opts.prefix.length, opts) + '\n';
}

/** Arrays of scalars (or of such arrays) stay on one line when they fit the width. */
function singleLine(v: string): string | null {
  if (kind(v) === '{') return null;
  if (kind(v) !== '[') return v;
  const parts: string[] = [];
  for (const item of itemsOf(v)) {
    const one = singleLine(item);
    if (one === null) return null;
    parts.push(one);
  }
  return `[${parts.join(', ')}]`;
}

function prettyValue(v: string, depth: number, col: number, o: PrettyOpts): string {
  const pad = o.prefix + o.indent.repeat(depth + 1);
  const end = '\n' + o.prefix + o.indent.repeat(depth) + (kind(v) === '{' ? '}' : ']');
  if (kind(v) === '{') {
    let ms = membersOf(v);
    if (ms.length === 0) return '{}';
    if (o.sortKeys) ms = [...ms].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const lines = ms.map((m) => `${pad}${m.key}: ${prettyValue(m.value, depth + 1, pad.length + m.key.length + 2, o)}`);
    return `{\n${lines.join(',\n')}${end}`;
  }
  if (kind(v) === '[') {
    const its = itemsOf(v);
    if (its.length === 0) return '[]';
    const one = singleLine(v);
    if (one !== null && col + one.length <= o.width) return one;
    return `[\n${its.map((it) => pad + prettyValue(it, depth + 1, pad.length, o)).join(',\n')}${end}`;
  }
  return v;
}
