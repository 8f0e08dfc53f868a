import { SwitchyardError } from '../errors.ts';

const UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses a Go duration ("1s", "1m30s", "500ms") into milliseconds. */
export function parseGoDuration(text: string, field: string): number {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * UNITS[m[2] as string]!;
    pos = re.lastIndex;
  }
  if (pos !== s.length || s.length === 0) {
    throw new SwitchyardError('DURATION_INVALID', `${field} "${text}" is not a duration; write e.g. "1s", "500ms" or "1m30s"`);
  }
  return total;
}
