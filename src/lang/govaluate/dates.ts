/**
 * Date literals. govaluate turns any quoted string that reads as a date in one of a fixed set of
 * Go layouts into its Unix time in seconds (a number), so `'2014-01-02' < '2014-01-03'` compares
 * dates. The layouts and Go's parsing rules (digit widths, ranges, optional fractions) are
 * reproduced here. Times without a zone are read as UTC, the zone Switchyard's processes run in.
 */

type Field =
  | 'Mon' | 'Jan' | '_2' | '02' | '01' | '2006' | '15' | '3' | '04' | '05' | 'PM' | 'MST'
  | '-0700' | 'Z0700' | 'Z07:00' | '-07:00' | '.999999999';

type Part = { field: Field } | { literal: string };

const FIELDS: readonly Field[] = [
  '.999999999', 'Z07:00', 'Z0700', '-07:00', '-0700', '2006', 'Mon', 'Jan', 'MST',
  '_2', '02', '01', '15', '04', '05', 'PM', '3',
];

function layout(text: string): Part[] {
  const parts: Part[] = [];
  let lit = '';
  for (let i = 0; i < text.length; ) {
    const field = FIELDS.find((f) => text.startsWith(f, i));
    if (field === undefined) { lit += text[i]; i++; continue; }
    if (lit) { parts.push({ literal: lit }); lit = ''; }
    parts.push({ field });
    i += field.length;
  }
  if (lit) parts.push({ literal: lit });
  return parts;
}

const LAYOUTS: readonly Part[][] = [
  'Mon Jan _2 15:04:05 2006',
  'Mon Jan _2 15:04:05 MST 2006',
  'Mon Jan 02 15:04:05 -0700 2006',
  '3:04PM',
  '2006-01-02T15:04:05Z07:00',
  '2006-01-02T15:04:05.999999999Z07:00',
  '2006-01-02',
  '2006-01-02 15:04',
  '2006-01-02 15:04:05',
  '2006-01-02 15:04:05-07:00',
  '2006-01-02T15Z0700',
  '2006-01-02T15:04Z0700',
  '2006-01-02T15:04:05Z0700',
  '2006-01-02T15:04:05.999999999Z0700',
].map(layout);

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Unix seconds for a date literal, or undefined when the text is not a date in any layout. */
export function parseDateLiteral(text: string): number | undefined {
  for (const parts of LAYOUTS) {
    const t = parseWith(parts, text);
    if (t !== undefined) return t;
  }
  return undefined;
}

interface Fields { year: number; month: number; day: number; hour: number; min: number; sec: number; offset: number; pm?: boolean }

function parseWith(parts: readonly Part[], input: string): number | undefined {
  const f: Fields = { year: 0, month: 1, day: 1, hour: 0, min: 0, sec: 0, offset: 0 };
  let v = input;
  for (let idx = 0; idx < parts.length; idx++) {
    const part = parts[idx] as Part;
    if ('literal' in part) {
      const rest = skipLiteral(v, part.literal);
      if (rest === undefined) return undefined;
      v = rest;
      continue;
    }
    const next = parts[idx + 1];
    const rest = parseField(part.field, v, f, next !== undefined && 'field' in next && next.field === '.999999999');
    if (rest === undefined) return undefined;
    v = rest;
  }
  if (v.length > 0) return undefined;
  if (f.pm !== undefined) {
    if (f.pm && f.hour < 12) f.hour += 12;
    else if (!f.pm && f.hour === 12) f.hour = 0;
  }
  if (f.day < 1 || f.day > daysIn(f.month, f.year)) return undefined;
  return daysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.min * 60 + f.sec - f.offset;
}

/** A space in a layout matches one or more spaces; other characters match exactly. */
function skipLiteral(value: string, literal: string): string | undefined {
  let v = value;
  let p = literal;
  while (p.length > 0) {
    if (p[0] === ' ') {
      if (v.length > 0 && v[0] !== ' ') return undefined;
      p = p.replace(/^ +/, '');
      v = v.replace(/^ +/, '');
      continue;
    }
    if (v[0] !== p[0]) return undefined;
    v = v.slice(1);
    p = p.slice(1);
  }
  return v;
}

function num(v: string, fixed: boolean): [number, string] | undefined {
  const m = /^[0-9]{1,2}/.exec(v);
  if (!m || (fixed && m[0].length !== 2)) return undefined;
  return [Number(m[0]), v.slice(m[0].length)];
}

function parseField(field: Field, v: string, f: Fields, fractionFollows: boolean): string | undefined {
  switch (field) {
    case 'Mon': case 'Jan': {
      const names = field === 'Mon' ? DAYS : MONTHS;
      const i = names.indexOf(v.slice(0, 3).toLowerCase());
      if (i < 0) return undefined;
      if (field === 'Jan') f.month = i + 1;
      return v.slice(3);
    }
    case '2006': {
      if (!/^[0-9]{4}/.test(v)) return undefined;
      f.year = Number(v.slice(0, 4));
      return v.slice(4);
    }
    case '_2': case '02': {
      const r = num(field === '_2' && v[0] === ' ' ? v.slice(1) : v, field === '02');
      if (!r) return undefined;
      f.day = r[0];
      return r[1];
    }
    case '01': {
      const r = num(v, true);
      if (!r || r[0] < 1 || r[0] > 12) return undefined;
      f.month = r[0];
      return r[1];
    }
    case '15': case '3': {
      const r = num(v, false);
      if (!r || r[0] > (field === '15' ? 23 : 12)) return undefined;
      f.hour = r[0];
      return r[1];
    }
    case '04': {
      const r = num(v, true);
      if (!r || r[0] > 59) return undefined;
      f.min = r[0];
      return r[1];
    }
    case '05': {
      const r = num(v, true);
      if (!r || r[0] > 59) return undefined;
      f.sec = r[0];
      // Go accepts a fraction after the seconds even when the layout has none.
      if (!fractionFollows) return r[1].replace(/^[.,][0-9]+/, '');
      return r[1];
    }
    case '.999999999':
      return v.replace(/^[.,][0-9]+/, '');
    case 'PM': {
      const ampm = v.slice(0, 2);
      if (ampm !== 'AM' && ampm !== 'PM') return undefined;
      f.pm = ampm === 'PM';
      return v.slice(2);
    }
    case 'MST': {
      if (v.startsWith('UTC')) return v.slice(3);
      const m = /^[A-Z]{3,5}/.exec(v);
      if (!m || (m[0].length > 3 && !m[0].endsWith('T'))) return undefined;
      return v.slice(m[0].length); // unknown zone abbreviations read as offset 0, as in Go
    }
    case 'Z0700': case 'Z07:00':
      if (v[0] === 'Z') return v.slice(1);
      return zone(v, field === 'Z07:00', f);
    case '-0700': case '-07:00':
      return zone(v, field === '-07:00', f);
  }
}

function zone(v: string, colon: boolean, f: Fields): string | undefined {
  const m = (colon ? /^([+-])([0-9]{2}):([0-9]{2})/ : /^([+-])([0-9]{2})([0-9]{2})/).exec(v);
  if (!m) return undefined;
  const secs = Number(m[2]) * 3600 + Number(m[3]) * 60;
  f.offset = m[1] === '-' ? -secs : secs;
  return v.slice(m[0].length);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (valid for year 0 too). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
