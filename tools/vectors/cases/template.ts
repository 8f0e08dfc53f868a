/**
 * Cases for the `template` engine: Go text/template with sprig, as Argo Events runs dataTemplate,
 * contextTemplate and the data filter's template. Input: {template, data (JSON text), wrap, name}.
 * The oracle answers the executed text, or an error prefixed "parse: " or "exec: ".
 *
 * Groups: the real templates of ../shared/fixtures on realistic payloads; hand-written grammar cases;
 * printf with every verb and flag on every value type; every deterministic sprig function with typical
 * and edge arguments; and seeded random templates built from the grammar (valid and invalid).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Random } from '../random.ts';

export const engine = 'template';

export interface TemplateInput {
  template: string;
  data?: string;
  wrap?: boolean;
  name?: string;
}

const FIXTURES = join(import.meta.dirname, '../../../../shared/fixtures');

// ---- payloads ----

const ALERTMANAGER = {
  body: {
    receiver: 'argo-events', status: 'firing', version: '4', groupKey: '{}:{alertname="HighLatency"}', truncatedAlerts: 0,
    alerts: [
      { status: 'firing', labels: { alertname: 'HighLatency', severity: 'critical', namespace: 'payments', slo: 'latency-p99' },
        annotations: { summary: 'p99 latency above 2s', description: 'Service "checkout" is slow' }, startsAt: '2024-05-01T10:00:00.123Z', endsAt: '0001-01-01T00:00:00Z', fingerprint: 'a1b2c3' },
      { status: 'resolved', labels: { alertname: 'Watchdog', severity: 'none' }, annotations: {}, startsAt: '2024-05-01T09:00:00Z', endsAt: '2024-05-01T09:30:00Z', fingerprint: 'ffff' },
    ],
    groupLabels: { alertname: 'HighLatency' }, commonLabels: { severity: 'critical' }, commonAnnotations: {}, externalURL: 'http://alertmanager:9093',
  },
  headers: { 'Content-Type': ['application/json'] },
};
const ARGOCD = {
  body: { app: 'checkout', status: 'Synced', health: 'Degraded', revision: '9f8e7d6c5b4a3210', replicas: 3, ratio: 0.75, syncedAt: '2024-05-01T10:05:00Z', healthy: false, message: null, tags: ['prod', 'eu'] },
};
const BACKSTAGE = {
  body: { kind: 'Component', metadata: { name: 'payments-api', namespace: 'default', annotations: { 'backstage.io/techdocs-ref': 'dir:.' }, tags: ['java', 'grpc'] },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:team-payments', system: 'payments', providesApis: ['payments-grpc'] } },
};
const K8S = {
  type: 'ADD',
  body: { apiVersion: 'resourcemanager.example.io/v1alpha1', kind: 'Organization', metadata: { name: 'acme', uid: '5e0c8e1b-1f8e-4b5a-9d1e-2c3f4a5b6c7d', creationTimestamp: '2024-05-01T10:00:00Z', labels: { tier: 'gold' },
    annotations: { 'kubernetes.io/display-name': 'Acme Corp ü' } }, spec: { type: 'Standard' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
};
const GITHUB = {
  body: { action: 'opened', number: 42, pull_request: { number: 42, title: 'Fix "quotes" & <tags>', state: 'open', head: { ref: 'feature/x', sha: '9f8e7d6c5b4a39281706' }, base: { ref: 'main' }, user: { login: 'octocat' } },
    repository: { full_name: 'acme/widgets', private: false, stargazers_count: 1200 }, message: 'hello argo events', name: 'Jane Doe Smith' },
  headers: { 'X-Github-Event': ['pull_request'] }, subject: 'new order placed',
};
const PAYLOADS = [ALERTMANAGER, ARGOCD, BACKSTAGE, K8S, GITHUB, {}];

/** The document most generated templates run on: every JSON type, edge values, unicode. */
const DOC = {
  a: 1, b: 'str', c: [1, 2, 3], d: { x: true, y: null, z: 'zz' }, e: 2.5, s: 'héllo wörld', n: null, z: 0, emp: '', arr: [], obj: {},
  big: 1e21, neg: -7, t: true, f: false, ss: ['b', 'a', 'c', 'a'], nested: [{ k: 'v1', n: 1 }, { k: 'v2', n: 2 }], num: '42', fl: '3.75',
  date: '2024-05-01T10:05:00Z', json: '{"k":[1,2]}', html: '<a href="x">&\'</a>', url: 'https://u:p@example.com:8080/p/a th?q=1&r=a+b#frag',
  ver: '1.2.3-beta.1+build', mixed: [1, 'two', null, true, 2.5, { k: 1 }], emoji: '👍🏽 ok', ws: '  \t spaced \n ',
};

// ---- fixture templates ----

function fixtureTemplates(): string[] {
  if (!existsSync(FIXTURES)) return [];
  const found = new Set<string>();
  const visit = (v: unknown, parent: string): void => {
    if (Array.isArray(v)) for (const x of v) visit(x, parent);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const isTemplate = k === 'dataTemplate' || k === 'contextTemplate' || (k === 'template' && parent === 'data');
        if (isTemplate && typeof x === 'string') found.add(x);
        visit(x, k);
      }
    }
  };
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) {
        try {
          for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) visit(doc.toJS(), '');
        } catch {
          // Helm-templated or otherwise invalid YAML holds no Argo templates we can use.
        }
      }
    }
  };
  walk(FIXTURES);
  return [...found];
}

// ---- hand-written grammar cases ----

const GRAMMAR: string[] = [
  '', 'plain text', '{{/* comment */}}x', '{{- /* trimmed */ -}} x ', 'a {{- 1 -}} b', 'a {{- 1}} b', 'a {{1 -}} b', 'a\n\t{{- "x" }}\n\tb',
  '{{.}}', '{{ . }}', '{{.a}}', '{{.d.x}}', '{{.d.y}}', '{{.d.missing}}', '{{.missing.deeper}}', '{{.n.x}}', '{{.a.x}}', '{{.c.x}}', '{{$}}', '{{$.a}}',
  '{{ $x := 1 }}{{ $x }}', '{{ $x := .a }}{{ $x = "s" }}{{ $x }}', '{{ $y }}', '{{ $x = 1 }}', '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}',
  '{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}', '{{ $a, $b := 1 }}', '{{ $a := 1 | printf "%d" }}{{ $a }}',
  '{{ if .a }}yes{{ end }}', '{{ if .z }}yes{{ else }}no{{ end }}', '{{ if .z }}1{{ else if .emp }}2{{ else if .b }}3{{ end }}', '{{ if .arr }}1{{ else }}0{{ end }}',
  '{{ if .obj }}1{{ else }}0{{ end }}', '{{ if .n }}1{{ else }}0{{ end }}', '{{ if .missing }}1{{ else }}0{{ end }}', '{{ if .f }}1{{ else }}0{{ end }}',
  '{{ if 0.0 }}1{{ else }}0{{ end }}', '{{ if "" }}1{{ else }}0{{ end }}', '{{ if nil }}1{{ end }}', '{{ if }}{{ end }}', '{{ if 1 }}', '{{ end }}', '{{ else }}',
  '{{ range .c }}{{ . }},{{ end }}', '{{ range $i, $v := .c }}{{ $i }}={{ $v }};{{ end }}', '{{ range $k, $v := .d }}{{ $k }}={{ $v }};{{ end }}',
  '{{ range .arr }}x{{ else }}empty{{ end }}', '{{ range .missing }}x{{ else }}none{{ end }}', '{{ range .n }}x{{ else }}nil{{ end }}', '{{ range .a }}x{{ end }}',
  '{{ range .b }}x{{ end }}', '{{ range 4 }}{{ . }}{{ end }}', '{{ range $i := 3 }}{{ $i }}{{ end }}', '{{ range $i, $j := 3 }}{{ end }}', '{{ range -2 }}x{{ else }}neg{{ end }}',
  '{{ range .c }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}', '{{ range .c }}{{ if eq . 2.0 }}{{ continue }}{{ end }}{{ . }}{{ end }}',
  '{{ break }}', '{{ continue }}', '{{ range .ss }}{{ $.a }}{{ . }}{{ end }}', '{{ range $i, $e := .nested }}{{ $i }}:{{ $e.k }}/{{ .n }} {{ end }}',
  '{{ range $v := .c }}{{ $v }}{{ end }}', '{{ $i := 9 }}{{ range $i = .c }}{{ end }}{{ $i }}', '{{ $k := 0 }}{{ $v := 0 }}{{ range $k, $v = .d }}{{ end }}{{ $k }}={{ $v }}',
  '{{ range .obj }}x{{ else }}emptymap{{ end }}', '{{ range .s }}{{ end }}', '{{ range .t }}{{ end }}', '{{ range 2.5 }}{{ end }}',
  '{{ with .d }}{{ .z }}{{ end }}', '{{ with .missing }}x{{ else }}none{{ end }}', '{{ with .z }}x{{ else with .b }}{{ . }}{{ end }}', '{{ with $x := .d }}{{ $x.z }}{{ end }}',
  '{{ with .emp }}x{{ else }}{{ . }}{{ end }}', '{{ with .c }}{{ len . }}{{ end }}',
  '{{ define "T" }}[{{ . }}]{{ end }}{{ template "T" .a }}', '{{ define "T" }}[{{ . }}]{{ end }}{{ template "T" }}', '{{ template "nope" }}',
  '{{ block "B" .d }}{{ .z }}{{ end }}', '{{ define "B" }}over{{ end }}{{ block "B" . }}dflt{{ end }}', '{{ define "R" }}{{ if . }}{{ . }}{{ template "R" (sub . 1) }}{{ end }}{{ end }}{{ template "R" 5 }}',
  '{{ define "T" }}{{ $.a }}{{ end }}{{ template "T" .d }}', '{{ define "T" }}x{{ end }}{{ define "T" }}y{{ end }}{{ template "T" }}', '{{ define "T" }}{{ end }}',
  '{{ template "T" }}{{ define "T" }}late{{ end }}', '{{ define "a" }}{{ template "b" }}{{ end }}{{ define "b" }}B{{ end }}{{ template "a" }}', '{{ template .a }}',
  '{{ define "R" }}{{ template "R" }}{{ end }}{{ template "R" }}',
  '{{ ( .a ) }}', '{{ (.d).z }}', '{{ (.d).missing.x }}', '{{ ("s").x }}', '{{ (1).x }}', '{{ (nil).x }}', '{{ (.n).x }}', '{{ .d.z | printf "%s!" }}', '{{ "a" | printf "%s%s" "b" }}',
  '{{ 1 | 2 }}', '{{ . | .a }}', '{{ .a 1 }}', '{{ .d.z 1 }}', '{{ $ 1 }}', '{{ "x" 1 }}', '{{ nil }}', '{{ print nil }}', '{{ true }}{{ false }}',
  '{{ 1 }} {{ -1 }} {{ +1 }} {{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }} {{ 1e3 }} {{ 1.5e-3 }} {{ .5 }} {{ 1. }} {{ 0x1p4 }}',
  "{{ 'a' }} {{ '\\n' }} {{ 'é' }} {{ '\\x41' }} {{ '\\u00e9' }} {{ '\\'' }}", '{{ 1i }}', '{{ 2+3i }}', '{{ 1e400 }}', '{{ 9223372036854775807 }}', '{{ 9223372036854775808 }}',
  '{{ -9223372036854775808 }}', '{{ 18446744073709551615 }}', '{{ 0x }}', '{{ 1.2.3 }}', '{{ 08 }}', '{{ 1__0 }}', "{{ 'ab' }}", "{{ '' }}",
  '{{ "a\\tb\\u00e9\\x41\\101" }}', '{{ `raw\\n` }}', '{{ "unterminated }}', '{{ `unterminated }}', '{{ "\\q" }}', '{{ "line\nbreak" }}',
  '{{ .a }', '{{ .a', '{{', '}}', '{{}}', '{{ }}', '{{ | }}', '{{ .a | }}', '{{ | .a }}', '{{ .a | | .b }}', '{{ ( }}', '{{ ) }}', '{{ (.a }}', '{{ .a) }}',
  '{{ $ := 1 }}', '{{ $x := }}', '{{ := 1 }}', '{{ $x.y := 1 }}', '{{ .a := 1 }}', '{{ nope }}', '{{ nope 1 }}', '{{ .a.b.c.d.e }}', '{{ .d. }}', '{{ ..a }}', '{{ .1 }}',
  '{{ define }}', '{{ define "x" }}', '{{ define x }}{{ end }}', '{{ template }}', '{{ template x }}', '{{ block "x" }}', '{{ with }}{{ end }}', '{{ range }}{{ end }}',
  '{{ if 1 }}{{ else }}{{ else }}{{ end }}', '{{ if 1 }}{{ end }}{{ end }}', '{{ range .c }}{{ else if 1 }}{{ end }}', '{{ if 1 }}{{ break }}{{ end }}',
  '{{ range .c }}{{ break 1 }}{{ end }}', '{{/* unclosed }}', '{{/*x*/ 1 }}', '{{ /* spaced */ }}', '{{- 1}}', '{{-1}}', '{{1-}}', '{{ 1 -}}\n\n  x',
  '{{ "a" "b" }}', '{{ .a .b }}', '{{ and }}', '{{ eq }}', '{{ len }}', '{{ len 1 2 }}', '{{ printf }}', '{{ index }}', '{{ not }}', '{{ not 1 2 }}',
  '{{ .ss | len }}', '{{ $x := .d }}{{ $x.x }}{{ $x.y }}{{ $x.z }}', '{{ $.d.z }}', '{{ with .nested }}{{ range . }}{{ .k }}{{ end }}{{ end }}',
  '{{ range .c -}} {{ . }} {{- end }}', '{{ if true -}}\n  x\n{{- end }}', '{{ "\\u00e9\\U0001F600" | len }}', '{{ "x" | html }}{{ "<>" | js }}',
  '{{ call .a }}', '{{ call nil }}', '{{ call "f" }}', '{{ .Method }}', '{{ .d.Method 1 }}',
];

// ---- builtins ----

const LITS = ['0', '1', '-1', '2.5', '0.0', '"a"', '""', '"b"', 'true', 'false', 'nil', '.a', '.e', '.b', '.emp', '.c', '.d', '.arr', '.obj', '.n', '.missing', '.z', '.neg', '.big', "'a'", '.s'];

function builtinCases(): string[] {
  const out: string[] = [];
  for (const op of ['eq', 'ne', 'lt', 'le', 'gt', 'ge']) {
    for (const x of LITS) for (const y of LITS) out.push(`{{ ${op} ${x} ${y} }}`);
    out.push(`{{ ${op} 1 }}`, `{{ ${op} 1 2 3 }}`, `{{ ${op} .a 1 1.0 2 }}`);
  }
  for (const op of ['and', 'or']) {
    for (const x of LITS) for (const y of ['0', '1', '""', '"x"', 'nil', '.missing', '.c', '.arr', 'true', 'false']) out.push(`{{ ${op} ${x} ${y} }}`);
    out.push(`{{ ${op} 1 }}`, `{{ ${op} 0 1 2 }}`, `{{ ${op} 1 0 nope }}`, `{{ ${op} 0 (fail "evaluated") }}`, `{{ ${op} 1 (fail "evaluated") }}`, `{{ 1 | ${op} 0 }}`, `{{ 0 | ${op} 1 }}`);
  }
  for (const x of LITS) {
    out.push(`{{ not ${x} }}`, `{{ len ${x} }}`, `{{ print ${x} }}`, `{{ println ${x} ${x} }}`, `{{ html ${x} }}`, `{{ js ${x} }}`, `{{ urlquery ${x} }}`, `{{ index ${x} }}`);
    out.push(`{{ index .c ${x} }}`, `{{ index .d ${x} }}`, `{{ index .s ${x} }}`, `{{ index ${x} 0 }}`, `{{ slice ${x} }}`, `{{ slice .c ${x} }}`, `{{ slice .s 1 ${x} }}`, `{{ print ${x} 1 "x" ${x} }}`);
  }
  out.push(
    '{{ index .nested 1 "k" }}', '{{ index .nested 5 }}', '{{ index .c -1 }}', '{{ index .c 3 }}', '{{ index .d "x" "y" }}', '{{ index .ss 1 }}', '{{ index "abc" 1 }}', '{{ index (list 1 2) 1 }}',
    '{{ index (dict "a" 1) "a" }}', '{{ index (dict "a" 1) "zz" }}', '{{ index (splitList "," "a,b") 1 }}', '{{ index (until 5) 2 }}', '{{ index .c 1.0 }}', '{{ index .c "1" }}',
    '{{ slice .c 1 2 }}', '{{ slice .c 1 2 3 }}', '{{ slice .c 2 1 }}', '{{ slice .c 0 4 }}', '{{ slice "héllo" 1 3 }}', '{{ slice "abc" 1 2 3 }}', '{{ slice .c 1 2 2 }}', '{{ slice (list 1 2 3) 1 }}',
    '{{ len (dict) }}', '{{ len (list 1 2) }}', '{{ len (until 3) }}', '{{ len "héllo" }}', '{{ len .emoji }}', '{{ len (splitList "," "a,b,c") }}', '{{ len (split "," "a,b") }}',
    '{{ html "<script>alert(\'x\')&amp;</script>" }}', '{{ html "é\\u0000" }}', '{{ js "line\\nbreak \\"q\\" \'s\' <tag> & = \\\\ é \\u2028" }}', '{{ urlquery "a b&c=d/é" }}',
    '{{ print 1 2 }}', '{{ print "a" "b" }}', '{{ print 1 "a" 2 }}', '{{ print "a" 1 "b" }}', '{{ print .c .d }}', '{{ println }}', '{{ print }}', '{{ println 1 "a" nil }}',
    '{{ html 1 2 "x" }}', '{{ js 1 nil }}', '{{ urlquery 1 "a b" }}', '{{ print (list 1 "a" nil 2.5) }}', '{{ print (dict "b" 1 "a" (list 1)) }}',
  );
  return out;
}

// ---- printf ----

const PRINTF_VALUES = [
  '0', '42', '-42', '255', '9223372036854775807', '.a', '.e', '.neg', '.big', '.z', '3.14159', '-0.5', '1e-7', '123456789.0', '"hello"', '""', '"héllo\\n\\"q\\""', '.emoji', 'true', 'false', 'nil',
  '.missing', '.n', '.c', '.arr', '.d', '.obj', '.ss', '.nested', '.mixed', '(list 1 "a")', '(dict "k" 1 "j" "v")', '(splitList "," "a,b")', '(until 3)', '(split "," "a,b")',
  "'x'", "'é'", '(atoi "7")', '(float64 "2.5")', '(b64dec "aGk=")', '(regexFindAll "a" "aaa" -1)',
];
// time.Time, *semver.Version and int64 print their Go internals for most verbs; only the string verbs are compared.
const PRINTF_STRING_ONLY = ['(toDate "2006-01-02" "2024-05-01")', '(semver "1.2.3")', '(int64 5)', '(add 1 2)'];
const PRINTF_VERBS = ['v', 'T', 't', 'b', 'c', 'd', 'o', 'O', 'q', 'x', 'X', 'U', 'e', 'E', 'f', 'F', 'g', 'G', 's', 'z', '%'];
const PRINTF_FLAGS = ['', '+', '-', '#', ' ', '0', '5', '-8', '08', '.2', '.0', '8.3', '-8.3', '+.3', '#8', '+08.2', ' 6', '*', '.*', '-*', '010.4'];

function printfCases(): string[] {
  const out: string[] = [];
  for (const v of PRINTF_VALUES) {
    // One call per flag set; explicit argument indexes keep the template short (the plain form is covered by '').
    for (const f of PRINTF_FLAGS) {
      if (f === '') out.push(`{{ printf "${PRINTF_VERBS.map((verb) => `%${verb}`).join('|')}"${` ${v}`.repeat(PRINTF_VERBS.length - 1)} }}`);
      else if (f.includes('*')) out.push(`{{ printf "${PRINTF_VERBS.map((verb) => `%${f.replace('*', '[1]*')}[2]${verb}`).join('|')}" 6 ${v} }}`);
      else out.push(`{{ printf "${PRINTF_VERBS.map((verb) => `%${f}[1]${verb}`).join('|')}" ${v} }}`);
    }
  }
  for (const v of PRINTF_STRING_ONLY) out.push(`{{ printf "%v|%s|%q|%x|%X|%10.4v|%-12s|" ${v} ${v} ${v} ${v} ${v} ${v} ${v} }}`);
  out.push(
    '{{ printf "%d %d" 1 }}', '{{ printf "%d" 1 2 }}', '{{ printf "%[2]d %[1]d" 1 2 }}', '{{ printf "%[3]d" 1 2 }}', '{{ printf "%[0]d" 1 }}', '{{ printf "%[x]d" 1 }}',
    '{{ printf "%!" }}', '{{ printf "%" }}', '{{ printf "%-" }}', '{{ printf "%.*d" "x" 1 }}', '{{ printf "%*d" -5 1 }}', '{{ printf "%.*f" -1 1.5 }}', '{{ printf "%*d" 10000000 1 }}',
    '{{ printf "no verbs" 1 nil }}', '{{ printf 1 }}', '{{ printf nil }}', '{{ printf "%v %v" .c .d }}', '{{ printf "%+v %#v" .d .nested }}', '{{ printf "%x % x %X" "hé" "hé" .ss }}',
    '{{ printf "%6.2f|%-6.2f|%06.2f|%+.1e|%g|%G" 3.14159 3.14159 -3.14159 12345.678 0.000001 1e21 }}', '{{ printf "%s" (list "a" (list "b")) }}', '{{ printf "%d" (list 1 2.5 "x") }}',
    '{{ printf "%5.1q|%-5q|%#q|%+q" "é" "a" "x`y" "é" }}', '{{ printf "%c|%U|%#U|%q" 233 233 233 233 }}', '{{ printf "%x|%X|%o|%b|%O" -255 -255 -8 -5 8 }}', '{{ printf "%08.3f|%-08d|%+08d" -1.5 7 7 }}',
    '{{ printf "%.3s|%.10s|%5.2s" "héllo" "ab" "xyz" }}', '{{ printf "%t %t" true 1 }}', '{{ printf "%v" 1e6 }}{{ printf "%v" 1e20 }}{{ printf "%v" 1e21 }}{{ printf "%v" 123456.7 }}',
    '{{ printf "%e %f %g" 1e300 1e-300 5e-324 }}', '{{ printf "%.100f" 0.1 }}', '{{ printf "%g %g %.3g %.10g" 100000.0 1000000.0 1234.5678 0.1 }}', '{{ printf "%#g %#.3g %#e %#f %#x" 1.0 2.0 3.0 4.0 1.5 }}',
  );
  return out;
}

// ---- sprig ----

/** Each function with argument lists (text after the name), typical first, then edge and wrong types. */
const SPRIG: Record<string, string[]> = {
  // strings
  trim: ['.ws', '""', '.a', 'nil', '"\\u00a0x\\u3000"'], trimAll: ['"$" "$$5.00$"', '"" "x"', '"ab" "abcba"', '1 "x"'], trimall: ['"$" "$$5$"'],
  trimPrefix: ['"-" "--x"', '"" "x"', '"é" "éé"'], trimSuffix: ['"-" "x--"', '"x" ""'], upper: ['"héllo ß"', '.b', '.a', '""'], lower: ['"HÉLLO İ"', '.missing'],
  title: ['"hello wORLD o\'neil a_b a-b 1st"', '"élan vital"', '""', '"  spaced  out "'], untitle: ['"Hello World"', '"ÉLAN"'], repeat: ['3 "ab"', '0 "x"', '-1 "x"', '2 ""', '"3" "x"'],
  substr: ['0 5 "hello world"', '2 -1 "hello"', '-1 3 "hello"', '3 1 "hello"', '0 100 "hi"', '1 3 "héllo"', '.a 2 .b', '0 2 5'], nospace: ['"h e\\tl\\nl o"', '"é é"'],
  trunc: ['5 "hello world"', '-5 "hello world"', '20 "hi"', '0 "x"', '2 "héllo"', '-100 "x"'], abbrev: ['5 "hello world"', '3 "hello"', '10 "short"', '4 "héllo wörld"'],
  abbrevboth: ['5 10 "1234 5678 9123"', '0 5 "hello world"', '3 5 "x"'], initials: ['"First Try"', '"hello  big world"', '"é ü"', '""'], randAlpha: [], wrap: ['5 "Hello World how are you"', '3 "abcdefgh"', '0 "a b"'],
  wrapWith: ['5 "<br>" "Hello World how are you"', '3 "\\t" "a b c d"'], contains: ['"cat" "catch"', '"" "x"', '"x" ""', '"é" "café"'], hasPrefix: ['"ca" "cat"', '"x" "cat"'], hasSuffix: ['"at" "cat"', '"" ""'],
  quote: ['"a" "b\\"c"', '1 nil "x"', '.c', '', '.missing', '"é\\n\\t"'], squote: ['"a" 1 nil', '', '.d'], cat: ['"a" 1 nil "b"', '', '.c .d', 'nil nil'], indent: ['4 "a\\nb"', '0 "x"', '2 ""', '-1 "x"'],
  nindent: ['2 "a\\nb"', '0 ""'], replace: ['"a" "b" "banana"', '"" "-" "abc"', '"na" "" "banana"'], plural: ['"one" "many" 1', '"one" "many" 0', '"one" "many" 2', '"one" "many" -1'],
  snakecase: ['"FirstName"', '"HTTPServer"', '"hello world"', '"already_snake"', '"aB1c"', '"ÉtéHiver"', '""', '"A"', '"a--b__c"'], camelcase: ['"http_server"', '"hello world"', '"_a__b"', '"ÉTÉ_été"', '"a-b c_d"'],
  kebabcase: ['"FirstName"', '"HTTPServer hello"', '"a_b"'], swapcase: ['"Hello World"', '"ÉtÉ ß"', '""'], shuffle: [], regexQuoteMeta: ['"1.2+[a]$"', '"é*"'],
  toString: ['1', '2.5', '"s"', 'nil', '.c', '.d', 'true', '.missing', '(list 1 "a")', '(b64dec "aGk=")', '.big', '(toDate "2006-01-02" "2024-05-01")'],
  toStrings: ['.mixed', '(list 1 2)', '.c', '"abc"', 'nil', '.d', '.ss'], join: ['"," .ss', '"-" .mixed', '"," .c', '"," "abc"', '"," nil', '", " (list)', '"," .d', '"" (until 3)'],
  sortAlpha: ['.ss', '.mixed', '.c', '"cba"', 'nil', '(list "b" "B" "a" "é")'], split: ['"," "a,b,c"', '"," ""', '"" "abc"'], splitList: ['"," "a,b,,c"', '"" "héllo"', '"," ""', '"ab" "xabyabz"'],
  splitn: ['"," 2 "a,b,c"', '"," 0 "a,b"', '"," -1 "a,b"'], until: ['5', '0', '-3', '"3"'], untilStep: ['0 10 3', '10 0 -2', '0 5 0', '3 3 1', '5 0 1'], seq: ['5', '1 3', '3 1', '1 2 7', '0', '-2', '1 0 5', '1 2 3 4', '', '5 -1 1'],
  // regex
  regexMatch: ['"^a.c$" "abc"', '"[" "x"', '"(?i)ABC" "abc"', '"\\\\d+" "a12"'], mustRegexMatch: ['"[" "x"', '"a" "a"'], regexFind: ['"[0-9]+" "ab123cd456"', '"z" "abc"', '"(" "x"'],
  mustRegexFind: ['"(" "x"', '"b+" "abbb"'], regexFindAll: ['"[0-9]" "a1b2c3" -1', '"[0-9]" "a1b2c3" 2', '"[0-9]" "a1b2c3" 0', '"x*" "abc" -1'], mustRegexFindAll: ['"[" "x" -1'],
  regexReplaceAll: ['"a(x*)b" "-ab-axxb-" "${1}W"', '"a(x*)b" "-ab-axxb-" "$1W"', '"(?P<n>\\\\w+)" "hi yo" "<$n>"', '"" "abc" "-"', '"(" "x" "y"'], mustRegexReplaceAll: ['"(" "x" "y"'],
  regexReplaceAllLiteral: ['"a(x*)b" "-ab-axxb-" "${1}"', '"." "ab" "$"'], mustRegexReplaceAllLiteral: ['"[" "x" "y"'], regexSplit: ['"z+" "pizza" -1', '"z+" "pizza" 1', '"" "abc" -1', '"," "a,b" 0'], mustRegexSplit: ['"(" "x" -1'],
  // defaults and flow
  default: ['"d" .missing', '"d" ""', '"d" 0', '"d" .emp', '"d" .arr', '"d" .obj', '"d" .b', '"d" nil', '"d" false', '"d"', '"d" .z', '"d" 0.0', '"d" 1 2'],
  empty: ['.missing', '""', '0', '.c', '.arr', '.obj', '.d', 'nil', 'false', '.e', '0.0', '(list)', '(dict)', '"x"'], coalesce: ['.missing "" 0 "x"', '', 'nil .z .emp', '.arr .c'],
  all: ['1 "a" true', '1 0', '', '.c .arr'], any: ['0 "" nil', '0 1', ''], ternary: ['"y" "n" true', '"y" "n" false', '"y" "n" 1', '1 2 .t'], fail: ['"boom"', '""'],
  toJson: ['.d', '.c', '"s<>&"', 'nil', '.missing', '1', '2.5', '.big', '(list 1 (dict "b" 2 "a" 1))', '.html', '.emoji', '(split "," "a,b")', '(toDate "2006-01-02" "2024-05-01")'],
  mustToJson: ['.d'], toPrettyJson: ['.d', '.c', '.arr', '.obj', '"<"', '.nested'], mustToPrettyJson: ['.nested'], toRawJson: ['.html', '.d', '(dict "a" "<&>")'], mustToRawJson: ['.html'],
  fromJson: ['.json', '"[1,2"', '"{}"', '"1"', '"null"', '""', '"\\"s\\""', '"1e400"', '"{\\"a\\":1}"'], mustFromJson: ['"[1,2"', '.json', '""'],
  // encoding and hashing
  b64enc: ['"hello"', '""', '"é👍"', '.a'], b64dec: ['"aGVsbG8="', '"!!"', '"aGVsbG8"', '""', '"/w=="'], b32enc: ['"hello"', '""'], b32dec: ['"NBSWY3DP"', '"!!"', '"NBSWY3D"'],
  sha1sum: ['"hello"', '""'], sha256sum: ['"hello"', '"é"'], sha512sum: ['"hello"'], adler32sum: ['"hello"', '""'], hello: [''], derivePassword: ['1 "long" "password" "user" "example.com"', '2 "maximum" "pw" "u" "s"', '1 "pin" "p" "u" "s"', '1 "basic" "p" "u" "s"', '1 "nope" "p" "u" "s"'],
  decryptAES: ['"1oUtHbZQnnxkiMlFPd8NCjkPbdEYmvuyA8BeRWcE1nI=" "secretkey"', '"bad" "k"', '"" "k"'],
  // math
  add: ['1 2', '1 2.7 "3"', '', '"x" 1', 'nil 1', '.a .e', '9223372036854775807 1', 'true 1'], add1: ['1', '1.9', '"5"', 'nil', '"x"'], sub: ['5 3', '1.5 0.6', '"a" 1', 'nil nil'],
  mul: ['2 3', '2 2.5', '2 "3" 4', '1'], div: ['7 2', '-7 2', '7 0', '7.9 2', '"8" "2"'], mod: ['7 3', '-7 3', '7 0', '7.5 2'], max: ['1 5 3', '1', '"3" 2', '1.5 1.2'], min: ['1 5 3', '-1 "x"'],
  biggest: ['1 9 3'], floor: ['1.7', '-1.2', '"2.5"', '3', 'nil', '"x"'], ceil: ['1.2', '-1.7', '"2.1"', '3'], round: ['3.14159 2', '2.5 0', '-2.5 0', '1.005 2', '3.7 0 0.8', '"1.5" 0', '1234.5 -2'],
  add1f: ['1', '1.5', '"x"'], addf: ['1 2.5', '"1.5" 2', '0.1 0.2'], subf: ['1 0.9', '5'], mulf: ['1.5 2', '0.1 3'], divf: ['1 3', '1 0', '0 0', '-1 0', '5'], maxf: ['1 2.5 "3"', '1'], minf: ['1 2.5 -3'],
  int: ['"12"', '12.9', '-12.9', '"0x1F"', '"1e3"', '"abc"', 'nil', 'true', '"077"', '" 5"'], int64: ['"12"', '3.9', '"-0b11"', 'nil'], float64: ['"1.5"', '2', '"abc"', 'nil', '"1e3"', 'true'],
  atoi: ['"12"', '"-3"', '"1.5"', '"x"', '""', '" 1"'], toDecimal: ['"0777"', '"777"', '"x"', '8', '"0o17"'],
  // lists
  list: ['1 "a" nil', ''], first: ['.c', '.arr', '"abc"', 'nil', '.ss', '(list)', '.d', '1'], mustFirst: ['.arr', '1'], last: ['.c', '.arr', '.ss'], mustLast: ['1'], rest: ['.c', '.arr', '"x"'], mustRest: ['1'],
  initial: ['.c', '.arr'], mustInitial: ['1'], append: ['.c 4', '.arr 1', 'nil 1', '"x" 1'], mustAppend: ['"x" 1', '.c 1'], push: ['.ss "z"'], mustPush: ['1 1'], prepend: ['.c 0', '.missing 1'], mustPrepend: ['1 1'],
  concat: ['.c .ss', '.c (list)', '.c 1', ''], reverse: ['.c', '.arr', '"abc"'], mustReverse: ['"abc"'], uniq: ['.ss', '.mixed', '(list 1 1.0 "1")'], mustUniq: ['1'],
  without: ['.ss "a"', '.c 2.0', '.c 2', '"x" 1'], mustWithout: ['1 1'], has: ['2.0 .c', '2 .c', '"a" .ss', '1 nil', '1 "x"'], mustHas: ['1 "x"', '"a" .ss'], compact: ['.mixed', '(list 0 "" nil false 1)', '"x"'],
  mustCompact: ['1'], slice: ['.c 1', '.c 1 2', '.c', '"abc" 1', '.c 5', '.c 2 1'], mustSlice: ['.c 5', '"x" 1'], chunk: ['2 .c', '5 .c', '1 .arr', '0 .c', '2 "ab"'], mustChunk: ['0 .c', '2 "x"'],
  // dicts
  dict: ['"a" 1 "b" 2', '"a"', '1 2', '', '"a" 1 "a" 2', 'nil 1'], get: ['.d "z"', '.d "nope"', '.c "x"', '(dict) "a"'], set: ['(dict) "a" 1', '.d "x" 2'], unset: ['.d "x"', '(dict) "a"'],
  hasKey: ['.d "x"', '.d "nope"', '.d "y"'], pluck: ['"k" .nested.0 (dict "k" 2)', '"k" (dict "k" 1) (dict "j" 2)'], keys: ['(dict "a" 1)', '(dict "a" 1) (dict "q" 1)', ''], pick: ['.d "x" "z" "nope"', '.d'], omit: ['.d "x"', '.d'],
  values: ['(dict "a" 1)', '(dict)'], merge: ['(dict "a" 1) (dict "a" 2 "b" 2)', '(dict) .d', 'nil .d'], mergeOverwrite: ['(dict "a" 1) (dict "a" 2 "b" 2)', '(dict "a" (dict "x" 1)) (dict "a" (dict "y" 2))'],
  mustMerge: ['(dict "a" 1) (dict "b" 2)'], mustMergeOverwrite: ['(dict "a" 1) (dict "a" 2)'], dig: ['"d" "z" "x" .', '"d" "nope" "dflt" .', '"a" "b" "x" .', '"x"', '"d" "z" "x" .c', '"nested" "x" .'],
  deepCopy: ['.d', '.c', 'nil', '1'], mustDeepCopy: ['.nested', 'nil'], deepEqual: ['.c .c', '.c (list 1 2 3)', '1 1', '1 1.0', 'nil nil', '.d .d'],
  tuple: ['1 "a"', ''],
  // reflection
  typeOf: ['1', '2.5', '"s"', '.c', '.d', 'nil', '.missing', 'true', '(list)', '(dict)', '(splitList "" "a")', '(until 2)', '(toDate "2006-01-02" "2024-05-01")', '(semver "1.0.0")', '(b64dec "aGk=")', "'a'"],
  kindOf: ['1', '2.5', '"s"', '.c', '.d', 'nil', 'true', '(until 2)', '(toDate "2006-01-02" "2024-05-01")', '(semver "1.0.0")'], typeIs: ['"int" 1', '"float64" .a', '"string" "x"', '"[]interface {}" .c', '"<nil>" nil'],
  typeIsLike: ['"int" 1', '"*semver.Version" (semver "1.0.0")', '"semver.Version" (semver "1.0.0")'], kindIs: ['"int" 1', '"slice" .c', '"map" .d', '"invalid" nil', '"ptr" (semver "1.0.0")', '"struct" (toDate "2006-01-02" "2024-05-01")'],
  // dates (TZ=UTC in both oracle and tests)
  date: ['"2006-01-02 15:04:05 MST" (toDate "2006-01-02" "2024-05-01")', '"Jan 2, 2006" 1714557900', '"2006" "x"', '"2006-01-02" (int64 1714557900)', '"2006-01-02T15:04:05.000Z07:00" (toDate "2006-01-02T15:04:05.999999999Z07:00" "2024-05-01T10:05:00.123456789+02:00")', '"Mon Monday Jan January 1 01 2 02 _2 15 3 03 4 04 5 05 06 PM pm .000 .999 -0700 -07:00 Z07:00" (toDate "2006-01-02 15:04" "2024-02-09 08:07")', '"2006" nil', '"2006" 1.5e9'],
  dateInZone: ['"2006-01-02 15:04 MST" 1714557900 "America/New_York"', '"2006-01-02 15:04 MST" 1714557900 "Nope/Zone"', '"15:04 -0700" (toDate "2006-01-02" "2024-01-01") "Asia/Kolkata"', '"15:04" 0 ""', '"15:04 MST" 0 "Local"'],
  date_in_zone: ['"2006" 0 "UTC"'], htmlDate: ['1714557900', '(toDate "2006-01-02" "2024-05-01")'], htmlDateInZone: ['1714557900 "Asia/Tokyo"'],
  toDate: ['"2006-01-02" "2024-05-01"', '"2006-01-02" "nope"', '"2006-01-02T15:04:05Z07:00" .date', '"02/01/2006 15:04" "31/12/2023 23:59"', '"Jan _2 2006" "Feb  3 2021"', '"2006-01-02 MST" "2024-05-01 PST"'],
  mustToDate: ['"2006-01-02" "nope"', '"2006-01-02" "2024-05-01"'], unixEpoch: ['(toDate "2006-01-02" "2024-05-01")', '1'], dateModify: ['"1h30m" (toDate "2006-01-02" "2024-05-01")', '"-25h" (toDate "2006-01-02" "2024-05-01")', '"bad" (toDate "2006-01-02" "2024-05-01")'],
  date_modify: ['"1.5h" (toDate "2006-01-02" "2024-05-01")'], mustDateModify: ['"bad" (toDate "2006-01-02" "2024-05-01")', '"1m" (toDate "2006-01-02" "2024-05-01")'], must_date_modify: ['"2s" (toDate "2006-01-02" "2024-05-01")'],
  duration: ['90', '"3600"', '0', '86400.5', '"x"', '-5', '(int64 3661)'], durationRound: ['"2h5m"', '"30s"', '3600', '"400h"', '"1ms"', '"x"', '-90', '(int64 100000000000)', '"8760h1m"'],
  // semver, urls, paths
  semver: ['"1.2.3"', '"v1.2"', '"nope"', '"1.2.3-alpha.1+b5"'], semverCompare: ['">=1.2.0" "1.2.3"', '"^1.2" "2.0.0"', '"~1.2.3" "1.2.9"', '"bad!" "1.0.0"', '">1" "bad"', '"1.2.x" "1.2.7"', '">=1.0.0-0" "1.0.0-rc1"'],
  urlParse: ['.url', '"not a url"', '"http://x/%zz"', '"/rel?x=1"'], urlJoin: ['(dict "scheme" "https" "host" "example.com" "path" "/a b" "query" "x=1" "fragment" "f" "userinfo" "u:p")', '(dict)', '(dict "host" "h" "opaque" "o")'],
  base: ['"/a/b.txt"', '""', '"/"', '"a/"'], dir: ['"/a/b.txt"', '"a"', '""'], clean: ['"/a/../b/./c//"', '""', '"a/.."'], ext: ['"a/b.tar.gz"', '"noext"', '"."'], isAbs: ['"/a"', '"a"'],
  osBase: ['"/a/b.txt"'], osDir: ['"/a/b.txt"'], osClean: ['"a//b"'], osExt: ['"x.go"'], osIsAbs: ['"/x"'],
};

/** Functions whose output is random or time-dependent: only whether they run and the output's length are compared. */
const SHAPE_ONLY = ['now', 'randAlpha 8', 'randAlphaNum 8', 'randAscii 8', 'randNumeric 8', 'randInt 1 2', 'uuidv4', 'shuffle "abc"', 'bcrypt "pw"', 'htpasswd "u" "p"', 'randBytes 6', 'encryptAES "k" "plain"'];

function sprigCases(): string[] {
  const out: string[] = [];
  for (const [fn, argLists] of Object.entries(SPRIG)) {
    for (const args of argLists) {
      out.push(args === '' ? `{{ ${fn} }}` : `{{ ${fn} ${args} }}`);
      // The pipeline form passes the last argument as the final one.
      const m = /^(.*?)\s*((?:"[^"]*"|\S+))$/.exec(args);
      if (m && m[1] && !args.includes('(')) out.push(`{{ ${m[2]} | ${fn} ${m[1]} }}`);
    }
    out.push(`{{ ${fn} .s .s .s .s .s .s .s }}`);
  }
  for (const expr of SHAPE_ONLY) out.push(`{{ ${expr} | len | lt 0 }}`, `{{ ${expr} | kindOf }}`);
  out.push(
    '{{ ago (toDate "2006-01-02" "2000-01-01") | len | lt 3 }}', '{{ now | date "2006" | len }}', '{{ now | unixEpoch | len }}', '{{ dateModify "1h" now | kindOf }}',
    '{{ (semver "1.2.3-beta.1+b").Major }}.{{ (semver "1.2.3").Minor }}.{{ (semver "v1.2.3").Patch }} {{ (semver "1.2.3-beta.1+b").Prerelease }} {{ (semver "1.2.3+b").Metadata }} {{ (semver "v1.2.3").Original }}',
    '{{ ((semver "1.2.3").IncMinor).String }}', '{{ (semver "1.2.3").Compare (semver "1.3.0") }}', '{{ (semver "1.2.3").LessThan (semver "1.3.0") }}', '{{ semver "1.2.3" }}',
    '{{ (toDate "2006-01-02" "2024-05-01").Year }} {{ (toDate "2006-01-02" "2024-05-01").Month }} {{ (toDate "2006-01-02" "2024-05-01").Weekday }} {{ (toDate "2006-01-02" "2024-05-01").YearDay }}',
    '{{ (toDate "2006-01-02" "2024-05-01").Format "Jan 2" }} {{ (toDate "2006-01-02" "2024-05-01").Unix }} {{ (toDate "2006-01-02" "2024-05-01").UTC }}', '{{ toDate "2006-01-02" "2024-05-01" }}',
    '{{ ((toDate "2006-01-02" "2024-05-01").Add 3600000000000).Hour }}', '{{ (toDate "2006-01-02" "2024-05-01").Nope }}', '{{ (toDate "2006-01-02" "2024-05-01").Format }}',
    '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}', '{{ $l := list 1 }}{{ $l = append $l 2 }}{{ $l }}', '{{ range $k, $v := (dict "b" 1 "a" 2) }}{{ $k }}{{ $v }}{{ end }}',
    '{{ range splitList "," "a,b" }}[{{ . }}]{{ end }}', '{{ range until 3 }}{{ . }}{{ end }}', '{{ range $i, $c := "abc" }}{{ end }}', '{{ range (split "," "x,y") }}{{ . }}{{ end }}',
    '{{ .c | toJson | fromJson | first }}', '{{ list 1 2 | toJson }}', '{{ dict "k" (list 1 (dict "z" nil)) | toPrettyJson }}', '{{ .d | toJson | b64enc | b64dec }}',
    '{{ "hello" | upper | repeat 2 | trunc 7 | quote }}', '{{ .missing | default "x" | upper }}', '{{ .nested | pluck "k" }}', '{{ $x := .nested | first }}{{ $x.k }}',
    '{{ get (index .nested 0) "k" }}', '{{ keys .d | sortAlpha }}', '{{ values .d | len }}', '{{ (index .nested 0).k }}', '{{ (dict "a" (dict "b" 1)).a.b }}', '{{ (list 1 2).x }}', '{{ (splitList "," "a").x }}',
    '{{ int "9223372036854775808" }}', '{{ add 1.5 1.5 }}', '{{ div 1 3.0 }}', '{{ eq (add 1 1) 2 }}', '{{ eq (len .c) 3 }}', '{{ lt (atoi "1") 2 }}', '{{ eq .a 1.0 }}', '{{ eq (int .a) 1 }}',
    '{{ eq (float64 1) .a }}', '{{ eq "a" (toString "a") }}', '{{ printf "%T %T %T %T" (add 1 2) (atoi "1") (len "a") (int64 1) }}', '{{ printf "%T" (addf 1 2) }}',
  );
  return out;
}

// ---- random templates from the grammar ----

const FIELDS = ['.a', '.b', '.c', '.d', '.d.x', '.d.y', '.d.z', '.e', '.s', '.n', '.z', '.emp', '.arr', '.obj', '.neg', '.t', '.f', '.ss', '.nested', '.missing', '.d.missing', '.mixed', '.num', '$', '.', '$.a'];
const LITERALS = ['0', '1', '-3', '2.5', '"x"', '""', '"héllo"', 'true', 'false', 'nil', "'a'", '0x10', '1e2'];
const FUNCS: [string, number][] = [
  ['eq', 2], ['ne', 2], ['lt', 2], ['le', 2], ['gt', 2], ['ge', 2], ['and', 2], ['or', 2], ['not', 1], ['len', 1], ['index', 2], ['slice', 2], ['print', 2], ['printf', 2], ['html', 1], ['js', 1], ['urlquery', 1],
  ['upper', 1], ['lower', 1], ['default', 2], ['quote', 1], ['toString', 1], ['toJson', 1], ['add', 2], ['sub', 2], ['mul', 2], ['list', 2], ['dict', 2], ['first', 1], ['empty', 1], ['coalesce', 2],
  ['trim', 1], ['title', 1], ['join', 2], ['int', 1], ['float64', 1], ['typeOf', 1], ['kindOf', 1], ['contains', 2], ['replace', 3], ['b64enc', 1], ['has', 2], ['ternary', 3], ['pick', 2], ['max', 2], ['splitList', 2],
];
const TEXTS = ['', 'x', ' ', '\n', 'a-b', '"q"', ' {', '} '];

class TemplateGen {
  private vars: string[] = [];
  constructor(private readonly r: Random) {}

  operand(depth: number): string {
    const r = this.r;
    const k = r.int(10);
    if (k < 4) return r.pick(FIELDS);
    if (k < 6) return r.pick(LITERALS);
    if (k < 7 && this.vars.length) return r.pick(this.vars) + (r.bool(0.2) ? '.x' : '');
    if (depth > 0 && k < 9) return '(' + this.pipeline(depth - 1) + ')';
    return r.pick(FIELDS);
  }

  command(depth: number, piped: boolean): string {
    const r = this.r;
    if (!piped && r.bool(0.35)) return this.operand(depth);
    const [fn, n] = r.pick(FUNCS);
    const count = Math.max(0, n - (piped ? 1 : 0) + (r.bool(0.1) ? 1 : 0) - (r.bool(0.1) ? 1 : 0));
    if (fn === 'printf') {
      const fmt = '"' + r.pick(['%v', '%d', '%s', '%q', '%5.2f', '%x', '%T', '%v-%v', '%-4s|', '%+d', '%t', '%08.3e']) + '"';
      return [fn, fmt, ...Array.from({ length: Math.max(0, count - 1) }, () => this.operand(depth))].join(' ');
    }
    return [fn, ...Array.from({ length: count }, () => this.operand(depth))].join(' ');
  }

  pipeline(depth: number): string {
    const parts = [this.command(depth, false)];
    const stages = this.r.int(3);
    for (let i = 0; i < stages; i++) parts.push(this.command(depth, true));
    return parts.join(' | ');
  }

  action(): string {
    const r = this.r;
    const open = r.bool(0.1) ? '{{- ' : '{{ ';
    const close = r.bool(0.1) ? ' -}}' : ' }}';
    if (r.bool(0.15)) {
      const v = `$v${this.vars.length}`;
      this.vars.push(v);
      return `${open}${v} := ${this.pipeline(1)}${close}`;
    }
    if (this.vars.length && r.bool(0.05)) return `${open}${r.pick(this.vars)} = ${this.pipeline(1)}${close}`;
    return open + this.pipeline(2) + close;
  }

  block(depth: number): string {
    const r = this.r;
    const items: string[] = [];
    const n = 1 + r.int(3);
    for (let i = 0; i < n; i++) {
      const k = r.int(12);
      if (depth > 0 && k === 0) items.push(`{{ if ${this.pipeline(1)} }}${this.block(depth - 1)}${r.bool() ? `{{ else }}${this.block(depth - 1)}` : ''}{{ end }}`);
      else if (depth > 0 && k === 1) {
        const decl = r.pick(['', '$i, $e := ', '$e := ']);
        const saved = this.vars.length;
        if (decl) this.vars.push(...(decl.startsWith('$i') ? ['$i', '$e'] : ['$e']));
        const body = this.block(depth - 1) + (r.bool(0.1) ? '{{ break }}' : '');
        this.vars.length = saved;
        items.push(`{{ range ${decl}${r.pick(['.c', '.d', '.ss', '.nested', '.arr', '.missing', '.a', '.b', '3', '(list 1 "a")', this.operand(0)])} }}${body}${r.bool(0.3) ? '{{ else }}E' : ''}{{ end }}`);
      } else if (depth > 0 && k === 2) items.push(`{{ with ${this.pipeline(1)} }}${this.block(depth - 1)}{{ end }}`);
      else if (k < 5) items.push(r.pick(TEXTS));
      else items.push(this.action());
    }
    return items.join('');
  }

  template(): string {
    this.vars = [];
    let t = this.block(2);
    // A small share of broken templates exercises the parser's errors.
    if (this.r.bool(0.08)) {
      const cut = this.r.int(t.length + 1);
      t = t.slice(0, cut) + this.r.pick(['', '}}', '{{', '(', ')', '|', '{{ end }}', '$', '"']) + t.slice(cut);
    }
    return t;
  }
}

/** Random JSON documents for the field-access templates. */
function randomJson(r: Random, depth: number): unknown {
  const k = r.int(depth > 0 ? 9 : 6);
  switch (k) {
    case 0: return null;
    case 1: return r.bool();
    case 2: return r.pick([0, 1, -1, 2.5, 1e21, 1e-7, 123456789, 0.1, -0.0]);
    case 3: return r.pick(['', 'a', 'héllo', '<&>', '{{x}}', ' sp ', '42', 'true', '👍']);
    case 4: return r.int(1000);
    case 5: return r.pick(['x', 'y']);
    case 6:
    case 7: {
      const o: Record<string, unknown> = {};
      for (let i = 0, n = r.int(4); i < n; i++) o[r.pick(['a', 'b', 'c', 'Input', 'x-y', 'k'])] = randomJson(r, depth - 1);
      return o;
    }
    default: return Array.from({ length: r.int(4) }, () => randomJson(r, depth - 1));
  }
}

/**
 * DOC cut down to the keys a template names, which keeps the vectors file small; a template that can see
 * the whole of dot (bare `.` or `$`) gets all of it. The oracle decodes exactly this text, so the
 * expected result always belongs to the data stored with it.
 */
function docFor(template: string): string {
  if (/(^|[^\w.$\])])[.$](?![\w.])/.test(template) || /\$\.?(?![\w.])/.test(template)) return JSON.stringify(DOC);
  const names = new Set([...template.matchAll(/\.(\w+)/g)].map((m) => m[1]));
  return JSON.stringify(Object.fromEntries(Object.entries(DOC).filter(([k]) => names.has(k))));
}

export function cases(): TemplateInput[] {
  const out: TemplateInput[] = [];
  const payloads = PAYLOADS.map((p) => JSON.stringify(p));

  for (const t of fixtureTemplates()) for (const p of payloads) out.push({ template: t, data: p, wrap: true });
  // Argo-style templates on realistic payloads.
  const argo = [
    '{{ .Input.body.alerts | len }} alerts: {{ range .Input.body.alerts }}{{ .labels.alertname }}({{ .status }}) {{ end }}', '{{ (index .Input.body.alerts 0).labels.severity | upper }}',
    '{{ .Input.body.pull_request.title | quote }}', '{{ toJson .Input.body.metadata.labels }}', '{{ .Input.body.metadata.annotations | toPrettyJson }}', '{{ get .Input.body.metadata.annotations "kubernetes.io/display-name" }}',
    '{{ index .Input.body.metadata.annotations "backstage.io/techdocs-ref" }}', '{{ .Input.body.spec.owner | trimPrefix "group:" }}', '{{ .Input.body.replicas }} {{ .Input.body.ratio }} {{ .Input.body.message }}',
    '{{ if eq .Input.body.health "Degraded" }}page{{ else }}ok{{ end }}', '{{ .Input.body.revision | trunc 7 }}', '{{ join "," .Input.body.tags }}', '{{ .Input.headers }}', '{{ .Input }}',
    '{{ .Input.body.syncedAt | toDate "2006-01-02T15:04:05Z07:00" | date "Jan 2 15:04" }}', '{{ range $k, $v := .Input.body.commonLabels }}{{ $k }}={{ $v }}{{ end }}', '{{ .Input.body.repository.stargazers_count }}',
    '{{ printf "%s/%d" .Input.body.repository.full_name .Input.body.number }}', '{{ printf "%s/%v" .Input.body.repository.full_name .Input.body.number }}', '{{ .Input.type }}-{{ .Input.body.metadata.name }}',
    '{{ dig "body" "metadata" "labels" "tier" "none" .Input }}', '{{ .Input.body.status.conditions | toJson }}', '{{ with .Input.body.status }}{{ range .conditions }}{{ .type }}={{ .status }}{{ end }}{{ end }}',
  ];
  for (const t of argo) for (const p of payloads) out.push({ template: t, data: p, wrap: true });
  // The data filter's template receives .Input as a string.
  for (const v of ['"hello"', '"42"', '"true"', '"[1,2]"', '"{\\"a\\":1}"', '""']) {
    for (const t of ['{{ .Input }}', '{{ eq .Input "hello" }}', '{{ .Input | fromJson | toJson }}', '{{ atoi .Input | add 1 }}', '{{ .Input | b64enc | b64dec }}', '{{ gt (len .Input) 2 }}']) {
      out.push({ template: t, data: v, wrap: true });
    }
  }

  for (const t of GRAMMAR) out.push({ template: t, data: docFor(t) });
  out.push({ template: '{{ .x }}', name: 'dataTemplate', data: '{}' }, { template: '{{ if }}', name: 'contextTemplate' }, { template: '{{ . }}' }, { template: '{{ .a }}' }, { template: '{{ . }}', data: 'null' });
  for (const t of builtinCases()) out.push({ template: t, data: docFor(t) });
  for (const t of printfCases()) out.push({ template: t, data: docFor(t) });
  for (const t of sprigCases()) out.push({ template: t, data: docFor(t) });

  const r = new Random(0x7e3a1);
  const gen = new TemplateGen(r);
  for (let i = 0; i < 1900; i++) {
    const t = gen.template();
    out.push({ template: t, data: docFor(t) });
  }
  // Field access on random documents.
  for (let i = 0; i < 400; i++) {
    const path = Array.from({ length: 1 + r.int(3) }, () => '.' + r.pick(['a', 'b', 'c', 'Input', 'k'])).join('');
    const t = r.pick([`{{ ${path} }}`, `{{ ${path} | toJson }}`, `{{ printf "%v|%T" ${path} ${path} }}`, `{{ range ${path} }}{{ . }};{{ end }}`, `{{ if ${path} }}T{{ else }}F{{ end }}`, `{{ len ${path} }}`]);
    out.push({ template: t, data: JSON.stringify(randomJson(r, 3)), wrap: r.bool(0.3) });
  }
  return out;
}
