/** filter.labels → a server-side label selector; filter.fields → client-side checks on the object's JSON. */
import { SwitchyardError } from '../../errors.ts';
import { gjsonGet } from '../../lang/gjson/index.ts';

export interface Selector {
  key: string;
  operation?: string;
  value?: string;
}

const LABEL_OPS: Record<string, string> = { '': '=', '=': '=', '==': '==', '!=': '!=', in: 'in', notin: 'notin', exists: 'exists', '!': '!', gt: 'gt', lt: 'lt' };
// A label key: optional DNS-subdomain prefix and a name; values: up to 63 of [A-Za-z0-9._-], alphanumeric at the ends.
const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

function invalid(where: string, msg: string): SwitchyardError {
  return new SwitchyardError('RESOURCE_INVALID', `${where}: ${msg}`);
}

/** The label selector string for the list and watch requests; '' when there are no labels. Throws on bad input. */
export function labelSelector(labels: readonly Selector[] | undefined, where: string): string {
  const parts: string[] = [];
  for (const [i, sel] of (labels ?? []).entries()) {
    const at = `${where}.filter.labels[${i}]`;
    const op = LABEL_OPS[sel.operation ?? ''];
    if (op === undefined) throw invalid(at, `operation "${sel.operation}" is not one of =, ==, !=, in, notin, exists, !, gt, lt`);
    if (typeof sel.key !== 'string' || !LABEL_KEY.test(sel.key)) throw invalid(at, `key ${JSON.stringify(sel.key)} is not a valid label key`);
    const value = sel.value ?? '';
    const values = op === 'in' || op === 'notin' ? value.split(',').map((v) => v.trim()) : [value];
    if (op === 'exists' || op === '!') {
      if (value !== '') throw invalid(at, `operation "${op}" takes no value`);
      parts.push(op === 'exists' ? sel.key : `!${sel.key}`);
      continue;
    }
    for (const v of values) if (!LABEL_VALUE.test(v)) throw invalid(at, `value ${JSON.stringify(v)} is not a valid label value`);
    if (op === 'gt' || op === 'lt') {
      if (!/^-?\d+$/.test(value)) throw invalid(at, `operation "${op}" needs an integer value`);
      parts.push(`${sel.key}${op === 'gt' ? '>' : '<'}${value}`);
    } else if (op === 'in' || op === 'notin') {
      parts.push(`${sel.key} ${op} (${values.join(',')})`);
    } else {
      parts.push(`${sel.key}${op}${value}`);
    }
  }
  return parts.join(',');
}

export interface FieldCheck {
  /** Whether the object (Go-encoded JSON) passes; the reason when not. */
  test(json: string): { pass: true } | { pass: false; reason: string };
}

/**
 * filter.fields: each key is a gjson path on the object, each value an unanchored regular expression matched
 * against the field's text; = and == need a match, != needs none. An empty operation means `=`.
 */
export function fieldChecks(fields: readonly Selector[] | undefined, where: string): FieldCheck[] {
  return (fields ?? []).map((sel, i) => {
    const at = `${where}.filter.fields[${i}]`;
    const op = sel.operation ?? '';
    if (!['', '=', '==', '!='].includes(op)) throw invalid(at, `operation "${op}" is not supported for fields; use =, == or !=`);
    if (typeof sel.key !== 'string' || sel.key === '') throw invalid(at, 'key (a gjson path) is required');
    let re: RegExp;
    try {
      re = new RegExp(sel.value ?? '');
    } catch (err) {
      throw invalid(at, `value is not a valid regular expression: ${(err as Error).message}`);
    }
    const negate = op === '!=';
    return {
      test(json: string) {
        const res = gjsonGet(json, sel.key);
        if (!res.exists()) return { pass: false, reason: `field ${sel.key} does not exist` };
        const text = res.string();
        const match = re.test(text);
        if (match === negate) return { pass: false, reason: `field ${sel.key}=${JSON.stringify(text)} ${negate ? 'matches' : 'does not match'} /${re.source}/` };
        return { pass: true };
      },
    };
  });
}
