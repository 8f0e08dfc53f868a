/**
 * Data filters: a gjson path into the event data compared as string (unanchored Go regex), number or bool.
 * Combined with dataLogicalOperator. Argo's behaviour: an event with empty data passes; a missing path is an error.
 */
import type { DataFilter } from '../../api/types.ts';
import { SwitchyardError } from '../../errors.ts';
import { gjsonGet, type GjsonResult } from '../../lang/gjson/index.ts';
import { compileGoTemplate, type GoTemplate } from '../../lang/gotemplate/index.ts';
import type { EvalEvent } from '../event.ts';
import { compileGoRegex } from './regex.ts';
import { listGroup, type FilterGroup, type FilterResult, type LogicalOperator } from './types.ts';

type Compare = (seen: GjsonResult) => { match: boolean } | { error: string };

interface CompiledDataFilter {
  spec: DataFilter;
  template?: GoTemplate;
  compare: Compare;
}

const NUMBER_COMPARATORS = new Set(['>=', '>', '=', '!=', '<', '<=', '']);

export function compileDataFilters(filters: DataFilter[], operator: LogicalOperator, where: string): FilterGroup {
  const compiled = filters.map((f, i) => compileOne(f, `${where}[${i}]`));
  return listGroup('data', compiled, operator, evaluateOne);
}

function evaluateOne(f: CompiledDataFilter, ev: EvalEvent, index: number): FilterResult {
  let seen = gjsonGet(ev.text, f.spec.path);
  if (!seen.exists()) return { kind: 'data', index, passed: false, error: true, reason: `path "${f.spec.path}" does not exist in the event data` };
  if (f.template) {
    let out: string;
    try {
      out = f.template.execute({ Input: seen.string() });
    } catch (err) {
      return { kind: 'data', index, passed: false, error: true, reason: `template failed: ${(err as Error).message}` };
    }
    if (out === '' || out === '<no value>') {
      return { kind: 'data', index, passed: false, error: true, reason: 'template evaluated to an empty string or <no value>' };
    }
    seen = gjsonGet(JSON.stringify({ v: out }), 'v');
  }
  const r = f.compare(seen);
  if ('error' in r) return { kind: 'data', index, passed: false, error: true, reason: r.error };
  if (r.match) return { kind: 'data', index, passed: true };
  return {
    kind: 'data',
    index,
    passed: false,
    reason: `${f.spec.path} is ${truncate(seen.string())}; expected ${f.spec.type} ${f.spec.comparator || '='} ${JSON.stringify(f.spec.value ?? [])}`,
  };
}

function truncate(s: string): string {
  const q = JSON.stringify(s);
  return q.length > 200 ? q.slice(0, 197) + '..."' : q;
}

function compileOne(f: DataFilter, where: string): CompiledDataFilter {
  const values = f.value ?? [];
  const comparator = f.comparator ?? '';
  let template: GoTemplate | undefined;
  if (f.template) template = compileGoTemplate(f.template, { name: 'param' });
  const fail = (msg: string): never => {
    throw new SwitchyardError('FILTER_INVALID', `${where}: ${msg}`);
  };
  if (values.length === 0) fail('value is empty; list at least one value to compare with');
  let compare: Compare;
  switch (f.type.toLowerCase()) {
    case 'string': {
      const regexes = values.map((v, i) => {
        try {
          return compileGoRegex(v);
        } catch (err) {
          return fail(`value[${i}] "${v}" is not a valid regular expression: ${(err as Error).message}`);
        }
      });
      const negate = comparator === '!=';
      if (comparator !== '' && comparator !== '=' && comparator !== '!=') {
        fail(`comparator "${comparator}" does not apply to strings; use "=" or "!="`);
      }
      compare = (seen) => {
        const s = seen.string();
        for (const re of regexes) {
          re.lastIndex = 0;
          if (re.test(s) !== negate) return { match: true };
        }
        return { match: false };
      };
      break;
    }
    case 'number': {
      if (!NUMBER_COMPARATORS.has(comparator)) fail(`comparator "${comparator}" is not one of >=, >, =, !=, <, <=`);
      const nums = values.map((v, i) => {
        const n = Number(v.trim());
        if (v.trim() === '' || Number.isNaN(n)) fail(`value[${i}] "${v}" is not a number`);
        return n;
      });
      compare = (seen) => {
        const text = seen.string();
        const n = seen.type === 'Number' ? seen.float() : Number(text);
        if (text.trim() === '' || Number.isNaN(n)) return { error: `${JSON.stringify(text)} is not a number` };
        for (const want of nums) if (compareNumber(n, want, comparator)) return { match: true };
        return { match: false };
      };
      break;
    }
    case 'bool': {
      const bools = values.map((v, i) => {
        const b = parseGoBool(v);
        if (b === undefined) fail(`value[${i}] "${v}" is not a bool (true, false, 1, 0, t, f)`);
        return b;
      });
      compare = (seen) => {
        const b = seen.bool();
        return { match: bools.includes(b) };
      };
      break;
    }
    default:
      return fail(`type "${f.type}" is not one of string, number, bool`);
  }
  return { spec: f, compare, ...(template ? { template } : {}) };
}

function compareNumber(seen: number, want: number, comparator: string): boolean {
  switch (comparator) {
    case '>=':
      return seen >= want;
    case '>':
      return seen > want;
    case '!=':
      return seen !== want;
    case '<':
      return seen < want;
    case '<=':
      return seen <= want;
    default:
      return seen === want;
  }
}

/** Go's strconv.ParseBool. */
export function parseGoBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}
