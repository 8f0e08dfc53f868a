/** jq's arithmetic and the @formats. */
import { describe, fail } from './interp.ts';
import { compare, isObject, setKey, toJson, typeOf, type Json, type JsonObject } from './values.ts';

function deepMerge(a: JsonObject, b: JsonObject): JsonObject {
  const out: JsonObject = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k];
    setKey(out, k, isObject(cur) && isObject(v) ? deepMerge(cur, v) : v);
  }
  return out;
}

function repeat(s: string, n: number): Json {
  if (n < 0 || Number.isNaN(n)) return null;
  const times = Math.floor(n);
  if (s.length * times > 64 * 1024 * 1024) throw fail('repeat string result too long');
  return s.repeat(times);
}

function int(n: number): number {
  return Math.trunc(n);
}

export function binop(op: string, l: Json, r: Json): Json {
  switch (op) {
    case '==':
      return compare(l, r) === 0;
    case '!=':
      return compare(l, r) !== 0;
    case '<':
      return compare(l, r) < 0;
    case '<=':
      return compare(l, r) <= 0;
    case '>':
      return compare(l, r) > 0;
    case '>=':
      return compare(l, r) >= 0;
    case '+':
      if (l === null) return r;
      if (r === null) return l;
      if (typeof l === 'number' && typeof r === 'number') return l + r;
      if (typeof l === 'string' && typeof r === 'string') return l + r;
      if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
      if (isObject(l) && isObject(r)) {
        const out = { ...l };
        for (const [k, v] of Object.entries(r)) setKey(out, k, v);
        return out;
      }
      break;
    case '-':
      if (typeof l === 'number' && typeof r === 'number') return l - r;
      if (Array.isArray(l) && Array.isArray(r)) return l.filter((x) => !r.some((y) => compare(x, y) === 0));
      break;
    case '*':
      if (typeof l === 'number' && typeof r === 'number') return l * r;
      if (typeof l === 'string' && typeof r === 'number') return repeat(l, r);
      if (typeof l === 'number' && typeof r === 'string') return repeat(r, l);
      if (isObject(l) && isObject(r)) return deepMerge(l, r);
      break;
    case '/':
      if (typeof l === 'number' && typeof r === 'number') {
        if (r === 0) throw fail(`cannot divide ${describe(l)} by: ${describe(r)}`);
        return l / r;
      }
      if (typeof l === 'string' && typeof r === 'string') return split(l, r);
      break;
    case '%':
      if (typeof l === 'number' && typeof r === 'number') {
        if (int(r) === 0 || Number.isNaN(r)) throw fail(`cannot divide ${describe(l)} by: ${describe(r)}`);
        const x = int(l) % int(r);
        return x === 0 ? 0 : x;
      }
      break;
  }
  const verb = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '%': 'divide' }[op] ?? op;
  throw fail(`cannot ${verb}: ${describe(l)} and ${describe(r)}`);
}

export function split(s: string, sep: string): Json {
  if (s === '') return [];
  if (sep === '') return [...s];
  return s.split(sep);
}

function csvCell(v: Json, tsv: boolean): string {
  switch (typeOf(v)) {
    case 'number':
      return toJson(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'null':
      return '';
    case 'string':
      return tsv
        ? (v as string).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n')
        : '"' + (v as string).replace(/"/g, '""') + '"';
    default:
      throw fail(`${typeOf(v)} (${toJson(v)}) is not valid in a csv row`);
  }
}

function text(v: Json): string {
  return typeof v === 'string' ? v : toJson(v);
}

export function applyFormat(name: string, v: Json): Json {
  switch (name) {
    case 'text':
      return text(v);
    case 'json':
      return toJson(v);
    case 'html':
      return text(v).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&quot;' })[c]!);
    case 'uri':
      return [...Buffer.from(text(v), 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0'))).join('');
    case 'csv':
    case 'tsv':
      if (!Array.isArray(v)) throw fail(`cannot ${name} format: ${describe(v)}, not an array`);
      return v.map((x) => csvCell(x, name === 'tsv')).join(name === 'csv' ? ',' : '\t');
    case 'sh':
      return (Array.isArray(v) ? v : [v])
        .map((x) => {
          if (typeof x === 'string') return "'" + x.replace(/'/g, "'\\''") + "'";
          if (Array.isArray(x) || isObject(x)) throw fail(`can not be escaped for shell: ${describe(x)}`);
          return toJson(x);
        })
        .join(' ');
    case 'base64':
      return Buffer.from(text(v), 'utf8').toString('base64');
    case 'base64d': {
      const s = text(v).replace(/=+$/, '');
      if (!/^[A-Za-z0-9+/]*$/.test(s) || s.length % 4 === 1) throw fail(`cannot decode base64: ${describe(v)}`);
      return new TextDecoder('utf-8').decode(Buffer.from(s, 'base64'));
    }
    default:
      throw fail(`format not defined: @${name}`);
  }
}
