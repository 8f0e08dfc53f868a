/** Rules for a Sensor's dependencies and their filters (SY30x). */
import {
  at, checkUnknownFields, isNonEmptyString, isRecord, optionalList, optionalRecord, requireString, show,
  subjectTokenProblem, type Json,
} from './common.ts';
import type { FindingSink } from './findings.ts';

const DEPENDENCY_FIELDS = ['name', 'eventSourceName', 'eventName', 'filters', 'filtersLogicalOperator', 'transform'];
const FILTER_FIELDS = ['time', 'context', 'data', 'exprs', 'dataLogicalOperator', 'exprLogicalOperator', 'script'];
const DATA_FILTER_FIELDS = ['path', 'type', 'value', 'comparator', 'template'];
const LOGICAL_OPERATORS = ['and', 'or', ''];
const DATA_TYPES = ['string', 'number', 'bool'];
const NUMBER_COMPARATORS = ['>=', '>', '=', '!=', '<', '<=', ''];
const STRING_COMPARATORS = ['=', '!=', ''];

/** Validates spec.dependencies; returns the dependency objects that have a usable name. */
export function validateDependencies(spec: Json, out: FindingSink): Json[] {
  const deps = spec.dependencies;
  if (!Array.isArray(deps) || deps.length === 0) {
    out.error('SY300', 'spec.dependencies', `a Sensor needs at least one dependency (name, eventSourceName, eventName), found ${show(deps)}`);
    return [];
  }
  const named: Json[] = [];
  const seen = new Set<string>();
  deps.forEach((dep, i) => {
    const path = at('spec.dependencies', i);
    if (!isRecord(dep)) {
      out.error('SY301', path, `a dependency must be a mapping, found ${show(dep)}`);
      return;
    }
    checkUnknownFields(dep, DEPENDENCY_FIELDS, path, out);
    const name = requireString(dep, 'name', path, out, 'SY301', 'dependency name');
    if (name !== undefined) {
      if (seen.has(name)) out.error('SY301', at(path, 'name'), `dependency name "${name}" is used twice; names must be unique`);
      else named.push(dep);
      seen.add(name);
    }
    for (const key of ['eventSourceName', 'eventName']) {
      const v = requireString(dep, key, path, out, 'SY302', key);
      const problem = v === undefined ? undefined : subjectTokenProblem(v);
      if (v !== undefined && problem !== undefined) {
        out.error('SY302', at(path, key), `${key} "${v}" ${problem}, so no event can ever match it`);
      }
    }
    checkOperator(dep, 'filtersLogicalOperator', path, out);
    const filters = optionalRecord(dep, 'filters', path, out);
    if (filters !== undefined) checkFilters(filters, at(path, 'filters'), out);
    const transform = optionalRecord(dep, 'transform', path, out);
    if (transform !== undefined && !isNonEmptyString(transform.jq) && !isNonEmptyString(transform.script)) {
      out.error('SY308', at(path, 'transform'), 'transform needs jq or script');
    }
  });
  return named;
}

function checkOperator(obj: Json, key: string, path: string, out: FindingSink): void {
  const v = obj[key];
  if (v === undefined) return;
  if (typeof v !== 'string' || !LOGICAL_OPERATORS.includes(v)) {
    out.error('SY303', at(path, key), `${key} must be "and" or "or" (lower case), found ${show(v)}`);
  }
}

function checkFilters(f: Json, path: string, out: FindingSink): void {
  checkUnknownFields(f, FILTER_FIELDS, path, out);
  checkOperator(f, 'dataLogicalOperator', path, out);
  checkOperator(f, 'exprLogicalOperator', path, out);
  optionalList(f, 'data', path, out)?.forEach((d, i) => checkDataFilter(d, at(at(path, 'data'), i), out));
  optionalList(f, 'exprs', path, out)?.forEach((e, i) => checkExprFilter(e, at(at(path, 'exprs'), i), out));
  const ctx = optionalRecord(f, 'context', path, out);
  if (ctx !== undefined && !['type', 'subject', 'source', 'datacontenttype'].some((k) => isNonEmptyString(ctx[k]))) {
    out.error('SY309', at(path, 'context'), 'context filter sets none of type, subject, source, datacontenttype; set at least one or remove it');
  }
  const time = optionalRecord(f, 'time', path, out);
  if (time !== undefined) checkTimeFilter(time, at(path, 'time'), out);
}

function checkDataFilter(d: unknown, path: string, out: FindingSink): void {
  if (!isRecord(d)) {
    out.error('SY304', path, `a data filter must be a mapping with path, type and value, found ${show(d)}`);
    return;
  }
  checkUnknownFields(d, DATA_FILTER_FIELDS, path, out);
  requireString(d, 'path', path, out, 'SY304', 'data filter path');
  const type = d.type;
  if (type === undefined || type === '') {
    out.error('SY305', at(path, 'type'), `data filter type is required: one of ${DATA_TYPES.join(', ')}`);
  } else if (typeof type !== 'string' || !DATA_TYPES.includes(type)) {
    const hint = type === 'boolean' ? 'write "bool"' : `use one of ${DATA_TYPES.join(', ')}`;
    out.error('SY305', at(path, 'type'), `data filter type ${show(type)} is not supported and the filter would fail on every event; ${hint}`);
  }
  const values = d.value;
  if (!Array.isArray(values) || values.length === 0) {
    out.error('SY304', at(path, 'value'), `data filter value must be a non-empty list of strings, found ${show(values)}`);
  } else {
    values.forEach((v, i) => checkDataValue(type, v, at(at(path, 'value'), i), out));
  }
  const cmp = d.comparator ?? '';
  if (typeof cmp !== 'string' || !NUMBER_COMPARATORS.includes(cmp)) {
    out.error('SY306', at(path, 'comparator'), `comparator ${show(cmp)} is not one of >=, >, =, !=, <, <=`);
  } else if (type === 'string' && !STRING_COMPARATORS.includes(cmp)) {
    out.error('SY306', at(path, 'comparator'), `comparator "${cmp}" never matches a string filter; string filters support only "=" and "!=" (values are regular expressions)`);
  } else if (type === 'bool' && cmp !== '' && cmp !== '=') {
    out.warn('SY306', at(path, 'comparator'), `comparator "${cmp}" is ignored for bool filters (they always test equality); remove it or use the opposite value`);
  }
}

function checkDataValue(type: unknown, v: unknown, path: string, out: FindingSink): void {
  // YAML turns unquoted 10 or true into non-strings; the CRD wants strings but the intent is clear.
  const s = typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
  if (typeof s !== 'string' || s === '') {
    out.error('SY307', path, `data filter values must be non-empty strings, found ${show(v)}`);
    return;
  }
  if (type === 'number' && (s.trim() === '' || !Number.isFinite(Number(s)))) {
    out.error('SY307', path, `"${s}" is not a number; number filters compare numerically`);
  } else if (type === 'bool' && !['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) {
    out.error('SY307', path, `"${s}" is not a boolean; write "true" or "false"`);
  } else if (type === 'string') {
    try {
      new RegExp(s);
    } catch {
      out.error('SY307', path, `"${s}" is not a valid regular expression (string values are unanchored regular expressions; escape special characters)`);
    }
  }
}

function checkExprFilter(e: unknown, path: string, out: FindingSink): void {
  if (!isRecord(e)) {
    out.error('SY308', path, `an expr filter must be a mapping with expr and fields, found ${show(e)}`);
    return;
  }
  requireString(e, 'expr', path, out, 'SY308', 'expr');
  const fields = e.fields;
  if (!Array.isArray(fields) || fields.length === 0) {
    out.error('SY308', at(path, 'fields'), 'fields must list the {name, path} pairs the expression uses');
    return;
  }
  fields.forEach((f, i) => {
    const p = at(at(path, 'fields'), i);
    if (!isRecord(f) || !isNonEmptyString(f.name) || !isNonEmptyString(f.path)) {
      out.error('SY308', p, 'each field needs a name (used in expr) and a path (into the event data)');
    }
  });
}

const CLOCK = /^([01]?\d|2[0-3]):[0-5]\d:[0-5]\d$/;

function checkTimeFilter(t: Json, path: string, out: FindingSink): void {
  for (const key of ['start', 'stop']) {
    const v = t[key];
    if (typeof v !== 'string' || !CLOCK.test(v)) {
      out.error('SY313', at(path, key), `time filter ${key} must be HH:MM:SS, found ${show(v)}`);
    }
  }
  if (typeof t.start === 'string' && t.start === t.stop) {
    out.error('SY313', path, 'time filter start equals stop, so no event can pass');
  }
}
