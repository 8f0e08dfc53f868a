/** Array queries: #(path op value) — parsing the condition and testing one element against it. */
import { globMatch } from './path.ts';
import { unescapeJson } from './scan.ts';
import { goParseBool, goParseFloat } from './gofmt.ts';
import { computed, type Result } from './result.ts';

export interface Query {
  /** Path evaluated on each element ('' means the element itself). */
  lhs: string;
  op: string;
  /** Right-hand value, unquoted when it was a JSON string. */
  rhs: string;
}

/** Splits '#(lhs op rhs)' (body without '#(' and ')'): the operator starts at the first of ! = < > % outside brackets. */
export function parseQuery(body: string): Query {
  let depth = 0;
  let opAt = -1;
  let escaped = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (depth === 0 && opAt < 0 && (c === '!' || c === '=' || c === '<' || c === '>' || c === '%')) {
      opAt = i;
      continue;
    }
    if (c === '\\') i++;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === '"') {
      for (i++; i < body.length && body[i] !== '"'; i++) {
        if (body[i] === '\\') {
          escaped = true;
          i++;
        }
      }
    }
  }
  if (opAt < 0) return { lhs: trimCtl(body), op: '', rhs: '' };
  let value = trimCtl(body.slice(opAt));
  let op: string;
  if (value.length === 1) op = value;
  else if (/^(!=|!%|<=|>=)/.test(value)) op = value.slice(0, 2);
  else if (value.startsWith('==')) {
    value = value.slice(1);
    op = '=';
  } else if (/^[<>=%]/.test(value)) op = value[0] as string;
  else op = '';
  let rhs = trimCtl(value.slice(op.length));
  if (rhs.length >= 2 && rhs.startsWith('"') && rhs.endsWith('"')) {
    rhs = rhs.slice(1, -1);
    if (escaped) rhs = unescapeJson(rhs);
  }
  return { lhs: trimCtl(body.slice(0, opAt)), op: op === '=' ? '==' : op, rhs };
}

/** Trims control characters and spaces from both ends, as gjson does. */
function trimCtl(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 0x20) a++;
  while (b > a && s.charCodeAt(b - 1) <= 0x20) b--;
  return s.slice(a, b);
}

function parseBoolLower(s: string): boolean | null {
  return goParseBool(s.toLowerCase());
}

function trueish(v: Result): boolean {
  if (v.type === 'True') return true;
  if (v.type === 'String') return parseBoolLower(v.str) === true;
  if (v.type === 'Number') return v.num !== 0;
  return false;
}

function falseish(v: Result): boolean {
  if (v.type === 'Null' || v.type === 'False') return true;
  if (v.type === 'String') return parseBoolLower(v.str) === false;
  if (v.type === 'Number') return v.num === 0;
  return false;
}

function compare<T>(a: T, b: T, op: string): boolean {
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
    default: return false;
  }
}

/** Whether the value found at the query's lhs (possibly missing) satisfies the condition. */
const TRUE = computed('true');
const FALSE = computed('false');

export function queryMatches(v: Result, q: Query): boolean {
  let { rhs } = q;
  if (rhs.startsWith('~')) {
    // ~true ~false ~null ~* test a truthiness view of the value, so missing values can match
    const want = rhs.slice(1);
    let ish: boolean;
    if (want === '*') ish = v.exists();
    else if (want === 'null') ish = v.type === 'Null';
    else if (want === 'true') ish = trueish(v);
    else if (want === 'false') ish = falseish(v);
    else return false;
    v = ish ? TRUE : FALSE;
    rhs = 'true';
  }
  if (!v.exists()) return false;
  if (q.op === '') return true;
  switch (v.type) {
    case 'String':
      if (q.op === '%') return globMatch(v.str, rhs);
      if (q.op === '!%') return !globMatch(v.str, rhs);
      // Go compares strings byte by byte (UTF-8), which orders some characters differently from UTF-16
      return compare(Buffer.compare(Buffer.from(v.str), Buffer.from(rhs)), 0, q.op);
    case 'Number':
      return compare(v.num, goParseFloat(rhs), q.op);
    case 'True':
      switch (q.op) {
        case '==': return rhs === 'true';
        case '!=': return rhs !== 'true';
        case '>': return rhs === 'false';
        case '>=': return true;
        default: return false;
      }
    case 'False':
      switch (q.op) {
        case '==': return rhs === 'false';
        case '!=': return rhs !== 'false';
        case '<': return rhs === 'true';
        case '<=': return true;
        default: return false;
      }
    default:
      return false;
  }
}
