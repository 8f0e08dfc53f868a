/** sprig semver and semverCompare (Masterminds/semver v3 constraint syntax: = != > < >= <= ~ ^ x, ranges, || and ,). */
import { def, type FuncTable } from '../funcs.ts';

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string;
  meta: string;
}

const VERSION = /^v?([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;

function parseVersion(s: string): Version {
  const m = VERSION.exec(s.trim());
  if (!m) throw new Error('Invalid Semantic Version');
  return { major: BigInt(m[1] ?? 0), minor: BigInt(m[2] ?? 0), patch: BigInt(m[3] ?? 0), pre: m[4] ?? '', meta: m[5] ?? '' };
}

function comparePre(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^[0-9]+$/.test(x);
    const ny = /^[0-9]+$/.test(y);
    if (nx && ny) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (nx !== ny) return nx ? -1 : 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function compare(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return comparePre(a.pre, b.pre);
}

type Check = (v: Version) => boolean;

function single(c: string): Check {
  const m = /^(=|!=|>=|<=|>|<|~>|~|\^|=>|=<)?\s*v?([0-9xX*]+)(?:\.([0-9xX*]+))?(?:\.([0-9xX*]+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(c.trim());
  if (!m) throw new Error(`improper constraint: ${c}`);
  const op = m[1] === '=>' ? '>=' : m[1] === '=<' ? '<=' : m[1] === '~>' ? '~' : (m[1] ?? '=');
  const wild = (x: string | undefined): boolean => x === undefined || /^[xX*]$/.test(x);
  const parts = [m[2], m[3], m[4]];
  const firstWild = parts.findIndex(wild);
  const num = (x: string | undefined): bigint => (wild(x) ? 0n : BigInt(x ?? 0));
  const base: Version = { major: num(parts[0]), minor: num(parts[1]), patch: num(parts[2]), pre: m[5] ?? '', meta: '' };
  const allowPre = base.pre !== '';
  const guard = (f: Check): Check => (v) => (v.pre !== '' && !allowPre ? false : f(v));
  const upper = (level: number): Version =>
    level === 0
      ? { major: base.major + 1n, minor: 0n, patch: 0n, pre: '', meta: '' }
      : { major: base.major, minor: base.minor + 1n, patch: 0n, pre: '', meta: '' };
  const inRange = (hi: Version): Check => guard((v) => compare(v, base) >= 0 && compare(v, hi) < 0);
  switch (op) {
    case '=':
      if (firstWild === 0) return guard(() => true);
      if (firstWild > 0) return inRange(upper(firstWild - 1));
      return guard((v) => compare(v, base) === 0);
    case '!=':
      if (firstWild === 0) return guard(() => false);
      if (firstWild > 0) {
        const r = inRange(upper(firstWild - 1));
        return guard((v) => !r(v));
      }
      return guard((v) => compare(v, base) !== 0);
    case '>':
      if (firstWild > 0) return guard((v) => compare(v, upper(firstWild - 1)) >= 0);
      return guard((v) => compare(v, base) > 0);
    case '>=':
      return guard((v) => compare(v, base) >= 0);
    case '<':
      return guard((v) => compare(v, base) < 0);
    case '<=':
      if (firstWild > 0) return guard((v) => compare(v, upper(firstWild - 1)) < 0);
      return guard((v) => compare(v, base) <= 0);
    case '~':
      return inRange(upper(firstWild === 1 ? 0 : 1));
    case '^':
      if (base.major > 0n || firstWild === 1) return inRange(upper(0));
      if (base.minor > 0n || firstWild === 2) return inRange(upper(1));
      return inRange({ major: 0n, minor: 0n, patch: base.patch + 1n, pre: '', meta: '' });
  }
  throw new Error(`improper constraint: ${c}`);
}

function constraint(s: string): Check {
  const ors = s.split('||').map((alt) => {
    const hyphen = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(alt);
    const parts = hyphen ? [`>= ${hyphen[1]}`, `<= ${hyphen[2]}`] : alt.split(/\s*,\s*|\s+(?=[<>=!~^])/).filter((p) => p.trim() !== '');
    const checks = parts.map(single);
    return (v: Version): boolean => checks.every((c) => c(v));
  });
  return (v) => ors.some((c) => c(v));
}

export const semverFuncs: FuncTable = {
  semverCompare: def(['string', 'string'], (c: string, v: string) => constraint(c)(parseVersion(v))),
  semver: def(['string'], (s: string) => {
    const v = parseVersion(s);
    return { Major: v.major, Minor: v.minor, Patch: v.patch, Prerelease: v.pre, Metadata: v.meta, Original: s };
  }),
};
