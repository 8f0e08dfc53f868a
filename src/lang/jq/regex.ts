/** jq's regex functions on JS RegExp, with Go (RE2) syntax translated where it differs. Offsets count code points. */
import { fail, describe } from './interp.ts';
import type { Json, JsonObject } from './values.ts';

export interface Match {
  offset: number;
  length: number;
  string: string;
  captures: { offset: number; length: number; string: string | null; name: string | null }[];
}

function compile(re: Json, flags: Json): { rx: RegExp; global: boolean; skipEmpty: boolean } {
  if (typeof re !== 'string') throw fail(`${describe(re)} cannot be matched, as it is not a string`);
  if (flags !== null && typeof flags !== 'string') throw fail(`${describe(flags)} is not a string`);
  let source = re.replace(/\(\?P</g, '(?<');
  let js = 'u';
  let global = false;
  let skipEmpty = false;
  for (const f of flags ?? '') {
    switch (f) {
      case 'g': global = true; break;
      case 'i': js += 'i'; break;
      case 'x': source = source.replace(/\\#/g, '\u0000').replace(/#[^\n]*/g, '').replace(/\s+/g, '').replace(/\u0000/g, '\\#'); break;
      case 's': js += 's'; break;
      case 'n': skipEmpty = true; break;
      case 'p': js += 's'; break;
      case 'l': break;
      default: throw fail(`${flags} is not a valid modifier string`);
    }
  }
  try {
    return { rx: new RegExp(source, js + 'gd'), global, skipEmpty };
  } catch (err) {
    throw fail(`${re} (at offset 0) is not a valid regex: ${(err as Error).message}`);
  }
}

/** Code-point offset of a UTF-16 index. */
function cp(s: string, i: number): number {
  let n = 0;
  for (let j = 0; j < i; j++) {
    const c = s.charCodeAt(j);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

export function matches(input: Json, re: Json, flags: Json, forceGlobal = false): Match[] {
  if (typeof input !== 'string') throw fail(`${describe(input)} cannot be matched, as it is not a string`);
  const { rx, global, skipEmpty } = compile(re, flags);
  const names: (string | null)[] = [];
  // Group names in order of their opening parenthesis.
  for (const m of rx.source.matchAll(/\\.|\[(?:\\.|[^\]])*\]|\((\?(<([A-Za-z_]\w*)>|[:=!]|<[=!]))?/g)) {
    if (m[0].startsWith('(') && (m[1] === undefined || m[3] !== undefined)) names.push(m[3] ?? null);
  }
  const out: Match[] = [];
  rx.lastIndex = 0;
  for (;;) {
    const m = rx.exec(input);
    if (m === null) break;
    const start = m.index;
    const end = start + m[0].length;
    if (m[0] === '') rx.lastIndex = end + (input.codePointAt(end)! > 0xffff ? 2 : 1);
    if (!(skipEmpty && m[0] === '')) {
      const captures = names.map((name, gi) => {
        const s = m[gi + 1];
        const idx = m.indices?.[gi + 1];
        if (s === undefined || idx === undefined) return { offset: -1, length: 0, string: null, name };
        return { offset: cp(input, idx[0]), length: [...s].length, string: s, name };
      });
      out.push({ offset: cp(input, start), length: [...m[0]].length, string: m[0], captures });
    }
    if (!(global || forceGlobal) || end > input.length) break;
    if (m[0] === '' && end >= input.length) break;
  }
  return out;
}

export function captureObject(m: Match): JsonObject {
  const o: JsonObject = {};
  for (const c of m.captures) if (c.name !== null) o[c.name] = c.string;
  return o;
}

export function matchJson(m: Match): Json {
  return { offset: m.offset, length: m.length, string: m.string, captures: m.captures.map((c) => ({ ...c })) };
}

/** Code-point based slicing helper for sub/gsub. */
export function cpSlice(s: string, from: number, to?: number): string {
  return [...s].slice(from, to).join('');
}
