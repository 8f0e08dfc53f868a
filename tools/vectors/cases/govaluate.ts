/**
 * govaluate vectors: Sensor `exprs` filters (parameters are the gjson values of the fields' paths, so
 * strings, float64 numbers, bools, nil, arrays and maps), trigger `conditions` (parameters are
 * dependency names set to true/false), Argo Workflows `when` clauses found in ../shared/fixtures after
 * substitution, hand-written filters on realistic payload values, and seeded random expressions.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Random } from '../random.ts';
import { yamlFiles } from './expr.ts';

export const engine = 'govaluate';

export interface GovaluateCase {
  expr: string;
  params: string;
}

/** Values as gjson's Value() gives them for fields of Alertmanager, ArgoCD, Backstage, GitHub and Kubernetes events. */
const REALISTIC: readonly Record<string, unknown>[] = [
  { a: 'b', c: 10, e: false, 'test-dep': true, 'foo]bar': 1 },
  { a: 'c', c: 11, e: true },
  { status: 'firing', severity: 'critical', slo: 'argocd-application-health', alertname: 'ArgoCDAppDegraded', count: 2, truncated: 0, startsAt: '2024-05-01T10:00:00.000Z', labels: { severity: 'critical' }, alerts: [{ status: 'firing' }], name: 'payments' },
  { status: 'resolved', severity: 'warning', slo: 'externalsecrets-sync-success', alertname: 'ExternalSecretSyncFailed', count: 1, truncated: 0, startsAt: '2024-05-01T10:02:00Z', labels: {}, alerts: [], name: null },
  { eventType: 'app-sync-succeeded', appName: 'checkout', replicas: 3, ratio: 0.75, healthy: true, environment: 'prod', port: 8080, revision: '9f8e7d6', health: 'Healthy' },
  { eventType: 'app-health-degraded', appName: 'payments', replicas: 1, ratio: 0.25, healthy: false, environment: 'staging', port: 443, revision: '', health: 'Degraded' },
  { action: 'provision', template: 'service-nodejs', owner: 'group:team-orders', lifecycle: 'production', replicas: '2', public: false, tags: ['nodejs', 'tier-2'] },
  { action: 'opened', number: 42, draft: false, base: 'main', head: 'feature/x.y', login: 'octocat', stars: 12, title: 'Fix "quotes" & <tags>' },
  { kind: 'Deployment', namespace: 'shop', generation: 7, readyReplicas: 2, desired: 3, image: 'nginx:1.25', revision: '12', available: 'False', type: 'UPDATE' },
];

const FILTERS: readonly string[] = [
  'a == "b" || c == 10', 'e == false', 'a == "b" || c != 10', 'a == "b" && c == 10 && e == false', 'c > 5 && c < 20', 'c >= 10', 'a =~ "^b"', 'a !~ "x"',
  'status == "firing"', "status == 'firing' && severity == 'critical'", 'severity IN ("critical", "warning")', 'slo == "argocd-application-health"',
  'alertname =~ "ArgoCD.*"', 'count > 1', 'truncated == 0', 'startsAt > "2024-04-30"', 'startsAt < "2024-05-02T00:00:00Z"', 'name == nil', 'name != nil',
  'labels == nil', 'alerts == nil', 'eventType == "app-sync-succeeded" && environment == "prod"', 'replicas >= 3 && healthy', 'ratio * 100 > 50', 'port % 2 == 0',
  'port == 8080 || port == 443', 'revision != ""', 'health == "Healthy" ? true : false', 'healthy == true', '!healthy', 'replicas + 1 == 4',
  'action == "provision" && lifecycle == "production"', 'owner =~ "^group:"', 'replicas == "2"', 'replicas > 1', 'public == false', 'tags == nil', '"nodejs" IN tags',
  'action == "opened" && !draft', 'base == "main"', 'head =~ "^feature/"', 'stars > 10 && login == "octocat"', 'number == 42', 'title =~ "\\"quotes\\""',
  'kind == "Deployment" && readyReplicas < desired', 'generation > 5', 'image =~ ":1\\.25$"', 'revision == "12"', 'revision > 10', 'available == "False"',
  'type == "UPDATE"', 'missing == nil', 'missing', '[a] == "b"', '[foo-bar] == 1', 'a ?? "x"', 'missing ?? "x"', 'c ** 2', 'c / 4', 'c % 3', '-c', '~c', 'c & 3',
  'c | 1', 'c ^ 2', 'c << 2', 'c >> 1', '(c + 1) * 2', 'c == "10"', 'a + c', 'a + "x"', 'e || missing', 'true && false || true', 'c > 5 ? "big" : "small"',
  'c > 5 ? "big"', '(1, 2, 3)', 'c IN (1, 10)', 'a IN ("b", "c")', '2 ** 0.5', '8 ** (1/3)', '10 ** -2', '2 ** 0.1', '(-8) ** (1/3)', '1.1 ** 2.2', '3 ** 0.25',
  'test\\-dep', 'test\\-dep && a == "b"', 'a\\', '[foo\\]bar] == 1', "'it\\'s' == a", 'tr\\ue', '1\\0', 'c =\\= 10', 'a == "b\\"', '\\a == "b"',
  'a ==', '(a == "b"', 'a == "b")', 'a = "b"', 'a === "b"', 'foo(1)', '"unterminated', 'c > > 1', '', ' ',
];

export function cases(): GovaluateCase[] {
  const out: GovaluateCase[] = [];
  const paramSets = REALISTIC.map((p) => JSON.stringify(p));
  for (const expr of FILTERS) for (const params of paramSets) out.push({ expr, params });
  const fx = fixtureExpressions();
  for (const expr of fx.exprs) for (const params of paramSets) out.push({ expr, params });
  for (const { expr, names } of fx.conditions) out.push(...conditionCases(expr, names));
  for (const expr of fx.whens) out.push({ expr, params: '{}' });
  out.push(...randomCases(new Random(0x60_7a1), 3000));
  return out;
}

/** A trigger condition with every true/false assignment of its dependencies (named as written and with `-` as `_`). */
function conditionCases(expr: string, names: readonly string[]): GovaluateCase[] {
  const out: GovaluateCase[] = [];
  const combos = Math.min(1 << names.length, 16);
  for (let bits = 0; bits < combos; bits++) {
    const params: Record<string, boolean> = {};
    names.forEach((n, i) => {
      params[n] = (bits & (1 << i)) !== 0;
      params[n.replaceAll('-', '_')] = (bits & (1 << i)) !== 0;
    });
    out.push({ expr, params: JSON.stringify(params) });
    out.push({ expr: expr.replaceAll('-', '_'), params: JSON.stringify(params) });
    out.push({ expr: expr.replaceAll('-', '\\-'), params: JSON.stringify(params) });
  }
  return out;
}

interface FixtureExpressions {
  exprs: string[];
  conditions: { expr: string; names: string[] }[];
  whens: string[];
}

/** Sensor `exprs[].expr`, trigger `conditions` and Workflow `when` clauses ({{...}} replaced by likely values). */
function fixtureExpressions(): FixtureExpressions {
  const root = join(import.meta.dirname, '../../../../shared/fixtures');
  const exprs = new Set<string>();
  const whens = new Set<string>();
  const conditions = new Map<string, string[]>();
  if (!existsSync(root)) return { exprs: [], conditions: [], whens: [] };
  const visit = (node: unknown, key: string, deps: string[]): void => {
    if (typeof node === 'string') {
      if (key === 'expr') exprs.add(node);
      if (key === 'conditions') conditions.set(node, deps);
      if (key === 'when' && !node.includes('{{=')) {
        for (const value of ['heads', 'tails', 'Succeeded', 'Failed', 'true', 'even', '5', '']) whens.add(node.replace(/\{\{[^}]*\}\}/g, value));
      }
      return;
    }
    if (Array.isArray(node)) node.forEach((x) => visit(x, key, deps));
    else if (node !== null && typeof node === 'object') {
      const spec = node as Record<string, unknown>;
      const own = Array.isArray(spec.dependencies)
        ? spec.dependencies.map((d) => (d as { name?: unknown }).name).filter((n): n is string => typeof n === 'string')
        : deps;
      for (const [k, v] of Object.entries(spec)) visit(v, k, own);
    }
  };
  for (const file of yamlFiles(root)) {
    if (file.includes('/crds/') || statSync(file).size > 200_000) continue;
    try {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { logLevel: 'error' })) visit(doc.toJS(), '', []);
    } catch {
      // a fixture that is not valid YAML has nothing to contribute
    }
  }
  return {
    exprs: [...exprs].sort(),
    conditions: [...conditions].sort(([a], [b]) => (a < b ? -1 : 1)).map(([expr, names]) => ({ expr, names })),
    whens: [...whens].sort(),
  };
}

// ---- random expressions from govaluate's grammar ------------------------------------------------

const RANDOM_PARAMS: readonly string[] = [
  JSON.stringify({ a: 'b', c: 10, e: false, t: true, f: 2.5, n: null, s: 'abc', neg: -3, z: 0, big: 1e20, arr: [1, 2, 'x'], m: { x: 1 }, d: '2024-05-01T10:00:00Z', num: '42', 'foo-bar': 3, 'x.y': 4 }),
  JSON.stringify({ a: 'B', c: 0.5, e: true, t: false, f: -2.5, n: 'null', s: '', neg: 3, z: 1, big: -1e-7, arr: [], m: {}, d: '2023-12-31', num: '4.2e1', 'foo-bar': 'q', 'x.y': null }),
];
const VARS = ['a', 'c', 'e', 't', 'f', 'n', 's', 'neg', 'z', 'big', 'arr', 'm', 'd', 'num', '[foo-bar]', 'x.y', 'missing', 'm.x'];
const BINARY = ['+', '-', '*', '/', '%', '**', '&', '|', '^', '<<', '>>', '==', '!=', '>', '>=', '<', '<=', '=~', '!~', '&&', '||', '??', 'IN'];

function literal(r: Random): string {
  switch (r.int(6)) {
    case 0: return String(r.int(20) - 3);
    case 1: return r.pick(['0.5', '2.5', '1.5', '0.1', '3.25', '1e3', '0x1F', '.5', '1/3', '2.0']);
    case 2: return r.pick(["'abc'", "'b'", '"critical"', "''", "'a.*'", "'^[a-z]+$'", "'('", "'2024-05-01'", "'2024-05-01T10:00:00Z'", "'10'", "'true'"]);
    case 3: return r.pick(['true', 'false']);
    case 4: return `(${Array.from({ length: 1 + r.int(3) }, () => r.pick(['1', "'b'", '10', 'true', '2.5'])).join(', ')})`;
    default: return r.pick(VARS);
  }
}

function gen(r: Random, depth: number): string {
  if (depth <= 0) return literal(r);
  switch (r.int(8)) {
    case 0: case 1: case 2: return `${gen(r, depth - 1)} ${r.pick(BINARY)} ${gen(r, depth - 1)}`;
    case 3: return `${r.pick(['-', '!', '~'])}${gen(r, depth - 1)}`;
    case 4: return `(${gen(r, depth - 1)})`;
    case 5: return `${gen(r, depth - 1)} ? ${gen(r, depth - 1)} : ${gen(r, depth - 1)}`;
    case 6: return `${r.pick(['c', 'f', 'neg', 'z', '2', '0.5', '-2', '1.5'])} ** ${r.pick(['0.5', '1.5', '(1/3)', '-0.25', '2.5', '0.1', 'f', '3'])}`;
    default: return literal(r);
  }
}

function damage(r: Random, s: string): string {
  const at = r.int(s.length + 1);
  switch (r.int(4)) {
    case 0: return s.slice(0, at);
    case 1: return s.slice(0, at) + r.pick(['(', ')', "'", ',', '?', '[', ']', '=', '$']) + s.slice(at);
    case 2: return s.slice(0, at) + s.slice(at + 1);
    default: return `${s} ${r.pick(BINARY)}`;
  }
}

function randomCases(r: Random, n: number): GovaluateCase[] {
  const out: GovaluateCase[] = [];
  for (let k = 0; k < n; k++) {
    let expr = gen(r, 1 + r.int(3));
    if (r.bool(0.12)) expr = damage(r, expr);
    out.push({ expr, params: r.pick(RANDOM_PARAMS) });
  }
  return out;
}
