/**
 * Go (RE2) regular expressions as JavaScript RegExps. Users write patterns for Go's regexp
 * package; this rewrites the syntax that differs and rejects what JavaScript would read
 * differently (backreferences, lookaround), so a pattern never silently changes meaning.
 */

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''));
const GO_SPACE = '\\t\\n\\f\\r ';

export class GoRegexpError extends Error {}

/** Translate and compile a Go regexp. Throws GoRegexpError for patterns Go rejects or JS cannot express. */
export function compileGoRegexp(pattern: string): RegExp {
  const state = { flags: new Set<string>(), unicode: false };
  let src = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead?.[1] !== undefined) {
    for (const f of lead[1]) {
      if (f === 'U') throw new GoRegexpError(`regexp ${JSON.stringify(pattern)}: the U (ungreedy) flag is not supported`);
      state.flags.add(f);
    }
    src = src.slice(lead[0].length);
  }
  const body = translate(src, pattern, state);
  const flags = [...state.flags].join('') + (state.unicode ? 'u' : '');
  try {
    return new RegExp(body, flags);
  } catch (err) {
    throw new GoRegexpError(`invalid regexp ${JSON.stringify(pattern)}: ${(err as Error).message}`);
  }
}

function translate(src: string, original: string, state: { flags: Set<string>; unicode: boolean }): string {
  const fail = (why: string): never => {
    throw new GoRegexpError(`invalid regexp ${JSON.stringify(original)}: ${why}`);
  };
  let out = '';
  let inClass = false;
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i] as string;
    if (ch === '\\') {
      const [text, next] = translateEscape(src, i, inClass, state, fail);
      out += text;
      i = next - 1;
      continue;
    }
    if (inClass) {
      if (ch === '[' && src[i + 1] === ':') {
        const end = src.indexOf(':]', i + 2);
        const name = end < 0 ? undefined : src.slice(i + 2, end);
        const expansion = name === undefined ? undefined : POSIX_CLASSES[name];
        if (expansion === undefined) fail(`unsupported character class ${src.slice(i, end + 2)}`);
        out += expansion;
        i = end + 1;
        continue;
      }
      if (ch === ']') inClass = false;
      out += ch === '[' ? '\\[' : ch === '/' ? '\\/' : ch;
      continue;
    }
    switch (ch) {
      case '[': {
        inClass = true;
        out += '[';
        if (src[i + 1] === '^') { out += '^'; i++; }
        if (src[i + 1] === ']') { out += '\\]'; i++; } // a leading ] is a literal in Go
        break;
      }
      case '(': {
        depth++;
        if (src[i + 1] !== '?') { out += '('; break; }
        const rest = src.slice(i);
        const named = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(rest);
        if (named) { out += `(?<${named[1]}>`; i += named[0].length - 1; break; }
        if (rest.startsWith('(?:')) { out += '(?:'; i += 2; break; }
        fail('lookaround, inline flags after the start and other (? groups are not supported');
        break;
      }
      case ')':
        depth--;
        if (depth < 0) fail('unexpected )');
        out += ')';
        break;
      case '.':
        out += state.flags.has('s') ? '[\\s\\S]' : '[^\\n]';
        break;
      case '/':
        out += '\\/';
        break;
      default:
        out += ch;
    }
  }
  if (inClass) fail('missing closing ]');
  if (depth !== 0) fail('missing closing )');
  return out;
}

function translateEscape(
  src: string,
  i: number,
  inClass: boolean,
  state: { unicode: boolean },
  fail: (why: string) => never,
): [string, number] {
  const c = src[i + 1];
  if (c === undefined) fail('trailing backslash at end of expression');
  const ch = c as string;
  switch (ch) {
    case 'A': return [inClass ? fail('\\A in a class') : '(?<![\\s\\S])', i + 2];
    case 'z': return [inClass ? fail('\\z in a class') : '(?![\\s\\S])', i + 2];
    case 's': return [inClass ? GO_SPACE : `[${GO_SPACE}]`, i + 2];
    case 'S': return [inClass ? '\\S' : `[^${GO_SPACE}]`, i + 2];
    case 'd': case 'D': case 'w': case 'W': case 'b': case 'B':
    case 't': case 'n': case 'r': case 'f': case 'v': case 'a':
      return [ch === 'a' ? '\\x07' : `\\${ch}`, i + 2];
    case 'Q': {
      const end = src.indexOf('\\E', i + 2);
      const lit = src.slice(i + 2, end < 0 ? src.length : end);
      return [lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'), end < 0 ? src.length : end + 2];
    }
    case 'x': {
      if (src[i + 2] === '{') {
        const end = src.indexOf('}', i + 3);
        const hex = src.slice(i + 3, end);
        if (end < 0 || !/^[0-9A-Fa-f]+$/.test(hex)) fail('invalid escape \\x{');
        const code = parseInt(hex, 16);
        if (code > 0xffff) state.unicode = true;
        return [code > 0xffff ? `\\u{${hex}}` : `\\u${code.toString(16).padStart(4, '0')}`, end + 1];
      }
      const hex = src.slice(i + 2, i + 4);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) fail('invalid escape \\x');
      return [`\\x${hex}`, i + 4];
    }
    case 'p': case 'P': {
      state.unicode = true;
      if (src[i + 2] === '{') {
        const end = src.indexOf('}', i + 3);
        if (end < 0) fail('invalid character class range');
        const name = src.slice(i + 3, end);
        const neg = name.startsWith('^');
        const bare = neg ? name.slice(1) : name;
        const prop = bare.length <= 2 ? bare : `Script=${bare}`;
        return [`\\${(ch === 'P') !== neg ? 'P' : 'p'}{${prop}}`, end + 1];
      }
      const one = src[i + 2];
      if (one === undefined) fail('invalid character class range');
      return [`\\${ch}{${one}}`, i + 3];
    }
    default:
      break;
  }
  if (ch >= '0' && ch <= '7') {
    const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1))?.[0] ?? '';
    if (ch !== '0' && oct.length === 1) fail(`backreferences are not supported (\\${ch})`);
    return [`\\x${parseInt(oct, 8).toString(16).padStart(2, '0')}`, i + 1 + oct.length];
  }
  if (/[A-Za-z0-9]/.test(ch)) fail(`invalid escape sequence \\${ch}`);
  // Go lets any punctuation be escaped; JS (with the u flag) only syntax characters.
  return [JS_SYNTAX.has(ch) && (ch !== '-' || inClass) ? `\\${ch}` : ch, i + 2];
}
