import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseConditions, conditionDependencies, evaluateCondition, conditionsHaveAnd, defaultConditions,
  resolveConditionName, type ConditionNode,
} from '../../src/sensors/conditions.ts';
import { SwitchyardError } from '../../src/errors.ts';

const sat = (...names: string[]) => (d: string) => names.includes(d);

describe('parseConditions', () => {
  test('a single name', () => {
    assert.deepEqual(parseConditions('dep-a'), { kind: 'dep', name: 'dep-a' });
  });

  test('&& binds tighter than ||', () => {
    const n = parseConditions('a || b && c');
    assert.deepEqual(n, { kind: 'or', left: { kind: 'dep', name: 'a' }, right: { kind: 'and', left: { kind: 'dep', name: 'b' }, right: { kind: 'dep', name: 'c' } } });
  });

  test('parentheses override precedence', () => {
    const n = parseConditions('(a || b) && c');
    assert.equal(n.kind, 'and');
    assert.equal(evaluateCondition(n, sat('a')), false);
    assert.equal(evaluateCondition(n, sat('b', 'c')), true);
  });

  test('whitespace and names with digits, _ and - are accepted', () => {
    assert.deepEqual(conditionDependencies(parseConditions('  dep_1&&dep-2 ||dep_1 ')), ['dep_1', 'dep-2']);
  });

  const rejects = (expr: string, col: number, found: RegExp) => {
    assert.throws(() => parseConditions(expr), (err: unknown) => {
      assert.ok(err instanceof SwitchyardError);
      assert.equal(err.code, 'SY310');
      assert.match(err.message, new RegExp(`column ${col}`));
      assert.match(err.message, found);
      return true;
    });
  };

  test('rejects field access with the column of the dot', () => rejects("slo-alert && slo-alert.labels.slo == 'x'", 23, /unexpected "\."/));
  test('rejects comparison operators', () => rejects('a == b', 3, /unexpected "=="/));
  test('rejects negation', () => rejects('!a', 1, /unexpected "!"/));
  test('rejects a dangling operator', () => rejects('a &&', 5, /end of expression where a dependency name was expected/));
  test('rejects an unclosed parenthesis', () => rejects('(a || b', 8, /where \) was expected/));
  test('rejects two names in a row', () => rejects('a b', 3, /name "b" where && or \|\| was expected/));
  test('rejects single & and |', () => rejects('a & b', 3, /unexpected "&"/));
  test('rejects an empty expression', () => rejects('   ', 1, /empty expression/));
  test('rejects names starting with a digit', () => rejects('1dep', 1, /unexpected "1dep"/));
});

describe('evaluation helpers', () => {
  test('evaluateCondition', () => {
    const n = parseConditions('a && (b || c)');
    assert.equal(evaluateCondition(n, sat('a', 'c')), true);
    assert.equal(evaluateCondition(n, sat('b', 'c')), false);
  });

  test('conditionsHaveAnd', () => {
    assert.equal(conditionsHaveAnd(parseConditions('a || b')), false);
    assert.equal(conditionsHaveAnd(parseConditions('a || (b && c)')), true);
    assert.equal(conditionsHaveAnd(parseConditions('a')), false);
  });

  test('defaultConditions ANDs every dependency', () => {
    const n: ConditionNode = defaultConditions(['a', 'b', 'c']);
    assert.deepEqual(conditionDependencies(n), ['a', 'b', 'c']);
    assert.equal(conditionsHaveAnd(n), true);
    assert.equal(evaluateCondition(n, sat('a', 'b')), false);
    assert.equal(evaluateCondition(n, sat('a', 'b', 'c')), true);
    assert.deepEqual(defaultConditions(['only']), { kind: 'dep', name: 'only' });
    assert.throws(() => defaultConditions([]), /at least one dependency/);
  });

  test('resolveConditionName matches exactly, then with - and _ treated alike', () => {
    assert.equal(resolveConditionName('dep_a', ['dep-a', 'dep_b']), 'dep-a');
    assert.equal(resolveConditionName('dep_b', ['dep-a', 'dep_b']), 'dep_b');
    assert.equal(resolveConditionName('nope', ['dep-a']), undefined);
  });
});
