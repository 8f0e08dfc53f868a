import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SwitchyardError } from '../../src/errors.ts';
import { argoExprFunctions } from '../../src/lang/expr/argo-functions.ts';
import { compileJsonPath, jsonPathQuery } from '../../src/lang/jsonpath/index.ts';

const alerts = JSON.stringify({
  status: 'firing',
  commonLabels: { 'app.kubernetes.io/name': 'payments', severity: 'critical' },
  alerts: [
    { status: 'firing', labels: { alertname: 'Degraded', replicas: 3 }, annotations: { summary: "it's down" } },
    { status: 'resolved', labels: { alertname: 'Watchdog', replicas: 0 }, annotations: {} },
    { status: 'firing', labels: { alertname: 'Latency', replicas: 1.5 } },
  ],
});

function fails(f: () => unknown, code: string, errorClass: string, message: string | RegExp): void {
  assert.throws(f, (err: unknown) => {
    assert.ok(err instanceof SwitchyardError);
    assert.equal(err.code, code);
    assert.equal(err.errorClass, errorClass);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}

describe('jsonpath: result shapes', () => {
  test('a key, index or script step gives one value', () => {
    assert.equal(jsonPathQuery(alerts, '$.status'), 'firing');
    assert.equal(jsonPathQuery(alerts, '$.alerts[0].labels.alertname'), 'Degraded');
    assert.equal(jsonPathQuery(alerts, '$.alerts[-1].labels.replicas'), 1.5);
    assert.equal(jsonPathQuery(alerts, "$.commonLabels['app.kubernetes.io/name']"), 'payments');
    assert.equal(jsonPathQuery(alerts, '$.commonLabels["severity"]'), 'critical');
    assert.equal(jsonPathQuery(alerts, "$.alerts[0].annotations['summary']"), "it's down");
    assert.deepEqual(jsonPathQuery(alerts, '$.alerts[(@.length-1)].labels'), { alertname: 'Latency', replicas: 1.5 });
  });

  test('wildcards, descent, unions, ranges and filters give arrays', () => {
    assert.deepEqual(jsonPathQuery(alerts, '$.alerts[*].status'), ['firing', 'resolved', 'firing']);
    assert.deepEqual(jsonPathQuery(alerts, '$..alertname'), ['Degraded', 'Watchdog', 'Latency']);
    assert.deepEqual(jsonPathQuery(alerts, '$.alerts[0,2].labels.alertname'), ['Degraded', 'Latency']);
    assert.deepEqual(jsonPathQuery(alerts, '$.alerts[::-2].labels.replicas'), [1.5, 3]);
    assert.deepEqual(jsonPathQuery(alerts, "$.alerts[?(@.status == 'firing')].labels.alertname"), ['Degraded', 'Latency']);
    assert.deepEqual(jsonPathQuery(alerts, '$.alerts[?(@.labels.replicas > 0 && @.labels.replicas < 2)].labels.alertname'), ['Latency']);
    assert.deepEqual(jsonPathQuery(alerts, '$.alerts[?(@.annotations.summary)].status'), ['firing']);
    assert.deepEqual(jsonPathQuery(alerts, '$.alerts[?(@.labels.alertname =~ "^(W|L)")].labels.alertname'), ['Watchdog', 'Latency']);
    // A filter followed by an index picks from the filtered elements.
    assert.equal(jsonPathQuery(alerts, "$.alerts[?(@.status == 'firing')][1].labels.alertname"), 'Latency');
  });

  test('elements where the rest of the path fails are left out of arrays', () => {
    assert.deepEqual(jsonPathQuery(alerts, '$.alerts[*].annotations.summary'), ["it's down"]);
    assert.deepEqual(jsonPathQuery(alerts, '$.alerts[?(@.nope == 1)]'), []);
  });

  test('.length is a Go int (bigint); document numbers are floats', () => {
    assert.equal(jsonPathQuery(alerts, '$.alerts.length'), 3n);
    assert.equal(jsonPathQuery(alerts, '$.status.length'), 6n);
    assert.equal(jsonPathQuery('{"length": 2}', '$.length'), 2);
    assert.equal(jsonPathQuery('[1, 2]', '$[0]'), 1);
  });

  test("the library's quirks are kept: `in` inside names splits a filter, string comparison keeps quotes", () => {
    fails(() => compileJsonPath('$[?(@.inventory > 1)]'), 'JSONPATH_PARSE', 'stop', "invalid JSONPath selector '$[?(@.inventory > 1)]' invalid token. token string is empty");
    assert.deepEqual(jsonPathQuery('[{"a":"x"},{"a":"y"}]', '$[?(@.a in ["x"])]'), []);
    assert.deepEqual(jsonPathQuery('[{"a":1},{"a":2}]', '$[?(@.a in [1])]'), [{ a: 1 }]);
  });
});

describe('jsonpath: errors', () => {
  test('a path that does not parse is JSONPATH_PARSE (stop) with the library message', () => {
    fails(() => compileJsonPath('a.b'), 'JSONPATH_PARSE', 'stop', "invalid JSONPath selector 'a.b' unexpected token 'a' at index 0");
    fails(() => compileJsonPath('$['), 'JSONPATH_PARSE', 'stop', "invalid JSONPath selector '$[' invalid token. '[' does not match any token format");
    fails(() => compileJsonPath(''), 'JSONPATH_PARSE', 'stop', "invalid JSONPath selector '' unexpected token '' at index 0");
  });

  test('missing keys, out-of-range indexes and wrong targets are JSONPATH_EVAL (poison)', () => {
    fails(() => jsonPathQuery(alerts, '$.nope'), 'JSONPATH_EVAL', 'poison', "key: invalid token key 'nope' not found");
    fails(() => jsonPathQuery(alerts, '$.alerts[7]'), 'JSONPATH_EVAL', 'poison', 'index: invalid token out of range');
    fails(() => jsonPathQuery(alerts, '$.status[0]'), 'JSONPATH_EVAL', 'poison', 'index: invalid token target. expected [array slice] got [string]');
    fails(() => jsonPathQuery('{"a": null}', '$.a.b'), 'JSONPATH_EVAL', 'poison', 'key: invalid token target. expected [map] got [nil]');
    fails(() => jsonPathQuery('[{"a":1}]', '$[?(@.a % 0 == 1)]'), 'JSONPATH_EVAL', 'poison', 'panic: runtime error: integer divide by zero');
  });

  test('a document that is not JSON is JSONPATH_EVAL', () => {
    fails(() => jsonPathQuery('{bad', '$.a'), 'JSONPATH_EVAL', 'poison', /not valid JSON/);
  });
});

describe('jsonpath: compiled paths', () => {
  test('a compiled path is reusable and keeps its source', () => {
    const p = compileJsonPath('$.items[?(@.n > 1)].n');
    assert.equal(p.source, '$.items[?(@.n > 1)].n');
    assert.deepEqual(p.query({ items: [{ n: 1 }, { n: 2 }] }), [2]);
    assert.deepEqual(p.query({ items: [{ n: 5 }] }), [5]);
    assert.ok(Object.isFrozen(p));
  });

  test('jsonPathQuery gives the same results on repeated (cached) calls', () => {
    for (let i = 0; i < 3; i++) assert.deepEqual(jsonPathQuery(`{"a":[${i}]}`, '$.a[0]'), i);
  });
});

describe("jsonpath in expr filters (Argo's jsonpath function)", () => {
  const jsonpath = argoExprFunctions()['jsonpath']!;
  test('takes JSON text and a JSONPath', () => {
    assert.equal(jsonpath(alerts, '$.alerts[0].labels.replicas'), 3);
    assert.equal(jsonpath(alerts, '$.alerts.length'), 3n);
    assert.deepEqual(jsonpath(alerts, '$.alerts[?(@.status == "resolved")].labels.alertname'), ['Watchdog']);
  });
  test('fails the program on a bad path or a missing key', () => {
    assert.throws(() => jsonpath(alerts, 'status'), SwitchyardError);
    assert.throws(() => jsonpath(alerts, '$.nope'), SwitchyardError);
    assert.throws(() => jsonpath(1, '$.a'), /jsonpath\(json string, path string\)/);
  });
});
