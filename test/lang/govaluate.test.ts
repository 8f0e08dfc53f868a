import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSwitchyardError } from '../../src/errors.ts';
import { compileGovaluate } from '../../src/lang/govaluate/index.ts';
import { countRegExpBuilds } from '../helpers/regexp.ts';

// Expected results were produced by Knetic/govaluate at the commit Argo Events pins
// (v3.0.1-0.20171022003610-9aa49832a739) with the same parameters, decoded from JSON.
const PARSE = Symbol('parse error');
const EVAL = Symbol('evaluation error');
type Expected = unknown;

const params: Record<string, unknown> = {
  a: 'b', c: 10, e: false, t: true, f: 2.5, n: null, s: 'abc', 'foo-bar': 3, d_e: 4, Dep: true,
  m: { x: 1, y: { z: 'q' } }, arr: [1, 2, 'x'], arr2: [[1, 2], 3],
};

function outcome(source: string, p: Record<string, unknown>): unknown {
  let expr;
  try {
    expr = compileGovaluate(source);
  } catch (err) {
    assert.ok(isSwitchyardError(err), `non-Switchyard error for ${source}`);
    assert.equal(err.code, 'GOVALUATE_PARSE');
    assert.equal(err.errorClass, 'stop');
    return PARSE;
  }
  try {
    return expr.evaluate(p);
  } catch (err) {
    assert.ok(isSwitchyardError(err), `non-Switchyard error for ${source}: ${String(err)}`);
    assert.equal(err.code, 'GOVALUATE_EVAL');
    assert.equal(err.errorClass, 'poison');
    return EVAL;
  }
}

function runTable(rows: readonly (readonly [string, Expected])[]): void {
  for (const [source, expected] of rows) {
    const got = outcome(source, params);
    if (typeof expected === 'number' && Number.isNaN(expected)) assert.ok(Number.isNaN(got), source);
    else assert.deepEqual(got, expected, `${source}: got ${String(got)}`);
  }
}

describe('govaluate: operators, precedence, types (results from the Go library)', () => {
  test('hand-picked cases', () => {
    runTable([
      ["1 - 2 - 3", -4],
      ["2 ** 3 ** 2", 64],
      ["-2 ** 2", 4],
      ["1 + 2 * 3", 7],
      ["10 / 4 * 2", 5],
      ["10 - 2 + 3", 11],
      ["8 / 2 / 2", 2],
      ["2 * 3 % 4", 2],
      ["7 % 3 * 2", 2],
      ["!true && false", false],
      ["!e", true],
      ["1 < 2 == true", true],
      ["true == 1 < 2", EVAL],
      ["a == \"b\" || c == 10", true],
      ["e == false", true],
      ["m.x", PARSE],
      ["m.X", EVAL],
      ["arr", [1,2,"x"]],
      ["1 in arr", true],
      ["'x' in arr", true],
      ["1 in (1, 2)", true],
      ["3 in (1, 2)", false],
      ["(1, 2)", [1,2]],
      ["'a' + 1", "a1"],
      ["1 + 'a'", "1a"],
      ["1 + true", EVAL],
      ["'a' > 1", EVAL],
      ["'a' < 'b'", true],
      ["'2014-01-02' > '2014-01-01'", true],
      ["'2014-01-02'", 1388620800],
      ["s > '2014-01-01'", EVAL],
      ["s == '2014-01-02'", false],
      ["x", EVAL],
      ["[foo-bar] + 1", 4],
      ["foo-bar", EVAL],
      ["n", null],
      ["n ?? 5", 5],
      ["c ?? 5", 10],
      ["true ? 1 : 2", 1],
      ["false ? 1 : 2", 2],
      ["false ? 1", null],
      ["c > 5 ? 'big' : 'small'", "big"],
      ["'abc' =~ 'b.'", true],
      ["'abc' !~ '^b'", true],
      ["'abc' =~ '('", PARSE],
      ["c =~ 'b'", EVAL],
      ["5 & 3", 1],
      ["5 | 3", 7],
      ["5 ^ 3", 6],
      ["1 << 4", 16],
      ["256 >> 2", 64],
      ["~5", -6],
      ["~5.7", -6],
      ["5.7 & 3.2", 1],
      ["-c", -10],
      ["-a", EVAL],
      ["!c", EVAL],
      ["c && true", EVAL],
      ["true && c", EVAL],
      ["false && c", false],
      ["true || c", true],
      ["c || true", EVAL],
      ["e || c", EVAL],
      ["1 == 1.0", true],
      ["'1' == 1", false],
      ["arr == arr", true],
      ["m == m", true],
      ["0x1F", 31],
      ["1e3", PARSE],
      [".5", 0.5],
      ["\"double\" + 'single'", "doublesingle"],
      ["'esc\\'aped'", "esc'aped"],
      ["\"it\\\"s\"", "it\"s"],
      ["'a\\nb'", "anb"],
      ["TRUE", EVAL],
      ["null", EVAL],
      ["1 +", PARSE],
      ["(1", PARSE],
      [")", PARSE],
      ["1 2", PARSE],
      ["a b", PARSE],
      ["foo()", PARSE],
      ["c in arr", false],
      ["c IN (10, 20)", true],
      ["c in 10", EVAL],
      ["-(1+2)*3", -9],
      ["2 ** 0.5", 1.4142135623730951],
      ["10 % 3.5", 3],
      ["-7 % 3", -1],
      ["1 / 0", Infinity],
      ["0 / 0", NaN],
      ["1 | 2 & 0", 0],
      ["1 << 2 & 3", 0],
      ["1 + 2 << 1", 6],
      ["2 * 3 ** 2", 18],
      ["10 % 4 ** 2", 10],
      ["true ? 1 : 2 ? 3 : 4", EVAL],
      ["false ? 1 : 2 ?? 3", 2],
      ["n ?? false ? 1 : 2", 2],
      ["true ?? false ? 1 : 2", 1],
      ["t ? n : 5", 5],
      ["t ? 1 : 2 : 3", 1],
      ["false && x", false],
      ["true || x", true],
      ["5 ?? x", 5],
      ["true ? 1 : x", 1],
      ["false ? x : 2", 2],
      ["x && false", EVAL],
      ["1 < 2 < 3", EVAL],
      ["(1, (2, 3))", [1,[2,3]]],
      ["((1, 2), 3)", [1,2,3]],
      ["(1, 2, 3) == (1, 2, 3)", true],
      ["1 -2", -1],
      ["1 - -2", 3],
      ["1--2", PARSE],
      ["!!t", PARSE],
      ["--1", PARSE],
      ["! ! t", PARSE],
      ["- - 1", PARSE],
      ["! t", false],
      ["()", null],
      ["(1,)", PARSE],
      ["(, 1)", PARSE],
      ["c (1)", PARSE],
      ["(arr, 3)", [1,2,"x",3]],
      ["1 ?", PARSE],
      ["? 1", PARSE],
      ["t ??", PARSE],
      ["[c]", 10],
      ["[c", PARSE],
      ["[]", EVAL],
      ["c[0]", PARSE],
      ["t ? : 1", PARSE],
      ["1 in", PARSE],
      ["in (1)", PARSE],
      ["\"it's\"", PARSE],
      ["'say \"hi\"'", PARSE],
      ["1 : 2", 1],
      ["s + 123456.7", "abc123456.7"],
      ["c + 123456789012", 123456789022],
      ["s + 0.000001", "abc1e-06"],
      ["s + 1234567", "abc1.234567e+06"],
      ["s + (1,2)", "abc[1 2]"],
      ["s + m", "abcmap[x:1 y:map[z:q]]"],
      ["false ? 1 ?? 3 : 4", 3],
      ["c==-1", PARSE],
      ["t&&!t", PARSE],
      ["(1, 2) in arr2", EVAL],
      ["(1, 2) in ((1,2), 3)", false],
      ["s =~ s", true],
      ["_x", PARSE],
      ["x_", EVAL],
      ["d_e", 4],
      ["Dep", true],
      ["1.2.3", PARSE],
      ["1.", 1],
      [".", PARSE],
      ["0x", PARSE],
      ["0xZZ", PARSE],
      ["'.' =~ '\\.'", true],
      ["'x' =~ '(?i)X'", true],
      ["'ab' =~ '(?P<n>a)b'", true],
      ["'a1' =~ '[[:alpha:]][[:digit:]]'", true],
      ["'a.b' =~ 'a\\.b'", true],
      ["'ab' =~ 'a\\Sb'", false],
      ["'a b' =~ 'a\\sb'", false],
      ["'Mon Jan  2 15:04:05 2006'", 1136214245],
      ["'Mon Jan 2 15:04:05 2006'", 1136214245],
      ["'Mon Jan 02 15:04:05 -0700 2006'", 1136239445],
      ["'Mon Jan  2 15:04:05 MST 2006'", 1136214245],
      ["'2014-01-02T15Z'", 1388674800],
      ["'2014-01-02T15+0200'", 1388667600],
      ["'2014-01-02T15:04+0200'", 1388667840],
      ["'2014-01-02T15:04:05.5+0200'", 1388667845],
      ["'2014-01-02 15:04:05-07:00'", 1388700245],
      ["'2014-02-30'", "2014-02-30"],
      ["'2014-02-28'", 1393545600],
      ["'2016-02-29'", 1456704000],
      ["'2014-1-02'", "2014-1-02"],
      ["'2014-01-02 5:04'", 1388639040],
      ["'12:04PM'", -62167175760],
      ["'12:04AM'", -62167218960],
      ["'13:04PM'", "13:04PM"],
      ["'3:04pm'", "3:04pm"],
      ["'2014-01-02T15:04:05z'", "2014-01-02T15:04:05z"],
      ["'1969-12-31T23:59:59.5Z'", -1],
      ["'0001-01-01'", -62135596800],
      ["'2014-01-02T15:04:05Z'", 1388675045],
      ["'2014-01-02T25:04:05Z'", "2014-01-02T25:04:05Z"],
      ["'2014-01-02 15:04:60'", "2014-01-02 15:04:60"],
      ["s + '2014-01-02'", PARSE],
      ["'x' + true", "xtrue"],
      ["arr + 1", EVAL],
      ["m + 1", EVAL],
      ["c / 4", 2.5],
      ["c % 3", 1],
      ["c ** 2", 100],
      ["-c ** 2", 100],
      ["~c", -11],
      ["c & 6", 2],
      ["c | 5", 15],
      ["c ^ 15", 5],
      ["c << 2", 40],
      ["c >> 1", 5],
      ["c > '5'", EVAL],
      ["s < 'b'", true],
      ["s >= 'abc'", true],
      ["a <= 'b'", true],
      ["n == n", true],
      ["n == e", false],
      ["e != true", true],
      ["t == !e", true],
      ["arr == (1, 2, 'x')", true],
      ["arr != (1, 2)", true],
      ["m == arr", false],
      ["s =~ '^a.c$'", true],
      ["s =~ '^A'", false],
      ["s !~ 'z'", true],
    ]);
  });

  test('every binary operator between every kind of operand', () => {
    runTable([
      ["1 + 1", 2],
      ["1 - 1", 0],
      ["1 * 1", 1],
      ["1 / 1", 1],
      ["1 % 1", 0],
      ["1 ** 1", 1],
      ["1 & 1", 1],
      ["1 | 1", 1],
      ["1 ^ 1", 0],
      ["1 << 1", 2],
      ["1 >> 1", 0],
      ["1 == 1", true],
      ["1 != 1", false],
      ["1 > 1", false],
      ["1 >= 1", true],
      ["1 < 1", false],
      ["1 <= 1", true],
      ["1 =~ 1", EVAL],
      ["1 !~ 1", EVAL],
      ["1 in 1", EVAL],
      ["1 && 1", EVAL],
      ["1 || 1", EVAL],
      ["1 ? 1", EVAL],
      ["1 : 1", 1],
      ["1 ?? 1", 1],
      ["1 , 1", [1,1]],
      ["'a' + 1", "a1"],
      ["'a' - 1", EVAL],
      ["'a' * 1", EVAL],
      ["'a' / 1", EVAL],
      ["'a' % 1", EVAL],
      ["'a' ** 1", EVAL],
      ["'a' & 1", EVAL],
      ["'a' | 1", EVAL],
      ["'a' ^ 1", EVAL],
      ["'a' << 1", EVAL],
      ["'a' >> 1", EVAL],
      ["'a' == 1", false],
      ["'a' != 1", true],
      ["'a' > 1", EVAL],
      ["'a' >= 1", EVAL],
      ["'a' < 1", EVAL],
      ["'a' <= 1", EVAL],
      ["'a' =~ 1", EVAL],
      ["'a' !~ 1", EVAL],
      ["'a' in 1", EVAL],
      ["'a' && 1", EVAL],
      ["'a' || 1", EVAL],
      ["'a' ? 1", EVAL],
      ["'a' : 1", "a"],
      ["'a' ?? 1", "a"],
      ["'a' , 1", ["a",1]],
      ["true + 1", EVAL],
      ["true - 1", EVAL],
      ["true * 1", EVAL],
      ["true / 1", EVAL],
      ["true % 1", EVAL],
      ["true ** 1", EVAL],
      ["true & 1", EVAL],
      ["true | 1", EVAL],
      ["true ^ 1", EVAL],
      ["true << 1", EVAL],
      ["true >> 1", EVAL],
      ["true == 1", false],
      ["true != 1", true],
      ["true > 1", EVAL],
      ["true >= 1", EVAL],
      ["true < 1", EVAL],
      ["true <= 1", EVAL],
      ["true =~ 1", EVAL],
      ["true !~ 1", EVAL],
      ["true in 1", EVAL],
      ["true && 1", EVAL],
      ["true || 1", true],
      ["true ? 1", 1],
      ["true : 1", true],
      ["true ?? 1", true],
      ["true , 1", [true,1]],
      ["c + 1", 11],
      ["c - 1", 9],
      ["c * 1", 10],
      ["c / 1", 10],
      ["c % 1", 0],
      ["c ** 1", 10],
      ["c & 1", 0],
      ["c | 1", 11],
      ["c ^ 1", 11],
      ["c << 1", 20],
      ["c >> 1", 5],
      ["c == 1", false],
      ["c != 1", true],
      ["c > 1", true],
      ["c >= 1", true],
      ["c < 1", false],
      ["c <= 1", false],
      ["c =~ 1", EVAL],
      ["c !~ 1", EVAL],
      ["c in 1", EVAL],
      ["c && 1", EVAL],
      ["c || 1", EVAL],
      ["c ? 1", EVAL],
      ["c : 1", 10],
      ["c ?? 1", 10],
      ["c , 1", [10,1]],
      ["'2014-01-02' + 1", 1388620801],
      ["'2014-01-02' - 1", 1388620799],
      ["'2014-01-02' * 1", 1388620800],
      ["'2014-01-02' / 1", 1388620800],
      ["'2014-01-02' % 1", 0],
      ["'2014-01-02' ** 1", 1388620800],
      ["'2014-01-02' & 1", 0],
      ["'2014-01-02' | 1", 1388620801],
      ["'2014-01-02' ^ 1", 1388620801],
      ["'2014-01-02' << 1", 2777241600],
      ["'2014-01-02' >> 1", 694310400],
      ["'2014-01-02' == 1", false],
      ["'2014-01-02' != 1", true],
      ["'2014-01-02' > 1", true],
      ["'2014-01-02' >= 1", true],
      ["'2014-01-02' < 1", false],
      ["'2014-01-02' <= 1", false],
      ["'2014-01-02' =~ 1", EVAL],
      ["'2014-01-02' !~ 1", EVAL],
      ["'2014-01-02' in 1", EVAL],
      ["'2014-01-02' && 1", EVAL],
      ["'2014-01-02' || 1", EVAL],
      ["'2014-01-02' ? 1", PARSE],
      ["'2014-01-02' : 1", PARSE],
      ["'2014-01-02' ?? 1", PARSE],
      ["'2014-01-02' , 1", [1388620800,1]],
      ["(1) + 1", 2],
      ["(1) - 1", 0],
      ["(1) * 1", 1],
      ["(1) / 1", 1],
      ["(1) % 1", 0],
      ["(1) ** 1", 1],
      ["(1) & 1", 1],
      ["(1) | 1", 1],
      ["(1) ^ 1", 0],
      ["(1) << 1", 2],
      ["(1) >> 1", 0],
      ["(1) == 1", true],
      ["(1) != 1", false],
      ["(1) > 1", false],
      ["(1) >= 1", true],
      ["(1) < 1", false],
      ["(1) <= 1", true],
      ["(1) =~ 1", EVAL],
      ["(1) !~ 1", EVAL],
      ["(1) in 1", EVAL],
      ["(1) && 1", EVAL],
      ["(1) || 1", EVAL],
      ["(1) ? 1", EVAL],
      ["(1) : 1", 1],
      ["(1) ?? 1", 1],
      ["(1) , 1", [1,1]],
      ["[c] + 1", 11],
      ["[c] - 1", 9],
      ["[c] * 1", 10],
      ["[c] / 1", 10],
      ["[c] % 1", 0],
      ["[c] ** 1", 10],
      ["[c] & 1", 0],
      ["[c] | 1", 11],
      ["[c] ^ 1", 11],
      ["[c] << 1", 20],
      ["[c] >> 1", 5],
      ["[c] == 1", false],
      ["[c] != 1", true],
      ["[c] > 1", true],
      ["[c] >= 1", true],
      ["[c] < 1", false],
      ["[c] <= 1", false],
      ["[c] =~ 1", EVAL],
      ["[c] !~ 1", EVAL],
      ["[c] in 1", EVAL],
      ["[c] && 1", EVAL],
      ["[c] || 1", EVAL],
      ["[c] ? 1", EVAL],
      ["[c] : 1", 10],
      ["[c] ?? 1", 10],
      ["[c] , 1", [10,1]],
      ["n + 1", EVAL],
      ["n - 1", EVAL],
      ["n * 1", EVAL],
      ["n / 1", EVAL],
      ["n % 1", EVAL],
      ["n ** 1", EVAL],
      ["n & 1", EVAL],
      ["n | 1", EVAL],
      ["n ^ 1", EVAL],
      ["n << 1", EVAL],
      ["n >> 1", EVAL],
      ["n == 1", false],
      ["n != 1", true],
      ["n > 1", EVAL],
      ["n >= 1", EVAL],
      ["n < 1", EVAL],
      ["n <= 1", EVAL],
      ["n =~ 1", EVAL],
    ]);
  });

  test('random nested expressions', () => {
    runTable([
      ["-3 && c ? true != '2014-01-02'", EVAL],
      ["arr", [1,2,"x"]],
      ["2.5", 2.5],
      ["2.5 , e", [2.5,false]],
      ["'a'", "a"],
      ["-3 * 0x10 & ('b' >= -3)", EVAL],
      ["f !~ (n != -'abc' >> 'abc' * '2014-01-02')", PARSE],
      ["(t | 2.5)", EVAL],
      ["n", null],
      ["'b'", "b"],
      ["(t in (-3 >= t))", EVAL],
      ["-0", -0],
      ["(0 && -3)", EVAL],
      ["([c] && [c] >> !f)", EVAL],
      ["(-3 < [c] =~ t ^ (1, 2) !~ 'abc' ^ n < -3) <= s ** '2014-01-02' || n % 'b' << 0", PARSE],
      ["!e", true],
      ["((true >= 2.5) >= '2014-01-02' | -(1, 2)) : (('abc' % -arr) & (x ** 1))", EVAL],
      ["((0 | s) << (!'2014-01-02' / !c) !~ (e - false) ** t in 0)", PARSE],
      ["1", 1],
      ["((0 : (s ** 2.5 in (arr <= '2014-01-02'))) ** (x : 0 / e , -c) , '2014-01-02' == arr =~ (1, 2))", EVAL],
      ["-t", EVAL],
      ["f", 2.5],
      ["n - (-2.5 ** c)", EVAL],
      ["'a' + c : c - true =~ !2.5", "a10"],
      ["~0", -1],
      ["(0 == '2014-01-02')", false],
      ["0x10", 16],
      ["(arr in 'abc') <= s ^ [c] >= (c : 2.5)", EVAL],
      ["x", EVAL],
      ["true", true],
      ["false << n", EVAL],
      ["0 | arr", EVAL],
      ["t", true],
      ["(n , (false ** s) ** '2014-01-02') + (s && (1, 2))", PARSE],
      ["-1 == -(1, 2)", EVAL],
      ["'b' % 0x10 <= x", EVAL],
      ["'a' & (2.5 != n)", EVAL],
      ["((true - n) in false - ~x)", EVAL],
      ["false >> 2.5 !~ -3", EVAL],
      ["false * 'b'", EVAL],
      ["c ^ ~0x10 - true", EVAL],
      ["(1, 2)", [1,2]],
      ["n >= (~t > n) ^ t", EVAL],
      ["([c] / false)", EVAL],
      ["~0 ^ n !~ 2.5 ? c", EVAL],
      ["('abc' + s)", "abcabc"],
      ["([c] * 0x10)", 160],
      ["0x10 | x", EVAL],
      ["~1 || 'a'", EVAL],
      ["('b' || f || 'b' != !'a' ?? 'abc' : false)", PARSE],
      ["arr == 'b'", false],
      ["(true << ~arr =~ ~2.5 : (1, 2))", EVAL],
      ["c >> 1 < 2.5 <= 'abc'", EVAL],
      ["'2014-01-02'", 1388620800],
      ["c", 10],
      ["false < true % true >> 2.5", EVAL],
      ["(1 + ((!true >= 'b') in 'a' && 0 & ('2014-01-02' < !t ?? true ? s)))", EVAL],
      ["n == s", false],
      ["!true", false],
      ["0 ^ false / arr && arr & f || s | ('a' !~ n >> s >> arr : f)", EVAL],
      ["x + f || true", EVAL],
      ["(n , (s * 'b'))", EVAL],
      ["('2014-01-02' < n > t > 1 ** 0)", EVAL],
      ["'b' >> 1", EVAL],
      ["(arr ^ arr) == (n % x)", EVAL],
      ["true * n << f in f", EVAL],
      ["1 ^ 0", 1],
      ["arr >> x ** (!e < false)", EVAL],
      ["1 > e / 1", EVAL],
      ["false || t", true],
      ["(s ^ 0)", EVAL],
      ["(!s << 1 >= e) != e", EVAL],
      ["-3", -3],
      ["false << (arr !~ c == ~(1, 2) ?? !false) % t", EVAL],
      ["((~true ^ n) || -s)", EVAL],
      ["f & ~arr", EVAL],
      ["(false in (2.5 >= c) : (false == !0x10))", EVAL],
      ["(!'2014-01-02' + 1) ** false ^ -s", PARSE],
      ["false << (!0 > (1, 2)) - true", EVAL],
      ["'abc' == 2.5 * (e : e & x)", EVAL],
      ["-3 == 0x10", false],
      ["f - 'a' !~ 'abc'", EVAL],
      ["-3 * 'a' >> false >> x * f !~ true + (1, 2) >= false", EVAL],
      ["e", false],
      ["('abc' * 'a' ? -3 : false == arr + !f | (1, 2) <= !0x10 / s * 'a' | ('abc' != (1, 2)) || !(1, 2))", EVAL],
      ["((true < 'a') << 0) , !(1, 2)", EVAL],
      ["(1, 2) : 0", [1,2]],
      ["true in !0 + false | 'abc' || '2014-01-02' % (t <= 0x10) >= (x >> -(1, 2))", EVAL],
      ["(-3 ^ x)", EVAL],
      ["~e * f != ('abc' && ~true)", EVAL],
      ["'a' : ([c] % n) , -f", ["a",-2.5]],
      ["![c]", EVAL],
      ["('b' % '2014-01-02')", PARSE],
      ["(([c] != arr) > 0 == f) != n : (false && false <= (-true , 'abc') <= 0x10)", EVAL],
      ["((e | 2.5 >= ~'b' << ~e) * (c | '2014-01-02' <= ~c + '2014-01-02'))", PARSE],
      ["-'b' && (c ? s) < true * ~1", PARSE],
      ["0x10 * -'abc' > 2.5 , [c]", PARSE],
      ["'a' !~ f & ~'abc' != !1 * -3", PARSE],
      ["(false < -3) == (-3 ?? ~(1, 2))", EVAL],
      ["((-3 > true) * t : s)", EVAL],
      ["(s | s) == ([c] < ~arr < (arr / c)) ** !t", EVAL],
      ["true / ~'a' & n", PARSE],
      ["-2.5", -2.5],
      ["('b' & true !~ !(1, 2))", EVAL],
      ["(true << 'abc' != 0 << [c])", EVAL],
      ["'abc' && !arr", EVAL],
      ["0 : 0 ? false : (t =~ 1 =~ t >> x)", EVAL],
      ["!false || -3", true],
      ["!'abc'", PARSE],
      ["([c] + ('b' =~ c : 'abc' =~ 2.5 & 2.5))", EVAL],
      ["arr - x && '2014-01-02'", EVAL],
      ["(!e % n) ? (0x10 & n / t ? (!'b' >> f % (arr == 0)))", PARSE],
      ["~true !~ [c] % 'abc' , -3", EVAL],
      ["(f % s)", EVAL],
      ["c + !'2014-01-02'", PARSE],
      ["arr ? [c] >= 1 != (1, 2) % (1, 2)", EVAL],
      ["(('2014-01-02' * (1, 2) << 1) * 0)", EVAL],
      ["(~0x10 == t != 1 <= -true) != -[c]", EVAL],
      ["((x =~ t != 0x10) in [c] - 0 < false <= 2.5 << false)", EVAL],
      ["arr < -3", EVAL],
      ["(((f > c) >> 1) % ~s && (1, 2) ? false) | (1, 2)", EVAL],
      ["(((arr >= false >= ('b' , [c])) ** ([c] =~ 'b' <= '2014-01-02')) >> (c - 'abc' || true == f) >= [c] ^ s)", EVAL],
      ["~'abc'", PARSE],
      ["('a' | f)", EVAL],
      ["'abc' <= !'abc'", PARSE],
      ["n ? ('b' !~ arr < 0x10) / ('a' & 0x10 | 'abc')", EVAL],
      ["2.5 ^ -3 ** 2.5", -9223372036854776000],
      ["(-3 != arr)", true],
      ["((false & 0x10 || -0x10) | (s >= 0) / (0x10 ** true) - !true)", EVAL],
      ["(s / x % 2.5) ? false", EVAL],
      ["((-3 << '2014-01-02') ** (arr in x))", PARSE],
      ["(([c] / c) , 0x10 !~ arr & 'a' % e >= 'b') : -s", EVAL],
      ["'2014-01-02' / f ^ -[c] >= ~(1, 2)", EVAL],
      ["0", 0],
      ["(true * -3 % 2.5 * e)", EVAL],
      ["!0x10 != '2014-01-02'", EVAL],
      ["s", "abc"],
      ["s in (c >> ~f)", EVAL],
      ["-3 =~ !x == e & s & ((n ?? [c]) >= 1 < true)", EVAL],
      ["1 , 0x10", [1,16]],
      ["true || 'abc' || !arr", true],
      ["('abc' : ~f)", "abc"],
      ["((2.5 < ~arr) =~ 0 - !'a')", PARSE],
      ["c * ~-3 >> [c]", PARSE],
      ["x ? e", EVAL],
      ["-'a'", PARSE],
      ["!0x10 <= ((~c % 'abc') >> c) * '2014-01-02'", PARSE],
      ["(-3 + ('b' =~ -[c]))", EVAL],
      ["([c] < ~1) in ('a' ** x) in 'b' != 'abc'", EVAL],
      ["true > s", EVAL],
      ["~x >= (f , 'b') !~ -3 : n ? ('a' + 1 <= (1, 2) / [c])", EVAL],
      ["t >> 2.5 !~ 2.5 && 'a'", EVAL],
      ["t && -0", EVAL],
      ["[c]", 10],
      ["((n > 'b' !~ (0 && true)) % (1 / !(1, 2)) / -x * t)", EVAL],
      ["[c] && '2014-01-02' ** 0", EVAL],
      ["(2.5 | arr) in (c >> 'abc')", EVAL],
      ["e || 'abc' ?? 2.5", EVAL],
      ["false", false],
      ["~c", -11],
      ["s != ((t & arr) =~ n * f)", EVAL],
      ["(arr >= ~'a') !~ (s >> 1)", PARSE],
      ["(s && (true ^ !t))", EVAL],
      ["'abc'", "abc"],
      ["(s % 0x10) > '2014-01-02' : (1, 2) >> (1, 2) =~ n << 2.5", PARSE],
      ["s ? ~(1, 2)", EVAL],
      ["(e | -3)", EVAL],
      ["!0 <= false", EVAL],
      ["~e != 2.5", EVAL],
      ["-'2014-01-02' << e & 0x10 && (~c >> x)", PARSE],
      ["((![c] && -n) =~ t , -3 , 1 ? [c])", EVAL],
      ["true !~ ~1", EVAL],
      ["f & n <= t ? x | (e < 2.5) < (n % !-3)", PARSE],
      ["(~'abc' >= -3 >> '2014-01-02' , 'b' > (('a' ? !-3) & 'a'))", PARSE],
      ["(('b' ** f) & f)", EVAL],
      ["(false || ((false + s) ** (e & (1, 2))) ** c ? (1, 2) % 0 + s)", EVAL],
      ["~-3 ** ((s == -c <= (e : t)) + [c] / 1 | x , -3)", PARSE],
      ["(t ?? (1, 2)) ** true <= e + (c != -[c] =~ 'abc' >> -f)", EVAL],
      ["(!t && e) % (1, 2) =~ 1", EVAL],
      ["(1, 2) ?? '2014-01-02' == e", [1,2]],
      ["((0x10 == -'2014-01-02') * 0x10 / -1)", PARSE],
      ["(0x10 == [c]) ^ t | !0", EVAL],
      ["(n ^ 'abc' >> -3 * 'a')", EVAL],
      ["(0x10 < -true) + c", EVAL],
      ["('2014-01-02' || -x)", EVAL],
      ["((-f ** x - 'a') == 2.5 == t / arr | 1)", EVAL],
      ["~s || 1 in (n >= --3) >= 2.5 || -n <= (0 << (!false != 0))", PARSE],
      ["(x - -'b' <= c) << ('2014-01-02' , f < arr >= 0x10)", PARSE],
      ["true ?? -s", true],
      ["-3 * x", EVAL],
      ["s | '2014-01-02' < false >> ~s", PARSE],
      ["x ?? -s >> (!false > 'b')", EVAL],
      ["(arr <= f) * ('2014-01-02' =~ n)", EVAL],
      ["e ** n", EVAL],
      ["x | true | 0x10", EVAL],
      ["'2014-01-02' ?? s >= c , (f || -3)", PARSE],
      ["(t % 'abc')", EVAL],
      ["e + x * [c] ?? 0x10 : arr", EVAL],
      ["false =~ s : n ^ s < 1", EVAL],
      ["(0 ?? 'a')", 0],
      ["'abc' =~ ![c] * ((1, 2) - 'abc')", EVAL],
      ["('b' & ![c])", EVAL],
      ["-e", EVAL],
      ["(s * (t ?? t , 0x10)) & (t - (~'abc' < f in 'abc'))", PARSE],
      ["(((arr >= 0x10) ? -3 > (f && (1, 2)) < -3 % c) != ~e !~ x !~ true | [c] ? s)", EVAL],
      ["arr * (0x10 << s & [c])", EVAL],
      ["s % [c]", EVAL],
      ["(arr - (!s : 2.5) ** 'abc' >= 'a')", EVAL],
      ["1 >= 2.5 >> 1 ?? x == (![c] < 'a') / ~1 >= e > ('2014-01-02' ?? (2.5 || n))", PARSE],
      ["((e <= (1, 2)) , (0 ** [c])) : 'a'", EVAL],
      ["(-3 >> [c] !~ [c] !~ f) + n <= 2.5 : c ?? s", EVAL],
      ["f ^ n + 'b' % f", EVAL],
      ["(-0 || !true <= '2014-01-02') / -c : 'abc' < (1, 2)", EVAL],
      ["(-0x10 ** 2.5) in [c] / ('2014-01-02' in (x != 0))", EVAL],
      ["((1, 2) : 'a' != c & 0x10 != '2014-01-02')", [1,2]],
      ["[c] ^ (1, 2) <= e", EVAL],
      ["(0 != c & (!f | -3) =~ (x & 'abc') , '2014-01-02')", EVAL],
      ["!0", EVAL],
      ["(false - arr ? (true in 0 || false % 'a') - '2014-01-02')", PARSE],
      ["'a' !~ 0x10", EVAL],
      ["~true", EVAL],
      ["s << !e", EVAL],
      ["('a' ** e) , x != ((t : true) == true) | f << ~1", EVAL],
      ["1 == -1 !~ 'b' != ('abc' ^ (e < 0x10))", EVAL],
      ["((0x10 << 1) <= !'a' * 0x10)", PARSE],
      ["(arr <= -(1, 2) && (1, 2) * (n / !false) in 0 & 2.5)", EVAL],
      ["(('a' << [c]) ^ 'b' : 0x10) + 'a' + -3 << ~0", EVAL],
      ["(s / [c]) ^ !1 < ~n ^ t << x !~ arr << ((x || 0) + 'b')", EVAL],
      ["s * [c] >= 2.5 << e", EVAL],
      ["f !~ x", EVAL],
      ["c ** 1 =~ arr && '2014-01-02'", EVAL],
      ["n ^ 2.5 ** c in 2.5 / (2.5 =~ -[c] in ('b' / n))", EVAL],
      ["(((e >= t) + 'b') < c / true !~ 0 % arr < [c] , 'a')", EVAL],
      ["([c] , ~e)", EVAL],
      ["f % (1, 2) | 'b' ** 0x10 || ~2.5", EVAL],
      ["((true < (1, 2)) * false)", EVAL],
      ["!arr", EVAL],
      ["(~(1, 2) | s ** ~c)", EVAL],
      ["(true !~ 'abc' >> f <= 'a') =~ (true ^ 'a' > e)", EVAL],
      ["'2014-01-02' | 2.5 & (f || [c]) < arr ?? 'abc' !~ (!false ** x) ** 1", EVAL],
      ["!'2014-01-02' & 0x10 >= 0x10 - (e - arr != f)", PARSE],
      ["'2014-01-02' !~ 2.5", EVAL],
      ["(!'abc' != -[c] , 0 ?? 'abc' in -s)", PARSE],
      ["((t !~ c) ** (1, 2) <= 'b' <= true)", EVAL],
      ["true : ~false", true],
      ["c % 1", 0],
      ["(!f ^ s ? (1, 2) , t) % x < !1 : -e * e", EVAL],
      ["('a' % ('2014-01-02' =~ (-3 * true))) && f", EVAL],
      ["!c", EVAL],
      ["(x !~ (1, 2)) / c & ~-3 >> e & [c] & -3 % (1, 2) + (true % [c] / 'a' <= x & arr !~ 0)", PARSE],
    ]);
  });
});

describe('govaluate: Argo Events example sensors', () => {
  // filter-with-expressions.yaml and friends: payload {"a":"b","a-longer-name":10,
  // "nested":{"path":{"can-get":{"longer":false}}}}; parameters are the gjson values of each field path.
  const fields = { a: 'b', c: 10, e: false };

  test('exprs from examples/sensors/filter-with-*.yaml', () => {
    assert.equal(compileGovaluate('a == "b" || c == 10').evaluate(fields), true);
    assert.equal(compileGovaluate('e == false').evaluate(fields), true);
    assert.equal(compileGovaluate('a == "b" || c != 10').evaluate(fields), true);
    assert.equal(compileGovaluate('a == "b" || c != 10').evaluate({ a: 'x', c: 10 }), false);
    assert.equal(compileGovaluate('a == "b" || c == 10').evaluate({ a: 'x', c: 11 }), false);
  });

  test('a field path that matched a string compared with a number is not an error', () => {
    assert.equal(compileGovaluate('c == 10').evaluate({ c: '10' }), false);
  });

  test('trigger conditions after - is replaced by _ (tutorials/06-trigger-conditions)', () => {
    const cond = compileGovaluate('test-dep-webhook && test-dep-minio'.replaceAll('-', '_'));
    assert.deepEqual(cond.vars, ['test_dep_webhook', 'test_dep_minio']);
    assert.equal(cond.evaluate({ test_dep_webhook: true, test_dep_minio: false }), false);
    assert.equal(cond.evaluate({ test_dep_webhook: true, test_dep_minio: true }), true);
    const either = compileGovaluate('(dep_a || dep_b) && dep_c');
    assert.equal(either.evaluate({ dep_a: false, dep_b: true, dep_c: true }), true);
    assert.equal(either.evaluate({ dep_a: false, dep_b: false, dep_c: true }), false);
  });

  test('an invalid condition Argo accepts (dep && dep.labels.x == "y") fails to compile', () => {
    assert.throws(() => compileGovaluate("dep && dep.labels.x == 'y'"), { code: 'GOVALUATE_PARSE' });
  });
});

describe('govaluate: parameters and errors', () => {
  test('a missing parameter is an evaluation error with govaluate\'s message', () => {
    const expr = compileGovaluate('x > 1');
    assert.throws(() => expr.evaluate({}), (err: unknown) => {
      assert.ok(isSwitchyardError(err));
      assert.equal(err.code, 'GOVALUATE_EVAL');
      assert.match(err.message, /No parameter 'x' found\./);
      return true;
    });
  });

  test('short-circuit skips a missing parameter on the right', () => {
    assert.equal(compileGovaluate('false && x').evaluate({}), false);
    assert.equal(compileGovaluate('true || x').evaluate({}), true);
    assert.equal(compileGovaluate('5 ?? x').evaluate({}), 5);
    assert.equal(compileGovaluate('false ? x : 2').evaluate({}), 2);
  });

  test('an undefined parameter value reads as nil; bigint reads as a number', () => {
    assert.equal(compileGovaluate('u ?? 3').evaluate({ u: undefined }), 3);
    assert.equal(compileGovaluate('b + 1').evaluate({ b: 41n }), 42);
  });

  test('accessors never resolve on JSON maps', () => {
    assert.throws(() => compileGovaluate('body.name == "x"'), { code: 'GOVALUATE_PARSE' });
    assert.throws(() => compileGovaluate('body.Name == "x"').evaluate({ body: { Name: 'x' } }), {
      code: 'GOVALUATE_EVAL',
    });
    assert.equal(compileGovaluate('[body.name] == "x"').evaluate({ 'body.name': 'x' }), true);
  });

  test('vars lists each parameter once, in order', () => {
    assert.deepEqual(compileGovaluate('b + a * b > [c d]').vars, ['b', 'a', 'c d']);
  });

  test('messages say what went wrong', () => {
    assert.throws(() => compileGovaluate('1 +'), /Unexpected end of expression/);
    assert.throws(() => compileGovaluate('foo(1)'), /Undefined function foo/);
    assert.throws(() => compileGovaluate("'a' > 1").evaluate({}), /cannot be used with the comparator '>'/);
  });
});

describe('govaluate: date literals', () => {
  const cases: [string, number | string][] = [
    ["'2014-01-02'", 1388620800],
    ["'2014-01-02 15:04'", 1388675040],
    ["'2014-01-02 15:04:05'", 1388675045],
    ["'2014-01-02 15:04:05-07:00'", 1388700245],
    ["'2014-01-02T15:04:05Z'", 1388675045],
    ["'2014-01-02T15:04:05+02:00'", 1388667845],
    ["'2014-01-02T15:04:05.123Z'", 1388675045],
    ["'2014-01-02T15Z'", 1388674800],
    ["'2014-01-02T15:04+0200'", 1388667840],
    ["'Mon Jan  2 15:04:05 2006'", 1136214245],
    ["'Mon Jan 02 15:04:05 -0700 2006'", 1136239445],
    ["'Mon Jan  2 15:04:05 MST 2006'", 1136214245],
    ["'3:04PM'", -62167164960],
    ["'12:04AM'", -62167218960],
    ["'1969-12-31T23:59:59.5Z'", -1],
    ["'2016-02-29'", 1456704000],
    ["'2014-02-30'", '2014-02-30'],
    ["'2014-1-02'", '2014-1-02'],
    ["'13:04PM'", '13:04PM'],
    ["'15:04'", '15:04'],
    ["'2014-01-02T15:04:05z'", '2014-01-02T15:04:05z'],
  ];
  for (const [source, expected] of cases) {
    test(source, () => assert.equal(compileGovaluate(source).evaluate({}), expected));
  }

  test('dates compare as dates', () => {
    assert.equal(compileGovaluate("'2014-01-02' > '2014-01-01'").evaluate({}), true);
    assert.equal(compileGovaluate("'2014-01-02T10:00:00Z' < '2014-01-02 09:00:00'").evaluate({}), false);
  });
});

describe('govaluate: regular expressions (Go RE2 syntax)', () => {
  const cases: [string, boolean][] = [
    ["'abc' =~ 'b.'", true],
    ["'abc' !~ '^b'", true],
    ["'ab' =~ '(?P<n>a)b'", true],
    ["'X' =~ '(?i)x'", true],
    ["'a1' =~ '[[:alpha:]][[:digit:]]'", true],
    ["'prod-eu-1' =~ '^prod-[a-z]+-\\\\d$'", true],
  ];
  for (const [source, expected] of cases) {
    test(source, () => assert.equal(compileGovaluate(source).evaluate({}), expected));
  }

  test('. does not match a newline', () => {
    assert.equal(compileGovaluate("s =~ 'a.b'").evaluate({ s: 'a\nb' }), false);
  });

  test('a pattern held in a parameter', () => {
    const expr = compileGovaluate('name =~ pattern');
    assert.equal(expr.evaluate({ name: 'web-1', pattern: '^web-[0-9]+$' }), true);
    assert.equal(expr.evaluate({ name: 'db-1', pattern: '^web-[0-9]+$' }), false);
    assert.throws(() => expr.evaluate({ name: 'x', pattern: '(' }), { code: 'GOVALUATE_EVAL' });
  });

  test('an invalid constant pattern fails at compile time', () => {
    assert.throws(() => compileGovaluate("'a' =~ '('"), { code: 'GOVALUATE_PARSE' });
    assert.throws(() => compileGovaluate("'aa' =~ '(a)\\\\1'"), { code: 'GOVALUATE_PARSE' });
  });

  test('evaluating does not compile regular expressions again', () => {
    const constant = compileGovaluate("s =~ '^a+$'");
    const dynamic = compileGovaluate('s =~ p');
    dynamic.evaluate({ s: 'aa', p: '^a+$' });
    const built = countRegExpBuilds(() => {
      for (let i = 0; i < 100; i++) {
        assert.equal(constant.evaluate({ s: 'aaa' }), true);
        assert.equal(dynamic.evaluate({ s: 'aaa', p: '^a+$' }), true);
      }
    });
    assert.equal(built, 0);
  });
});
