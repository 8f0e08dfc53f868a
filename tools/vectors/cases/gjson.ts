/**
 * gjson conformance cases: every gjson path found in the shared Argo manifests on realistic event payloads,
 * a hand-written tour of the path grammar, and seeded random documents with random paths (valid and not).
 *
 *   input: {json, path}   output: what the Go Result exposes (see tools/oracle/gjson.go)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Random } from '../random.ts';

export const engine = 'gjson';

export interface GjsonCase {
  json: string;
  path: string;
}

// ---------------------------------------------------------------------------------------------------------
// Realistic payloads, as Argo's event sources wrap them ({"header":..,"body":..} for webhooks).

const alertmanager = {
  header: { 'Content-Type': ['application/json'], 'User-Agent': ['Alertmanager/0.27.0'] },
  body: {
    version: '4', groupKey: '{}:{alertname="KubePodCrashLooping"}', truncatedAlerts: 0, status: 'firing', receiver: 'switchyard',
    groupLabels: { alertname: 'KubePodCrashLooping' },
    commonLabels: { alertname: 'KubePodCrashLooping', severity: 'critical', namespace: 'payments' },
    commonAnnotations: { summary: 'Pod is crash looping.' },
    externalURL: 'http://alertmanager:9093',
    alerts: [
      { status: 'firing', labels: { alertname: 'KubePodCrashLooping', severity: 'critical', namespace: 'payments', pod: 'api-7d9f-x2k' }, annotations: { description: 'Pod payments/api-7d9f-x2k (api) is in waiting state (reason: "CrashLoopBackOff").', runbook_url: 'https://runbooks/kubepodcrashlooping' }, startsAt: '2024-05-01T10:00:00.000Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://prometheus/graph?g0.expr=x&g0.tab=1', fingerprint: 'a1b2c3d4e5f60718' },
      { status: 'resolved', labels: { alertname: 'HighLatency', severity: 'warning', namespace: 'web', le: '0.5' }, annotations: { summary: 'p99 > 500ms' }, startsAt: '2024-05-01T09:00:00Z', endsAt: '2024-05-01T09:30:00Z', fingerprint: '0f0e0d0c0b0a0908', value: 0.734 },
    ],
  },
};

const argocd = {
  header: { 'Content-Type': ['application/json'] },
  body: {
    app: { metadata: { name: 'guestbook', namespace: 'argocd', labels: { 'app.kubernetes.io/instance': 'guestbook', team: 'core' }, annotations: { 'notifications.argoproj.io/subscribe.on-sync-failed.slack': 'ops' } }, spec: { project: 'default', source: { repoURL: 'https://github.com/argoproj/argocd-example-apps.git', path: 'guestbook', targetRevision: 'HEAD' }, destination: { server: 'https://kubernetes.default.svc', namespace: 'guestbook' } }, status: { sync: { status: 'OutOfSync', revision: '4f3c2b1a' }, health: { status: 'Degraded', message: 'Deployment "guestbook-ui" exceeded its progress deadline' }, operationState: { phase: 'Failed', message: 'one or more objects failed to apply', syncResult: { resources: [{ kind: 'Deployment', name: 'guestbook-ui', status: 'SyncFailed', message: 'admission webhook denied' }, { kind: 'Service', name: 'guestbook-ui', status: 'Synced' }] } } } },
    trigger: 'on-sync-failed', context: { argocdUrl: 'https://argocd.example.com', notificationType: 'webhook' },
  },
};

const github = {
  header: { 'X-Github-Event': ['pull_request'], 'X-Github-Delivery': ['72d3162e-cc78-11e3-81ab-4c9367dc0958'], 'X-Hub-Signature-256': ['sha256=abc'] },
  body: {
    action: 'opened', number: 1347,
    pull_request: { url: 'https://api.github.com/repos/octocat/Hello-World/pulls/1347', id: 1, number: 1347, state: 'open', locked: false, title: 'Amazing new feature', user: { login: 'octocat', id: 1, site_admin: false }, body: 'Please pull these awesome changes in!\n- fixes "bug"\n- adds <feature> & more', labels: [{ id: 208045946, name: 'bug', color: 'f29513', default: true }, { id: 208045947, name: 'enhancement', color: 'a2eeef', default: false }], merged: false, draft: false, head: { label: 'octocat:new-topic', ref: 'new-topic', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e' }, base: { label: 'octocat:master', ref: 'master', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e' }, additions: 100, deletions: 3, changed_files: 5 },
    repository: { id: 1296269, name: 'Hello-World', full_name: 'octocat/Hello-World', private: false, owner: { login: 'octocat' }, topics: ['octocat', 'atom', 'electron'], default_branch: 'master' },
    commits: [{ id: 'c1', message: 'Update README.md', modified: ['README.md'], added: [], removed: [] }, { id: 'c2', message: 'Add feature\n\nSigned-off-by: Mona', modified: ['src/a.go', 'src/b.go'], added: ['src/c.go'], removed: [] }],
    sender: { login: 'octocat', type: 'User' },
  },
};

const backstage = {
  header: {},
  body: {
    eventPayload: { entityRef: 'component:default/payments-api', kind: 'Component', metadata: { name: 'payments-api', namespace: 'default', title: 'Payments API', tags: ['java', 'payments'], annotations: { 'backstage.io/techdocs-ref': 'dir:.', 'github.com/project-slug': 'acme/payments-api' } }, spec: { type: 'service', lifecycle: 'production', owner: 'group:default/payments', dependsOn: ['resource:default/payments-db'] } },
    topic: 'catalog.entity.updated', metadata: { 'x-backstage-plugin': 'catalog' },
  },
};

const k8s = {
  type: 'MODIFIED',
  body: {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'api-7d9f-x2k', namespace: 'payments', uid: '6b1c1e5a-1d7c-4f8e-9a2b-0c3d4e5f6a7b', resourceVersion: '123456789', labels: { app: 'api', 'pod-template-hash': '7d9f' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-7d9f', controller: true }], creationTimestamp: '2024-05-01T10:00:00Z' },
    spec: { nodeName: 'node-1', containers: [{ name: 'api', image: 'ghcr.io/acme/api:1.2.3', ports: [{ containerPort: 8080, protocol: 'TCP' }], resources: { limits: { cpu: '500m', memory: '256Mi' } } }, { name: 'sidecar', image: 'envoy:1.30' }] },
    status: { phase: 'Running', podIP: '10.0.0.12', containerStatuses: [{ name: 'api', ready: false, restartCount: 7, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s' } } }, { name: 'sidecar', ready: true, restartCount: 0, state: { running: { startedAt: '2024-05-01T10:00:05Z' } } }], conditions: [{ type: 'Ready', status: 'False' }, { type: 'PodScheduled', status: 'True' }] },
  },
};

const s3 = { notification: [{ eventVersion: '2.0', eventSource: 'minio:s3', eventName: 's3:ObjectCreated:Put', s3: { bucket: { name: 'input', arn: 'arn:aws:s3:::input' }, object: { key: 'hello-world.txt', size: 1024, eTag: 'd41d8cd98f00b204e9800998ecf8427e', contentType: 'text/plain', userMetadata: { 'content-type': 'text/plain' } } } }] };

const calendar = { eventTime: '2024-05-01 10:00:00 +0000 UTC', metadata: { foo: 'bar' } };

/** Payloads as Go (json.Marshal of a map) or a human would send them. */
export const PAYLOADS: Record<string, string> = {
  alertmanager: JSON.stringify(alertmanager),
  argocd: JSON.stringify(argocd, null, 2),
  github: JSON.stringify(github),
  backstage: JSON.stringify(backstage, null, '\t'),
  k8s: JSON.stringify(k8s),
  s3: JSON.stringify(s3),
  calendar: JSON.stringify(calendar),
};

/** Paths a sensor author would write against those payloads. */
const PAYLOAD_PATHS = [
  'body', 'header', 'body.status', 'body.alerts.#', 'body.alerts.0.labels.alertname', 'body.alerts.#.labels.alertname',
  'body.alerts.#(status=="firing")#.labels.severity', 'body.alerts.#(labels.severity=="critical").fingerprint', 'body.commonLabels.severity',
  'body.alerts.#(value>0.5).labels.le', 'body.groupKey', 'body.alerts.1.value', 'body.truncatedAlerts', 'header.Content-Type.0',
  'body.app.metadata.name', 'body.app.status.health.status', 'body.app.status.sync.status', 'body.app.metadata.labels.app\\.kubernetes\\.io/instance',
  'body.app.status.operationState.syncResult.resources.#(status!="Synced")#.name', 'body.app.metadata.annotations.notifications\\.argoproj\\.io/subscribe\\.on-sync-failed\\.slack',
  'body.trigger', 'body.context', 'body.action', 'body.pull_request.title', 'body.pull_request.body', 'body.pull_request.labels.#.name',
  'body.pull_request.labels.#(name=="bug").color', 'body.pull_request.labels.#(name%"enh*").id', 'body.pull_request.labels.#(name!%"b*")#.name',
  'body.pull_request.merged', 'body.pull_request.head.sha', 'body.pull_request.base.ref', 'body.repository.full_name', 'body.repository.topics',
  'body.repository.topics.1', 'body.commits.#.modified', 'body.commits.#.modified|@flatten', 'body.commits.#.id|@join', 'body.commits.1.message',
  'header.X-Github-Event', 'header.X-Github-Event.0', 'header.X-Hub-Signature-256.0', 'body.sender.login', 'body.number', 'body.pull_request.additions',
  'body.eventPayload.metadata.name', 'body.eventPayload.metadata.tags', 'body.eventPayload.metadata.annotations.backstage\\.io/techdocs-ref',
  'body.topic', 'body.eventPayload.spec.owner', 'body.metadata.x-backstage-plugin', 'type', 'body.metadata.name', 'body.metadata.labels.app',
  'body.status.containerStatuses.#(ready==false).state.waiting.reason', 'body.status.containerStatuses.#.restartCount', 'body.status.containerStatuses.#(restartCount>5)#.name',
  'body.spec.containers.#.image', 'body.spec.containers.0.ports.0.containerPort', 'body.status.conditions.#(type=="Ready").status',
  'body.metadata.ownerReferences.0.kind', 'body.spec.containers.#(name=="api").resources.limits.memory', 'notification.0.s3.bucket.name',
  'notification.0.s3.object.key', 'notification.0.eventName', 'notification.#.s3.object.size', 'notification.0.s3.object.userMetadata.content-type',
  'eventTime', 'metadata.foo', 'body.missing', 'body.alerts.5', 'body.alerts.-1', '@this', 'body|@keys', 'body|@values', 'body.commonLabels|@pretty',
  'body.commonLabels|@ugly', 'body.alerts|@reverse|#.status', '{body.status,body.receiver}', '[body.action,body.number]', 'body.pull_request.{title,number}',
  'body.app.status.health.message|@tostr', 'body.*.name', 'body.pull_request.h??d.ref', 'b*y.action', 'body.app.spec.source.repoURL',
  'body.eventPayload.entityRef', 'body.alerts.#(labels.namespace%"pay*")#.labels.pod', 'body.status.containerStatuses.#(state.waiting)#.name',
  'body.alerts.#(annotations.summary)#.fingerprint', 'body.alerts.#(endsAt>"2024")#.status', 'body.@dig:name', 'body|@dig:name', 'body.pull_request.labels|@group',
];

// ---------------------------------------------------------------------------------------------------------
// Paths found in the shared manifests (dataKey, dest, data filter paths); skipped when the folder is absent.

function yamlFiles(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
}

function collect(node: unknown, inFilters: boolean, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collect(n, inFilters, out);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (typeof v === 'string' && (k === 'dataKey' || k === 'contextKey' || k === 'dest' || (inFilters && k === 'path'))) out.add(v);
    else collect(v, inFilters || k === 'filters', out);
  }
}

/** gjson paths used by the manifests in ../shared/fixtures (relative to the repository). */
export function fixturePaths(): string[] {
  const root = join(import.meta.dirname, '../../../../shared/fixtures');
  if (!existsSync(root)) return [];
  const files: string[] = [];
  yamlFiles(root, files);
  const out = new Set<string>();
  for (const f of files) {
    let docs;
    try {
      docs = parseAllDocuments(readFileSync(f, 'utf8'), { logLevel: 'silent' });
    } catch {
      continue;
    }
    for (const d of Array.isArray(docs) ? docs : [docs]) {
      try {
        const v: unknown = d.toJS();
        if (v && typeof v === 'object' && String((v as { apiVersion?: unknown }).apiVersion).startsWith('argoproj.io/')) collect(v, false, out);
      } catch {
        // a document that does not parse is not a manifest we can learn paths from
      }
    }
  }
  return [...out].sort();
}

// ---------------------------------------------------------------------------------------------------------
// A hand-written tour of the grammar on the documents gjson's own documentation uses.

const README = `{
  "name": {"first": "Tom", "last": "Anderson"},
  "age":37,
  "children": ["Sara","Alex","Jack"],
  "fav.movie": "Deer Hunter",
  "friends": [
    {"first": "Dale", "last": "Murphy", "age": 44, "nets": ["ig", "fb", "tw"]},
    {"first": "Roger", "last": "Craig", "age": 68, "nets": ["fb", "tw"]},
    {"first": "Jane", "last": "Murphy", "age": 47, "nets": ["ig", "tw"]}
  ]
}`;

const ODD = `{"a\\"b":1,"a.b":2,"a|b":3,"a*b":4,"a?b":5,"#":6,"@this":7,"!x":8,"":9,"\\u00e9t\\u00e9":10,"é":11,"a\\\\b":12,
 "nums":[0,-0,1.5,-2.25e3,1E400,12345678901234567890,-9223372036854775809,0.1,1e-7,123456789012],
 "strs":["", "x", "\\u0041\\n\\t\\"", "\\ud83d\\ude00", "😀", "\\ud800", "true", "1", "t", "F", "3.5", " 7", "0x10", "inf", "NaN"],
 "bools":[true,false,null], "nested":[[1,[2,[3,[4]]]],[],{}], "dup":{"k":1,"k":2,"K":3},
 "objs":[{"k":"a","v":1},{"k":"b","v":2,"w":true},{"k":"c"},{"v":null},{"k":"d","v":"3"},5,"s",[1]]}`;

const GRAMMAR_PATHS = [
  'name.last', 'age', 'children', 'children.#', 'children.1', 'child*.2', 'c?ildren.0', 'fav\\.movie', 'friends.#.first', 'friends.1.last',
  'friends.#(last=="Murphy").first', 'friends.#(last=="Murphy")#.first', 'friends.#(age>45)#.last', 'friends.#(first%"D*").last',
  'friends.#(first!%"D*").last', 'friends.#(nets.#(=="fb"))#.first', 'children|@reverse', 'children|@reverse|0', 'friends.#.nets|@flatten',
  '{name.first,age,"the_murphys":friends.#(last="Murphy")#.first}', '[name.first,age,children.0]', 'children.@reverse', '@pretty', '@ugly',
  'name|@pretty:{"sortKeys":true}', 'name|@pretty:{"indent":"\\t","prefix":">"}', 'friends|@pretty:{"width":20}', 'name.@keys', 'name|@values',
  'friends.#.age|@tostr', 'friends.0|@tostr|@fromstr', '!true', '!false', '!null', '!"hello"', '!{"a":1}', '![1,2]', '!0', '!-1.5e3',
  '{name,"lit":!true,"n":!12}', 'friends.#(age>=47).first', 'friends.#(age<=44).first', 'friends.#(age<47)#.first', 'friends.#(age!=44)#.first',
  'friends.#(age=44).first', 'friends.#(first)#.last', 'friends.#(missing)#.last', 'friends.#(age==~true)#.first', 'friends.#(missing==~null)#.first',
  'friends.#(first==~*)#.first', 'friends.#(age==~false)#.first', 'friends.#.{first,age}', 'friends.#.[first,age]', 'friends|@join',
  'friends|@join:{"preserve":true}', 'name|@group', '{"a":children,"b":friends.#.first}|@group', 'friends|@dig:first', '@dig:first', 'friends.@dig:age',
  '@valid', 'name.first|@valid', '@this.age', 'friends.#(nets.#(=="ig")#)#.first', 'friends.#(nets.0=="ig").age', 'name.first.x', 'age.x',
  'children.x', 'children.-1', 'children.01', 'children.1e0', 'friends.#.nets.#', 'friends.#.nets.0', 'friends.#.#', '..0', '..#',
  'friends.#(last=="Murphy")#|#', 'friends.#(last=="Murphy")#.nets|@flatten|@reverse', '@foo', 'name|@bar:1', 'name.first|@this|@this',
  'friends.#(first=="Dale"||first=="Jane")', 'friends.#(age>40 && age<50)', 'friends.#(first=="Dale"', 'friends.#(', '#', '##', '.', '..',
  'name.', '.name', 'name..first', 'name|first', 'name|last|@reverse', '|', 'name|', '{', '[', '{name', '[name,', '{,}', '[]', '{}', '\\',
  'name\\', 'name.\\first', '*', '?', '*.first', 'name.*', 'name.?irst', '*.*', 'friends.*', 'fr*ds.1.first', 'friends.#(last=="Murphy")#.@reverse',
  'friends.#(last="Murphy")#|0.first', 'friends.#(first=Dale).age', 'friends.#(age==44.0).first', 'friends.#(age=="44").first', 'friends.#(age>"4").first',
  'friends.#(nets.#>2).first', 'friends.#(nets.#==2)#.first', 'friends.#(nets|#==2)#.first', 'friends.#[age>45]#.first', 'friends.#[last=="Murphy"].age',
  'children.#(=="Alex")', 'children.#(!="Alex")#', 'children.#(%"?a*")#', 'children.#(>"B")#', 'children.#(<="Jack")#', 'friends.0.nets.#(=="fb")',
];

const ODD_PATHS = [
  'a\\"b', 'a\\.b', 'a\\|b', 'a\\*b', 'a\\?b', '\\#', '\\@this', '@this', '!x', '\\!x', '', 'été', 'é', '\\u00e9t\\u00e9', 'a\\\\b', 'a*', 'a?b',
  'nums', 'nums.#', 'nums.0', 'nums.1', 'nums.2', 'nums.3', 'nums.4', 'nums.5', 'nums.6', 'nums.7', 'nums.8', 'nums.9', 'nums.#(>1)#', 'nums.#(<0)#',
  'nums.#(==0)#', 'nums.#(=1.5)', 'nums.#(>1e300)', 'nums|@reverse', 'nums|@tostr', 'nums.@values', 'strs.0', 'strs.1', 'strs.2', 'strs.3', 'strs.4',
  'strs.5', 'strs.6', 'strs.7', 'strs.8', 'strs.9', 'strs.10', 'strs.11', 'strs.12', 'strs.13', 'strs.14', 'strs.#(%"*")#', 'strs.#(=="true")',
  'strs.#(==~true)#', 'strs.#(==~false)#', 'strs|@tostr|@fromstr', 'strs.2|@tostr', 'strs.3|@tostr', 'bools', 'bools.0', 'bools.1', 'bools.2',
  'bools.#(==true)', 'bools.#(==~null)#', 'bools.#(!=~null)#', 'bools.#(>false)#', 'bools.#(<true)#', 'bools.#(>=true)#', 'bools.#(<=false)#',
  'nested', 'nested|@flatten', 'nested|@flatten:{"deep":true}', 'nested.0.1.1.1', 'nested.0.1.#', 'nested.1', 'nested.2', 'nested.#.#', 'dup',
  'dup.k', 'dup.K', 'dup|@keys', 'dup|@values', 'dup|@join', 'objs|@join', 'objs.#.k', 'objs.#(k)#', 'objs.#(v==~null)#', 'objs.#(v==~true)#',
  'objs.#(v>1)#.k', 'objs.#(v=="3")', 'objs.#(w)', 'objs.#(w==true).k', 'objs|@group', 'objs.#.v|@flatten', '{objs.0,objs.1}|@join', 'objs.#(=5)',
  'objs.#(=="s")', 'objs.#(#==1)', 'objs.@dig:k', '@dig:k', '@keys', '@values', '@reverse|@keys', '*b', 'a?b.x', 'a\\*b', '{"a.b":a\\.b,"x":a\\|b}',
];

const JSON_LINES = '{"name": "Gilbert", "age": 61}\n{"name": "Alexa", "age": 34}\n  {"name": "May", "age": 57}\n{"name": "Deloise", "age": 44}\n';
const LINES_PATHS = ['..#', '..0', '..1.name', '..#.name', '..#(name="May").age', '..#(age>50)#.name', '..', '..@reverse', '..#.age|@reverse'];

/** Odd documents: scalars, whitespace, broken and truncated JSON. */
const ODD_DOCS = [
  '', ' ', '1', '-1.5', '"str"', '"esc\\"aped"', 'true', 'false', 'null', 'nul', 'tru', '[]', '{}', '[1,2,3]', ' \n\t[ 1 ,\n 2 ] ', '{"a":1',
  '{"a":[1,2', '{"a":"unterminated', '{"a":1,}', '[1,,2]', '{"a" 1}', '{a:1}', "{'a':1}", '[1 2 3]', '{"a":1}{"a":2}', '{"a":1} trailing',
  '{"a":01}', '{"a":+1}', '{"a":.5}', '{"a":1.}', '{"a":1e}', '{"a":-}', '{"a":tru}', '{"a":nulll}', '{"a":"\\x"}', '{"a":"\\u12"}', '\u00a0{"a":1}',
  '{"a":{"b":{"c":{"d":{"e":[[[[[{"f":1}]]]]]}}}}}', '{"a":1,"a":2,"a":3}', '{"":{"":{"":1}}}', '{"a b":{"c d":1}}', '{"1":{"0":"x"}}', '[{"1":"x"}]',
];
const ODD_DOC_PATHS = ['a', 'a.b', 'a.0', '0', '1', '#', '@this', '@valid', '@ugly', '@pretty', '@reverse', '@keys', '@values', '@tostr', '@fromstr',
  'a|@valid', '*', '..#', '..1', '', 'a.b.c.d.e.0.0.0.0.0.f', 'a.*.c.*.e.#.#', 'a b.c d', '1.0', '0.1', '.', 'a.#(b)', 'a\\ b'];

// ---------------------------------------------------------------------------------------------------------
// Random documents and paths.

const KEYS = ['a', 'b', 'c', 'name', 'id', 'a.b', 'x-y', 'k*', 'q?', '1', '0', 'é', '', 'hello world', '#', '@this', 'a|b', '!', 'a\\b', 'a"b', 'A', '😀'];
const WORDS = ['a', 'b', 'abc', 'Alex', 'alpha', 'beta', 'x y', 'true', 'false', 'null', '1', '0', '-2', 'é', '中文', '😀', 'a*', 'q?', 'a"b', 'a\\b', 'line\nbreak', 'tab\there', '<&>', '', ' '];
const NUMBERS = ['0', '-0', '1', '-1', '2', '7', '42', '3.14', '-2.5', '1e3', '1E-2', '-1.5e+10', '0.1', '100', '12345678901234567890', '9007199254740993', '-9223372036854775808', '1e400', '5e-324', '1.0', '0.30000000000000004'];

const WS = ['', '', '', ' ', '\n', '\t', '\r\n', '  '];

/** A JSON string literal for s, sometimes with \uXXXX or \/ escapes a document might use. */
function quote(rand: Random, s: string): string {
  const q = JSON.stringify(s);
  if (!rand.bool(0.25)) return q;
  let out = '';
  for (const ch of q.slice(1, -1)) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0xffff && rand.bool()) {
      const hi = 0xd800 + ((cp - 0x10000) >> 10);
      const lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
      out += `\\u${hi.toString(16)}\\u${lo.toString(16).toUpperCase()}`;
    } else if (/[a-zé中]/.test(ch) && rand.bool(0.3)) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (ch === '/' || (rand.bool(0.1) && ch === 'x')) out += '\\/';
    else out += ch;
  }
  return `"${out}"`;
}

function scalar(rand: Random): string {
  switch (rand.int(6)) {
    case 0: case 1: return quote(rand, rand.pick(WORDS));
    case 2: case 3: return rand.pick(NUMBERS);
    case 4: return rand.pick(['true', 'false']);
    default: return 'null';
  }
}

export function randomJson(rand: Random, depth: number): string {
  const w = (): string => rand.pick(WS);
  const kind = depth <= 0 ? 2 : rand.int(5);
  if (kind === 0) {
    const n = rand.int(5);
    const members: string[] = [];
    for (let i = 0; i < n; i++) members.push(`${w()}${quote(rand, rand.pick(KEYS))}${w()}:${w()}${randomJson(rand, depth - 1)}${w()}`);
    return `{${members.join(',')}${n === 0 ? w() : ''}}`;
  }
  if (kind === 1) {
    const n = rand.int(5);
    const items: string[] = [];
    for (let i = 0; i < n; i++) items.push(`${w()}${randomJson(rand, depth - 1)}${w()}`);
    return `[${items.join(',')}]`;
  }
  if (kind === 2 && depth > 0 && rand.bool(0.5)) {
    // arrays of objects sharing keys: what queries and '#' are for
    const n = 1 + rand.int(4);
    const items: string[] = [];
    for (let i = 0; i < n; i++) {
      const ms: string[] = [];
      for (const k of ['name', 'id', 'a'].filter(() => rand.bool(0.8))) ms.push(`${quote(rand, k)}:${k === 'a' && rand.bool(0.3) ? randomJson(rand, depth - 2) : scalar(rand)}`);
      items.push(`{${ms.join(',')}}`);
    }
    return `[${items.join(',')}]`;
  }
  return scalar(rand);
}

/** Escapes a key for a gjson path. */
function escapeKey(k: string): string {
  return k.replace(/[.|#@*?\\!=<>%"(){}[\],:~ ]/g, (c) => `\\${c}`);
}

const OPS = ['==', '=', '!=', '<', '<=', '>', '>=', '%', '!%'];
const MODIFIERS = ['@reverse', '@ugly', '@pretty', '@pretty:{"sortKeys":true}', '@this', '@valid', '@flatten', '@flatten:{"deep":true}', '@join',
  '@join:{"preserve":true}', '@keys', '@values', '@tostr', '@fromstr', '@group', '@dig:name', '@dig:a', '@nope'];

function queryValue(rand: Random): string {
  switch (rand.int(8)) {
    case 0: return JSON.stringify(rand.pick(WORDS));
    case 1: return rand.pick(NUMBERS);
    case 2: return rand.pick(['true', 'false', 'null']);
    case 3: return rand.pick(['~true', '~false', '~null', '~*']);
    case 4: return JSON.stringify(rand.pick(['a*', '*', '?', '*b*', 'A?e*', '']));
    case 5: return rand.pick(['abc', 'a*', '1x']);
    default: return rand.pick(NUMBERS);
  }
}

function randomQuery(rand: Random): string {
  const lhs = rand.pick(['name', 'id', 'a', 'a.b', 'a.0', '', 'name.#', 'a.#(name)', 'a|#', 'missing']);
  const open = rand.bool(0.9) ? '(' : '[';
  const close = open === '(' ? ')' : ']';
  const body = rand.bool(0.15) ? lhs : `${lhs}${rand.pick(WS.slice(0, 4))}${rand.pick(OPS)}${rand.pick(WS.slice(0, 4))}${queryValue(rand)}`;
  return `#${open}${body}${close}${rand.bool() ? '#' : ''}`;
}

/** A path that mostly follows the document's own structure, so lookups often hit. */
function walkPath(rand: Random, doc: string): string {
  let value: unknown;
  try {
    value = JSON.parse(doc);
  } catch {
    value = null;
  }
  const parts: string[] = [];
  const steps = 1 + rand.int(5);
  for (let s = 0; s < steps; s++) {
    if (Array.isArray(value)) {
      const r = rand.int(10);
      if (r < 4 && value.length > 0) {
        const i = rand.int(value.length + 1);
        parts.push(String(i));
        value = value[i];
      } else if (r < 6) {
        parts.push('#');
        value = value[0];
      } else if (r < 8) {
        parts.push(randomQuery(rand));
        value = value[0];
      } else parts.push(rand.pick(['#', '0', '-1', '00', 'x']));
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      const k = keys.length > 0 && rand.bool(0.85) ? rand.pick(keys) : rand.pick(KEYS);
      let part = escapeKey(k);
      if (rand.bool(0.12) && k.length > 0) part = part.slice(0, -1) + (rand.bool() ? '*' : '?');
      else if (rand.bool(0.05)) part = '*';
      parts.push(part);
      value = (value as Record<string, unknown>)[k];
    } else {
      if (rand.bool(0.5)) break;
      parts.push(rand.pick(KEYS.map(escapeKey)));
    }
  }
  let path = parts.join('.');
  if (rand.bool(0.25)) path += (rand.bool(0.7) ? '|' : '.') + rand.pick(MODIFIERS);
  if (rand.bool(0.1)) path = `${rand.pick(MODIFIERS)}${path.length > 0 ? '|' + path : ''}`;
  if (rand.bool(0.1)) path = `{${path},${escapeKey(rand.pick(KEYS))}}`;
  if (rand.bool(0.05)) path = `[${path},!${scalar(rand)}]`;
  if (rand.bool(0.05)) path = `{"${rand.pick(['x', 'k k', 'é'])}":${path}}`;
  return path;
}

const PATH_CHARS = ['a', 'b', 'name', '0', '1', '.', '|', '#', '*', '?', '@', '!', '\\', '(', ')', '[', ']', '{', '}', ',', ':', '"', '=', '<', '>', '%', '~', ' ', 'reverse', 'this', 'true'];

function noisePath(rand: Random): string {
  let p = '';
  const n = 1 + rand.int(10);
  for (let i = 0; i < n; i++) p += rand.pick(PATH_CHARS);
  return p;
}

export function cases(): GjsonCase[] {
  const out: GjsonCase[] = [];
  const docs = Object.values(PAYLOADS);
  const fixtures = fixturePaths();
  for (const json of docs) {
    // each path on the payloads that have its first key (the others would only repeat 'missing')
    const top = Object.keys(JSON.parse(json) as object);
    const fits = (path: string): boolean => top.some((k) => path.startsWith(k)) || !/^[a-z]/.test(path);
    for (const path of [...PAYLOAD_PATHS, ...fixtures]) if (fits(path)) out.push({ json, path });
  }
  for (const path of GRAMMAR_PATHS) out.push({ json: README, path });
  for (const path of ODD_PATHS) out.push({ json: ODD, path });
  for (const path of LINES_PATHS) out.push({ json: JSON_LINES, path });
  for (const json of ODD_DOCS) for (const path of ODD_DOC_PATHS) out.push({ json, path });
  const rand = new Random(0x6a5);
  for (let i = 0; i < 2000; i++) {
    const json = randomJson(rand, 1 + rand.int(4));
    for (let j = 0; j < 2; j++) out.push({ json, path: walkPath(rand, json) });
    if (i % 4 === 0) out.push({ json, path: noisePath(rand) });
  }
  return out;
}
