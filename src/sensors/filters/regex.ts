/**
 * Go RE2 syntax to JavaScript RegExp. The two agree on the syntax users write in filters;
 * the differences handled here are named groups `(?P<name>` and the flag group `(?i)` at the start.
 */
export function compileGoRegex(source: string): RegExp {
  let src = source.replace(/\(\?P</g, '(?<');
  let flags = '';
  const m = /^\(\?([imsU]+)\)/.exec(src);
  if (m) {
    const f = m[1] ?? '';
    if (f.includes('i')) flags += 'i';
    if (f.includes('m')) flags += 'm';
    if (f.includes('s')) flags += 's';
    src = src.slice(m[0].length);
  }
  return new RegExp(src, flags);
}
