/**
 * Trigger conditions (SY310-SY312). Argo accepts any string here and then silently never fires the
 * trigger when govaluate cannot evaluate it, so Switchyard rejects everything but names, && and ||.
 */
import { parseConditions, conditionDependencies, resolveConditionName } from '../../sensors/conditions.ts';
import { isSwitchyardError, errorMessage } from '../../errors.ts';
import { at, isRecord, show, type Json } from './common.ts';
import type { FindingSink } from './findings.ts';

export function checkConditions(tplPath: string, tpl: Json, deps: readonly Json[], out: FindingSink): void {
  const cond = tpl.conditions;
  if (cond === undefined || cond === null || cond === '') return;
  const path = at(tplPath, 'conditions');
  if (typeof cond !== 'string') {
    out.error('SY107', path, `conditions must be a string, found ${show(cond)}`);
    return;
  }
  const depNames = deps.map((d) => String(d.name));
  let names: string[];
  try {
    names = conditionDependencies(parseConditions(cond));
  } catch (err) {
    const comparisons = findDataComparisons(cond);
    if (comparisons.length > 0 || /==|!=|[<>]=?|['"]|\.[A-Za-z_#]/.test(cond)) {
      out.error('SY312', path, dataComparisonMessage(cond, tpl, comparisons, deps));
    } else {
      out.error(isSwitchyardError(err) ? err.code : 'SY310', path, errorMessage(err));
    }
    return;
  }
  for (const name of names) {
    if (resolveConditionName(name, depNames) === undefined) {
      out.error('SY311', path, `conditions name "${name}", which is not a dependency of this sensor; use one of ${depNames.join(', ') || '(none defined)'}`);
    }
  }
}

interface Comparison {
  dep: string;
  field: string;
  op: '==' | '!=';
  value: string;
}

function findDataComparisons(expr: string): Comparison[] {
  const re = /([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z0-9_.#-]+)\s*(==|!=)\s*(?:'([^']*)'|"([^"]*)"|([A-Za-z0-9_.-]+))/g;
  return [...expr.matchAll(re)].map((m) => ({
    dep: m[1] ?? '',
    field: m[2] ?? '',
    op: m[3] === '!=' ? '!=' : '==',
    value: m[4] ?? m[5] ?? m[6] ?? '',
  }));
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** The filter path to suggest: an existing data filter on the same field, else the field under body. */
function suggestPath(dep: Json | undefined, field: string): string {
  const filters = isRecord(dep?.filters) ? dep.filters.data : undefined;
  if (Array.isArray(filters)) {
    for (const f of filters) {
      const p = isRecord(f) ? f.path : undefined;
      if (typeof p === 'string' && (p === field || p.endsWith(`.${field}`))) return p;
    }
  }
  return `body.${field}`;
}

function dataComparisonMessage(expr: string, tpl: Json, comparisons: Comparison[], deps: readonly Json[]): string {
  const lines = [
    `conditions "${expr}" looks at event data, but conditions only combine dependency names with &&, || and parentheses;`,
    'Argo accepts it and then never fires this trigger. Select events with a data filter on a dependency instead:',
    'declare one dependency per kind of event, each with a data filter, and name it in this trigger\'s conditions.',
  ];
  const c = comparisons[0];
  if (c === undefined) {
    lines.push('For example: a dependency with filters.data [{path: body.<field>, type: string, value: [<value>]}] and conditions: <that dependency>.');
    return lines.join('\n');
  }
  const depNames = deps.map((d) => String(d.name));
  const depName = resolveConditionName(c.dep, depNames);
  const dep = deps.find((d) => d.name === depName);
  const newName = `${depName ?? c.dep}-${slug(c.value) || 'match'}`;
  const trigName = typeof tpl.name === 'string' ? tpl.name : '<trigger name>';
  lines.push('Suggested change:', '');
  lines.push('  dependencies:');
  lines.push(`    - name: ${newName}`);
  lines.push(`      eventSourceName: ${typeof dep?.eventSourceName === 'string' ? dep.eventSourceName : '<event source>'}`);
  lines.push(`      eventName: ${typeof dep?.eventName === 'string' ? dep.eventName : '<event name>'}`);
  lines.push('      filters:');
  lines.push('        data:');
  lines.push(`          - path: "${suggestPath(dep, c.field)}"`);
  lines.push('            type: string');
  if (c.op === '!=') lines.push('            comparator: "!="');
  lines.push('            value:');
  lines.push(`              - "${escapeRegex(c.value)}"`);
  lines.push('  triggers:');
  lines.push('    - template:');
  lines.push(`        name: ${trigName}`);
  lines.push(`        conditions: "${newName}"`);
  lines.push('');
  lines.push(`and set src.dependencyName: ${newName} in this trigger's parameters.`);
  return lines.join('\n');
}
