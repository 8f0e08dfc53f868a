/** Path modifiers (@reverse, @keys, ...): each takes the current value's JSON text and returns new text. */
import { eachElement, eachMember, isWs, skipWs, stringEnd, unescapeJson, valueEnd } from './scan.ts';
import { goJsonString } from './gofmt.ts';
import { valid } from './valid.ts';

/** Returned when the modifier leaves the value exactly as it was. */
export const SAME: unique symbol = Symbol('same');
type Out = string | null | typeof SAME;

interface Member {
  key: string;
  value: string;
}

function members(s: string): Member[] {
  const out: Member[] = [];
  eachMember(s, 0, (ks, ke, vs, ve) => {
    out.push({ key: s.slice(ks, ke), value: s.slice(vs, ve) });
    return true;
  });
  return out;
}

function items(s: string): string[] {
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

export function applyModifier(name: string, arg: string, text: string): Out {
  const s = text.slice(skipWs(text, 0));
  switch (name) {
    case 'this':
      return SAME;
    case 'valid':
      return valid(s) ? SAME : null;
    case 'reverse':
      if (kind(s) === '[') return `[${items(s).reverse().join(',')}]`;
      if (kind(s) === '{') return `{${members(s).reverse().map((m) => `${m.key}:${m.value}`).join(',')}}`;
      return SAME;
    case 'ugly':
      return ugly(s);
    case 'pretty':
      return pretty(s, options(arg));
    case 'flatten':
      return kind(s) === '[' ? flatten(s, options(arg)['deep'] === true) : SAME;
    case 'join':
      return kind(s) === '[' ? join(s, options(arg)['preserve'] === true) : SAME;
    case 'keys':
      if (kind(s) === '{') return `[${members(s).map((m) => m.key).join(',')}]`;
      if (kind(s) === '[') return `[${items(s).map(() => 'null').join(',')}]`;
      return '[null]';
    case 'values':
      if (kind(s) === '{') return `[${members(s).map((m) => m.value).join(',')}]`;
      if (kind(s) === '[') return `[${items(s).join(',')}]`;
      return `[${s.trimEnd()}]`;
    case 'tostr':
      return goJsonString(s.trimEnd());
    case 'fromstr':
      return kind(s) === '"' ? unescapeJson(s.slice(1, stringEnd(s, 0) - 1)) : SAME;
    case 'group':
      return kind(s) === '{' ? group(s) : null;
    case 'dig':
      return dig(s, arg.startsWith('"') ? unescapeJson(arg.slice(1, stringEnd(arg, 0) - 1)) : arg);
    default:
      return null;
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

function flatten(s: string, deep: boolean): string {
  const out: string[] = [];
  for (const item of items(s)) {
    if (kind(item) !== '[') {
      out.push(item);
      continue;
    }
    const inner = deep ? flatten(item, true) : item;
    const body = inner.slice(1, inner.lastIndexOf(']')).trim();
    if (body.length > 0) out.push(body);
  }
  return `[${out.join(',')}]`;
}

function join(s: string, preserve: boolean): string {
  const all: Member[] = [];
  for (const item of items(s)) if (kind(item) === '{') all.push(...members(item));
  if (preserve) return `{${all.map((m) => `${m.key}:${m.value}`).join(',')}}`;
  // first position wins, last value wins
  const byKey = new Map<string, Member>();
  for (const m of all) {
    const k = unescapeJson(m.key.slice(1, -1));
    const prev = byKey.get(k);
    if (prev) prev.value = m.value;
    else byKey.set(k, { key: m.key, value: m.value });
  }
  return `{${[...byKey.values()].map((m) => `${m.key}:${m.value}`).join(',')}}`;
}

function group(s: string): string {
  const rows: string[][] = [];
  for (const m of members(s)) {
    if (kind(m.value) !== '[') continue;
    items(m.value).forEach((v, i) => {
      (rows[i] ??= []).push(`${m.key}:${v}`);
    });
  }
  return `[${rows.filter((r) => r !== undefined).map((r) => `{${r.join(',')}}`).join(',')}]`;
}

function dig(s: string, key: string): string {
  const found: string[] = [];
  const walk = (t: string): void => {
    if (kind(t) === '{') {
      const ms = members(t);
      for (const m of ms) if (unescapeJson(m.key.slice(1, -1)) === key) found.push(m.value);
      for (const m of ms) walk(m.value);
    } else if (kind(t) === '[') for (const v of items(t)) walk(v);
  };
  if (key.length > 0) walk(s);
  return `[${found.join(',')}]`;
}

interface PrettyOpts {
  indent: string;
  prefix: string;
  width: number;
  sortKeys: boolean;
}

function pretty(s: string, o: Record<string, unknown>): string {
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
  for (const item of items(v)) {
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
    let ms = members(v);
    if (ms.length === 0) return '{}';
    if (o.sortKeys) ms = [...ms].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const lines = ms.map((m) => `${pad}${m.key}: ${prettyValue(m.value, depth + 1, pad.length + m.key.length + 2, o)}`);
    return `{\n${lines.join(',\n')}${end}`;
  }
  if (kind(v) === '[') {
    const its = items(v);
    if (its.length === 0) return '[]';
    const one = singleLine(v);
    if (one !== null && col + one.length <= o.width) return one;
    return `[\n${its.map((it) => pad + prettyValue(it, depth + 1, pad.length, o)).join(',\n')}${end}`;
  }
  return v;
}
