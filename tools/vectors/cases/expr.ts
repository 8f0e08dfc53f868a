/**
 * expr vectors: EventSource `filter.expression` as Argo Events v1.9 evaluates it (input.argo = true:
 * the event data prepared as Argo prepares it, with asInt, asFloat, jsonpath, toJson and sprig), and
 * plain expr programs (compiled without an environment, run on JSON data). Sources: every expression in
 * ../shared/fixtures, hand-written filters on realistic payloads, and seeded random programs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Random } from '../random.ts';

export const engine = 'expr';

export interface ExprCase {
  expr: string;
  env: string;
  argo: boolean;
}

const alertmanager = {
  receiver: 'argo-events', status: 'firing', version: '4', truncatedAlerts: 0, externalURL: 'http://alertmanager:9093',
  groupKey: '{}:{alertname="ArgoCDAppDegraded"}', groupLabels: { alertname: 'ArgoCDAppDegraded' },
  commonLabels: { severity: 'critical', slo: 'argocd-application-health' }, commonAnnotations: {},
  alerts: [
    { status: 'firing', labels: { alertname: 'ArgoCDAppDegraded', name: 'payments', dest_namespace: 'payments-prod', severity: 'critical', slo: 'argocd-application-health' },
      annotations: { summary: 'App payments is Degraded', description: 'Health status "Degraded" for 5m' }, startsAt: '2024-05-01T10:00:00.000Z', endsAt: '0001-01-01T00:00:00Z', fingerprint: 'a1b2c3d4e5f60718' },
    { status: 'resolved', labels: { alertname: 'Watchdog', severity: 'none' }, annotations: {}, startsAt: '2024-05-01T09:00:00Z', endsAt: '2024-05-01T09:30:00Z', fingerprint: 'ffff' },
  ],
};
const argocd = {
  eventType: 'app-sync-succeeded', appName: 'checkout', namespace: 'argocd', owner: 'team-checkout', environment: 'prod',
  containerPort: 8080, replicas: 3, ratio: 0.75, healthy: true, revision: '9f8e7d6', syncedAt: '2024-05-01T10:05:00Z',
  health: { status: 'Healthy', message: null }, labels: { 'app.kubernetes.io/name': 'checkout', tier: 'web' },
};
const backstage = {
  action: 'provision', template: 'service-nodejs', entity: { kind: 'Component', metadata: { name: 'orders-api', namespace: 'default', tags: ['nodejs', 'tier-2'] }, spec: { owner: 'group:team-orders', lifecycle: 'production', type: 'service' } },
  parameters: { repoUrl: 'github.com?owner=acme&repo=orders-api', port: 3000, replicas: '2', public: false },
};
const k8sObject = {
  type: 'UPDATE', group: 'apps', version: 'v1', resource: 'deployments',
  body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', generation: 7, labels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' }, annotations: { 'deployment.kubernetes.io/revision': '12' } },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } } },
    status: { replicas: 3, readyReplicas: 2, conditions: [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }] } },
  oldBody: null,
};
const github = {
  action: 'opened', number: 42, pull_request: { state: 'open', title: 'Fix "quotes" & <tags>', draft: false, base: { ref: 'main' }, head: { ref: 'feature/x.y' }, labels: [{ name: 'bug' }, { name: 'ci' }] },
  repository: { full_name: 'acme/shop', private: true, stargazers_count: 12 }, sender: { login: 'octocat' },
};

/** Event data as each kind of source dispatches it (webhook: header/body; resource: body/oldBody...). */
export const SAMPLE_EVENTS: Record<string, Record<string, unknown>> = {
  alertmanager: { header: { 'Content-Type': ['application/json'], 'User-Agent': ['Alertmanager/0.27.0'] }, body: alertmanager },
  argocd: { header: { 'Content-Type': ['application/json'] }, body: argocd, metadata: { team: 'platform' } },
  backstage: { header: { 'X-Backstage-Event': ['scaffolder'] }, body: backstage },
  k8s: k8sObject,
  github: { headers: { 'X-Github-Event': ['pull_request'], 'X-Github-Delivery': ['d1'] }, body: github },
  dotted: { 'body.a': 1, 'body.b': 'x', 'x-request-id': 'r1', 'a.b.c': true, n: 5, 'n.m': 6, 'weird-key.sub-key': 'v' },
  scalars: { i: 7, f: 2.5, s: 'hello', b: true, z: 0, neg: -3, nil: null, arr: [1, 2, 3], strs: ['a', 'b'], m: { k: 'v', n: 1 }, big: 1e21, num: '42', ts: '2024-05-01T10:00:00Z' },
};

const FILTERS: readonly string[] = [
  'body.status == "firing"', 'body.status == "firing" && len(body.alerts) > 0', 'any(body.alerts, {.labels.severity == "critical"})',
  'all(body.alerts, {.status == "firing"})', 'filter(body.alerts, {.status == "firing"})[0].labels.name', 'count(body.alerts, {.labels.severity != "none"}) >= 1',
  'body.commonLabels.slo in ["argocd-application-health", "externalsecrets-sync-success"]', 'body.version == "4"', 'asInt(body.version) == 4',
  'body.truncatedAlerts == 0', 'header["Content-Type"][0] == "application/json"', 'header["User-Agent"][0] startsWith "Alertmanager/"',
  'body.eventType == "app-sync-succeeded" && body.environment == "prod"', 'body.replicas > 2', 'body.replicas >= 3 and body.healthy',
  'body.ratio * 100 > 50', 'body.containerPort % 2 == 0', 'body.health.message == nil', 'body.health.status in ["Healthy", "Progressing"]',
  'body.labels["app.kubernetes.io/name"] == "checkout"', 'metadata.team == "platform"', 'body.appName matches "^check"', 'body.revision contains "8e"',
  'body.action == "provision" && body.entity.spec.lifecycle == "production"', '"nodejs" in body.entity.metadata.tags', 'asInt(body.parameters.replicas) > 1',
  'body.parameters.port == 3000', 'body.parameters.public == false', 'body.entity.spec.owner startsWith "group:"', 'sprig.trimPrefix("group:", body.entity.spec.owner) == "team-orders"',
  'type == "UPDATE" && body.kind == "Deployment"', 'body.status.readyReplicas < body.spec.replicas', 'body.metadata.labels.app == "web"',
  'body.metadata.annotations["deployment.kubernetes.io/revision"] == "12"', 'asInt(body.metadata.annotations["deployment.kubernetes.io/revision"]) > 10',
  'any(body.status.conditions, {.type == "Available" && .status == "False"})', 'body.spec.template.spec.containers[0].image endsWith ":1.25"', 'oldBody == nil',
  'len(body.spec.template.spec.containers) == 1', 'body.metadata.generation > 5', 'group + "/" + version == "apps/v1"',
  'body.action == "opened" && !body.pull_request.draft', 'body.pull_request.base.ref == "main"', 'headers["X-Github-Event"][0] == "pull_request"',
  'any(body.pull_request.labels, {.name == "bug"})', 'map(body.pull_request.labels, {.name})', 'body.repository.private', 'body.number == 42',
  'body.a == 1', 'body.b == "x"', 'x_request_id == "r1"', 'a.b.c', 'n', 'n.m', 'weird_key.sub-key', 'weird_key["sub-key"]',
  'toJson(body)', 'toJson(body.alerts[0].labels)', 'jsonpath(toJson(body), "$.alerts[0].labels.severity") == "critical"', 'jsonpath(toJson(body), "$.replicas")',
  'jsonpath(toJson(body), "$.alerts[*].status")', 'jsonpath("{bad", "$.a")', 'jsonpath(toJson(body), "bad path")', 'asFloat(body.version) + 0.5',
  'asInt("x")', 'asFloat("2.5") * 2', 'asInt(2.9)', 'asInt(i)', 'asFloat(i)', 'sprig.upper(body.status)', 'sprig.lower("ABC")', 'sprig.contains("fir", body.status)',
  'sprig.hasPrefix("fi", body.status)', 'sprig.default("d", body.missing)', 'sprig.empty(body.missing)', 'sprig.toString(body.replicas)', 'sprig.atoi("12") + 1',
  'sprig.int64("7")', 'sprig.float64("1.5")', 'sprig.b64enc("hi")', 'sprig.b64dec("aGk=")', 'sprig.sha256sum("abc")', 'sprig.trim("  x ")', 'sprig.replace("a", "b", "banana")',
  'sprig.split(",", "a,b")', 'sprig.join("-", ["a", "b"])', 'sprig.list(1, 2)', 'sprig.dict("a", 1)', 'sprig.semverCompare(">=1.2.0", "1.3.0")', 'sprig.regexMatch("^a", "abc")',
  'sprig.env("HOME")', 'sprig.expandenv("$HOME")', 'sprig.upper(1)', 'sprig.nope("x")', 'sprig.title("hello world")', 'sprig.quote("x")', 'sprig.toJson(body.alerts[0].labels)',
  'sprig.len(body.alerts)', 'sprig.first(body.alerts).status', 'sprig.has("a", ["a"])', 'sprig.add(1, 2)', 'sprig.max(1, 5, 3)', 'sprig.ternary("y", "n", true)',
  'unknownName == nil', 'unknownName.field', 'body.missing.deeper', 'body?.missing?.deeper', 'body.alerts[5]', 'body.alerts[-1].status', 'len(body)',
  'body.status == "firing" ? "yes" : "no"', 'body.replicas ?? 1', 'body.nope ?? "default"', 'not body.healthy', '!body.healthy', 'body.replicas == 3.0',
  'body.replicas / 2', 'body.replicas ** 2', 'body.replicas + 1', 'string(body.replicas)', 'int(body.ratio * 10)', 'float(body.replicas)', 'upper(body.appName)',
  'split(body.appName, "c")', 'trim("  a ")', 'sort(keys(body.health))', 'type(body.replicas)', 'type(body)', 'abs(-body.replicas)',
  'body.status == "firing" &&', '(body.status', 'body.status = "firing"', 'body.', '"unterminated', '1 +* 2', 'foo(1)', 'len()', 'len(1, 2)',
];

export function cases(): ExprCase[] {
  const out: ExprCase[] = [];
  const envs = Object.values(SAMPLE_EVENTS).map((e) => JSON.stringify(e));
  for (const expr of FILTERS) for (const env of envs) out.push({ expr, env, argo: true });
  for (const expr of fixtureExpressions()) {
    for (const env of envs) out.push({ expr, env, argo: true });
    out.push({ expr, env: envs[0]!, argo: false });
  }
  out.push(...randomCases(new Random(0x5eed_e4), 3000));
  return out;
}

/** Every `expression`/`filter.expression` string and `{{= ...}}` template in the fixtures corpus. */
function fixtureExpressions(): string[] {
  const root = join(import.meta.dirname, '../../../../shared/fixtures');
  const found = new Set<string>();
  if (!existsSync(root)) return [];
  const visit = (node: unknown, key: string): void => {
    if (typeof node === 'string') {
      if (key === 'expression' && node.trim() !== '') found.add(node.trim());
      for (const m of node.matchAll(/\{\{=\s*([\s\S]*?)\s*\}\}/g)) found.add(m[1]!);
      return;
    }
    if (Array.isArray(node)) node.forEach((x) => visit(x, key));
    else if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) visit(v, k);
  };
  for (const file of yamlFiles(root)) {
    if (file.includes('/crds/') || statSync(file).size > 200_000) continue;
    try {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { logLevel: 'error' })) visit(doc.toJS(), '');
    } catch {
      // a fixture that is not valid YAML has nothing to contribute
    }
  }
  return [...found].sort();
}

export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

// ---- random programs from expr's grammar --------------------------------------------------------

const RANDOM_ENV = JSON.stringify(SAMPLE_EVENTS.scalars);
const NAMES = ['i', 'f', 's', 'b', 'z', 'neg', 'nil', 'arr', 'strs', 'm', 'big', 'num', 'ts', 'missing'];
const BIN = ['+', '-', '*', '/', '%', '**', '^', '==', '!=', '<', '>', '<=', '>=', 'and', 'or', '&&', '||', 'in', 'not in',
  'matches', 'contains', 'startsWith', 'endsWith', '..', '??'];
// keys, values and toPairs of a map are left out: Go returns them in random order, so vectors would not repeat
const FUNCS1 = ['len', 'abs', 'int', 'float', 'string', 'upper', 'lower', 'trim', 'type', 'toJSON', 'first', 'last',
  'max', 'min', 'sum', 'mean', 'median', 'ceil', 'floor', 'round', 'sort', 'fromJSON', 'toBase64', 'asInt', 'asFloat', 'toJson',
  'sprig.upper', 'sprig.toString', 'sprig.empty', 'sprig.int', 'sprig.float64', 'sprig.len', 'sprig.quote', 'sprig.b64enc'];
const PREDICATES = ['all', 'any', 'none', 'one', 'filter', 'map', 'count'];
const STRINGS = ['"a"', '"abc"', "'b'", '"1"', '""', '"h.*o"', '"hello"', '"2.5"', '"x\\ny"', '"ü"'];

function literal(r: Random): string {
  switch (r.int(7)) {
    case 0: return String(r.int(20) - 5);
    case 1: return r.pick(['0.5', '2.5', '1e3', '1.0', '.5', '3.', '0x1F', '1_000', '9223372036854775807', '-0.0']);
    case 2: return r.pick(STRINGS);
    case 3: return r.pick(['true', 'false', 'nil']);
    case 4: return `[${Array.from({ length: r.int(4) }, () => r.pick(['1', '2', '"a"', '2.5', 'nil', 'true'])).join(', ')}]`;
    case 5: return r.pick(['{a: 1}', '{"k": "v", n: 2}', '{}']);
    default: return r.pick(NAMES);
  }
}

function gen(r: Random, depth: number): string {
  if (depth <= 0) return literal(r);
  switch (r.int(10)) {
    case 0: case 1: return `${gen(r, depth - 1)} ${r.pick(BIN)} ${gen(r, depth - 1)}`;
    case 2: return `${r.pick(['-', '!', 'not ', '+'])}${gen(r, depth - 1)}`;
    case 3: return `(${gen(r, depth - 1)})`;
    case 4: return `${gen(r, depth - 1)} ? ${gen(r, depth - 1)} : ${gen(r, depth - 1)}`;
    case 5: return `${r.pick(FUNCS1)}(${gen(r, depth - 1)})`;
    case 6: return `${r.pick(PREDICATES)}(${r.pick(['arr', 'strs', '[1, 2, 3]', 'm', 's'])}, {${gen(r, depth - 1).replace(/\b(i|f)\b/, '#')}})`;
    case 7: return `${r.pick(['m', 'arr', 'strs', 's', '$env', 'missing'])}${r.pick(['.k', '.n', '?.k', '[0]', '[1:]', '[:1]', '["k"]', '[-1]', '.missing.x', '?.missing?.x', '[i]'])}`;
    case 8: return `${r.pick(['sprig.add', 'sprig.max', 'sprig.default', 'sprig.contains', 'sprig.hasPrefix', 'split', 'join', 'replace', 'repeat', 'indexOf', 'get', 'hasPrefix', 'trimPrefix'])}(${gen(r, depth - 1)}, ${gen(r, depth - 1)})`;
    default: return literal(r);
  }
}

/** Damages a valid program so that some cases exercise the parser's errors. */
function damage(r: Random, s: string): string {
  const at = r.int(s.length + 1);
  switch (r.int(4)) {
    case 0: return s.slice(0, at);
    case 1: return s.slice(0, at) + r.pick(['(', ')', '"', ',', '.', '?', '[', '}', '#', '@']) + s.slice(at);
    case 2: return s.slice(0, at) + s.slice(at + 1);
    default: return `${s} ${r.pick(BIN)}`;
  }
}

function randomCases(r: Random, n: number): ExprCase[] {
  const out: ExprCase[] = [];
  for (let k = 0; k < n; k++) {
    let expr = gen(r, 1 + r.int(3));
    if (r.bool(0.12)) expr = damage(r, expr);
    out.push({ expr, env: RANDOM_ENV, argo: r.bool(0.7) });
  }
  return out;
}
