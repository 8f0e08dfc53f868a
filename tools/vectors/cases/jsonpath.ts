/**
 * jsonpath vectors: github.com/evilmonkeyinc/jsonpath v0.8.1 as Argo Events' expr function
 * jsonpath(jsonText, path) runs it. Sources: the syntax examples of the library's documentation on a
 * book-store document, the library's consensus table (test/README.md in the Go module cache, when
 * present), every jsonpath() path in ../shared/fixtures, Argo-style filters on webhook payloads
 * (Alertmanager, GitHub, ArgoCD, Kubernetes), and seeded random paths built from the grammar
 * (valid and invalid) on random documents.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Random } from '../random.ts';

export const engine = 'jsonpath';

export interface JsonPathCase {
  path: string;
  json: string;
}

const store = {
  store: {
    book: [
      { category: 'reference', author: 'Ada Quill', title: 'Sayings of the Century', price: 8.95 },
      { category: 'fiction', author: 'Ben Marsh', title: 'Sword of Honour', price: 12.99 },
      { category: 'fiction', author: 'Cleo Vance', title: 'Moby Dick', isbn: '0-553-21311-3', price: 8.99 },
      { category: 'fiction', author: 'Dov Tolk', title: 'The Lord of the Rings', isbn: '0-395-19395-8', price: 22.99 },
    ],
    bicycle: { color: 'red', price: 19.95 },
  },
  expensive: 10,
  onSaleCategory: 'fiction',
};

const alertmanager = {
  receiver: 'argo-events', status: 'firing', version: '4', truncatedAlerts: 0, groupKey: '{}:{alertname="ArgoCDAppDegraded"}',
  groupLabels: { alertname: 'ArgoCDAppDegraded' }, commonLabels: { severity: 'critical', 'app.kubernetes.io/name': 'payments' }, commonAnnotations: {},
  alerts: [
    { status: 'firing', labels: { alertname: 'ArgoCDAppDegraded', name: 'payments', severity: 'critical', replicas: 3 },
      annotations: { summary: 'App payments is Degraded', runbook_url: 'https://runbooks/x' }, startsAt: '2024-05-01T10:00:00.000Z', fingerprint: 'a1b2c3' },
    { status: 'resolved', labels: { alertname: 'Watchdog', severity: 'none', replicas: 0 }, annotations: {}, startsAt: '2024-05-01T09:00:00Z', fingerprint: 'ffff' },
    { status: 'firing', labels: { alertname: 'HighLatency', severity: 'warning', replicas: 1.5 }, annotations: { summary: "it's slow" }, fingerprint: '0042' },
  ],
};
const github = {
  action: 'opened', number: 42, sender: { login: 'octo', type: 'User', site_admin: false },
  repository: { full_name: 'acme/orders', private: true, topics: ['payments', 'go'], default_branch: 'main', stargazers_count: 17 },
  pull_request: { state: 'open', title: 'Fix "quotes" & <tags>', draft: false, labels: [{ name: 'bug' }, { name: 'deploy:prod' }], base: { ref: 'main' }, head: { ref: 'feature/x.y', sha: '9f8e7d6' }, additions: 120, deletions: 4 },
  commits: [{ id: 'c1', message: 'fix: a', added: ['a.go'], modified: [] }, { id: 'c2', message: 'chore: b [skip ci]', added: [], modified: ['charts/values.yaml'] }],
};
const argocd = {
  eventType: 'app-sync-succeeded', app: { metadata: { name: 'checkout', namespace: 'argocd', labels: { team: 'checkout', 'env-tier': 'prod' } },
    status: { health: { status: 'Degraded', message: null }, sync: { status: 'Synced', revision: '9f8e7d6' }, resources: [
      { kind: 'Deployment', name: 'web', health: { status: 'Healthy' } }, { kind: 'Service', name: 'web' }, { kind: 'Job', name: 'migrate', health: { status: 'Degraded' } }] } },
  replicas: 3, ratio: 0.75, healthy: true,
};
const k8s = {
  type: 'MODIFIED', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod', generation: 7, annotations: { 'deploy.acme.io/owner': 'team-a' } },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'app', image: 'acme/web:1.2.3', ports: [{ containerPort: 8080 }] }, { name: 'sidecar', image: 'envoy:1.29' }] } } },
    status: { readyReplicas: 2, conditions: [{ type: 'Available', status: 'True' }, { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] } },
};
const webhook = { body: { event: 'deploy', env: 'prod', version: 3, tags: ['a', 'b'], 'x-id': 'abc', nested: { list: [1, 2, 3, 4, 5], empty: [], none: null, zero: 0, t: true, f: false, s: '', n: -1.5 } }, headers: { 'Content-Type': ['application/json'] } };

const PAYLOADS: readonly unknown[] = [store, alertmanager, github, argocd, k8s, webhook];

/** Syntax examples of the library's documentation, on the book store. */
const DOC_PATHS = [
  '$', '$.store', '$..book', '$.store.book.*', '$.store.book[1]', '$.store.book[0,1]', '$.store.book[0:3:1]', '$.store.book[0:3:1)]',
  '$.store.book[?(@.price > 10)]', '$.store.book[(@.length-1)]', '$.store.book[?(@.category == $.onSaleCategory)]', "$['store']",
  "$.store['book']", '$.store.book[*]', '$.store.book[-1]', '$.store.book[-2]', '$.store.book[0,(@.length-1)]', '$.store.book[1:(@.length-1)]',
  '$.store.book[1:(@.length-1):1]', '$.store.book[1:]', '$.store.book[:2]', '$.store.book[::-1]', '$.store.book[?(@.isbn)]', '$.store.book.length',
  '$.store.length', '$..price', '$.store..price', '$..book[2]', '$..book[-1:]', '$..book[0,1]', '$..book[:2]', '$..book[?(@.isbn)]',
  '$..book[?(@.price<10)]', '$..*', '$.store.*', '$..book.length', '$.store.book[*].author', '$..author', '$.store.book[?(@.price > $.expensive)].title',
  "$.store.book[?(@.category == 'fiction')].title", '$.store.book[?(@.author =~ \'^B\')].title', '$.store.book[?(@.price in [8.95, 22.99])].title',
  '$.store.book[?(@.price not in [8.95, 22.99])].title', '$.store.book[?(!@.isbn)].title', '$.store.book[?(@.price * 2 > 30)].title',
  '$.store.book[?(@.price > 8.99 && @.category == "fiction")]', '$.store.book[?(@.price < 9 || @.price > 20)].price', '$.store.book[(@.length-2)].title',
  '$.store.bicycle[(\'color\')]', '$.store.book[0].title.length', '$.store.bicycle.color.length', '$.store.book[?(@.price % 2 == 0)]',
  "$.store.book[?(@.title == 'Moby Dick')]", '$.store.book[?(@.price == 8.99)].isbn', '$.expensive', '$.nope', '$.store.book[9]', '$.store.book[0][1]',
];

/** Argo-style filters and lookups on webhook payloads. */
const ARGO_PATHS = [
  '$.status', '$.alerts[0].labels.severity', '$.alerts[*].status', "$.alerts[?(@.status == 'firing')].labels.alertname", '$.alerts[?(@.status == "firing")]',
  "$.alerts[?(@.labels.severity == 'critical')].annotations.summary", '$.alerts[?(@.labels.replicas > 0)].fingerprint', '$.alerts.length',
  "$.commonLabels['app.kubernetes.io/name']", '$.commonLabels["app.kubernetes.io/name"]', '$.commonLabels.severity', '$.groupLabels.alertname',
  '$.alerts[?(@.annotations.runbook_url)].labels.name', '$.alerts[-1].annotations.summary', '$..alertname', '$..severity', '$.alerts[*].labels.replicas',
  "$.alerts[?(@.fingerprint == '0042')].status", '$.alerts[?(@.labels.replicas == 1.5)]', '$.alerts[?(@.labels.replicas >= 1)].labels.alertname',
  '$.truncatedAlerts', '$.version', '$.receiver.length', '$.action', '$.pull_request.labels[*].name', "$.pull_request.labels[?(@.name == 'bug')]",
  "$.pull_request.labels[?(@.name =~ '^deploy:')].name", '$.pull_request.base.ref', '$.pull_request.draft', '$.repository.topics[0]',
  '$.repository.private', '$.repository.stargazers_count', '$.commits[*].id', "$.commits[?(@.message =~ 'skip ci')].id", '$.commits[*].modified[*]',
  '$.commits[?(@.added.length > 0)].id', '$..login', '$.sender.site_admin', '$.number', '$.pull_request.additions', '$.pull_request.title',
  '$.app.status.health.status', '$.app.status.health.message', '$.app.status.resources[*].kind', "$.app.status.resources[?(@.health.status == 'Degraded')].name",
  '$.app.status.resources[?(@.health)].name', "$.app.metadata.labels['env-tier']", '$.app.metadata.labels.env-tier', '$.replicas', '$.ratio', '$.healthy',
  '$.object.spec.template.spec.containers[*].image', "$.object.spec.template.spec.containers[?(@.name == 'app')].image", '$.object.status.conditions[?(@.status == "False")].reason',
  '$..containerPort', '$.object.metadata.annotations["deploy.acme.io/owner"]', '$.object.spec.replicas', '$.object.status.readyReplicas', '$.type',
  '$.object.spec.template.spec.containers[0].ports[0].containerPort', '$.object.spec.template.spec.containers.length',
  '$.body.event', '$.body.nested.list[1:3]', '$.body.nested.list[-2:]', '$.body.nested.list[?(@ > 2)]', '$.body.nested.list[?(@ % 2 == 1)]', '$.body.tags[*]',
  "$.body['x-id']", '$.body.x-id', "$.headers['Content-Type'][0]", '$.body.nested.empty', '$.body.nested.none', '$.body.nested.zero', '$.body.nested.s',
  '$.body.nested.*', '$.body.nested[?(@)]', '$.body.nested[?(!@)]', '$.body.nested.list[(@.length-1)]', '$.body.nested.list[0:5:2]', '$.body.version',
  '$.body.nested.n', '$..list', '$..tags[0]', '$.body[?(@.length > 1)]',
];

/** Quoting, nesting and character-level edge cases, on a small document. */
const EDGE_DOC = { a: [{ k: 'Deg', n: 1 }, { k: 'Wat', n: 2.5 }, { k: "it's", n: -0 }], "it's": 1, 'x.y': 2, 'a b': 3, 'é': 'ü', '': 5, '[0]': 6, 'in': 7, 'length': 'L' };
const EDGE_PATHS = [
  '$.a[?(@.k =~ "^(W|L)")].k', '$.a[?(@.k =~ "^(W")].k', '$.a[?(@.k =~ "^[DW]")].k', "$.a[?(@.k =~ '^[DW]')].k", "$.a[?(@.k == 'it\\'s')]", "$['it\\'s']",
  "$[\"it's\"]", "$['x.y']", '$.x.y', "$['a b']", '$.a b', '$.é', "$['é']", '$é', '@é', '$..k', '$..n', "$['']", '$[""]', "$['[0]']", '$.in', '$.length',
  "$[?(@ == 'L')]", '$[?(@ == 7)]', '$.a[?(@.n == -0)]', '$.a[?(@.n)]', '$.a[?(@.n * -1 > 0)]', '$.a[?(@.n ** 2 > 2)].k', '$.a[?(@.n / 0 > 1)].k',
  '$.a[?(@.n in $..n)].k', '$.a[?(@.k in $..k)].k', '$.a[?(@.k not in ["Deg"])].k', '$.a[?(@.n not in [1])].k', '$.a[?(@.k.length == 3)].k',
  '$.a[?(@.n == 1 || @.n == 2.5)].k', '$.a[?((@.n == 1) || (@.n == 2.5))].k', '$.a[?(@.n == (1))].k', '$.a[?(!(@.n == 1))].k', '$.a[?(@.n != 1)].k',
  '$.a[?(@.k == "Deg")].n', '$.a[?(@.k == Deg)].n', '$.a[?(@.n > "1")].k', '$.a[?(@.n >= 1 && @.n <= 2.5)].k', '$.a[?(true)]', '$.a[?(false)]', '$.a[?(1)]',
  '$.a[?(0)]', "$.a[?('')]", "$.a[?('x')]", '$.a[?(null)]', '$.a[?(nil)]', '$.a[?(@)]', '$.a[?($)]', '$.a[?(@.n + 1)]', '$.a[?(@.n - 1)]', '$.a[?(@.k + 1)]',
  '$.a[(1)]', '$.a[( 1 )]', "$.a[('x')]", '$.a[(@.length - 1)].k', '$.a[(@.length/2)]', '$.a[(true)]', '$.a[(null)]', '$.a[(1.5)]', '$.a[($.in - 6)]',
  '$.a[0,1,-1].k', '$.a[0,5].k', "$['a','in','nope']", "$['a', 'in']", '$[a,in]', '$.a[0:(@.length):2].k', '$.a[(0):(2)].k', '$.a[:(@.length-1)].k',
  '$.a[0:1][0].k', '$.a[0,1][1].k', '$.a[*][0]', '$.a[*].k[0]', '$.a..k', '$..a[0].k', '$..[0]', '$..[-1:]', '$..*..k', '$.a.*.k', '$.*.length',
  '$.a[1:0]', '$.a[2:0:-1].k', '$.a[-10:10]', '$.a[10:-10:-1]', '$.a[0:3:0]', '$.a[0:3:-0]', '$.a[+1]', '$.a[01]', '$.a[ 1 ]', '$.a[1 ]', '$.a[1 2]',
  '$.a[9223372036854775807]', '$.a[9223372036854775808]', '$.a[-9223372036854775808]', '$[?(@.k)]', '$.a[?(@.k)][?(@.n)]', '$.a[?(@.k == "Deg")][0][1]',
  '$["a"][0]["k"]', "$['a'][0]['k']", "$['a']['0']", '$.a.0', '$.a.-1', "$.a[\"0\"]", "$['a'", '$a', '$.', '$..', '$...', '$[0', '$]', "$.a['k']", "$.a[0]['k','n']",
  '$.a[?(@.k=="Deg")]', '$.a[?(@.k==\'Deg\')]', '$.a[?(@.k == "De\\"g")]', '$.a[?(@.k =~ \'[\')]', '$.a[?(@.k =~ "a(")]', '$.a[?(@.k =~ ")")]',
];

function fixturePaths(): { paths: string[]; docs: unknown[] } {
  const root = join(import.meta.dirname, '../../../../shared/fixtures');
  const paths = new Set<string>();
  const docs: unknown[] = [];
  if (!existsSync(root)) return { paths: [], docs };
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const m of value.matchAll(/jsonpath\([^,]+,\s*'((?:[^'\\]|\\.)*)'\)/g)) paths.add(m[1]!);
      for (const m of value.matchAll(/jsonpath\([^,]+,\s*"((?:[^"\\]|\\.)*)"\)/g)) paths.add(m[1]!.replace(/\\"/g, '"'));
      if (/^\s*[[{]/.test(value)) {
        try {
          docs.push(JSON.parse(value) as unknown);
        } catch { /* not JSON */ }
      }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) {
        const text = readFileSync(p, 'utf8');
        if (!text.includes('jsonpath(')) continue;
        for (const doc of parseAllDocuments(text)) visit(doc.toJS());
      }
    }
  };
  walk(root);
  return { paths: [...paths].sort(), docs: docs.slice(0, 10) };
}

/** The library's consensus table (selector and document per row), read from the Go module cache. */
function consensusRows(): JsonPathCase[] {
  let dir: string;
  try {
    dir = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  } catch {
    return [];
  }
  const readme = join(dir, 'github.com/evilmonkeyinc/jsonpath@v0.8.1/test/README.md');
  if (!existsSync(readme)) return [];
  const out: JsonPathCase[] = [];
  for (const line of readFileSync(readme, 'utf8').split('\n')) {
    if (!line.startsWith('|:')) continue;
    const cells = line.replace(/\\\|/g, '\u0000').split('|').map((c) => c.replace(/\u0000/g, '|'));
    const strip = (c: string | undefined): string | undefined => (c !== undefined && c.startsWith('`') && c.endsWith('`') ? c.slice(1, -1) : undefined);
    const path = strip(cells[2]);
    const data = strip(cells[3]);
    if (path === undefined || data === undefined) continue;
    try {
      out.push({ path, json: JSON.stringify(JSON.parse(data)) });
    } catch { /* a document that is not JSON */ }
  }
  return out;
}

// ---- random documents and paths ----

const KEYS = ['a', 'b', 'c', 'name', 'id', 'length', 'tags', 'items', 'x y', "it's", 'in', 'key'];

function randomScalar(r: Random): unknown {
  return r.pick<() => unknown>([
    () => r.int(10), () => r.int(200) - 100, () => Number((r.next() * 20 - 5).toFixed(2)), () => 0, () => 1e21, () => 1000000,
    () => r.pick(['a', 'b', 'abc', '', 'true', '1', '3.5', "it's", 'x y', 'ä', '@', 'nil']), () => r.bool(), () => null,
  ])();
}

function randomValue(r: Random, depth: number): unknown {
  if (depth >= 3 || r.bool(0.4)) return randomScalar(r);
  if (r.bool()) return Array.from({ length: r.int(5) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = r.int(5); i > 0; i--) o[r.pick(KEYS)] = randomValue(r, depth + 1);
  return o;
}

function randomItem(r: Random): Record<string, unknown> {
  const it: Record<string, unknown> = {};
  for (const k of ['a', 'b', 'id', 'name', 'tags']) if (r.bool(0.8)) it[k] = k === 'tags' ? Array.from({ length: r.int(3) }, () => r.pick(['a', 'b', 'c'])) : r.bool(0.7) ? r.pick([r.int(6), r.pick(['a', 'b', 'abc', '2', ''])]) : randomValue(r, 2);
  return it;
}

function randomDoc(r: Random): unknown {
  const o: Record<string, unknown> = {};
  for (let i = 2 + r.int(4); i > 0; i--) o[r.pick(KEYS)] = randomValue(r, 1);
  o['items'] = Array.from({ length: 1 + r.int(5) }, () => randomItem(r));
  return r.bool(0.1) ? [o, randomValue(r, 1)] : o;
}

function literal(r: Random): string {
  if (r.bool(0.5)) return r.pick([String(r.int(6)), "'a'", "'b'", '"abc"', "'2'"]);
  return r.pick([String(r.int(10)), String(r.int(10) - 5), '1.5', "'a'", '"a"', "'abc'", 'true', 'false', 'null', 'nil', "''", '[1,2]', '["a","b"]', "['a']", '{"a":1}', '$.a', '$.items.length', '1e3', '0x1p3']);
}

function filterExpr(r: Random, depth = 0): string {
  const sel = r.bool(0.7) ? r.pick(['@.a', '@.b', '@.id', '@.name']) : r.pick(['@.tags', '@', '@.tags.length', "@['x y']", '@.tags[0]', '@.a.b', '$.a', '@.length', '@.nope']);
  const op = r.pick(['==', '!=', '<', '<=', '>', '>=', '=~', 'in', 'not in', '+', '-', '*', '/', '%', '**']);
  const simple = r.pick<() => string>([
    () => sel, () => `!${sel}`, () => `${sel} ${op} ${literal(r)}`, () => `${literal(r)} ${op} ${sel}`, () => `${sel}${op}${literal(r)}`,
    () => `${sel} =~ '${r.pick(['^a', 'b$', '.*', '[', '\\d+', 'a|b'])}'`, () => `${sel} ${op} ${sel}`, () => literal(r),
  ])();
  if (depth < 2 && r.bool(0.3)) {
    const joined = `${simple} ${r.pick(['&&', '||'])} ${filterExpr(r, depth + 1)}`;
    return r.bool(0.2) ? `(${joined})` : joined;
  }
  return r.bool(0.1) ? `(${simple})` : simple;
}

function segment(r: Random): string {
  const key = r.pick(KEYS);
  const n = (): number => r.int(9) - 4;
  const opt = (): string => (r.bool(0.6) ? String(n()) : '');
  return r.pick<() => string>([
    () => `.${key}`, () => `.${key}`, () => `['${key.replace(/'/g, "\\'")}']`, () => `["${key}"]`, () => '.*', () => '[*]', () => `..${key}`, () => '..*',
    () => `..[${n()}]`, () => `[${n()}]`, () => `[${n()}]`, () => `[${opt()}:${opt()}]`, () => `[${opt()}:${opt()}:${r.pick(['1', '2', '-1', '0', '-2', ''])}]`,
    () => `[${n()},${n()}]`, () => `['${r.pick(KEYS)}','${r.pick(KEYS)}']`, () => '.length', () => '[(@.length-1)]', () => `[(${r.pick(["'a'", '1', '@.length', '$.id', "'x'", 'true', '@.length/2'])})]`,
    () => `[?(${filterExpr(r)})]`, () => `[?(${filterExpr(r)})]`, () => `[0,(@.length-1)]`, () => `[1:(@.length)]`,
    // invalid or unusual forms
    () => r.pick(['[', ']', '..', '.', '[]', '[a]', "['a", '[?@.a]', '[1:2,3]', '[1:2:3:4]', '[ 0 ]', '[0 1]', '[-]', '[?()]', '[()]', '[( )]', '.a b', "['a'b]", '[:]', '[::]', '[,]', '[1,]', '["a",1]', '[0,"a"]', '[?(@.a)]', '...a', '.$', '.@', '[$]', '[?(@.a==)]']),
  ])();
}

function randomPath(r: Random): string {
  let p = r.bool(0.92) ? '$' : r.pick(['@', 'a', '', '$$', ' $', '$ ']);
  for (let i = 1 + r.int(4); i > 0; i--) p += segment(r);
  return p;
}

export function cases(): JsonPathCase[] {
  const out: JsonPathCase[] = [];
  const storeJson = JSON.stringify(store);
  for (const path of DOC_PATHS) out.push({ path, json: storeJson });
  out.push(...consensusRows());
  const fixtures = fixturePaths();
  for (const path of fixtures.paths) for (const doc of [...fixtures.docs, ...PAYLOADS]) out.push({ path, json: JSON.stringify(doc) });
  for (const path of EDGE_PATHS) out.push({ path, json: JSON.stringify(EDGE_DOC) });
  for (const doc of PAYLOADS) for (const path of ARGO_PATHS) out.push({ path, json: JSON.stringify(doc) });

  const r = new Random(0x15a7);
  const docs = Array.from({ length: 60 }, () => JSON.stringify(randomDoc(r)));
  for (let i = 0; i < 2400; i++) out.push({ path: randomPath(r), json: r.pick(docs) });
  for (let i = 0; i < 1200; i++) out.push({ path: `$.items[?(${filterExpr(r)})]${r.pick(['', '', '.a', '[0]', '.name', '[*]', '.length'])}`, json: r.pick(docs) });
  // Filters and scripts alone, on arrays of small objects and scalars.
  const arrays = Array.from({ length: 20 }, () => JSON.stringify(Array.from({ length: 1 + r.int(5) }, () => (r.bool(0.6) ? randomValue(r, 1) : randomScalar(r)))));
  for (let i = 0; i < 600; i++) out.push({ path: `$[?(${filterExpr(r)})]`, json: r.pick(arrays) });
  return out;
}
