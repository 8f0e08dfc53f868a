/** time.Time formatting and parsing with Go reference layouts ("2006-01-02T15:04:05Z07:00"). */
import { GoTime } from './values.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function localZoneName(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
const abbrCache = new Map<string, Intl.DateTimeFormat>();

export function isValidZone(zone: string): boolean {
  if (zone === 'UTC' || zone === 'Local' || zone === '') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function ianaZone(zone: string): string {
  return zone === 'Local' ? localZoneName() : zone;
}

/** Offset of the zone from UTC at the instant, in seconds. */
export function zoneOffset(zone: string, ms: number): number {
  const z = ianaZone(zone);
  if (z === 'UTC' || z === 'Etc/UTC') return 0;
  let f = partsCache.get(z);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: z,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsCache.set(z, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(Math.floor(ms / 1000) * 1000))) p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 1000);
}

function zoneAbbr(zone: string, ms: number, offset: number): string {
  const z = ianaZone(zone);
  if (z === 'UTC' || z === 'Etc/UTC') return 'UTC';
  let f = abbrCache.get(z);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: z, timeZoneName: 'short' });
    abbrCache.set(z, f);
  }
  const name = f.formatToParts(new Date(ms)).find((x) => x.type === 'timeZoneName')?.value ?? '';
  if (/^[A-Z]{3,5}$/.test(name)) return name;
  // Go shows zones without an abbreviation as a numeric offset such as "+05" or "+0530".
  const a = Math.abs(offset);
  const h = String(Math.floor(a / 3600)).padStart(2, '0');
  const m = Math.floor((a % 3600) / 60);
  return (offset < 0 ? '-' : '+') + h + (m ? String(m).padStart(2, '0') : '');
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  wday: number;
  yday: number;
  offset: number;
  abbr: string;
}

function fields(t: GoTime): Fields {
  const offset = zoneOffset(t.zone, t.ms);
  const d = new Date(t.ms + offset * 1000);
  const year = d.getUTCFullYear();
  const yday = Math.floor((Date.UTC(year, d.getUTCMonth(), d.getUTCDate()) - Date.UTC(year, 0, 1)) / 86400000) + 1;
  const msPart = ((t.ms % 1000) + 1000) % 1000;
  return {
    year,
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    min: d.getUTCMinutes(),
    sec: d.getUTCSeconds(),
    nsec: msPart * 1e6 + t.nanos,
    wday: d.getUTCDay(),
    yday,
    offset,
    abbr: zoneAbbr(t.zone, t.ms, offset),
  };
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** Split a layout into literal text and Go's standard chunks. */
function nextChunk(layout: string, i: number): string | null {
  const rest = layout.slice(i);
  const c = layout[i];
  switch (c) {
    case 'J':
      if (rest.startsWith('January')) return 'January';
      if (rest.startsWith('Jan')) return 'Jan';
      break;
    case 'M':
      if (rest.startsWith('Monday')) return 'Monday';
      if (rest.startsWith('Mon')) return 'Mon';
      if (rest.startsWith('MST')) return 'MST';
      break;
    case '0':
      if (rest.startsWith('002')) return '002';
      if (/^0[1-6]/.test(rest)) return rest.slice(0, 2);
      break;
    case '1':
      return rest.startsWith('15') ? '15' : '1';
    case '2':
      return rest.startsWith('2006') ? '2006' : '2';
    case '_':
      if (rest.startsWith('__2')) return '__2';
      if (rest.startsWith('_2')) return '_2';
      break;
    case '3':
    case '4':
    case '5':
      return c;
    case 'P':
      if (rest.startsWith('PM')) return 'PM';
      break;
    case 'p':
      if (rest.startsWith('pm')) return 'pm';
      break;
    case '-':
    case 'Z':
      for (const z of ['070000', '07:00:00', '0700', '07:00', '07']) if (rest.startsWith(c + z)) return c + z;
      break;
    case '.':
    case ',': {
      const m = /^[.,](0+|9+)(?![0-9])/.exec(rest);
      if (m && i > 0 && /[0-9]/.test(layout[i - 1] ?? '')) return m[0];
      if (m) return m[0];
      break;
    }
  }
  return null;
}

function fmtZone(chunk: string, offset: number): string {
  if (chunk[0] === 'Z' && offset === 0) return 'Z';
  const a = Math.abs(offset);
  const sign = offset < 0 ? '-' : '+';
  const h = p2(Math.floor(a / 3600));
  const m = p2(Math.floor((a % 3600) / 60));
  const s = p2(a % 60);
  switch (chunk.slice(1)) {
    case '070000':
      return sign + h + m + s;
    case '07:00:00':
      return sign + h + ':' + m + ':' + s;
    case '0700':
      return sign + h + m;
    case '07:00':
      return sign + h + ':' + m;
    default:
      return sign + h;
  }
}

/** time.Time.Format(layout). */
export function formatTime(t: GoTime, layout: string): string {
  const f = fields(t);
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const chunk = nextChunk(layout, i);
    if (chunk === null) {
      out += layout[i];
      i++;
      continue;
    }
    i += chunk.length;
    switch (chunk) {
      case 'January':
        out += MONTHS[f.month - 1];
        break;
      case 'Jan':
        out += (MONTHS[f.month - 1] ?? '').slice(0, 3);
        break;
      case 'Monday':
        out += DAYS[f.wday];
        break;
      case 'Mon':
        out += (DAYS[f.wday] ?? '').slice(0, 3);
        break;
      case 'MST':
        out += f.abbr;
        break;
      case '2006':
        out += String(f.year).padStart(4, '0');
        break;
      case '06':
        out += p2(f.year % 100);
        break;
      case '01':
        out += p2(f.month);
        break;
      case '1':
        out += f.month;
        break;
      case '02':
        out += p2(f.day);
        break;
      case '2':
        out += f.day;
        break;
      case '_2':
        out += String(f.day).padStart(2, ' ');
        break;
      case '002':
        out += String(f.yday).padStart(3, '0');
        break;
      case '__2':
        out += String(f.yday).padStart(3, ' ');
        break;
      case '15':
        out += p2(f.hour);
        break;
      case '03':
        out += p2(f.hour % 12 || 12);
        break;
      case '3':
        out += f.hour % 12 || 12;
        break;
      case '04':
        out += p2(f.min);
        break;
      case '4':
        out += f.min;
        break;
      case '05':
        out += p2(f.sec);
        break;
      case '5':
        out += f.sec;
        break;
      case 'PM':
        out += f.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += f.hour >= 12 ? 'pm' : 'am';
        break;
      default:
        if (chunk[0] === '.' || chunk[0] === ',') {
          const n = chunk.length - 1;
          let digits = String(f.nsec).padStart(9, '0').slice(0, n);
          if (chunk[1] === '9') {
            digits = digits.replace(/0+$/, '');
            if (digits) out += chunk[0] + digits;
          } else out += chunk[0] + digits;
        } else out += fmtZone(chunk, f.offset);
    }
  }
  return out;
}

/** time.Time.String(). */
export function formatTimeString(t: GoTime): string {
  return formatTime(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}

/** time.ParseInLocation(layout, value, zone); returns null when the value does not match. */
export function parseTime(layout: string, value: string, zone: string): GoTime | null {
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let nsec = 0;
  let pm: boolean | null = null;
  let offset: number | null = null;
  let v = 0;
  let i = 0;
  const num = (min: number, max: number): number | null => {
    const m = new RegExp(`^[0-9]{${min},${max}}`).exec(value.slice(v));
    if (!m) return null;
    v += m[0].length;
    return Number(m[0]);
  };
  while (i < layout.length) {
    const chunk = nextChunk(layout, i);
    if (chunk === null) {
      if (value[v] !== layout[i]) return null;
      v++;
      i++;
      continue;
    }
    i += chunk.length;
    let n: number | null = 0;
    switch (chunk) {
      case 'January':
      case 'Jan':
      case 'Monday':
      case 'Mon': {
        const names = chunk.startsWith('J') ? MONTHS : DAYS;
        const idx = names.findIndex((nm) => {
          const s = chunk.length > 3 ? nm : nm.slice(0, 3);
          return value.slice(v, v + s.length).toLowerCase() === s.toLowerCase();
        });
        if (idx < 0) return null;
        v += chunk.length > 3 ? (names[idx] ?? '').length : 3;
        if (names === MONTHS) month = idx + 1;
        break;
      }
      case '2006':
        n = year = num(4, 4) ?? NaN;
        break;
      case '06':
        n = num(2, 2);
        year = n === null ? NaN : n >= 69 ? 1900 + n : 2000 + n;
        break;
      case '01':
      case '1':
        n = month = num(chunk.length, 2) ?? NaN;
        break;
      case '02':
      case '2':
        n = day = num(chunk.length, 2) ?? NaN;
        break;
      case '_2':
        if (value[v] === ' ') v++;
        n = day = num(1, 2) ?? NaN;
        break;
      case '15':
        n = hour = num(2, 2) ?? NaN;
        break;
      case '03':
      case '3':
        n = hour = num(chunk.length, 2) ?? NaN;
        break;
      case '04':
      case '4':
        n = min = num(chunk.length, 2) ?? NaN;
        break;
      case '05':
      case '5':
        n = sec = num(chunk.length, 2) ?? NaN;
        if (/^[.,][0-9]/.test(value.slice(v)) && !/^[.,]/.test(layout.slice(i))) {
          v++;
          const frac = /^[0-9]+/.exec(value.slice(v))?.[0] ?? '';
          v += frac.length;
          nsec = Number(frac.padEnd(9, '0').slice(0, 9));
        }
        break;
      case 'PM':
      case 'pm': {
        const s = value.slice(v, v + 2).toUpperCase();
        if (s !== 'AM' && s !== 'PM') return null;
        pm = s === 'PM';
        v += 2;
        break;
      }
      case 'MST': {
        const m = /^[A-Z]{3,5}/.exec(value.slice(v));
        if (!m) return null;
        v += m[0].length;
        if (m[0] === 'UTC' || m[0] === 'GMT') offset = 0;
        break;
      }
      default:
        if (chunk[0] === '.' || chunk[0] === ',') {
          if (value[v] !== '.' && value[v] !== ',') {
            if (chunk[1] === '9') break;
            return null;
          }
          v++;
          const frac = /^[0-9]+/.exec(value.slice(v))?.[0] ?? '';
          if (chunk[1] === '0' && frac.length !== chunk.length - 1) return null;
          v += frac.length;
          nsec = Number(frac.padEnd(9, '0').slice(0, 9));
        } else {
          if (chunk[0] === 'Z' && value[v] === 'Z') {
            v++;
            offset = 0;
            break;
          }
          const m = /^([+-])([0-9]{2})(?::?([0-9]{2}))?(?::?([0-9]{2}))?/.exec(value.slice(v));
          if (!m) return null;
          v += m[0].length;
          offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
        }
    }
    if (n === null || Number.isNaN(n)) return null;
  }
  if (v !== value.length) return null;
  if (pm !== null) {
    if (hour > 12) return null;
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  if ([year, month, day, hour, min, sec].some((x) => Number.isNaN(x))) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 || sec > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, min, sec);
  const d = new Date(wall);
  if (d.getUTCDate() !== day) return null;
  const ms = Math.floor(nsec / 1e6);
  if (offset !== null) {
    return new GoTime(wall - offset * 1000 + ms, offset === 0 && zone === 'UTC' ? 'UTC' : zone, nsec % 1e6);
  }
  // Resolve the wall time in the zone: guess with the offset at that wall time, then correct once.
  let guess = wall - zoneOffset(zone, wall) * 1000;
  guess = wall - zoneOffset(zone, guess) * 1000;
  return new GoTime(guess + ms, zone, nsec % 1e6);
}

/** time.Duration.String() for a duration in nanoseconds. */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  let out: string;
  if (u < 1000000000n) {
    let unit: string;
    let div: bigint;
    if (u < 1000n) return (neg ? '-' : '') + u + 'ns';
    if (u < 1000000n) {
      unit = 'µs';
      div = 1000n;
    } else {
      unit = 'ms';
      div = 1000000n;
    }
    out = fracString(u, div) + unit;
  } else {
    const h = u / 3600000000000n;
    u -= h * 3600000000000n;
    const m = u / 60000000000n;
    u -= m * 60000000000n;
    out = fracString(u, 1000000000n) + 's';
    if (h > 0n) out = h + 'h' + m + 'm' + out;
    else if (m > 0n) out = m + 'm' + out;
  }
  return (neg ? '-' : '') + out;
}

function fracString(u: bigint, div: bigint): string {
  const whole = u / div;
  const frac = u % div;
  if (frac === 0n) return whole.toString();
  const width = div.toString().length - 1;
  return whole + '.' + frac.toString().padStart(width, '0').replace(/0+$/, '');
}

/** time.ParseDuration; returns nanoseconds or null. */
export function parseDuration(s: string): bigint | null {
  const m = /^([+-]?)((?:[0-9]*(?:\.[0-9]*)?(?:ns|us|µs|μs|ms|s|m|h))+|0)$/.exec(s);
  if (!m || s === '' || s === '+' || s === '-') return null;
  if (m[2] === '0') return 0n;
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let total = 0;
  for (const part of (m[2] ?? '').matchAll(/([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)/g)) {
    if (part[1] === '' || part[1] === '.') return null;
    total += Number(part[1]) * (units[part[2] ?? 's'] ?? 1);
  }
  const ns = BigInt(Math.round(total));
  return m[1] === '-' ? -ns : ns;
}
