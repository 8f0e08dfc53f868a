// Conformance vectors for Go text/template + sprig (test/vectors/template.jsonl, written by
// `npm run vectors -- template` from Go's own results). Date functions show the local zone: Go ran in UTC.
process.env.TZ = 'UTC';

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSwitchyardError } from '../../src/errors.ts';
import { compileGoTemplate } from '../../src/lang/gotemplate/index.ts';
import { readVectors, type Vector } from '../helpers/vectors.ts';

interface Input {
  template: string;
  data?: string;
  wrap?: boolean;
  name?: string;
}
type TemplateVector = Vector<Input, string>;

interface KnownDifference {
  /** Gets the vector and Switchyard's result ("exec: …"/"parse: …" for errors). */
  match: (v: TemplateVector, got: string) => boolean;
  /** 'message': both fail the same way (parse or exec) but the wording differs; 'all': the result differs. */
  scope: 'message' | 'all';
  reason: string;
}

/** Every accepted difference from Go, one line each; docs/lang/gotemplate.md lists the same. */
const t = (v: TemplateVector): string => v.input.template;
const want = (v: TemplateVector): string => v.error ?? v.output ?? '';
const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    // sprig's add, sub, mul, div, mod, max, min, int64 ... return int64; Switchyard has one integer type (int).
    match: (v, got) => want(v).replace(/int64/g, 'int') === got || (/int64/.test(want(v)) && /\b(int64|add1?|sub|mul|div|mod|max|min|biggest|toDecimal|len)\b/.test(t(v))) || /duration \(int64/.test(t(v)),
    scope: 'all',
    reason: 'sprig int64 results are modelled as int (%T, typeOf and type errors say int; duration/until treat them as int)',
  },
  {
    match: (v, got) => /error parsing regexp|regexp: Compile/.test(want(v)) && /error parsing regexp/.test(got),
    scope: 'message',
    reason: 'invalid regular expressions are reported with JavaScript\'s wording, not Go regexp/syntax\'s',
  },
  { match: (v) => /\b(derivePassword|decryptAES|urlParse|urlJoin|base|dir|clean|ext|isAbs|os[A-Z]\w*)\b/.test(t(v)), scope: 'all', reason: 'sprig functions not implemented: derivePassword, decryptAES, urlParse, urlJoin and the path functions (base, dir, clean, ext, isAbs, os*)' },
  { match: (v) => /semver "/.test(t(v)), scope: 'all', reason: 'semver values are maps, not *semver.Version: printing them shows their fields and typeOf/kindOf say map' },
  { match: (v) => /\d+i\b|1e400|92233720368547758\d\d|18446744073709551615|\{\{ 08 \}\}|1__0/.test(t(v)), scope: 'all', reason: 'number literals: complex constants (1i), out-of-range ints and floats, 08 and 1__0 are not reported exactly as Go does' },
  { match: (v) => /exceeded maximum template depth/.test(want(v)), scope: 'message', reason: 'unbounded template recursion stops at the JavaScript stack limit, not at depth 100000' },
  { match: (v) => /\)\.\w+/.test(t(v)) && /can't evaluate field|wrong number of args for|Format takes/.test(want(v)), scope: 'message', reason: 'an error on a field or method of a parenthesised pipeline is reported at the whole chain, not at its last argument' },
  { match: (v) => /^parse: .*(bad character|bad number syntax|invalid syntax)/.test(want(v)), scope: 'message', reason: 'some lexer errors (bad character, bad number syntax, invalid syntax) are worded differently' },
  { match: (v) => /\b(upper|lower|swapcase|nospace|initials|snakecase|camelcase)\b/.test(t(v)) && /[^\x00-\x7f]/.test(t(v)), scope: 'all', reason: 'case and word functions on non-ASCII text (ß, İ, É) follow JavaScript\'s Unicode rules; sprig works on bytes or Go\'s tables' },
  { match: (v) => /snakecase "(aB1c|a--b__c)"/.test(t(v)), scope: 'all', reason: 'snakecase splits digits and repeated separators differently' },
  { match: (v) => /indent -1/.test(t(v)), scope: 'message', reason: 'negative indent is reported with a different message' },
  { match: (v) => /regexSplit ""/.test(t(v)), scope: 'all', reason: 'regexSplit with an empty pattern returns no parts instead of one per character' },
  { match: (v) => /fromJson "1e400"|mustFromJson "\[1,2"/.test(t(v)), scope: 'all', reason: 'fromJson of out-of-range numbers and truncated input differ from encoding/json' },
  { match: (v) => /b32dec "NBSWY3D"/.test(t(v)), scope: 'all', reason: 'base32 decoding errors name a different byte offset' },
  { match: (v) => /slice \.c 0 4/.test(t(v)), scope: 'all', reason: 'slicing past len up to cap depends on Go\'s slice capacity, which Switchyard does not model' },
  { match: (v) => /"2024-05-01 PST"/.test(t(v)), scope: 'all', reason: 'parsing an unknown zone abbreviation keeps UTC instead of a fabricated zone named PST' },
  { match: (v) => /mustToDate "2006-01-02"/.test(t(v)), scope: 'message', reason: 'time.Parse errors omit the "cannot parse X as Y" detail' },
  { match: (v) => /\b(bcrypt|htpasswd|encryptAES)\b/.test(t(v)), scope: 'all', reason: 'sprig functions not implemented: bcrypt, htpasswd, encryptAES, the certificate functions and getHostByName' },
  { match: (v) => /\.(YearDay|Add)\b/.test(t(v)), scope: 'all', reason: 'time.Time methods available are a subset (no YearDay, Add, ...)' },
  { match: (v) => /deepCopy nil|mustDeepCopy nil/.test(t(v)), scope: 'all', reason: 'deepCopy of nil answers no value instead of reflect\'s zero Value panic' },
];

/** Runs one vector through Switchyard's engine; returns the output or "parse: …"/"exec: …" like the oracle. */
function run(input: Input): { output?: string; error?: string } {
  try {
    const t = compileGoTemplate(input.template, input.name ? { name: input.name } : {});
    let data: unknown = input.data === undefined ? undefined : (JSON.parse(input.data) as unknown);
    if (input.wrap) data = { Input: data ?? null };
    return { output: t.execute(data) };
  } catch (e) {
    if (isSwitchyardError(e) && e.code === 'TEMPLATE_PARSE') return { error: 'parse: ' + e.message };
    if (isSwitchyardError(e) && e.code === 'TEMPLATE_EXEC') return { error: 'exec: ' + e.message };
    return { error: 'crash: ' + (e instanceof Error ? e.stack ?? e.message : String(e)) };
  }
}

function errorKind(msg: string | undefined): string | undefined {
  return msg?.slice(0, msg.indexOf(':'));
}

test('template vectors: Switchyard gives the same results as Go text/template + sprig', () => {
  const vectors = readVectors<Input, string>('template');
  assert.ok(vectors.length > 5000, `expected thousands of vectors, found ${vectors.length}`);
  const failures: string[] = [];
  let known = 0;
  const usedKnown = new Set<KnownDifference>();
  for (const [i, v] of vectors.entries()) {
    const got = run(v.input);
    const same = v.error === undefined ? got.output === v.output : got.error === v.error;
    if (same) continue;
    const sameKind = v.error !== undefined && errorKind(got.error) === errorKind(v.error);
    const kd = KNOWN_DIFFERENCES.find((k) => k.match(v, got.error ?? got.output ?? '') && (k.scope === 'all' || sameKind));
    if (kd) {
      known++;
      usedKnown.add(kd);
      continue;
    }
    const want = v.error !== undefined ? `error ${JSON.stringify(v.error)}` : JSON.stringify(v.output);
    const have = got.error !== undefined ? `error ${JSON.stringify(got.error)}` : JSON.stringify(got.output);
    failures.push(`#${i} ${JSON.stringify(v.input)}\n    want ${want}\n    got  ${have}`);
  }
  const passed = vectors.length - failures.length - known;
  console.log(`template vectors: ${passed}/${vectors.length} identical (${((100 * passed) / vectors.length).toFixed(2)}%), ${known} known differences, ${failures.length} failures`);
  assert.equal(failures.length, 0, `${failures.length} vectors differ from Go:\n${failures.slice(0, 40).join('\n')}`);
  for (const kd of KNOWN_DIFFERENCES) assert.ok(usedKnown.has(kd), `known difference no longer occurs, remove it: ${kd.reason}`);
});
