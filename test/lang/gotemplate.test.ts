// Expected outputs below were produced by Go's text/template with sprig v3.3.0's FuncMap (env and expandenv
// removed), executing each template on the JSON data decoded by encoding/json, as Argo Events does.
process.env.TZ = 'UTC';

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSwitchyardError } from '../../src/errors.ts';
import { compileGoTemplate } from '../../src/lang/gotemplate/index.ts';

const run = (src: string, data: string): string =>
  compileGoTemplate(src, { name: 'x' }).execute(data === '' ? undefined : (JSON.parse(data) as unknown));

describe('Go text/template outputs match Go', () => {
  test('every case renders exactly as Go does', () => {
    for (const [src, data, want] of GO_OUTPUTS) assert.equal(run(src, data), want, `template ${JSON.stringify(src)}`);
  });

  test('every failing case fails with the right code, class and message', () => {
    for (const [src, data, code, want] of GO_ERRORS) {
      assert.throws(
        () => run(src, data),
        (err: unknown) => {
          assert.ok(isSwitchyardError(err), `template ${JSON.stringify(src)} threw a non-Switchyard error`);
          assert.equal(err.code, code, `template ${JSON.stringify(src)}: ${err.message}`);
          assert.equal(err.errorClass, code === 'TEMPLATE_PARSE' ? 'stop' : 'poison');
          if (want.startsWith('=')) assert.equal(err.message, want.slice(1));
          else assert.ok(err.message.includes(want.slice(1)), `${err.message} should include ${want.slice(1)}`);
          return true;
        },
        `template ${JSON.stringify(src)} should fail`,
      );
    }
  });
});

describe('API', () => {
  test('source is kept and a template executes many times with different data', () => {
    const t = compileGoTemplate('{{ .Input.n }}');
    assert.equal(t.source, '{{ .Input.n }}');
    assert.equal(t.execute({ Input: { n: 1 } }), '1');
    assert.equal(t.execute({ Input: { n: 2.25 } }), '2.25');
    assert.equal(t.execute({ Input: { n: 1e21 } }), '1e+21');
  });

  test('sprig can be turned off and custom functions added', () => {
    assert.throws(() => compileGoTemplate('{{ upper "a" }}', { sprig: false }), /function "upper" not defined/);
    const t = compileGoTemplate('{{ shout .x }}|{{ .x | shout }}', { funcs: { shout: (s: unknown) => String(s) + '!' } });
    assert.equal(t.execute({ x: 'hi' }), 'hi!|hi!');
  });

  test('custom functions override built-ins, as Go Funcs does', () => {
    const t = compileGoTemplate('{{ len "abc" }}', { funcs: { len: () => 'custom' } });
    assert.equal(t.execute({}), 'custom');
  });

  test('the template name appears in messages', () => {
    assert.throws(() => compileGoTemplate('{{ if }}', { name: 'dataTemplate' }), /^Error: template: dataTemplate:1: missing value for if$|template: dataTemplate:1: missing value for if/);
  });

  test('a compiled template gives the same output on every execution', () => {
    const t = compileGoTemplate(
      '{{- range $i, $e := .Input.items }}{{ if $i }},{{ end }}{{ $e.name | upper | quote }}:{{ printf "%.2f" $e.v }}{{ end -}}',
    );
    const data = { Input: { items: Array.from({ length: 10 }, (_, i) => ({ name: `n${i}`, v: i / 3 })) } };
    const want = t.execute(data);
    assert.equal(want.split(',').length, 10);
    for (let i = 0; i < 1000; i++) assert.equal(t.execute(data), want);
  });
});

/** shared/ sits beside the repository (CI clones main with shared/ next to it). */

/** [template, JSON data ('' for none), output of Go text/template + sprig v3.3.0 for it]. */
const GO_OUTPUTS: [string, string, string][] = [
 [
  "{{ .a }}|{{ printf \"%v\" .a }}|{{ printf \"%v\" .zz }}",
  "{\"a\":null}",
  "<no value>|<nil>|<nil>"
 ],
 [
  "{{ 1000000.0 }} {{ .a }} {{ .b }} {{ .c }} {{ .d }} {{ .e }} {{ .f }}",
  "{\"a\":1000000,\"b\":100000,\"c\":123456789,\"d\":0.0001,\"e\":0.00001,\"f\":1e21}",
  "1e+06 1e+06 100000 1.23456789e+08 0.0001 1e-05 1e+21"
 ],
 [
  "{{ printf \"%v %s %d %q\" .a .a .a .a }}",
  "{\"a\":3}",
  "3 %!s(float64=3) %!d(float64=3) %!q(float64=3)"
 ],
 [
  "{{ range 3 }}{{.}}{{end}}",
  "{}",
  "012"
 ],
 [
  "{{ eq .zz 3 }} {{ eq .n nil }}",
  "{\"n\":null}",
  "false true"
 ],
 [
  "{{ eq .zz .n }}",
  "{\"n\":null}",
  "true"
 ],
 [
  "{{ .x\n-}} y",
  "{\"x\":1}",
  "1y"
 ],
 [
  "{{ .x\t-}} y",
  "{\"x\":1}",
  "1y"
 ],
 [
  "{{ $x := .a }}{{ $x.b }}",
  "{\"a\":null}",
  "<no value>"
 ],
 [
  "{{ substr 0 2 .x }}",
  "{\"x\":\"hello\"}",
  "he"
 ],
 [
  "{{ snakecase \"FirstName\" }}|{{ snakecase \"HTTPServer\" }}|{{ snakecase \"hello world\" }}|{{ snakecase \"Bld4Floor\" }}|{{ snakecase \"HTML5\" }}|{{ snakecase \"already_snake\" }}|{{ snakecase \"some-kebab-Case\" }}|{{ snakecase \"aB\" }}|{{ snakecase \"ID\" }}|{{ snakecase \"userID\" }}",
  "",
  "first_name|http_server|hello_world|bld4_floor|html5|already_snake|some_kebab_case|a_b|id|user_id"
 ],
 [
  "{{ kebabcase \"FirstName\" }}|{{ camelcase \"http_server\" }}|{{ camelcase \"hello world\" }}|{{ camelcase \"_a__b\" }}|{{ swapcase \"Hello World\" }}|{{ untitle \"Hello World\" }}|{{ title \"hello wORLD o'neil a_b a-b\" }}|{{ initials \"First Try\" }}",
  "",
  "first-name|HttpServer|HelloWorld|_A_B|hELLO wORLD|hello world|Hello WORLD O'Neil A_b A-B|FT"
 ],
 [
  "{{ wrap 5 \"Hello World how are you\" }}|{{ abbrev 5 \"hello world\" }}|{{ abbrevboth 5 10 \"1234 5678 9123\" }}|{{ trunc -3 \"hello\" }}|{{ nospace \"h e\\tl\" }}",
  "",
  "Hello\nWorld\nhow\nare\nyou|he...|...5678...|llo|hel"
 ],
 [
  "{{ slice .l 1 }}",
  "{\"l\":[1,2,3]}",
  "[2 3]"
 ],
 [
  "{{ range 0 }}x{{else}}empty{{end}}",
  "",
  "empty"
 ],
 [
  "{{ eq .l nil }}",
  "{\"l\":[]}",
  "false"
 ],
 [
  "{{ quote \"a\" 1 .n }}|{{ squote \"a\" }}|{{ cat \"a\" 1 .n \"b\" }}|{{ toString 1.5 }}|{{ toStrings .l }}|{{ split \",\" \"a,b\" }}|{{ splitList \",\" \"a,b\" }}|{{ join \"-\" .l }}",
  "{\"n\":null,\"l\":[1,\"x\",null,true]}",
  "\"a\" \"1\"|'a'|a 1 b|1.5|[1 x true]|map[_0:a _1:b]|[a b]|1-x-true"
 ],
 [
  "{{ toJson . }}|{{ toRawJson . }}|{{ toPrettyJson . }}",
  "{\"a\":\"<&>\",\"b\":1e21,\"c\":1e-7,\"d\":0.000001,\"e\":[1,2],\"f\":{},\"g\":null,\"h\":123456789}",
  "{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":1e+21,\"c\":1e-7,\"d\":0.000001,\"e\":[1,2],\"f\":{},\"g\":null,\"h\":123456789}|{\"a\":\"<&>\",\"b\":1e+21,\"c\":1e-7,\"d\":0.000001,\"e\":[1,2],\"f\":{},\"g\":null,\"h\":123456789}|{\n  \"a\": \"\\u003c\\u0026\\u003e\",\n  \"b\": 1e+21,\n  \"c\": 1e-7,\n  \"d\": 0.000001,\n  \"e\": [\n    1,\n    2\n  ],\n  \"f\": {},\n  \"g\": null,\n  \"h\": 123456789\n}"
 ],
 [
  "{{ fromJson \"{\\\"a\\\":1}\" }}|{{ fromJson \"bad\" }}|{{ (fromJson \"[1,2]\") }}",
  "",
  "map[a:1]|<no value>|[1 2]"
 ],
 [
  "{{ default \"x\" .a }}|{{ default \"x\" .zz }}|{{ .zz | default \"y\" }}|{{ empty 0 }}|{{ coalesce .zz \"\" \"c\" }}|{{ ternary \"y\" \"n\" true }}",
  "{\"a\":0}",
  "x|x|y|true|c|y"
 ],
 [
  "{{ b64enc \"hello\" }}|{{ b64dec \"aGVsbG8=\" }}|{{ b64dec \"!!\" }}|{{ b32enc \"hello\" }}|{{ b32dec \"NBSWY3DP\" }}",
  "",
  "aGVsbG8=|hello|illegal base64 data at input byte 0|NBSWY3DP|hello"
 ],
 [
  "{{ add 1 2.5 \"3\" }}|{{ sub 5 2 }}|{{ mul 2 3 4 }}|{{ div 7 2 }}|{{ mod 7 3 }}|{{ max 1 5 3 }}|{{ min 4 2 }}|{{ floor 2.7 }}|{{ ceil 2.1 }}|{{ round 2.555 2 }}|{{ int \"12\" }}|{{ int64 3.9 }}|{{ float64 \"1.5\" }}|{{ atoi \"42\" }}|{{ toDecimal \"777\" }}|{{ add1 .x }}|{{ seq 1 3 }}",
  "{\"x\":4}",
  "6|3|24|3|1|5|2|2|3|2.56|12|3|1.5|42|511|5|1 2 3"
 ],
 [
  "{{ addf 0.1 0.2 }}|{{ mulf 1.1 3 }}|{{ divf 1 3 }}|{{ subf 1 0.9 }}",
  "",
  "0.3|3.3|0.3333333333333333|0.1"
 ],
 [
  "{{ list 1 \"a\" }}|{{ first .l }}|{{ last .l }}|{{ rest .l }}|{{ initial .l }}|{{ append .l 9 }}|{{ prepend .l 0 }}|{{ concat .l (list 7) }}|{{ reverse .l }}|{{ uniq (list 1 1 2) }}|{{ without .l 2.0 }}|{{ has 2.0 .l }}|{{ compact (list 0 \"\" 1) }}|{{ until 3 }}|{{ untilStep 0 10 3 }}|{{ first .e }}",
  "{\"l\":[1,2,3],\"e\":[]}",
  "[1 a]|1|3|[2 3]|[1 2]|[1 2 3 9]|[0 1 2 3]|[1 2 3 7]|[3 2 1]|[1 2]|[1 3]|true|[1]|[0 1 2]|[0 3 6 9]|<no value>"
 ],
 [
  "{{ $d := dict \"a\" 1 \"b\" 2 }}{{ $d }}|{{ get $d \"a\" }}|{{ get $d \"z\" }}|{{ set $d \"c\" 3 }}|{{ unset $d \"a\" }}|{{ hasKey $d \"b\" }}|{{ keys $d | sortAlpha }}|{{ pluck \"b\" $d $d }}|{{ merge (dict \"x\" 1) $d }}|{{ pick $d \"b\" }}|{{ omit $d \"b\" }}|{{ dig \"a\" \"b\" \"def\" .m }}|{{ dig \"z\" \"def\" .m }}|{{ deepCopy .m }}",
  "{\"m\":{\"a\":{\"b\":\"found\"}}}",
  "map[a:1 b:2]|1||map[a:1 b:2 c:3]|map[b:2 c:3]|true|[b c]|[2 2]|map[b:2 c:3 x:1]|map[b:2]|map[c:3]|found|def|map[a:map[b:found]]"
 ],
 [
  "{{ date \"2006-01-02 15:04:05 MST\" (toDate \"2006-01-02\" \"2024-03-05\") }}|{{ dateInZone \"2006-01-02T15:04:05Z07:00 Mon Jan\" (toDate \"2006-01-02T15:04:05Z07:00\" \"2024-03-05T10:20:30+02:00\") \"UTC\" }}|{{ unixEpoch (toDate \"2006-01-02\" \"2024-03-05\") }}|{{ duration 3661 }}|{{ duration \"95\" }}|{{ htmlDate 0 }}|{{ date \"Jan 2 06 3:04PM .000\" 1700000000 }}|{{ toDate \"2006-01-02\" \"bad\" }}",
  "",
  "2024-03-05 00:00:00 UTC|2024-03-05T08:20:30Z Tue Mar|1709596800|0s|1m35s|1970-01-01|Nov 14 23 10:13PM .000|0001-01-01 00:00:00 +0000 UTC"
 ],
 [
  "{{ sha1sum \"abc\" }}|{{ sha256sum \"abc\" }}|{{ adler32sum \"abc\" }}|{{ regexMatch \"^a.c$\" \"abc\" }}|{{ regexFind \"[0-9]+\" \"ab12cd34\" }}|{{ regexFindAll \"[0-9]+\" \"ab12cd34\" -1 }}|{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"${1}W\" }}|{{ regexReplaceAll \"a(x*)b\" \"-ab-axxb-\" \"$1W\" }}|{{ regexReplaceAllLiteral \"a(x*)b\" \"-ab-axxb-\" \"$1\" }}|{{ regexSplit \"z+\" \"pizza\" -1 }}|{{ regexReplaceAll \"(?P<first>\\\\w+) (?P<last>\\\\w+)\" \"John Smith\" \"$last, $first\" }}",
  "",
  "a9993e364706816aba3e25717850c26c9cd0d89d|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad|38600999|true|12|[12 34]|-W-xxW-|---|-$1-$1-|[pi a]|Smith, John"
 ],
 [
  "{{ semverCompare \">=1.2.0\" \"1.3.0\" }}|{{ semverCompare \"^1.2\" \"2.0.0\" }}|{{ (semver \"1.2.3-beta.1+b5\").Major }}",
  "",
  "true|false|1"
 ],
 [
  "{{ printf \"%5s|%-5s|%05d|%x|%X|%o|%b|%c|%q|%U|%e|%E|%g|%8.3f|%+d|%t|%v|%T|%T|%T|%%|%d\" \"ab\" \"ab\" 42 255 \"hi\" 8 5 65 66 67 1234.5678 0.000012 100000000.0 3.14159 5 true .m .m .l 1.5 }}",
  "{\"m\":{\"b\":[1,\"x\"],\"a\":null},\"l\":[1]}",
  "   ab|ab   |00042|ff|6869|10|101|A|'B'|U+0043|1.234568e+03|1.200000E-05|1e+08|   3.142|+5|true|map[a:<nil> b:[1 x]]|map[string]interface {}|[]interface {}|float64|%|%!d(MISSING)"
 ],
 [
  "{{ printf \"%.2f %.0f %.1f %6.2f %-8.3e %.3g %g %v\" 0.125 2.5 0.05 3.14159 1234.5 1234.5 0.00001234 1e100 }}|{{ printf \"%d %s\" 1 }}|{{ printf \"%d\" 1 2 }}|{{ printf \"%!\" }}|{{ printf \"%s\" .l }}|{{ printf \"%q\" .l }}|{{ printf \"%d\" .l }}",
  "{\"l\":[\"a\",1]}",
  "0.12 2 0.1   3.14 1.234e+03 1.23e+03 1.234e-05 1e+100|1 %!s(MISSING)|1%!(EXTRA int=2)|%!!(MISSING)|[a %!s(float64=1)]|[\"a\" %!q(float64=1)]|[%!d(string=a) %!d(float64=1)]"
 ],
 [
  "plain text only",
  "",
  "plain text only"
 ],
 [
  "{{ .a.b }}|{{ .a.n }}|{{ .a.f }}|{{ .a.big }}|{{ .a.m }}|{{ .a.neg }}|{{ .a.t }}|{{ .a.list }}|{{ .map }}|{{ .nil }}|{{ .missing }}|{{ .missing.deeper }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "x|3|3.5|1e+21|1e+06|-2.5|true|[1 two <nil> map[k:v]]|map[a:2 m:3 z:1]|<no value>|<no value>|<no value>"
 ],
 [
  "{{ . }}",
  "\"just a string\"",
  "just a string"
 ],
 [
  "{{ . }}",
  "[1,2.5,\"x\",null,true,{\"a\":[]}]",
  "[1 2.5 x <nil> true map[a:[]]]"
 ],
 [
  "{{ .a }}",
  "null",
  "<no value>"
 ],
 [
  "  {{- .a.b -}}  \n {{ .a.b }} {{- /* comment */ -}} x {{/* c2 */}}y",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "xxx y"
 ],
 [
  "{{ $ }}",
  "{\"k\":1}",
  "map[k:1]"
 ],
 [
  "{{ $x := .a.b }}{{ $x }}{{ $x = \"changed\" }}{{ $x }}{{ $.a.n }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "xchanged3"
 ],
 [
  "{{ if .a.t }}yes{{ end }}|{{ if .a.s }}yes{{ else }}no{{ end }}|{{ if .a.z }}1{{ else if .a.n }}2{{ else }}3{{ end }}|{{ if .a.arr }}a{{else}}empty{{end}}|{{ if .missing }}m{{else}}nom{{end}}|{{ if .nil }}n{{else}}nonil{{end}}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "yes|no|2|empty|nom|nonil"
 ],
 [
  "{{ range .items }}{{ .name }}={{ .v }};{{ end }}|{{ range $i, $e := .items }}{{ $i }}:{{ $e.name }},{{ end }}|{{ range $k, $v := .map }}{{ $k }}{{ $v }}{{ end }}|{{ range .a.arr }}x{{ else }}none{{ end }}|{{ range $v := .map }}{{ $v }}{{ end }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "b=2;a=1;|0:b,1:a,|a2m3z1|none|231"
 ],
 [
  "{{ range $i, $e := .a.list }}{{ if eq $i 1 }}{{ continue }}{{ end }}{{ if eq $i 3 }}{{ break }}{{ end }}[{{ $e }}]{{ end }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "[1][<no value>]"
 ],
 [
  "{{ with .a.b }}w={{ . }}{{ end }}|{{ with .a.s }}x{{ else }}empty{{ end }}|{{ with .a.s }}x{{ else with .a.n }}n={{ . }}{{ end }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "w=x|empty|n=3"
 ],
 [
  "{{ define \"T\" }}[{{ .name }}]{{ end }}{{ range .items }}{{ template \"T\" . }}{{ end }}{{ block \"B\" .a }}<{{ .b }}>{{ end }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "[b][a]<x>"
 ],
 [
  "{{ .a.b | printf \"%s-%s\" \"p\" }}|{{ \"x\" | printf \"%s%s\" \"y\" }}|{{ (len .items) }}|{{ (index .items 0).name }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "p-x|yx|2|b"
 ],
 [
  "{{ and 1 0 2 }}|{{ and 1 2 }}|{{ or 0 \"\" }}|{{ or 0 \"x\" 1 }}|{{ not .a.z }}|{{ and .missing .a.n }}|{{ or .missing }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "0|2||x|true|<no value>|<no value>"
 ],
 [
  "{{ len .a.list }}|{{ len .str }}|{{ len .map }}|{{ index .a.list 1 }}|{{ index .map \"m\" }}|{{ index .str 1 }}|{{ index .a.list 3 \"k\" }}|{{ slice .a.list 1 3 }}|{{ index .map \"none\" }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "4|13|3|two|3|195|v|[two <nil>]|<no value>"
 ],
 [
  "{{ print 1 2 \"a\" \"b\" 3 .a.f }}|{{ println 1 \"a\" }}|{{ printf \"%v|%d|%s|%q|%.2f|%5.1f|%-4s|%04d|%x|%T|%T|%T\" .a.n 7 .a.b .a.b .a.f .a.f \"ab\" 42 \"hi\" .a.n 7 .a.list }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "1 2ab3 3.5|1 a\n|3|7|x|\"x\"|3.50|  3.5|ab  |0042|6869|float64|int|[]interface {}"
 ],
 [
  "{{ html .html }}|{{ js .html }}|{{ urlquery \"a b&c=d/é\" }}|{{ html .missing }}|{{ js \"line\\nnext\\ttab\" }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt;|\\u003Ca href\\u003D\\\"x\\\"\\u003E\\u0026\\'\\u003C/a\\u003E|a+b%26c%3Dd%2F%C3%A9|&lt;no value&gt;|line\\u000Anext\\u0009tab"
 ],
 [
  "{{ eq .a.n 3.0 }}|{{ eq .a.b \"x\" \"y\" }}|{{ eq .a.b \"y\" \"x\" }}|{{ ne .a.b \"x\" }}|{{ lt .a.n 4.0 }}|{{ le 3 3 }}|{{ gt \"b\" \"a\" }}|{{ ge .a.f .a.n }}|{{ eq .missing nil }}|{{ eq .nil nil }}|{{ eq (len .items) 2 }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "true|true|true|false|true|true|true|true|true|true|true"
 ],
 [
  "{{ 3 }} {{ 3.0 }} {{ -2 }} {{ 0x1F }} {{ 1e2 }} {{ 'x' }} {{ true }} {{ \"s\\t\" }} {{ `raw\\n` }} {{ 1_000 }} {{ 010 }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "3 3 -2 31 100 120 true s\t raw\\n 1000 8"
 ],
 [
  "{{ printf \"%d\" .a.n }}|{{ printf \"%v %v\" .missing .nil }}|{{ printf \"%s\" 3 }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "%!d(float64=3)|<nil> <nil>|%!s(int=3)"
 ],
 [
  "{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ $y := 3 }}{{ end }}{{ $x }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "2"
 ],
 [
  "{{ upper .a.b }}|{{ .a.b | upper | repeat 3 }}|{{ title \"hello world\" }}|{{ trim \"  x  \" }}|{{ trimAll \"$\" \"$5.00$\" }}|{{ trimPrefix \"he\" \"hello\" }}|{{ trimSuffix \"lo\" \"hello\" }}|{{ contains \"ll\" \"hello\" }}|{{ hasPrefix \"he\" \"hello\" }}|{{ hasSuffix \"x\" \"hello\" }}|{{ replace \"l\" \"L\" \"hello\" }}|{{ indent 2 \"a\\nb\" }}|{{ nindent 2 \"a\" }}|{{ plural \"one\" \"many\" 2 }}|{{ substr 1 3 .str }}|{{ trunc 3 .str }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "X|XXX|Hello World|x|5.00|llo|hel|true|true|false|heLLo|  a\n  b|\n  a|many|é|hé"
 ],
 [
  "{{ splitList \",\" \"a,b,,c\" | join \"+\" }}|{{ (split \":\" \"k:v\")._1 }}|{{ splitn \",\" 2 \"a,b,c\" }}|{{ sortAlpha (list \"b\" \"a\" \"C\") }}|{{ list 3 1 2 | sortAlpha }}|{{ regexMatch \"^[a-z]+$\" .a.b }}|{{ regexFindAll \"[aeiou]\" \"education\" 3 }}|{{ regexSplit \",\" \"a,b,c\" 2 }}|{{ regexReplaceAllLiteral \"o\" \"foo\" \"$0\" }}|{{ regexReplaceAll \"(o)\" \"foo\" \"<$1>\" }}|{{ regexFind \"x+\" \"abc\" }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "a+b++c|v|map[_0:a _1:b,c]|[C a b]|[1 2 3]|true|[e u a]|[a b,c]|f$0$0|f<o><o>|"
 ],
 [
  "{{ toJson .a }}|{{ toJson .items }}|{{ .a | toRawJson }}|{{ mustToJson .str }}|{{ toJson (dict \"n\" 1 \"f\" 1.5) }}|{{ (fromJson \"{\\\"x\\\":{\\\"y\\\":[1,2]}}\").x.y }}|{{ toPrettyJson .items }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "{\"arr\":[],\"b\":\"x\",\"big\":1e+21,\"f\":3.5,\"list\":[1,\"two\",null,{\"k\":\"v\"}],\"m\":1000000,\"n\":3,\"neg\":-2.5,\"s\":\"\",\"t\":true,\"z\":0}|[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}]|{\"arr\":[],\"b\":\"x\",\"big\":1e+21,\"f\":3.5,\"list\":[1,\"two\",null,{\"k\":\"v\"}],\"m\":1000000,\"n\":3,\"neg\":-2.5,\"s\":\"\",\"t\":true,\"z\":0}|\"héllo wörld\"|{\"f\":1.5,\"n\":1}|[1 2]|[\n  {\n    \"name\": \"b\",\n    \"v\": 2\n  },\n  {\n    \"name\": \"a\",\n    \"v\": 1\n  }\n]"
 ],
 [
  "{{ default \"d\" .a.s }}|{{ default \"d\" .a.b }}|{{ default 5 .a.z }}|{{ .nil | default \"dn\" }}|{{ empty .a.arr }}|{{ empty .a.list }}|{{ coalesce .a.s .a.z .a.b }}|{{ ternary \"T\" \"F\" (eq .a.b \"x\") }}|{{ .a.n | int }}|{{ .a.f | int64 }}|{{ add .a.n 1 }}|{{ mul .a.f 2 }}|{{ div .a.m 3 }}|{{ float64 .a.n }}|{{ round 3.14159 2 }}|{{ floor .a.f }}|{{ ceil .a.f }}|{{ max .a.n 10 }}|{{ min 2 .a.f }}|{{ sub .a.n 5 }}|{{ mod 10 .a.n }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "d|x|5|dn|true|false|x|T|3|3|4|6|333333|3|3.14|3|4|10|2|-2|1"
 ],
 [
  "{{ b64enc .str }}|{{ b64dec (b64enc .str) }}|{{ sha256sum .a.b }}|{{ sha1sum \"\" }}|{{ adler32sum .str }}|{{ len uuidv4 }}|{{ b32enc .a.b }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "aMOpbGxvIHfDtnJsZA==|héllo wörld|2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881|da39a3ee5e6b4b0d3255bfef95601890afd80709|773523054|36|PA======"
 ],
 [
  "{{ $d := dict \"k\" .a.n }}{{ $_ := set $d \"j\" 2 }}{{ toJson $d }}|{{ hasKey .a \"b\" }}|{{ keys .map | sortAlpha }}|{{ values (dict \"one\" 1) }}|{{ pluck \"name\" (index .items 0) (index .items 1) }}|{{ pick .a \"b\" \"n\" }}|{{ omit .map \"z\" \"a\" }}|{{ dig \"a\" \"b\" \"def\" . }}|{{ get .map \"m\" }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "{\"j\":2,\"k\":3}|true|[a m z]|[1]|[b a]|map[b:x n:3]|map[m:3]|x|3"
 ],
 [
  "{{ first .a.list }}|{{ last .items }}|{{ rest (list 1 2 3) }}|{{ initial (list 1 2 3) }}|{{ append .a.arr 1 }}|{{ prepend (list 2) 1 }}|{{ concat (list 1) (list 2 3) }}|{{ reverse (list 1 2 3) }}|{{ uniq (list 1 \"1\" 1) }}|{{ without (list 1 2 1) 1 }}|{{ has \"two\" .a.list }}|{{ compact .a.list }}|{{ until 4 }}|{{ untilStep 10 0 -3 }}|{{ len (list) }}|{{ range $i := until 3 }}{{ $i }}{{ end }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "1|map[name:a v:1]|[2 3]|[1 2]|[1]|[1 2]|[1 2 3]|[3 2 1]|[1 1]|[2]|true|[1 two map[k:v]]|[0 1 2 3]|[10 7 4 1]|0|012"
 ],
 [
  "{{ date \"2006-01-02T15:04:05Z07:00\" (toDate \"2006-01-02 15:04\" \"2023-12-31 23:59\") }}|{{ dateInZone \"Mon Jan _2 15:04:05 MST 2006\" (toDate \"2006-01-02\" \"2024-07-04\") \"America/New_York\" }}|{{ dateInZone \"02 Jan 06 15:04 -0700\" (toDate \"2006-01-02\" \"2024-01-15\") \"Asia/Kolkata\" }}|{{ (toDate \"2006-01-02\" \"2024-02-29\").Year }}|{{ toDate \"2006-01-02T15:04:05.000Z\" \"2024-02-29T01:02:03.456Z\" }}|{{ duration \"3725\" }}|{{ dateModify \"1h30m\" (toDate \"2006-01-02\" \"2024-01-01\") | date \"15:04\" }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "2023-12-31T23:59:00Z|Wed Jul  3 20:00:00 EDT 2024|15 Jan 24 05:30 +0530|2024|2024-02-29 01:02:03.456 +0000 UTC|1h2m5s|01:30"
 ],
 [
  "{{ camelcase \"foo_bar-baz qux\" }}|{{ kebabcase \"FooBarBaz\" }}|{{ snakecase \"someHTTPRequest\" }}|{{ initials \"hello big world\" }}|{{ abbrev 8 \"hello world\" }}|{{ wrap 10 \"the quick brown fox jumps\" }}|{{ cat \"a\" .a.n .nil }}|{{ quote .a.n .a.b }}|{{ squote .a.b }}|{{ nospace \" a b \" }}|{{ swapcase \"AbC\" }}|{{ toString .a.f }}|{{ atoi \"12\" }}|{{ atoi \"x\" }}|{{ int \"0x1F\" }}|{{ semverCompare \"~1.2\" \"1.2.9\" }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "FooBarBazQux|foo-bar-baz|some_http_request|hbw|hello...|the quick\nbrown fox\njumps|a 3|\"3\" \"x\"|'x'|ab|aBc|3.5|12|0|31|true"
 ],
 [
  "{{ .Input.body.message | title }}|{{ .Input.body.name | nospace | lower }}-|{{ .Input.body.pull_request.head.sha | substr 0 7 }}|{{ .Input.body.pull_request.number }}-{{ .Input.body.pull_request.head.sha | substr 0 7 }}|Hi {{.Input.body.name}},\n\n\tHello There.\n\nThanks,\nObi",
  "{\"Input\":{\"body\":{\"message\":\"hello argo events\",\"name\":\"Jane Doe Smith\",\"pull_request\":{\"number\":42,\"head\":{\"sha\":\"9f8e7d6c5b4a3\"}}}}}",
  "Hello Argo Events|janedoesmith-|9f8e7d6|42-9f8e7d6|Hi Jane Doe Smith,\n\n\tHello There.\n\nThanks,\nObi"
 ],
 [
  "{{ .Input.subject | title }}",
  "{\"Input\":{\"subject\":\"new order placed\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"specversion\":\"1.0\"}}",
  "New Order Placed"
 ]
];

/** [template, JSON data, error code, '=' + Go's exact message or '~' + the part of it Switchyard must include]. */
const GO_ERRORS: [string, string, string, string][] = [
 [
  "{{ range .x }}{{.}}{{end}}",
  "{\"x\":\"abc\"}",
  "TEMPLATE_EXEC",
  "=template: x:1:9: executing \"x\" at <.x>: range can't iterate over abc"
 ],
 [
  "{{ .a.b }}",
  "{\"a\":\"s\"}",
  "TEMPLATE_EXEC",
  "=template: x:1:5: executing \"x\" at <.a.b>: can't evaluate field b in type interface {}"
 ],
 [
  "{{ .b }}",
  "\"s\"",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <.b>: can't evaluate field b in type string"
 ],
 [
  "{{ range $k, $v := .m }}{{ $v.z }}{{end}}",
  "{\"m\":{\"a\":null}}",
  "TEMPLATE_EXEC",
  "=template: x:1:29: executing \"x\" at <$v.z>: nil pointer evaluating interface {}.z"
 ],
 [
  "{{ index .m \"q\" }}|{{ index .l 5 }}",
  "{\"m\":{},\"l\":[1]}",
  "TEMPLATE_EXEC",
  "=template: x:1:22: executing \"x\" at <index .l 5>: error calling index: index out of range: 5"
 ],
 [
  "{{ lt 1 2.0 }}",
  "{}",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <lt 1 2.0>: error calling lt: incompatible types for comparison: int and float64"
 ],
 [
  "{{ .x | upper }}",
  "{\"x\":2}",
  "TEMPLATE_EXEC",
  "=template: x:1:8: executing \"x\" at <upper>: wrong type for value; expected string; got float64"
 ],
 [
  "{{ upper .zz }}",
  "{\"x\":2}",
  "TEMPLATE_EXEC",
  "=template: x:1:9: executing \"x\" at <.zz>: invalid value; expected string"
 ],
 [
  "{{ upper .n }}",
  "{\"n\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:9: executing \"x\" at <.n>: wrong type for value; expected string; got interface {}"
 ],
 [
  "{{ substr .a 2 .x }}",
  "{\"x\":\"hello\",\"a\":0}",
  "TEMPLATE_EXEC",
  "=template: x:1:10: executing \"x\" at <.a>: wrong type for value; expected int; got float64"
 ],
 [
  "{{ slice \"abc\" 1 2 }}",
  "",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <slice \"abc\" 1 2>: error calling slice: list should be type of slice or array but string"
 ],
 [
  "{{ len .zz }}",
  "{}",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <len .zz>: error calling len: reflect: call of reflect.Value.Type on zero Value"
 ],
 [
  "{{ index .l 1 }}",
  "{\"l\":[1]}",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <index .l 1>: error calling index: reflect: slice index out of range"
 ],
 [
  "{{ eq .m .m }}",
  "{\"m\":{}}",
  "TEMPLATE_EXEC",
  "~error calling eq"
 ],
 [
  "{{ div 1 0 }}",
  "",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <div 1 0>: error calling div: runtime error: integer divide by zero"
 ],
 [
  "{{ template \"nope\" }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:12: executing \"x\" at <{{template \"nope\"}}>: template \"nope\" not defined"
 ],
 [
  "{{ eq .a.n 3 }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <eq .a.n 3>: error calling eq: incompatible types for comparison: float64 and int"
 ],
 [
  "{{ lt .a.b 3 }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <lt .a.b 3>: error calling lt: incompatible types for comparison: string and int"
 ],
 [
  "{{ lt .a.t .a.t }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <lt .a.t .a.t>: error calling lt: invalid type for comparison"
 ],
 [
  "{{ .a.b.c }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:5: executing \"x\" at <.a.b.c>: can't evaluate field c in type interface {}"
 ],
 [
  "{{ .nil.x }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:7: executing \"x\" at <.nil.x>: nil pointer evaluating interface {}.x"
 ],
 [
  "{{ range .a.n }}x{{ end }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:11: executing \"x\" at <.a.n>: range can't iterate over 3"
 ],
 [
  "{{ index .a.list 9 }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <index .a.list 9>: error calling index: index out of range: 9"
 ],
 [
  "{{ index .a.list \"x\" }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <index .a.list \"x\">: error calling index: cannot index slice/array with type string"
 ],
 [
  "{{ len .a.n }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <len .a.n>: error calling len: len of type float64"
 ],
 [
  "{{ .a.b 1 }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:5: executing \"x\" at <.a.b>: b is not a method but has arguments"
 ],
 [
  "{{ nil }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:3: executing \"x\" at <nil>: nil is not a command"
 ],
 [
  "{{ if }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: missing value for if"
 ],
 [
  "{{ end }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: unexpected {{end}}"
 ],
 [
  "{{ if .a }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: unexpected EOF"
 ],
 [
  "{{ .a | 3 }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: non executable command in pipeline stage 2"
 ],
 [
  "{{ nosuchfunc 1 }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: function \"nosuchfunc\" not defined"
 ],
 [
  "{{ $u }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: undefined variable \"$u\""
 ],
 [
  "{{ .a.b \" }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: unterminated quoted string"
 ],
 [
  "{{ range $a, $b, $c := .x }}{{end}}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: too many declarations in range"
 ],
 [
  "{{ break }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: {{break}} outside {{range}}"
 ],
 [
  "line1\nline2 {{ .a. }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:2: unexpected <.> in operand"
 ],
 [
  "{{/* unclosed",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: unclosed comment"
 ],
 [
  "{{ (1 }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: unclosed left paren"
 ],
 [
  "{{ else }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: unexpected {{else}}"
 ],
 [
  "{{ 3x }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: bad number syntax: \"3x\""
 ],
 [
  "a\nb\n{{ if .x }}\n{{ else }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:4: unexpected EOF"
 ],
 [
  "{{ range $i, $v := .a.list }}{{ end }}{{ $i }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_PARSE",
  "=template: x:1: undefined variable \"$i\""
 ],
 [
  "{{ .a.n | upper }}",
  "{\"a\":{\"b\":\"x\",\"n\":3,\"f\":3.5,\"big\":1e21,\"m\":1000000,\"neg\":-2.5,\"z\":0,\"t\":true,\"s\":\"\",\"arr\":[],\"list\":[1,\"two\",null,{\"k\":\"v\"}]},\"items\":[{\"name\":\"b\",\"v\":2},{\"name\":\"a\",\"v\":1}],\"map\":{\"z\":1,\"a\":2,\"m\":3},\"str\":\"héllo wörld\",\"html\":\"<a href=\\\"x\\\">&'</a>\",\"nil\":null}",
  "TEMPLATE_EXEC",
  "=template: x:1:10: executing \"x\" at <upper>: wrong type for value; expected string; got float64"
 ]
];
