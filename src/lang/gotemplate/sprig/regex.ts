/**
 * sprig regex functions. Go uses RE2 syntax; JS RegExp accepts nearly the same patterns. Translated here:
 * (?P<name>...) to (?<name>...), a leading (?flags) to RegExp flags, \A and \z to ^ and $, \Q...\E quoting and
 * POSIX classes [[:alpha:]]. Not supported: flags in the middle of a pattern, \C, and \pN-style one-letter classes
 * without braces. Go's leftmost-first semantics match JS's backtracking for the patterns RE2 accepts.
 * Compiled patterns are cached, so a template compiles each pattern once.
 */
import { def, type FuncTable } from '../funcs.ts';

const cache = new Map<string, RegExp>();

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-/:-@[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

function translate(pattern: string): { source: string; flags: string } {
  let p = pattern;
  let flags = '';
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    for (const f of lead[1] ?? '') if (f !== 'U' && !flags.includes(f)) flags += f;
    p = p.slice(lead[0].length);
  }
  p = p.replace(/\\Q([\s\S]*?)(?:\\E|$)/g, (_, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  p = p.replace(/\(\?P</g, '(?<');
  p = p.replace(/\[:(\^?)([a-z]+):\]/g, (m, neg: string, name: string) => {
    const cls = POSIX[name];
    if (!cls) return m;
    return neg ? m : cls;
  });
  p = p.replace(/\\A/g, '^').replace(/\\z/g, '$');
  return { source: p, flags };
}

export function compileRegex(pattern: string, global = false): RegExp {
  const key = (global ? 'g:' : ':') + pattern;
  let re = cache.get(key);
  if (re) return re;
  const { source, flags } = translate(pattern);
  try {
    re = new RegExp(source, flags + 'u' + (global ? 'g' : ''));
  } catch {
    try {
      re = new RegExp(source, flags + (global ? 'g' : ''));
    } catch (e) {
      throw new Error(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}: \`${pattern}\``);
    }
  }
  if (cache.size > 1000) cache.clear();
  cache.set(key, re);
  return re;
}

function findAll(re: RegExp, s: string, n: number): RegExpMatchArray[] {
  const out: RegExpMatchArray[] = [];
  if (n === 0) return out;
  let prevEnd = -1;
  for (const m of s.matchAll(re)) {
    // Go skips an empty match right after the previous match.
    if (m[0] === '' && m.index === prevEnd) continue;
    out.push(m);
    prevEnd = (m.index ?? 0) + m[0].length;
    if (n > 0 && out.length >= n) break;
  }
  return out;
}

/** Go's Regexp.Expand template: $1, ${1}, $name, ${name}, $$. A name is the longest run of word characters. */
function expand(template: string, m: RegExpMatchArray): string {
  return template.replace(/\$(?:\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))|\$/g, (all, braced?: string, bare?: string) => {
    if (all === '$$') return '$';
    const name = braced ?? bare;
    if (name === undefined) return all;
    if (/^[0-9]+$/.test(name)) return m[Number(name)] ?? '';
    return m.groups?.[name] ?? '';
  });
}

function replaceAll(re: RegExp, s: string, fn: (m: RegExpMatchArray) => string): string {
  let out = '';
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    const i = m.index ?? 0;
    out += s.slice(last, i) + fn(m);
    last = i + m[0].length;
  }
  return out + s.slice(last);
}

function split(re: RegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.source === '(?:)' || (s === '' && new RegExp(re.source, re.flags.replace('g', '')).test(''))) {
    return [''];
  }
  const matches = findAll(re, s, -1);
  const out: string[] = [];
  let beg = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    const end = m.index ?? 0;
    if (m[0] === '' && end === 0) continue;
    out.push(s.slice(beg, end));
    beg = end + m[0].length;
  }
  out.push(s.slice(beg));
  return out;
}

export const regexFuncs: FuncTable = {
  regexMatch: def(['string', 'string'], (r: string, s: string) => compileRegex(r).test(s)),
  regexFind: def(['string', 'string'], (r: string, s: string) => compileRegex(r).exec(s)?.[0] ?? ''),
  regexFindAll: def(['string', 'string', 'int'], (r: string, s: string, n: bigint) => findAll(compileRegex(r, true), s, Number(n)).map((m) => m[0])),
  regexReplaceAll: def(['string', 'string', 'string'], (r: string, s: string, repl: string) => replaceAll(compileRegex(r, true), s, (m) => expand(repl, m))),
  regexReplaceAllLiteral: def(['string', 'string', 'string'], (r: string, s: string, repl: string) => replaceAll(compileRegex(r, true), s, () => repl)),
  regexSplit: def(['string', 'string', 'int'], (r: string, s: string, n: bigint) => split(compileRegex(r, true), s, Number(n))),
  regexQuoteMeta: def(['string'], (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
};
for (const name of ['regexMatch', 'regexFindAll', 'regexFind', 'regexReplaceAll', 'regexReplaceAllLiteral', 'regexSplit']) {
  const f = regexFuncs[name];
  if (f) regexFuncs['must' + name[0]?.toUpperCase() + name.slice(1)] = f;
}
// sprig's regexMatch swallows a bad pattern (regexp.MatchString's error) and answers false.
regexFuncs['regexMatch'] = def(['string', 'string'], (r: string, s: string) => {
  let re: RegExp;
  try {
    re = compileRegex(r);
  } catch {
    return false;
  }
  return re.test(s);
});
