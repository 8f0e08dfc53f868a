/**
 * Lua vectors: scripts typical of sensor filters.script and transform.script, run on realistic event data
 * and on random documents, plus random expressions built from Lua's grammar. Sandboxed functions (os, io,
 * load, ...) differ on purpose and are tested separately; scripts whose output depends on pairs() order or
 * on table addresses are left out.
 */
import { sensorFixtureTexts } from '../fixtures.ts';
import { Random } from '../random.ts';

export const engine = 'lua';

const alertmanager = {
  body: {
    version: '4', groupKey: '{}:{alertname="HighLatency"}', status: 'firing', receiver: 'argo-events', truncatedAlerts: 0,
    groupLabels: { alertname: 'HighLatency' }, commonLabels: { alertname: 'HighLatency', severity: 'critical', slo: 'checkout' },
    commonAnnotations: { summary: 'p99 latency above 500ms' }, externalURL: 'http://alertmanager:9093',
    alerts: [
      { status: 'firing', labels: { alertname: 'HighLatency', severity: 'critical', slo: 'checkout', namespace: 'shop' }, annotations: { summary: 'p99 > 500ms', value: '0.734' }, startsAt: '2024-05-01T10:00:00Z', endsAt: '0001-01-01T00:00:00Z', fingerprint: 'a1b2c3' },
      { status: 'resolved', labels: { alertname: 'HighLatency', severity: 'warning', slo: 'search', namespace: 'shop' }, annotations: { summary: 'p99 > 300ms', value: '0.31' }, startsAt: '2024-05-01T09:00:00Z', endsAt: '2024-05-01T09:30:00Z', fingerprint: 'd4e5f6' },
    ],
  },
  headers: { 'Content-Type': ['application/json'] },
};
const github = {
  body: {
    action: 'opened', number: 42, ref: 'refs/heads/main', after: '9f8e7d', forced: false,
    pull_request: { state: 'open', title: 'Fix "quotes" & <tags>', number: 42, merged: false, additions: 120, deletions: 7.5, labels: [{ name: 'bug' }, { name: 'urgent' }], base: { ref: 'main' }, head: { ref: 'feature/x.y' } },
    repository: { name: 'switchyard', full_name: 'acme/switchyard', private: true, stargazers_count: 1234, topics: ['events', 'automation'] },
    sender: { login: 'octocat', id: 583231 },
    commits: [{ id: 'abc', message: 'fix: thing\n\nbody', added: ['a.txt'], modified: [], removed: ['b.txt'] }, { id: 'def', message: 'chore: deps', added: [], modified: ['go.mod'], removed: [] }],
  },
  headers: { 'X-Github-Event': ['pull_request'], 'X-Hub-Signature-256': ['sha256=00'] },
};
const argocd = { app: 'guestbook', status: 'Degraded', health: { status: 'Degraded', message: 'Deployment "guestbook" exceeded its progress deadline' }, sync: { revision: 'e5f6', status: 'OutOfSync' }, ts: 1714557600, durationSeconds: 12.75, retries: 0 };
const k8s = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-7d9f', namespace: 'default', labels: { app: 'web', tier: 'frontend' }, annotations: { 'prometheus.io/scrape': 'true' }, uid: 'u-1', resourceVersion: '123456', creationTimestamp: '2024-05-01T10:00:00Z' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '500m', memory: '128Mi' } } }], nodeName: 'node-1', restartPolicy: 'Always' },
  status: { phase: 'Running', containerStatuses: [{ name: 'web', ready: true, restartCount: 3 }], conditions: [{ type: 'Ready', status: 'True' }] },
};
const backstage = { eventPayload: { entityRef: 'component:default/payments', kind: 'Component', spec: { owner: 'team-a', lifecycle: 'production', system: null }, tags: ['java', 'critical'], score: 0.875 }, topic: 'catalog.entity.updated', originatingEntityRef: null };
const misc = { a: 'b', d: { e: 'z' }, n: 3, f: 2.5, big: 12345678901234, neg: -7, zero: 0, tiny: 0.000012, s: '  Mixed Case 123  ', empty: '', list: [3, 1, 2], mixed: [1, 'two', true, null, [5], { k: 'v' }], nested: { deep: { deeper: { x: 1 } } }, flag: true, nul: null };

const PAYLOADS: Record<string, unknown>[] = [alertmanager, github, argocd, k8s, backstage, misc];

/** Hand-written scripts in the style of real filters and transforms. */
const SCRIPTS: string[] = [
  'return event.body.status == "firing"',
  'return event.body.status ~= "resolved"',
  'if event.body.a == "b" and event.body.d.e == "z" then return true else return false end',
  'if event.a == "b" and event.d.e == "z" then return true else return false end',
  'event.body.message = "updated"\nreturn event',
  'event.processed = true\nreturn event',
  'return event',
  'return {}',
  'return true',
  'return false',
  'return nil',
  'return 1',
  'return "x"',
  'return 1, 2',
  'return event.body.commonLabels.severity == "critical" and event.body.commonLabels.slo ~= nil',
  'return #event.body.alerts > 1',
  'return #event.body.alerts',
  'local n = 0\nfor i, a in ipairs(event.body.alerts) do if a.status == "firing" then n = n + 1 end end\nreturn n > 0',
  'local out = {}\nfor i, a in ipairs(event.body.alerts) do out[#out + 1] = a.labels.slo end\nreturn { slos = out }',
  'local out = {}\nfor i, a in ipairs(event.body.alerts) do out[i] = { name = a.labels.alertname, sev = string.upper(a.labels.severity), idx = i } end\nreturn { alerts = out, count = #out }',
  'return { summary = event.body.commonAnnotations.summary, value = tonumber(event.body.alerts[1].annotations.value) * 1000 }',
  'return { v = tonumber(event.body.alerts[1].annotations.value), s = tostring(tonumber(event.body.alerts[2].annotations.value)) }',
  'return string.find(event.body.ref, "main") ~= nil',
  'return string.find(event.body.ref, "refs/heads/", 1, true) == 1',
  'return string.match(event.body.ref, "^refs/heads/(.+)$")',
  'return { branch = string.gsub(event.body.ref, "^refs/heads/", "") }',
  'local b, n = string.gsub(event.body.ref, "/", "-")\nreturn { b = b, n = n }',
  'return string.sub(event.body.after, 1, 3)',
  'return string.sub(event.body.after, -2)',
  'return string.upper(event.body.action) .. ":" .. string.lower("ABC")',
  'return string.format("%s #%d by %s", event.body.action, event.body.number, event.body.sender.login)',
  'return string.format("%5.2f|%d|%s|%x", event.body.pull_request.deletions, event.body.pull_request.additions, event.body.number, event.body.number)',
  'return string.format("%g %g %g", event.body.pull_request.deletions, 1/3, 1e21)',
  'return string.len(event.body.pull_request.title)',
  'return #event.body.pull_request.title',
  'return string.rep("ab", 3, ",")',
  'return string.reverse("abc")',
  'return string.byte("A"), string.char(72, 105)',
  'return { string.byte("hello", 1, 3) }',
  'local labels = {}\nfor _, l in ipairs(event.body.pull_request.labels) do table.insert(labels, l.name) end\nreturn table.concat(labels, ",")',
  'for _, l in ipairs(event.body.pull_request.labels) do if l.name == "urgent" then return true end end\nreturn false',
  'return event.body.pull_request.merged == false and event.body.repository.private',
  'return event.body.repository.stargazers_count >= 1000',
  'return event.body.repository.stargazers_count / 7',
  'return event.body.repository.stargazers_count % 7',
  'return event.body.repository.stargazers_count ^ 2',
  'return -event.body.repository.stargazers_count',
  'return math.floor(event.body.pull_request.deletions), math.ceil(event.body.pull_request.deletions)',
  'return math.max(1, event.body.number, 7), math.min(3, 2.5)',
  'return math.abs(-3.5), math.sqrt(16), math.huge > 1',
  'return tostring(math.floor(10 / 3))',
  'return tostring(10 / 2) .. "|" .. tostring(7 / 2) .. "|" .. tostring(2 ^ 53) .. "|" .. tostring(1e15) .. "|" .. tostring(1e16 * 10)',
  'return tostring(0.1 + 0.2), tostring(1 / 3), tostring(-0.0), tostring(100000 * 100000)',
  'return 3 .. "", 3.5 .. "", 1e300 .. "", 123456789012 .. ""',
  'return tostring(event.body.number) .. "-" .. event.body.number',
  'return event.body.commits[1].message',
  'return #event.body.commits[1].added, #event.body.commits[2].modified',
  'local files = {}\nfor _, c in ipairs(event.body.commits) do for _, f in ipairs(c.added) do files[#files + 1] = f end for _, f in ipairs(c.modified) do files[#files + 1] = f end end\nreturn files',
  'return event.headers["X-Github-Event"][1] == "pull_request"',
  'return event.headers["X-Github-Event"]',
  'return event.body.repository.topics',
  'return { topics = event.body.repository.topics, first = event.body.repository.topics[1], n = #event.body.repository.topics }',
  'return event.status == "Degraded" and event.sync.status == "OutOfSync"',
  'return { app = event.app, msg = event.health.message, ts = event.ts, ms = event.ts * 1000, d = event.durationSeconds }',
  'return event.ts * 1000 + 999',
  'return string.format("%d", event.ts * 1000)',
  'return tostring(event.ts * 1000)',
  'return event.retries == 0',
  'return event.kind == "Pod" and event.metadata.labels.app == "web"',
  'return event.metadata.annotations["prometheus.io/scrape"] == "true"',
  'return event.status.containerStatuses[1].restartCount > 2',
  'return { name = event.metadata.name, ns = event.metadata.namespace, image = event.spec.containers[1].image, port = event.spec.containers[1].ports[1].containerPort }',
  'local img = event.spec.containers[1].image\nlocal name, tag = string.match(img, "([^:]+):(.+)")\nreturn { name = name, tag = tag }',
  'return tonumber(event.metadata.resourceVersion) + 1',
  'return tonumber("0x1F"), tonumber("  12  "), tonumber("1e3"), tonumber("abc"), tonumber("10", 2)',
  'return event.eventPayload.kind == "Component" and event.eventPayload.spec.lifecycle == "production"',
  'return event.eventPayload.spec.system == nil',
  'return event.originatingEntityRef',
  'return { ref = event.eventPayload.entityRef, tags = event.eventPayload.tags, score = event.eventPayload.score * 100 }',
  'local kind, ns, name = string.match(event.eventPayload.entityRef, "(%w+):(%w+)/(.+)")\nreturn { kind = kind, ns = ns, name = name }',
  'return event.mixed',
  'return #event.mixed',
  'return event.mixed[4]',
  'return event.list',
  'local t = event.list\ntable.sort(t)\nreturn t',
  'local t = event.list\ntable.sort(t, function(a, b) return a > b end)\nreturn t',
  'return event.nul == nil, event.missing == nil',
  'return event.nested.deep.deeper.x',
  'return event.nested.missing.x',
  'return event.n + event.f, event.n * event.f, event.n - event.f, event.n / event.f',
  'return event.big, tostring(event.big), event.big * 1000',
  'return tostring(event.tiny), tostring(event.neg), tostring(event.zero)',
  'return string.gsub(event.s, "^%s*(.-)%s*$", "%1")',
  'return (string.gsub(event.s, "%d", "#"))',
  'return (string.gsub(event.s, "%a+", function(w) return string.upper(w) end))',
  'return (string.gsub("hello world", "(%w+)", "<%1>"))',
  'return (string.gsub("hello world", "o", { o = "0" }))',
  'return string.find("hello world", "o w"), string.find("hello", "l+")',
  'return string.find("a.b", ".", 1, true), string.find("a.b", "%.")',
  'return string.match("key=value", "(%w+)=(%w+)")',
  'return string.match("2024-05-01", "(%d+)-(%d+)-(%d+)")',
  'local words = {}\nfor w in string.gmatch("one two three", "%a+") do words[#words + 1] = w end\nreturn words',
  'local parts = {}\nfor p in string.gmatch("a,b,,c", "([^,]*)") do parts[#parts + 1] = p end\nreturn parts',
  'return event.empty == "", #event.empty',
  'return event.flag and "yes" or "no"',
  'return not event.flag',
  'return event.a .. event.d.e',
  'return { event.a, event.n, event.flag }',
  'return { [1] = "a", [3] = "c" }',
  'return { [2] = "b" }',
  'return { 1, 2, nil, 4 }',
  'return { a = { b = { c = { 1, 2, { d = "e" } } } } }',
  'return { x = 1.5, y = -0.25, z = 1e-7, w = 2 ^ 60 }',
  'return { [1.5] = "x", [-1] = "y", [0] = "z" }',
  'return { [true] = 1 }',
  'local t = { a = 1 }\nt.a = nil\nreturn t',
  'local t = { 1, 2, 3 }\nt[3] = nil\nreturn t',
  'local t = {}\nt[100] = 1\nreturn #t',
  'local t = { 10, 20, 30 }\ntable.remove(t, 1)\nreturn t',
  'local t = { 10, 20, 30 }\ntable.insert(t, 2, 15)\nreturn t',
  'return table.concat({ 1, 2, 3 }, "-")',
  'return table.concat({ 1.5, "x", 3 })',
  'return select("#", 1, 2, 3), select(2, "a", "b", "c")',
  'return unpack({ 1, 2, 3 })',
  'return type(event), type(event.a), type(event.n), type(event.flag), type(event.nul), type(print)',
  'local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\nreturn fib(15)',
  'local s = ""\nfor i = 1, 10 do s = s .. i .. "," end\nreturn s',
  'local s = 0\nfor i = 10, 1, -2 do s = s + i end\nreturn s',
  'local s = 0\nfor i = 0, 1, 0.25 do s = s + i end\nreturn s',
  'local i = 0\nwhile i < 5 do i = i + 1 end\nreturn i',
  'local i = 0\nrepeat i = i + 2 until i >= 7\nreturn i',
  'local ok, err = pcall(function() error("boom") end)\nreturn ok',
  'local ok, v = pcall(function() return 42 end)\nreturn { ok = ok, v = v }',
  'error("rejected")',
  'return event.nested.missing.x.y',
  'return nil + 1',
  'return "a" < 1',
  'return #nil',
  'return ("x"):rep(3)',
  'local s = event.a\nreturn s:upper(), s:len()',
  'return 10 == 10.0, "10" == 10, 1 < 2, "a" < "b", "Z" < "a"',
  'return 7 % 3, -7 % 3, 7 % -3, 5.5 % 2',
  'return 2 ^ 0.5, 10 / 0, -10 / 0',
  'return tostring(1/0), tostring(-1/0)',
  'return math.floor(-3.5), math.ceil(-3.5), math.fmod(7, 3), math.fmod(-7, 3)',
  'return math.pi',
  'return math.pow(2, 10), math.log10(1000), math.exp(0), math.log(1)',
  'return string.format("%q", "line\\nbreak")',
  'return string.format("%s %s %s", nil, true, 1.0)',
  'return string.format("%5s|%-5s|%.2s", "ab", "ab", "abcdef")',
  'return string.format("%03d|%+d|% d", 7, 7, 7)',
  'return string.format("%e|%E|%.3e", 12345.678, 0.00012, 1)',
  'return string.format("%o|%X|%#x", 8, 255, 255)',
  'return string.format("%c%c%c", 76, 117, 97)',
  'return string.format("%d", "12")',
  'return string.format("%d %d", 1)',
  'return string.format("%.3f", 2/3)',
  'return string.format("%10.4f|", math.pi)',
  'return string.format("%g|%g|%g|%g", 100000, 1000000, 1e-5, 0.0001)',
  'return string.format("%s", 1e15), string.format("%s", 2^63)',
  'return tostring(true) .. tostring(nil)',
  'return tonumber(true)',
  'return #"héllo"',
  'return string.upper("héllo")',
  'return string.sub("héllo", 2, 3) == "\\195\\169"',
  'local t = setmetatable({}, { __index = function(t, k) return k .. "!" end })\nreturn t.x',
  'local t = setmetatable({}, { __tostring = function() return "T" end })\nreturn tostring(t)',
  'local mt = { __add = function(a, b) return a.v + b.v end }\nlocal a = setmetatable({ v = 1 }, mt)\nlocal b = setmetatable({ v = 2 }, mt)\nreturn a + b',
  'local co = coroutine.create(function(a) local b = coroutine.yield(a + 1) return b * 2 end)\nlocal _, x = coroutine.resume(co, 1)\nlocal _, y = coroutine.resume(co, 10)\nreturn { x, y }',
  'local keys = {}\nfor k in pairs(event) do keys[#keys + 1] = k end\ntable.sort(keys)\nreturn keys',
  'local n = 0\nfor k, v in pairs(event) do n = n + 1 end\nreturn n',
  'local out = {}\nfor k, v in pairs(event) do if type(v) == "string" then out[k] = string.upper(v) end end\nreturn out',
  'local out = {}\nfor k, v in pairs(event) do if type(v) == "number" then out[k] = v * 2 end end\nreturn out',
  'local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end\nreturn count(event)',
  'local function depth(t) local m = 0 for _, v in pairs(t) do if type(v) == "table" then local d = depth(v) if d > m then m = d end end end return m + 1 end\nreturn depth(event)',
  'local r = {}\nfor k, v in pairs(event) do r[k] = type(v) end\nreturn r',
  'local r = {}\nfor k, v in pairs(event) do if type(v) == "table" then r[k] = #v end end\nreturn r',
  'event.extra = { added = true, n = 1 }\nreturn event',
  'local e = event\ne.a = nil\nreturn e',
  'x = 5\nreturn x',
  'return _VERSION',
  'local a <const> = 1 return a',
  'return 1 +',
  'return "unterminated',
  'if true then',
  'return 0x10, 1e2, .5',
  'return [[long\nstring]]',
  '-- a comment\nreturn --[[ inline ]] 1',
  'return #arg',
  'goto done\n::done::\nreturn 1',
  'return { string.gsub("abc", "%w*", "x") }',
  'return { string.gsub("a,b,,c", "[^,]*", "<%0>") }',
  'return { string.gsub("hello world", "(o)", "[%1%1]", 1) }',
  'return { string.gsub("abc", "^a", "X") }',
  'return { string.gsub("abc", "", "-") }',
  'return { string.gsub("a b c", "%s", "%%") }',
  'return { string.gsub("$name is $age", "%$(%w+)", { name = "Bob", age = 42 }) }',
  'return { string.gsub("x=1, y=2", "(%w+)=(%w+)", "%2=%1") }',
  'return { string.gsub("abc", ".", { a = 1, b = true }) }',
  'return select("#", string.match("abc", "x")), select("#", string.find("abc", "x"))',
  'return { tonumber("1e3"), tonumber(" 0x10 "), tonumber("10", 16), tonumber("1.5e2"), tonumber("ff", 16), tonumber("-12"), tonumber("+5"), tonumber("9223372036854775808"), tonumber("1.") }',
  'local r = {} for a, b in string.gmatch("k1=v1;k2=v2", "(%w+)=(%w+)") do r[a] = b end return r',
  'local r = {} for w in string.gmatch("one  two", "%a*") do r[#r + 1] = w end return r',
  'return string.lower("ÀÉÎ"), string.upper("straße")',
  'return string.format("%s|%v|%q", true, false, nil)',
  'return string.format("%d", true)',
  'return string.format("%*d", 5, 3)',
  'return string.format("%d %s", 1, 2, 3)',
];

const JSON_KEYS = ['a', 'b', 'name', 'status', 'count', 'value', 'items', 'labels', 'x', 'y'];
const JSON_STRINGS = ['', 'a', 'firing', 'Hello World', '123', '1.5', 'true', 'x-y_z', ' spaced ', 'ümlaut', 'refs/heads/main'];
const JSON_NUMBERS = [0, 1, -1, 2, 3, 7, 10, 42, 0.5, 1.5, -2.25, 100, 1e6, 1234567, 0.1, 3.14159, 1e21, 1e-7, 9007199254740993, 2147483648, -0];

function randomValue(r: Random, depth: number): unknown {
  const k = r.int(depth > 2 ? 4 : 7);
  switch (k) {
    case 0:
      return r.pick(JSON_NUMBERS);
    case 1:
      return r.pick(JSON_STRINGS);
    case 2:
      return r.bool();
    case 3:
      return r.bool(0.3) ? null : r.int(1000) / (r.bool() ? 1 : 8);
    case 4:
    case 5:
      return randomObject(r, depth + 1);
    default: {
      const n = r.int(5);
      return Array.from({ length: n }, () => randomValue(r, depth + 1));
    }
  }
}

function randomObject(r: Random, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const n = 1 + r.int(4);
  for (let i = 0; i < n; i++) out[r.pick(JSON_KEYS)] = randomValue(r, depth);
  return out;
}

/** Random expressions over the document's fields (and missing ones). */
function randomExpr(r: Random, doc: Record<string, unknown>, depth: number): string {
  const field = (): string => {
    let path = 'event';
    let cur: unknown = doc;
    for (let i = 0; i < 1 + r.int(3); i++) {
      if (cur !== null && typeof cur === 'object' && !Array.isArray(cur) && r.bool(0.85)) {
        const keys = Object.keys(cur);
        const key = keys.length > 0 && r.bool(0.9) ? r.pick(keys) : r.pick(JSON_KEYS);
        path += r.bool(0.8) ? `.${key}` : `["${key}"]`;
        cur = (cur as Record<string, unknown>)[key];
      } else if (Array.isArray(cur)) {
        const idx = 1 + r.int(Math.max(1, cur.length + 1));
        path += `[${idx}]`;
        cur = cur[idx - 1];
      } else break;
    }
    return path;
  };
  /** A field whose value is not a table, so tostring() of it never shows a table address. */
  const scalar = (): string => {
    for (let i = 0; i < 5; i++) {
      const f = field();
      let cur: unknown = doc;
      for (const m of f.slice('event'.length).matchAll(/\.(\w+)|\["([^"]+)"\]|\[(\d+)\]/g)) {
        if (cur === null || typeof cur !== 'object') {
          cur = undefined;
          break;
        }
        cur = m[3] !== undefined ? (cur as unknown[])[Number(m[3]) - 1] : (cur as Record<string, unknown>)[m[1] ?? m[2] ?? ''];
      }
      if (cur === null || typeof cur !== 'object') return f;
    }
    return literal();
  };
  const literal = (): string => r.pick(['0', '1', '2', '10', '0.5', '-3', '1e3', '"a"', '"firing"', '"123"', 'true', 'false', 'nil', '""']);
  if (depth > 2 || r.bool(0.3)) return r.bool(0.6) ? field() : literal();
  const a = (): string => randomExpr(r, doc, depth + 1);
  switch (r.int(12)) {
    case 0:
      return `(${a()} ${r.pick(['==', '~=', '<', '<=', '>', '>='])} ${a()})`;
    case 1:
      return `(${a()} ${r.pick(['and', 'or'])} ${a()})`;
    case 2:
      return `(not ${a()})`;
    case 3:
      return `(${a()} ${r.pick(['+', '-', '*', '/', '%', '^'])} ${a()})`;
    case 4:
      return `(${a()} .. ${r.bool() ? scalar() : literal()})`;
    case 5:
      return `#${field()}`;
    case 6:
      return `tostring(${r.bool() ? scalar() : literal()})`;
    case 7:
      return `tonumber(${a()})`;
    case 8:
      return `type(${a()})`;
    case 9:
      return `string.${r.pick(['upper', 'lower', 'len', 'reverse'])}(${r.bool() ? scalar() : literal()})`;
    case 10:
      return `string.${r.pick(['find', 'match'])}(tostring(${a()}), "${r.pick(['a', '%d+', '^f', 'i.', '%s', '(%w+)'])}")`;
    default:
      return `{ k = ${a()}, l = { ${a()}, ${a()} } }`;
  }
}

function fixtureScripts(): string[] {
  const out: string[] = [];
  for (const text of sensorFixtureTexts()) {
    for (const m of text.matchAll(/\bscript: \|-?\n((?:[ \t]+.*\n?)+)/g)) {
      const lines = (m[1] ?? '').split('\n').filter((l) => l.trim() !== '');
      const indent = Math.min(...lines.map((l) => l.match(/^\s*/)?.[0].length ?? 0));
      out.push(lines.map((l) => l.slice(indent)).join('\n'));
    }
  }
  return out;
}

export function cases(): unknown[] {
  const out: { script: string; data: string }[] = [];
  const r = new Random(0x1ea);
  const scripts = [...fixtureScripts(), ...SCRIPTS];
  for (const script of scripts) {
    for (const payload of PAYLOADS) out.push({ script, data: JSON.stringify(payload) });
  }
  for (let i = 0; i < 1500; i++) {
    const doc = randomObject(r, 0);
    const script = r.bool(0.7) ? `return ${randomExpr(r, doc, 0)}` : `local v = ${randomExpr(r, doc, 0)}\nreturn { result = v, kind = type(v) }`;
    out.push({ script, data: JSON.stringify(doc) });
  }
  for (let i = 0; i < 300; i++) {
    const doc = randomObject(r, 0);
    out.push({ script: r.pick(SCRIPTS.slice(-40)), data: JSON.stringify(doc) });
  }
  return out;
}
