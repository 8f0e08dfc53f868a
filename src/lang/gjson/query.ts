/** Array queries: #(path op value) — parsing the condition and testing one element against it. */
import { closeBracket, globMatch } from './path.ts';
import { stringEnd, unescapeJson } from './scan.ts';
import { goParseFloat } from './gofmt.ts';
import type { Result } from './result.ts';

export interface Query {
  /** Path evaluated on each element ('' means the element itself). */
  lhs: string;
  op: string;
  /** Right-hand value, unquoted when it was a JSON string. */
  rhs: string;
}

const OPS = ['==', '!=', '!%', '<=', '>=', '=', '<', '>', '%'];

export function parseQuery(body: string): Query {
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') {
      i = stringEnd(body, i) - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      const k = closeBracket(body, i, body.length);
      if (k < 0) break;
      i = k;
      continue;
    }
    if (c === '=' || c === '!' || c === '<' || c === '>' || c === '%') {
      const op = OPS.find((o) => body.startsWith(o, i));
      if (!op) continue;
      let rhs = body.slice(i + op.length).trim();
      if (rhs.startsWith('"')) rhs = unescapeJson(rhs.slice(1, stringEnd(rhs, 0) - 1));
      return { lhs: body.slice(0, i).trim(), op: op === '=' ? '==' : op, rhs };
    }
  }
  return { lhs: body.trim(), op: '', rhs: '' };
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
export function queryMatches(v: Result, q: Query): boolean {
  let { rhs } = q;
  if (rhs.startsWith('~')) {
    // ~true ~false ~null ~* compare a truthiness view of the value, so missing values can match
    const want = rhs.slice(1);
    let got: boolean;
    if (want === '*') got = v.exists();
    else if (want === 'null') got = !v.exists() || v.type === 'Null';
    else if (want === 'true') got = v.bool();
    else if (want === 'false') got = !v.bool();
    else return false;
    if (q.op === '==') return got;
    if (q.op === '!=') return !got;
    return false;
  }
  if (!v.exists()) return false;
  if (q.op === '') return true;
  switch (v.type) {
    case 'String':
      if (q.op === '%') return globMatch(v.str, rhs);
      if (q.op === '!%') return !globMatch(v.str, rhs);
      return compare(v.str, rhs, q.op);
    case 'Number':
      return compare(v.num, goParseFloat(rhs), q.op);
    case 'True':
      switch (q.op) {
        case '==': return rhs === 'true';
        case '!=': return rhs !== 'true';
        case '>': return rhs === 'false';
        case '>=': return true;
        case '<=': return rhs === 'true';
        default: return false;
      }
    case 'False':
      switch (q.op) {
        case '==': return rhs === 'false';
        case '!=': return rhs !== 'false';
        case '<': return rhs === 'true';
        case '<=': return true;
        case '>=': return rhs === 'false';
        default: return false;
      }
    default:
      return false;
  }
}
