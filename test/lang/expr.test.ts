import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSwitchyardError } from '../../src/errors.ts';
import { compileExpr, type ExprOptions } from '../../src/lang/expr/index.ts';
import { countRegExpBuilds } from '../helpers/regexp.ts';

// Expected results were produced by antonmedv/expr v1.15.5 (expr.Compile without an env,
// expr.Run with the environment decoded from JSON, so its numbers are float64).
const PARSE = Symbol('parse error');
const EVAL = Symbol('evaluation error');

function outcome(source: string, env: Record<string, unknown>, options?: ExprOptions): unknown {
  let program;
  try {
    program = compileExpr(source, options);
  } catch (err) {
    assert.ok(isSwitchyardError(err), `non-Switchyard error for ${source}: ${String(err)}`);
    assert.equal(err.code, 'EXPR_PARSE');
    assert.equal(err.errorClass, 'stop');
    return PARSE;
  }
  try {
    return program.run(env);
  } catch (err) {
    assert.ok(isSwitchyardError(err), `non-Switchyard error for ${source}: ${String(err)}`);
    assert.equal(err.code, 'EXPR_EVAL');
    assert.equal(err.errorClass, 'poison');
    return EVAL;
  }
}

function runTable(env: Record<string, unknown>, rows: readonly (readonly [string, unknown])[]): void {
  for (const [source, expected] of rows) {
    const got = outcome(source, env);
    if (typeof expected === 'number' && Number.isNaN(expected)) assert.ok(Number.isNaN(got), source);
    else assert.deepEqual(got, expected, `${source}: got ${String(got)}`);
  }
}

describe('expr: the language (results from the Go library)', () => {
  test('literals, operators, members, builtins, closures', () => {
    const env = {
      a: 'b', c: 10, f: 2.5, e: false, n: null, m: { x: 1, y: { z: 'q' }, 'k-1': 2 }, arr: [1, 2, 3, 4, 5], s: 'hello',
      body: { alerts: [{ labels: { slo: 'x' } }, { labels: { slo: 'y' } }] },
    };
    runTable(env, [
      ["1 + 2", 3],
      ["1 + 2.0", 3],
      ["7 / 2", 3.5],
      ["6 / 2", 3],
      ["7 % 2", 1],
      ["7.0 % 2", PARSE],
      ["c % 3", EVAL],
      ["2 ** 3", 8],
      ["2 ^ 3", 8],
      ["-2 ** 2", -4],
      ["2 ** 3 ** 2", 512],
      ["9223372036854775807 + 1", -9223372036854776000],
      ["1 == 1.0", true],
      ["\"1\" == 1", PARSE],
      ["c == 10", true],
      ["c + 1", 11],
      ["type(c)", "float"],
      ["type(1)", "int"],
      ["type(1.5)", "float"],
      ["type(nil)", "nil"],
      ["type(\"a\")", "string"],
      ["type([1])", "array"],
      ["type({a:1})", "map"],
      ["type(true)", "bool"],
      ["string(c)", "10"],
      ["string(1e21)", "1e+21"],
      ["string(1000000.0)", "1e+06"],
      ["string(1.5)", "1.5"],
      ["string([1, \"a\"])", "[1 a]"],
      ["string({a: 1})", "map[a:1]"],
      ["string(nil)", "<nil>"],
      ["foo", null],
      ["foo.bar", EVAL],
      ["m.x", 1],
      ["m.q", null],
      ["m.q.r", EVAL],
      ["m?.q?.r", null],
      ["n?.x", null],
      ["n.x", EVAL],
      ["m[\"k-1\"]", 2],
      ["m.y.z", "q"],
      ["arr[0]", 1],
      ["arr[-1]", 5],
      ["arr[10]", EVAL],
      ["arr[1:3]", [2,3]],
      ["arr[:2]", [1,2]],
      ["arr[3:]", [4,5]],
      ["arr[-2:]", [4,5]],
      ["s[1:3]", "el"],
      ["s[0]", 104],
      ["1..3", [1,2,3]],
      ["3..1", []],
      ["\"a\" + \"b\"", "ab"],
      ["\"a\" + 1", PARSE],
      ["\"a\" < \"b\"", true],
      ["n > 1", EVAL],
      ["n == nil", true],
      ["nil == nil", true],
      ["c > \"a\"", EVAL],
      ["2 in arr", true],
      ["2.0 in arr", true],
      ["6 in arr", false],
      ["\"x\" in m", true],
      ["\"x\" not in m", false],
      ["not true", false],
      ["!e", true],
      ["not e == true", true],
      ["true and false or true", true],
      ["true ? 1 : 2", 1],
      ["c ? 1 : 2", EVAL],
      ["n ?? 5", 5],
      ["foo ?? 5", 5],
      ["1 ?? 2 + 3", PARSE],
      ["s matches \"^h\"", true],
      ["s matches \"(\"", PARSE],
      ["s contains \"ell\"", true],
      ["s startsWith \"he\"", true],
      ["s endsWith \"lo\"", true],
      ["not (s contains \"x\")", true],
      ["s not contains \"x\"", true],
      ["len(arr)", 5],
      ["len(s)", 5],
      ["len(m)", 3],
      ["len(n)", EVAL],
      ["all(arr, # > 0)", true],
      ["any(arr, # > 4)", true],
      ["none(arr, # > 5)", true],
      ["one(arr, # == 1)", true],
      ["filter(arr, # % 2 == 0)", EVAL],
      ["map(arr, # * 2)", [2,4,6,8,10]],
      ["map(arr, {# / 2})", [0.5,1,1.5,2,2.5]],
      ["count(arr, # > 2)", 3],
      ["filter(body.alerts, .labels.slo == \"x\")", [{"labels":{"slo":"x"}}]],
      ["map(body.alerts, .labels.slo)", ["x","y"]],
      ["abs(-3)", 3],
      ["abs(-3.5)", 3.5],
      ["int(\"12\")", 12],
      ["int(3.9)", 3],
      ["float(\"1.5\")", 1.5],
      ["float(3)", 3],
      ["trim(\"  x \")", "x"],
      ["upper(s)", "HELLO"],
      ["lower(\"ABC\")", "abc"],
      ["split(\"a,b,c\", \",\")", ["a","b","c"]],
      ["join([\"a\",\"b\"], \"-\")", "a-b"],
      ["arr | filter(# > 2) | map(# * 10)", [30,40,50]],
      ["reduce(arr, #acc + #)", 15],
      ["reduce(arr, #acc + #, 100)", 115],
      ["sum(arr)", 15],
      ["sum([1, 2.5])", 3.5],
      ["max(1, 2.5)", 2.5],
      ["min(3, 1)", 1],
      ["mean(arr)", 3],
      ["median([3,1,2])", 2],
      ["first(arr)", 1],
      ["last(arr)", 5],
      ["take(arr, 2)", [1,2]],
      ["keys({a:1})", ["a"]],
      ["sort([3,1,2])", [1,2,3]],
      ["sort([3,1,2], \"desc\")", [3,2,1]],
      ["toJSON({a: 1, b: [1,2]})", "{\n  \"a\": 1,\n  \"b\": [\n    1,\n    2\n  ]\n}"],
      ["toJSON({b: \"<&>\", a: 1.5, c: nil, d: 1e21, e: 0.0000001})", "{\n  \"a\": 1.5,\n  \"b\": \"\\u003c\\u0026\\u003e\",\n  \"c\": null,\n  \"d\": 1e+21,\n  \"e\": 1e-7\n}"],
      ["fromJSON('{\"a\":1}')", {"a":1}],
      ["replace(\"aaa\", \"a\", \"b\")", "bbb"],
      ["repeat(\"ab\", 3)", "ababab"],
      ["indexOf(\"hello\", \"l\")", 2],
      ["get(arr, 10)", null],
      ["get(m, \"x\")", 1],
      ["find(arr, # > 2)", 3],
      ["findIndex(arr, # > 2)", 2],
      ["findLast(arr, # < 3)", 2],
      ["findLastIndex(arr, # < 3)", 1],
      ["ceil(1.2)", 2],
      ["floor(1.8)", 1],
      ["round(2.5)", 3],
      ["round(-2.5)", -3],
      ["toBase64(\"hi\")", "aGk="],
      ["fromBase64(\"aGk=\")", "hi"],
      ["$env.c", 10],
      ["$env[\"c\"]", 10],
      ["\"multi\\nline\\t\\u00e9\\x41\"", "multi\nline\téA"],
      ["'single \\'q\\''", "single 'q'"],
      ["0x1F", 31],
      ["1_000", 1000],
      ["1e3", 1000],
      [".5", 0.5],
      ["1.5e-3", 0.0015],
      ["1 /* c */ + 2", 3],
      ["{a: 1, \"b\": 2}.b", 2],
      ["[1, 2, 3][1]", 2],
      ["-c", -10],
      ["+c", 10],
      ["-\"a\"", PARSE],
      ["\"abc\"[1]", PARSE],
      ["nil", null],
      ["[1, 2] == [1, 2]", true],
      ["arr == [1, 2]", false],
      ["arr == [1.0, 2.0, 3.0, 4.0, 5.0]", true],
      ["{a: 1} == {a: 1}", true],
      ["\"a\" in \"abc\"", PARSE],
      ["7 % 0", PARSE],
      ["int(\"x\")", EVAL],
      ["arr[1.0]", 2],
      ["m.x.y", EVAL],
      ["c.x", EVAL],
      ["true == 1", PARSE],
      ["n != 1", true],
      ["1 < 2.5", true],
      ["c >= 10", true],
      ["'b' > 'a'", true],
      ["1 + 2 * 3 - 4 / 2", 5],
      ["10 - 2 - 3", 5],
      ["2 ** -1", 0.5],
      ["[1, 2] + [3]", PARSE],
      ["{a: 1}.b", null],
      ["[1,2,3][1:]", [2,3]],
      ["[1,2,3][5:]", []],
      ["[1,2,3][-10:]", [1,2,3]],
      ["1 in [1.0]", true],
      ["1.5 in [1, 2]", false],
      ["nil in [nil]", true],
      ["len(\"héllo\")", 6],
      ["upper(\"é\")", "É"],
      ["\"x\" + nil", PARSE],
      ["1 == nil", false],
      ["trim(\"xxhixx\", \"x\")", "hi"],
      ["split(\"a,b,c\", \",\", 2)", ["a","b,c"]],
      ["splitAfter(\"a,b\", \",\")", ["a,","b"]],
      ["trimPrefix(\"abc\", \"a\")", "bc"],
      ["trimSuffix(\"abc\", \"c\")", "ab"],
      ["hasPrefix(\"abc\", \"a\")", true],
      ["hasSuffix(\"abc\", \"c\")", true],
      ["lastIndexOf(\"abcabc\", \"b\")", 4],
      ["values({a: 1})", [1]],
      ["toPairs({a: 1})", [["a",1]]],
      ["sortBy([{a: 2}, {a: 1}], \"a\")", [{"a":1},{"a":2}]],
      ["int(c)", 10],
      ["float(c) == c", true],
      ["string(2.0)", "2"],
      ["string(true)", "true"],
      ["string(-0.0)", "-0"],
      ["max(1, 2, 3)", 3],
      ["min()", PARSE],
      ["sum([])", 0],
      ["mean([])", 0],
      ["round(2.4)", 2],
      ["get([1], -1)", 1],
      ["take([1], 5)", [1]],
      ["last([])", null],
      ["first([])", null],
      ["map(1..3, #index)", [0,1,2]],
      ["map([\"a\",\"b\"], #index + 1)", [1,2]],
      ["all([], false)", true],
      ["1 ? 2", PARSE],
      ["true ? 1", PARSE],
      ["true ? 1 : \"a\"", 1],
      ["not 1", PARSE],
      ["!n", EVAL],
      ["- true", PARSE],
      ["s[-1:]", "o"],
      ["[1, 2,]", [1,2]],
      ["{a: 1,}", {"a":1}],
      ["{\"a b\": 1}[\"a b\"]", 1],
      ["foo?.bar.baz", null],
      ["c.", PARSE],
      ["1.5.x", PARSE],
      ["3 ** 2 ** 0", 3],
      ["0.1 + 0.2", 0.30000000000000004],
      ["1 / 3", 0.3333333333333333],
      ["100000000 * 100000000000", -8446744073709552000],
      ["5 % 3", 2],
      ["-5 % 3", -2],
      ["5 % -3", 2],
      ["int(-3.9)", -3],
      ["int(\" 5\")", EVAL],
      ["float(\"1e3\")", 1000],
      ["1..3 | sum()", 6],
      ["count(body.alerts, .labels.slo in [\"x\", \"z\"])", 1],
      ["any(body.alerts, {.labels.slo startsWith \"y\"})", true],
      ["body.alerts[0].labels.slo", "x"],
      ["body.alerts[-1]?.labels?.slo", "y"],
      ["body?.missing?.deep ?? \"default\"", "default"],
      ["(n ?? 1) + 2", 3],
      ["c > 5 && s == \"hello\"", true],
      ["c > 5 and not (s == \"x\")", true],
      ["s in [\"hello\", \"bye\"]", true],
      ["s not in [\"hello\"]", false],
      ["s matches \"^h.l+o$\"", true],
      ["\"abc\" matches \"(?i)ABC\"", true],
      ["f * 2", 5],
      ["f + 1", 3.5],
      ["int(f)", 2],
      ["string(f)", "2.5"],
      ["f > 2", true],
      ["c / 4", 2.5],
      ["c * 2", 20],
      ["2 * c", 20],
      ["len([1, [2, 3]])", 2],
      ["one([true, false], #)", true],
      ["map([1, 2], # ** 2)", [1,4]],
      ["filter(1..10, # % 3 == 0)", [3,6,9]],
      ["reduce(1..4, #acc * #)", 24],
    ]);
  });

  test('random nested expressions', () => {
    const env = { c: 10, f: 2.5, e: false, n: null, m: { x: 1 }, arr: [1, 2, 3], s: 'hello' };
    runTable(env, [
      ["len(s)", 5],
      ["arr", [1,2,3]],
      ["-1", -1],
      ["m", {"x":1}],
      ["7", 7],
      ["0x10", 16],
      ["!e", true],
      ["arr[1]", 2],
      ["foo", null],
      ["-7", -7],
      ["\"b\"", "b"],
      ["n", null],
      ["{a: 1}", {"a":1}],
      ["1e2", 100],
      ["true", true],
      ["n ?? true", true],
      ["1 ?? foo", 1],
      ["+arr[1]", 2],
      ["'a'", "a"],
      ["m?.q", null],
      ["(m in m?.q)", false],
      ["2.5", 2.5],
      ["2.5 * 0x10", 40],
      ["c", 10],
      ["[1, 2]", [1,2]],
      ["-3", -3],
      ["false", false],
      ["s", "hello"],
      ["(0 >= 1)", false],
      ["(-3 / c)", -0.3],
      ["1", 1],
      ["f", 2.5],
      ["0", 0],
      ["+0x10", 16],
      ["+m?.q", null],
      ["f ^ arr[1]", 6.25],
      ["m.x", 1],
      ["(arr[1] > 1 ^ len(s) && c)", 10],
      ["e", false],
      ["not e", true],
      ["n ?? 1e2", 100],
      ["-3 .. m.x", [-3,-2,-1,0,1]],
      ["-3 != -3", false],
      ["(len(s) < 1e2)", true],
      ["arr ?? e", [1,2,3]],
      ["+e", false],
      ["e ?? f", false],
      ["0x10 == m?.q", false],
      ["+1", 1],
      ["arr[1] + arr[1]", 4],
      ["true ? 0 : s", 0],
      ["+n", null],
      ["n != len(s) ? foo : m.x", null],
      ["m.x in foo", false],
      ["(arr[1] == arr) ? len(s) : [1, 2]", [1,2]],
      ["(arr[1] >= (2.5 + arr[1]))", false],
      ["-3 .. 0", [-3,-2,-1,0]],
      ["(m.x ^ +1)", 1],
      ["-0x10", -16],
      ["1 - len(s)", -4],
      ["2.5 >= -3", true],
      ["-3 < -c", false],
      ["(c >= 0 ** m.x)", true],
      ["0x10 ** 2.5", 1024],
      ["-2.5", -2.5],
      ["([1, 2] not in +n)", true],
      ["len(s) in m?.q", false],
      ["(7 + c)", 17],
      ["(1e2 ?? 0)", 100],
      ["-3 >= f", false],
      ["len(s) >= len(s)", true],
      ["s in m?.q", false],
      ["(len(s) ?? 7)", 5],
      ["(true and arr)", [1,2,3]],
      ["-3 != +m?.q", true],
      ["-f", -2.5],
      ["true ?? 'a'", true],
      ["0x10 ?? arr[1]", 16],
      ["-0", 0],
      ["-0 == len(s)", false],
      ["-1e2 >= +2.5 != m", true],
      ["(\"b\" ?? s)", "b"],
      ["(2.5 ** f)", 9.882117688026186],
      ["m != {a: 1}", true],
      ["len(s) .. 1", []],
      ["+2.5", 2.5],
      ["c != +arr[1]", true],
      ["0x10 <= m.x", false],
      ["c == false", false],
      ["+s", "hello"],
      ["2.5 + m.x", 3.5],
      ["1e2 != m?.q", true],
      ["not false", true],
      ["e || foo", null],
      ["len(s) > -3", true],
      ["-2.5 - m.x", -3.5],
      ["true || arr", true],
      ["([1, 2] ?? [1, 2])", [1,2]],
      ["(0 not in arr)", true],
      ["c < (-3 ?? len(s)) ?? (s != 'a')", false],
      ["0 - 1e2", -100],
      ["-1e2", -100],
      ["not true", false],
      ["arr ?? s", [1,2,3]],
      ["(true ?? n)", true],
      ["(e != 1e2)", true],
      ["0x10 ** 1e2", 2.5822498780869086e+120],
      ["false ? arr[1] : 0", 0],
      ["(1 < 0x10) != m.x", true],
      ["len(s) / c", 0.5],
      ["not true ? s : m", {"x":1}],
      ["len(s) - 7", -2],
      ["(arr[1] - len(s))", -3],
      ["c - -3", 13],
      ["m?.q == m?.q", true],
      ["0x10 - 2.5", 13.5],
      ["1e2 ** len(s)", 10000000000],
      ["(f <= +1e2)", true],
      ["n != +m?.q", false],
      ["(f not in arr)", true],
      ["2.5 >= 0", true],
      ["c >= 0", true],
      ["(!e and +foo)", null],
      ["e == 7", false],
      ["len(s) > m.x", true],
      ["1e2 / m.x", 100],
      ["(e and ([1, 2] == arr[1]))", false],
      ["true and m.x", 1],
      ["(len(s) != m)", true],
      ["--3", 3],
      ["(7 ** +len(s))", 16807],
      ["+0", 0],
      ["2.5 != len(s)", true],
      ["('a' != [1, 2] ?? (e - e))", true],
      ["c in arr", false],
      ["len(s) - c", -5],
      ["m != false", true],
      ["e ? n : 1e2", 100],
      ["+7", 7],
      ["'a' in m?.q or f >= m.x", true],
      ["c ** c", 10000000000],
      ["e != true", true],
      ["m.x == arr", false],
      ["-3 .. 7", [-3,-2,-1,0,1,2,3,4,5,6,7]],
      ["7 / -3", -2.3333333333333335],
      ["0x10 ?? n", 16],
      ["c / 2.5", 4],
      ["-len(s)", -5],
      ["c == foo", false],
      ["\"b\" + s", "bhello"],
      ["-7 && len(s)", PARSE],
      ["(0 == +m) >= (-3 startsWith 1e2)", PARSE],
      ["arr[1] in 0 && +7 % arr ** (-e != 7 ? len(s) : m)", PARSE],
      ["len(s) * n ? false : !arr", EVAL],
      ["m?.q startsWith m.x", EVAL],
      ["f ? arr[1] : {a: 1}", EVAL],
      ["0x10 == 0x10 / [1, 2]", PARSE],
      ["(!1 / n ** (-3 || 7) contains foo ? true : 7 endsWith c <= m.x)", PARSE],
      ["not [1, 2] startsWith [1, 2]", PARSE],
      ["+c ? 'a' : false ^ (1 / arr[1])", PARSE],
      ["(-[1, 2] ** -3 not in c - e + 'a')", PARSE],
      ["0 ? arr[1] >= n : \"b\" or foo && ({a: 1} < foo and +'a')", PARSE],
      ["f ?? (0x10 ** !'a' <= n)", PARSE],
      ["m?.q startsWith true", PARSE],
      ["(n and 0)", PARSE],
      ["m || -0 * false ? m.x : -3", PARSE],
      ["(arr .. \"b\")", PARSE],
      ["(0x10 || m?.q) matches ('a' >= arr[1])", PARSE],
      ["s ? m?.q : m?.q", EVAL],
      ["(m.x == !'a') .. {a: 1} && m?.q", PARSE],
      ["not s", EVAL],
      ["+f % \"b\"", PARSE],
      ["(\"b\" == 1 and (len(s) and 7))", PARSE],
      ["c ? 1 : foo", EVAL],
      ["e % 1e2 ? e : m - f", PARSE],
      ["0 contains 0x10 + \"b\" ? arr : len(s)", PARSE],
      ["(0x10 && 1e2 - m?.q)", PARSE],
      ["(!0 or \"b\")", PARSE],
      ["m || (f ** m.x ?? -3)", PARSE],
      ["c > [1, 2]", PARSE],
      ["2.5 not in +c", EVAL],
      ["1e2 < true", PARSE],
      ["c in (c == 1e2 >= true ? arr : 2.5)", PARSE],
      ["((m?.q matches e <= s) ** 7)", PARSE],
      ["arr and 1e2 + e", EVAL],
      ["-foo >= m - !m?.q > -m ? (1 ? {a: 1} : +len(s) * foo <= 0x10) : 1e2", PARSE],
      ["m.x || n or m.x", EVAL],
      ["!s > +true", PARSE],
      ["0 - 'a'", PARSE],
      ["[1, 2] / foo", PARSE],
      ["-'a' ? s ** 1 : n", PARSE],
      ["0x10 ^ 'a' matches s", PARSE],
      ["((e or !foo >= s + {a: 1}) .. ((arr[1] * 1) / f))", PARSE],
      ["\"b\" >= not e ** +true ? (+0x10 ? true : not c - m / -3) : [1, 2] == (arr <= arr)", PARSE],
      ["!m.x in \"b\" * true ?? m.x * [1, 2]", PARSE],
      ["(+f != -3 <= (arr - 7)) == (+0x10 > arr[1]) ? s : [1, 2] and m", PARSE],
      ["(1e2 ^ 1 > (arr[1] >= +-3))", PARSE],
      ["(arr[1] or arr) ^ arr[1] / m?.q", PARSE],
      ["((\"b\" && n && e) in true)", PARSE],
      ["f > 0 ^ 0x10 startsWith false / foo", PARSE],
      ["1 matches false", PARSE],
      ["(2.5 or n)", PARSE],
      ["\"b\" .. 'a'", PARSE],
      ["{a: 1} >= {a: 1} endsWith 0x10 >= len(s) <= s", PARSE],
      ["(m or arr)", EVAL],
      ["f or m", EVAL],
      ["false - foo", PARSE],
      ["0x10 endsWith 'a'", PARSE],
      ["(len(s) ^ not s)", PARSE],
      ["((f / 1e2 % c not in n) * m.x)", PARSE],
      ["0x10 ? (e or \"b\") startsWith 0x10 in foo : m?.q", PARSE],
      ["!m ? not arr[1] : !foo", EVAL],
      ["m.x != foo - 'a'", PARSE],
      ["((not foo == !{a: 1}) < (-3 < m.x))", PARSE],
      ["m.x ? len(s) : 1", EVAL],
      ["c ? true : not 1", PARSE],
      ["c in m.x", EVAL],
      ["c - +arr * false .. false", PARSE],
      ["((s / 'a' % (!{a: 1} || m?.q)) || [1, 2] not in (\"b\" .. f))", PARSE],
      ["m?.q ? e : 1e2", EVAL],
      ["e .. m?.q", EVAL],
      ["(not 7 * len(s))", PARSE],
      ["n && arr[1]", EVAL],
      ["((true ** arr[1]) matches (foo not in !2.5)) * f", PARSE],
      ["((0 matches 0x10) and (arr && 2.5))", PARSE],
      ["(arr / s == n >= \"b\")", PARSE],
      ["(([1, 2] ?? !n) < s) ? (false - 'a') : not true", PARSE],
      ["m?.q matches m.x in not foo", PARSE],
      ["(7 ^ false ?? m.x startsWith \"b\")", PARSE],
      ["(s .. !len(s))", PARSE],
      ["(1 != 7 != (n > n)) > ((e % !s) != true <= 1)", PARSE],
      ["(-3 ? m?.q : \"b\" || 0 % n)", PARSE],
      ["+2.5 || 1 != m?.q", PARSE],
      ["([1, 2] ** m.x)", PARSE],
      ["7 contains {a: 1} ? -3 / true : 1e2 ? (!m.x and n) % c : +[1, 2]", PARSE],
      ["(foo .. f + (true or m.x) ^ -len(s) in \"b\" ? not f : not 2.5 not in true)", PARSE],
      ["1e2 > m?.q", EVAL],
      ["-7 <= {a: 1} + true not in n >= len(s) == 1 ?? +n", PARSE],
      ["1 or -c contains (m?.q .. 1e2)", PARSE],
      ["m > n", EVAL],
      ["{a: 1} in f < -3 <= not 7 + 'a'", PARSE],
      ["(\"b\" <= +foo)", EVAL],
      ["-m.x or arr[1] <= m?.q .. -m", PARSE],
      ["c startsWith false .. 1e2 ^ !c ? foo ? \"b\" : e ? c : -7 : not 0x10", PARSE],
      ["len(s) ? !foo : 7", PARSE],
      ["true matches m.x", PARSE],
      ["m?.q ? -3 : false", EVAL],
      ["(arr <= not 0) matches (\"b\" % 0)", PARSE],
      ["c + (7 > not [1, 2]) && 1 not in !1e2", PARSE],
      ["([1, 2] <= 1e2 and 1e2)", PARSE],
    ]);
  });
});

describe('expr: as Switchyard uses it', () => {
  // An EventSource filter from Argo Events' docs: "(body.id == 4) && (body.name != 'Joe')"
  test('event source filter.expression on webhook data', () => {
    const filter = compileExpr("(body.id == 4) && (body.name != 'Joe')");
    assert.equal(filter.run({ body: { id: 4, name: 'Ann' }, header: {} }), true);
    assert.equal(filter.run({ body: { id: 4, name: 'Joe' }, header: {} }), false);
    assert.equal(filter.run({ body: { id: 5 }, header: {} }), false);
    // no body at all: reading a member of nil is an error, so the event is dropped
    assert.throws(() => filter.run({ header: {} }), { code: 'EXPR_EVAL' });
  });

  test('top-level keys with - are read with _ (the host renames them)', () => {
    const filter = compileExpr('x_github_event == "push" && body.ref startsWith "refs/heads/"');
    assert.equal(filter.run({ x_github_event: 'push', body: { ref: 'refs/heads/main' } }), true);
  });

  test('a missing member is nil; a member of nil is an error unless ?. is used', () => {
    assert.equal(compileExpr('body.missing').run({ body: {} }), null);
    assert.throws(() => compileExpr('body.missing.deep').run({ body: {} }), { code: 'EXPR_EVAL' });
    assert.equal(compileExpr('body?.missing?.deep ?? "none"').run({ body: {} }), 'none');
  });

  test("unknownNames: 'error' rejects names the environment lacks", () => {
    const strict = compileExpr('foo == nil', { unknownNames: 'error' });
    assert.throws(() => strict.run({}), { code: 'EXPR_EVAL', message: /unknown name foo/ });
    assert.equal(strict.run({ foo: null }), true);
    assert.equal(compileExpr('foo == nil').run({}), true);
  });

  test('caller functions: Argo-style asInt, asFloat, toJson and sprig.<fn>', () => {
    const functions = {
      asInt: (v: unknown) => BigInt(Math.trunc(Number(v))),
      asFloat: (v: unknown) => Number(v),
      toJson: (v: unknown) => JSON.stringify(v),
      'sprig.upper': (v: unknown) => String(v).toUpperCase(),
      'sprig.trim': (v: unknown) => String(v).trim(),
    };
    // fixtures/argo-workflows/examples/fibonacci-seq-conditional-param.yaml
    const fib = compileExpr(
      "asInt(inputs.parameters.num) == 1? 1: asInt(inputs.parameters.num) == 2? 1: steps['fibonacci-helper'].outputs.parameters.result",
      { functions },
    );
    assert.equal(fib.run({ inputs: { parameters: { num: '1' } }, steps: {} }), 1);
    assert.equal(fib.run({ inputs: { parameters: { num: '5' } }, steps: { 'fibonacci-helper': { outputs: { parameters: { result: '5' } } } } }), '5');
    assert.equal(compileExpr('asInt("7") % 2', { functions }).run({}), 1);
    assert.equal(compileExpr('type(asInt("7"))', { functions }).run({}), 'int');
    assert.equal(compileExpr('type(asFloat("7"))', { functions }).run({}), 'float');
    assert.equal(compileExpr('sprig.upper(sprig.trim(body.name))', { functions }).run({ body: { name: ' joe ' } }), 'JOE');
    assert.equal(compileExpr('toJson(body)', { functions }).run({ body: { a: 1 } }), '{"a":1}');
    assert.throws(() => compileExpr('sprig.nope(1)', { functions }), { code: 'EXPR_PARSE', message: /unknown func sprig.nope/ });
  });

  test('a function that throws fails the run as EXPR_EVAL', () => {
    const program = compileExpr('boom()', { functions: { boom: () => { throw new Error('no'); } } });
    assert.throws(() => program.run({}), { code: 'EXPR_EVAL', message: /no/ });
  });

  test('Argo Workflows expressions from the fixtures', () => {
    const ternary = compileExpr("steps['flip-coin'].outputs.result == 'heads' ? steps.heads.outputs.result : steps.tails.outputs.result");
    const steps = (r: string) => ({ 'flip-coin': { outputs: { result: r } }, heads: { outputs: { result: 'H' } }, tails: { outputs: { result: 'T' } } });
    assert.equal(ternary.run({ steps: steps('heads') }), 'H');
    assert.equal(ternary.run({ steps: steps('tails') }), 'T');
    assert.deepEqual(
      compileExpr('filter(data, {# endsWith "main.log"})').run({ data: ['a/main.log', 'b/other.log', 'c/main.log'] }),
      ['a/main.log', 'c/main.log'],
    );
    const fallback = compileExpr("tasks.producer.outputs.parameters.msg ?? 'expr-fallback'");
    assert.equal(fallback.run({ tasks: { producer: { outputs: { parameters: {} } } } }), 'expr-fallback');
    assert.equal(fallback.run({ tasks: { producer: { outputs: { parameters: { msg: 'hi' } } } } }), 'hi');
  });

  test('numbers from the environment are floats; bigint gives an int', () => {
    assert.throws(() => compileExpr('count % 2').run({ count: 4 }), { code: 'EXPR_EVAL' });
    assert.equal(compileExpr('count % 2').run({ count: 4n }), 0);
    assert.equal(compileExpr('int(count) % 2').run({ count: 5 }), 1);
    assert.equal(compileExpr('string(n)').run({ n: 1e21 }), '1e+21');
    assert.equal(compileExpr('string(n)').run({ n: 10n ** 18n }), '1000000000000000000');
  });

  test('alertmanager-style data with closures', () => {
    const data = { body: { status: 'firing', alerts: [
      { labels: { severity: 'critical', slo: 'api' } },
      { labels: { severity: 'warning', slo: 'db' } },
    ] } };
    assert.equal(compileExpr('body.status == "firing" and any(body.alerts, .labels.severity == "critical")').run(data), true);
    assert.deepEqual(compileExpr('map(filter(body.alerts, .labels.severity != "info"), .labels.slo)').run(data), ['api', 'db']);
    assert.equal(compileExpr('len(body.alerts) > 1 && body.alerts[-1].labels.slo in ["db", "cache"]').run(data), true);
    assert.equal(compileExpr('body.alerts | map(.labels.slo) | join(",")').run(data), 'api,db');
  });

  test('parse errors say where', () => {
    assert.throws(() => compileExpr('1 +'), { code: 'EXPR_PARSE', message: /\(1:4\)/ });
    assert.throws(() => compileExpr('"a" + 1'), { code: 'EXPR_PARSE', message: /mismatched types/ });
    assert.throws(() => compileExpr('1 ?? 2 + 3'), { code: 'EXPR_PARSE', message: /cannot be mixed/ });
    assert.throws(() => compileExpr('now()'), { code: 'EXPR_PARSE', message: /not supported/ });
  });

  test('running does not compile regular expressions again', () => {
    const constant = compileExpr('s matches "^a+$"');
    const dynamic = compileExpr('s matches p');
    dynamic.run({ s: 'a', p: '^a+$' });
    const built = countRegExpBuilds(() => {
      for (let i = 0; i < 100; i++) {
        assert.equal(constant.run({ s: 'aaa' }), true);
        assert.equal(dynamic.run({ s: 'aaa', p: '^a+$' }), true);
      }
    });
    assert.equal(built, 0);
  });
});
