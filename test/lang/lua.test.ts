import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLua } from '../../src/lang/lua/index.ts';
import { SwitchyardError } from '../../src/errors.ts';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SwitchyardError, `expected a SwitchyardError, got ${String(err)}`);
    return `${err.code}/${err.errorClass}: ${err.message}`;
  }
  assert.fail('expected an error');
}

describe('Lua filters and transforms', () => {
  test('filter on event fields', () => {
    const s = compileLua('if event.body.a == "b" and event.body.d.e == "z" then return true else return false end');
    assert.equal(s.run({ body: { a: 'b', d: { e: 'z' } } }), true);
    assert.equal(s.run({ body: { a: 'x', d: { e: 'z' } } }), false);
    assert.equal(s.source.startsWith('if event'), true);
  });

  test('transform returns a table converted to JSON', () => {
    const s = compileLua('event.body.message = "updated"\nevent.body.n = event.body.n * 2\nreturn event');
    assert.deepEqual(s.run({ body: { message: 'x', n: 21, list: [1, 'a', true] } }), { body: { message: 'updated', n: 42, list: [1, 'a', true] } });
  });

  test('Argo conversion: nulls and nested arrays are dropped', () => {
    assert.deepEqual(compileLua('return event').run({ a: null, l: [1, null, [2], { k: 'v' }], o: {} }), { l: [1, { k: 'v' }], o: {} });
  });

  test('numbers print like gopher-lua', () => {
    assert.deepEqual(compileLua('return { tostring(event.n), tostring(event.f), tostring(0.1 + 0.2), 100000 * 100000 }').run({ n: 3, f: 2.5 }), ['3', '2.5', '0.30000000000000004', 10000000000]);
  });

  test('each run starts from a fresh environment', () => {
    const s = compileLua('counter = (counter or 0) + 1\nstring.upper = nil\nreturn counter');
    assert.equal(s.run({}), 1);
    assert.equal(s.run({}), 1);
    assert.equal(compileLua('return string.upper("a")').run({}), 'A');
  });

  test('syntax errors stop: LUA_PARSE', () => {
    assert.match(code(() => compileLua('return (')), /^LUA_PARSE\/stop: Lua script does not compile: script:1:/);
  });

  test('runtime errors are poison: LUA_RUN', () => {
    assert.match(code(() => compileLua('return event.missing.x').run({})), /^LUA_RUN\/poison: .*attempt to index a nil value/);
    assert.match(code(() => compileLua('error("rejected")').run({})), /^LUA_RUN\/poison: .*rejected/);
    assert.match(code(() => compileLua('return function() end').run({})), /^LUA_RUN\/poison: .*function/);
    assert.match(code(() => compileLua('return 0/0').run({})), /^LUA_RUN\/poison: .*NaN/);
    assert.match(code(() => compileLua('return true').run([1])), /^LUA_RUN\/poison: .*JSON object/);
  });
});

describe('Lua sandbox', () => {
  for (const name of ['os', 'io', 'load', 'loadstring', 'dofile', 'loadfile', 'require', 'module', 'package', 'debug', 'collectgarbage', 'string.dump', 'utf8']) {
    test(`${name} is not available`, () => {
      assert.equal(compileLua(`return ${name} == nil`).run({}), true);
    });
  }

  test('calling a removed function fails', () => {
    assert.match(code(() => compileLua('return os.execute("true")').run({})), /^LUA_RUN\/poison: .*os/);
    assert.match(code(() => compileLua('return load("return 1")()').run({})), /^LUA_RUN\/poison: .*load/);
  });

  test('bytecode is refused', () => {
    assert.match(code(() => compileLua('\x1bLua')), /^LUA_PARSE/);
  });

  test('Lua 5.1 names work', () => {
    assert.deepEqual(compileLua('return { table.getn({1, 2, 3}), math.pow(2, 3), math.mod(7, 3), _VERSION, unpack({1, 2}) }').run({}), [3, 8, 1, 'Lua 5.1', 1, 2]);
  });

  test('print does nothing', () => {
    assert.equal(compileLua('print("hello") return true').run({}), true);
  });
});

describe('Lua limits', () => {
  test('instruction limit', () => {
    const msg = code(() => compileLua('while true do end', { timeoutMs: 10000 }).run({}));
    assert.match(msg, /^LUA_LIMIT\/poison: .*limit of 1000000 instructions.*raise maxInstructions/);
    assert.match(code(() => compileLua('for i = 1, 1000 do end', { maxInstructions: 100 }).run({})), /limit of 100 instructions/);
    assert.equal(compileLua('local n = 0 for i = 1, 1000 do n = n + i end return n', { maxInstructions: 10000 }).run({}), 500500);
  });

  test('time limit', () => {
    const t0 = performance.now();
    const msg = code(() => compileLua('while true do end', { maxInstructions: 1e12, timeoutMs: 30 }).run({}));
    assert.match(msg, /^LUA_LIMIT\/poison: .*time limit of 30 ms.*raise timeoutMs/);
    assert.ok(performance.now() - t0 < 1000);
  });

  test('memory limit: concatenation, tables, string.rep', () => {
    const limits = { maxMemoryBytes: 1024 * 1024, maxInstructions: 1e9, timeoutMs: 5000 };
    assert.match(code(() => compileLua('local s = "x" while true do s = s .. s end', limits).run({})), /^LUA_LIMIT\/poison: .*memory limit of 1048576 bytes.*raise maxMemoryBytes/);
    assert.match(code(() => compileLua('local t = {} local i = 0 while true do i = i + 1 t[i] = {} end', limits).run({})), /memory limit/);
    assert.match(code(() => compileLua('return string.rep("x", 1e9)', limits).run({})), /memory limit/);
  });

  test('limits cannot be caught with pcall, xpcall or coroutines', () => {
    const limits = { maxInstructions: 1e5, timeoutMs: 5000 };
    assert.match(code(() => compileLua('while true do pcall(function() while true do end end) end', limits).run({})), /^LUA_LIMIT/);
    assert.match(code(() => compileLua('for i = 1, 1e9 do xpcall(function() while true do end end, function(e) return e end) end', limits).run({})), /^LUA_LIMIT/);
    assert.match(code(() => compileLua('while true do coroutine.resume(coroutine.create(function() while true do end end)) end', limits).run({})), /^LUA_LIMIT/);
    assert.match(code(() => compileLua('local ok = pcall(string.rep, "x", 1e9) return ok', { maxMemoryBytes: 1024 }).run({})), /^LUA_LIMIT/);
  });

  test('a limit in one run does not affect the next', () => {
    const s = compileLua('if event.loop then while true do end end return "done"', { maxInstructions: 1e4 });
    assert.match(code(() => s.run({ loop: true })), /^LUA_LIMIT/);
    assert.equal(s.run({ loop: false }), 'done');
  });

  test('invalid limits are refused', () => {
    assert.match(code(() => compileLua('return 1', { timeoutMs: 0 })), /^LUA_LIMIT_CONFIG\/stop: .*timeoutMs/);
  });
});
