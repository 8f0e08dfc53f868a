/**
 * jq vectors: programs typical of sensor transforms, and the builtins users reach for, run on realistic
 * event data and on random documents; plus random programs built from jq's grammar (some invalid).
 */
import { sensorFixtureTexts } from '../fixtures.ts';
import { Random } from '../random.ts';

export const engine = 'jq';

const alertmanager = {
  body: {
    version: '4', status: 'firing', receiver: 'argo', groupLabels: { alertname: 'HighLatency' },
    commonLabels: { alertname: 'HighLatency', severity: 'critical', slo: 'checkout' }, commonAnnotations: { summary: 'p99 > 500ms' },
    alerts: [
      { status: 'firing', labels: { alertname: 'HighLatency', severity: 'critical', slo: 'checkout' }, annotations: { value: '0.734' }, startsAt: '2024-05-01T10:00:00Z', fingerprint: 'a1' },
      { status: 'resolved', labels: { alertname: 'HighLatency', severity: 'warning', slo: 'search' }, annotations: { value: '0.31' }, startsAt: '2024-05-01T09:00:00Z', fingerprint: 'b2' },
    ],
  },
  headers: { 'Content-Type': ['application/json'] },
};
const github = {
  body: {
    action: 'opened', number: 42, ref: 'refs/heads/main', message: 'hello',
    pull_request: { title: 'Fix "quotes" & <tags>', merged: false, additions: 120, deletions: 7.5, labels: [{ name: 'bug' }, { name: 'urgent' }], head: { ref: 'feature/x.y' } },
    repository: { full_name: 'acme/switchyard', stargazers_count: 1234, topics: ['events', 'automation'] },
    commits: [{ id: 'abc', added: ['a.txt'], modified: [], removed: ['b.txt'] }, { id: 'def', added: [], modified: ['go.mod'], removed: [] }],
  },
  headers: { 'X-Github-Event': ['pull_request'] },
};
const argocd = { app: 'guestbook', status: 'Degraded', health: { status: 'Degraded', message: 'Deployment exceeded its progress deadline' }, ts: 1714557600, durationSeconds: 12.75, retries: 0 };
const k8s = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-7d9f', namespace: 'default', labels: { app: 'web', tier: 'frontend' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] }, status: { phase: 'Running', containerStatuses: [{ ready: true, restartCount: 3 }] } };
const misc = { a: 'b', n: 3, f: 2.5, neg: -7, big: 12345678901234, s: '  Mixed Case 123  ', csv: 'a,b, c', empty: '', list: [3, 1, 2, 1], words: ['b', 'a', 'C'], mixed: [1, 'two', true, null, [5], { k: 'v' }], nested: { deep: { x: 1 } }, flag: true, nul: null, b64: 'aGVsbG8=', date: '2024-05-01T10:00:00Z' };
const PAYLOADS: unknown[] = [alertmanager, github, argocd, k8s, misc];

const PROGRAMS: string[] = [
  '.', '.body', '.body.message', '.body.message *= 2', '.body.message |= ascii_upcase', '.body.x = 1', '.a?', '.body?.action', '.["body"]', '.body["action"]',
  '.body.alerts[0]', '.body.alerts[-1]', '.body.alerts[]', '.body.alerts[].labels.slo', '[.body.alerts[].labels.slo]', '.body.alerts[1:]', '.body.alerts[:1]', '.list[1:3]', '.s[2:6]', '.list[-2:]',
  '.body.alerts | length', '.body | keys', '.body | has("alerts")', '.list | map(. * 2)', '.list | map(select(. > 1))', '[.list[] | select(. != 1)]', '.list | add', '.words | add', '.list | sort', '.words | sort',
  '.list | unique', '.list | min, max', '.list | reverse', '.list | any(. > 2)', '.list | all(. > 0)', '[.list[] | . > 1] | any', '.list | contains([1])', '[1] | inside(.list)? // "no"', '.list | index(1)', '.list | indices(1)',
  '.body.alerts | sort_by(.labels.severity) | map(.fingerprint)', '.body.alerts | group_by(.status) | map(length)', '.body.alerts | unique_by(.labels.alertname) | length', '.body.alerts | min_by(.startsAt) | .fingerprint', '.body.alerts | max_by(.startsAt) | .fingerprint',
  '{status: .body.status, count: (.body.alerts | length)}', '{a, n}', '{(.a): .n}', '{"k\\(.n)": .f}', '{$__loc__}', '{a: 1} + {b: 2}', '{a: {b: 1}} * {a: {c: 2}}', '. as $d | {name: $d.app}', '{app, status, ts}', '{x: .list[]}',
  '"\\(.a)-\\(.n)"', '"n=\\(.n) f=\\(.f) l=\\(.list)"', '@base64 "\\(.a)"', '.a | @base64', '.b64 | @base64d', '.s | @uri', '.list | @csv', '.words | @tsv', '.s | @html', '.words | @sh', '. | @json', '.n | @text',
  '.n + 1', '.n - .f', '.n * .f', '.n / 2', '.n % 2', '-.n', '.neg % 3', '.f * 1000 | floor', '.n | sqrt', '10 / 3', '1 / 3 * 3', '.big * 1000', '.big + 0.5', '1e1000', '.n / 0', '.n % 0',
  '.n == 3', '.n != 3', '.n < .f', '"a" < "b"', '[] < {}', 'null < false', '.flag and .n > 1', '.flag or error("x")', '.nul // "default"', '.missing // .a', 'false // false', '(.list[] | select(. > 5)) // "none"', '.flag | not',
  'if .n > 2 then "big" else "small" end', 'if .n > 5 then "a" elif .n > 2 then "b" else "c" end', 'if .nul then 1 end', 'try error("boom") catch .', 'try (1/0) catch "div"', '.a | try tonumber catch "nan"', '[.mixed[] | tonumber?]', 'error("x")', 'error({a: 1})', 'try error({a: 1}) catch .a',
  'reduce .list[] as $x (0; . + $x)', 'reduce .list[] as $x ({}; .[$x | tostring] += 1)', '[foreach .list[] as $x (0; . + $x)]', '[foreach .list[] as $x (0; . + $x; [$x, .])]', '.list as [$a, $b] | $a + $b', '.body.alerts[0] as {labels: {slo: $s}, $status} | [$s, $status]', '. as {a: $x} | $x',
  'def double: . * 2; .list | map(double)', 'def f(x): x + 1; f(.n)', 'def f($a; $b): $a * $b; f(.n; .f)', 'def fac: if . <= 1 then 1 else . * (. - 1 | fac) end; 10 | fac', '[.. | numbers]', '[.. | strings] | length', '[paths] | length', '[paths(type == "number")]', '[leaf_paths] | length',
  'to_entries', 'to_entries | from_entries', 'with_entries(.value |= tostring)', 'with_entries(select(.key | startswith("n")))', '.nested | to_entries[0]', '[{name: "a", value: 1}, {k: "b", v: 2}] | from_entries', 'del(.list)', 'del(.list[0, 2])', 'del(.. | nulls)', 'delpaths([["a"], ["n"]])',
  'getpath(["nested", "deep", "x"])', 'setpath(["nested", "new"]; 1) | .nested', 'path(.a)', '[path(..)] | length', 'paths(type == "boolean")', 'to_entries | map(.key) | join(",")', 'map_values(type)', '.list | map_values(. + 1)', '.nested | walk(if type == "number" then . + 1 else . end)',
  '.s | ltrimstr("  ")', '.s | rtrimstr("  ")', '.s | trim', '.s | ascii_downcase', '.s | ascii_upcase', '.s | length', '.csv | split(",")', '.csv | split(", *"; null)', '[.csv | splits(", *")]', '.words | join("-")', '.list | join(",")', '.mixed | join(",")', '.s | test("case"; "i")', '.s | test("^\\\\s")',
  '.s | [match("\\\\d+").string]', '.s | match("(?<word>[A-Z]\\\\w+)") | .captures[0].name', '.s | capture("(?<first>[A-Z])\\\\w+ (?<second>\\\\w+)")', '.s | sub("\\\\s+"; "")', '.s | gsub("\\\\s+"; "_")', '.s | gsub("(?<d>\\\\d)"; "<\\(.d)>")', '.s | [scan("[a-z]+")]', '.a | startswith("b")', '.a | endswith("x")', '.s | explode | implode',
  '.a | tojson', '.list | tojson', '"[1,2]" | fromjson', '.n | tostring', '.list | tostring', '"42" | tonumber', '.n | type', '.mixed | map(type)', '[.mixed[] | length?]', '.mixed | flatten', '[[1,[2]],3] | flatten(1)', '.list | [limit(2; .[])]', '[first(.list[]), last(.list[])]', '.list | first, last', '.list | nth(1)',
  '[range(5)]', '[range(1; 4)]', '[range(0; 10; 3)]', '[range(5; 0; -2)]', '.date | fromdate', '.ts | todate', '.date | fromdate | todate', 'now | type', '[.list[] | tostring] | join("|")', 'input', 'env', '$ENV', 'keys_unsorted', '.list | until(length < 2; .[1:])', '[1 | while(. < 20; . * 2)]', '[limit(5; repeat(1))]',
  '.list | isempty(.[])', 'isempty(empty)', '[.list[] | select(. == 1)] | length', 'any(.list[]; . > 2)', 'all(.list[]; . > 0)', '.list | [.[] | in([0, 1])]?', '"abc" | .[1:]', '"abc" * 2', '"abc" * 0', '[1, 2] - [2]', '{} | .a.b.c = 1', '.list[10] = 1 | .list | length', '.nested.deep.x += 10', '.nested.deep.y //= 5',
  '.body.alerts | map({name: .labels.alertname, severity: .labels.severity})', '.body.alerts[] | select(.status == "firing") | .labels', '{alerts: [.body.alerts[] | select(.labels.severity == "critical") | .fingerprint]}', '.body.commits | map(.added + .modified) | flatten | unique',
  '.body.pull_request.labels | map(.name) | index("urgent")', '.body.pull_request | {title, merged, size: (.additions + .deletions)}', '.headers["X-Github-Event"][0]', '.body.ref | ltrimstr("refs/heads/")', '.body.repository.full_name | split("/") | {owner: .[0], repo: .[1]}',
  '.metadata.labels | to_entries | map("\\(.key)=\\(.value)") | join(",")', '.spec.containers[] | {name, image}', '.status.containerStatuses | map(.restartCount) | add', '{kind, name: .metadata.name} | @base64 "\\(tojson)"',
  '.health.message | test("deadline")', '{app, ms: (.ts * 1000), d: (.durationSeconds | floor)}', '.ts | . + 3600 | todate', '.body | .. | objects | select(has("status")) | .status', '[.. | scalars] | length',
  '.[', '.a |', '{a:}', 'if . then 1', '.a b', '[.[] | ]', 'foo(1)', '$undefined', '.a as $x', '"unterminated', '1 +', 'reduce . as $x', '@unknown', '.a.[0]', '. as [$a] ?// $a | $a', 'label $out | 1, break $out, 2', 'first(range(10; 0; -1))', '[.[]?]', '..|..', 'tostream', '[splits("a")]', 'ltrimstr(1)', 'abs', 'toarray', 'pick(.a)', '[combinations] | length', 'transpose', 'getpath(["a", "b"])', 'implode', '@base32', 'significand', 'ascii', 'add(.list[])',
];

const KEYS = ['a', 'b', 'name', 'status', 'count', 'value', 'items', 'x'];
const STRINGS = ['', 'a', 'firing', 'Hello World', '123', '1.5', 'x-y_z', ' spaced ', 'ümlaut', 'a,b,c'];
const NUMBERS = [0, 1, -1, 2, 3, 10, 0.5, 1.5, -2.25, 100, 1e6, 0.1, 1e21, 9007199254740993];

function randomValue(r: Random, depth: number): unknown {
  switch (r.int(depth > 2 ? 4 : 7)) {
    case 0: return r.pick(NUMBERS);
    case 1: return r.pick(STRINGS);
    case 2: return r.bool();
    case 3: return null;
    case 4:
    case 5: return randomObject(r, depth + 1);
    default: return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
  }
}
function randomObject(r: Random, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < 1 + r.int(4); i++) out[r.pick(KEYS)] = randomValue(r, depth);
  return out;
}

function randomProgram(r: Random, depth: number): string {
  const path = (): string => {
    let p = '';
    for (let i = 0; i < 1 + r.int(3); i++) p += r.pick([`.${r.pick(KEYS)}`, `.${r.pick(KEYS)}?`, '[]?', `[${r.int(3)}]`, `["${r.pick(KEYS)}"]`]);
    return p.startsWith('.') ? p : '.' + p;
  };
  const lit = (): string => r.pick(['1', '2', '0', '-1', '0.5', '"a"', '"x,y"', 'null', 'true', 'false', '[]', '{}', '[1,2]', '{"a":1}']);
  if (depth > 2 || r.bool(0.25)) return r.bool(0.6) ? path() : lit();
  const a = (): string => randomProgram(r, depth + 1);
  switch (r.int(14)) {
    case 0: return `${a()} | ${a()}`;
    case 1: return `${a()}, ${a()}`;
    case 2: return `(${a()} ${r.pick(['+', '-', '*', '/', '%'])} ${a()})`;
    case 3: return `(${a()} ${r.pick(['==', '!=', '<', '<=', '>', '>='])} ${a()})`;
    case 4: return `(${a()} ${r.pick(['and', 'or', '//'])} ${a()})`;
    case 5: return `[${a()}]`;
    case 6: return `{${r.pick(KEYS)}: ${a()}, (${a()} | tostring): 1}`;
    case 7: return `if ${a()} then ${a()} else ${a()} end`;
    case 8: return `try ${a()} catch "caught"`;
    case 9: return `${path()} ${r.pick(['=', '|=', '+=', '//='])} ${a()}`;
    case 10: return `${a()} | ${r.pick(['length', 'keys', 'type', 'tostring', 'tojson', 'not', 'add', 'sort', 'reverse', 'unique', 'flatten', 'to_entries', 'ascii_downcase', 'floor', 'min', 'max', 'values', 'paths', 'tonumber', '@base64', '@csv', '@html', 'any', 'all', 'length > 1'])}`;
    case 11: return `${a()} | ${r.pick(['has', 'contains', 'startswith', 'split', 'join', 'test', 'ltrimstr', 'index', 'map', 'select', 'map_values', 'sort_by', 'group_by', 'del', 'getpath'])}(${a()})`;
    case 12: return `reduce ${path()} as $v (${lit()}; . + $v)`;
    default: return `"s\\(${a()})e"`;
  }
}

function fixturePrograms(): string[] {
  const out: string[] = [];
  for (const text of sensorFixtureTexts()) {
    for (const m of text.matchAll(/^\s*jq:\s*(["'])(.*)\1\s*$/gm)) out.push(m[1] === '"' ? (JSON.parse(`"${m[2]}"`) as string) : (m[2] ?? '').replace(/''/g, "'"));
  }
  return out;
}

export function cases(): unknown[] {
  const out: { program: string; data: string }[] = [];
  for (const program of [...fixturePrograms(), ...PROGRAMS]) for (const d of PAYLOADS) out.push({ program, data: JSON.stringify(d) });
  const r = new Random(0x6a71);
  for (let i = 0; i < 2000; i++) out.push({ program: randomProgram(r, 0), data: JSON.stringify(randomObject(r, 0)) });
  return out;
}
