/**
 * sjson conformance cases: the `dest` paths of the shared Argo manifests applied to Workflow documents, a
 * hand-written tour of the path grammar, and seeded random documents with random edits (valid and not).
 *
 *   input: {json, path, op: 'set'|'setRaw'|'delete', value}   output: the edited JSON text, or an error
 */
import { Random } from '../random.ts';
import { fixturePaths, randomJson } from './gjson.ts';

export const engine = 'sjson';

export interface SjsonCase {
  json: string;
  path: string;
  op: 'set' | 'setRaw' | 'delete';
  value?: unknown;
}

const workflow = {
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'hello-world-', labels: { app: 'demo' } },
  spec: { entrypoint: 'whalesay', arguments: { parameters: [{ name: 'message', value: 'hello' }, { name: 'count' }] },
    templates: [{ name: 'whalesay', inputs: { parameters: [{ name: 'message' }] }, container: { image: 'docker/whalesay:latest', command: ['cowsay'], args: ['{{inputs.parameters.message}}'] } }] },
};

const DOCS = [JSON.stringify(workflow), JSON.stringify(workflow, null, 2), '{}', '[]', '', '{"a":1}', ' [1, 2, 3] ', '{"spec":null}'];

const VALUES: unknown[] = ['hello', 'with "quotes" & <tags>', 'é中😀', '', 42, -1.5, 1e21, 0.000001, 12345678901234567890, true, false, null,
  { b: 1, a: ['x', { z: null }] }, [1, 'two', { three: 3 }], {}, []];

const RAWS = ['1', '"s"', '{"x":[1,2]}', '[ 1 , 2 ]', 'true', 'null', '', '{bad', '  {"pad":true}  '];

const GRAMMAR_PATHS = ['a', 'a.b', 'a.b.c', 'a.0', 'a.-1', 'a.3', 'a.:0', 'a.:1.b', ':0', '0', '-1', '1', 'a\\.b', 'a\\\\b', 'a.b\\.c.d',
  'x-y', 'é', '😀', 'a b', 'a."q"', 'a.', '.a', 'a..b', '', '*', 'a.*', 'a?', 'a.#', 'a.#.b', 'a.#(b==1)', 'a|b', '@this', 'a.@reverse',
  'a.1.b', 'a.10', 'a.01', 'a.1e2', 'a.b.0.c', 'a.b.-1.c'];

const GRAMMAR_DOCS = ['{"a":{"b":{"c":1}},"x-y":2}', '{"a":[1,2,3]}', '{"a":[{"b":1},{"b":2}]}', '{"a":"str"}', '{"a":null}', '{"a":{}}',
  '{"a.b":1,"a":{"b.c":{"d":2}}}', '{"a":1,"a":2}', '[{"a":1},{"a":2}]', '{\n  "a" : [ 1 ,\n 2 ] ,\n  "b" : true\n}', '{"é":1,"a b":2}', '"str"', '5'];

/** A path that mostly follows the document's own structure, with edits that add, replace or append. */
function walkPath(rand: Random, doc: string): string {
  let value: unknown;
  try {
    value = JSON.parse(doc);
  } catch {
    value = null;
  }
  const parts: string[] = [];
  const steps = 1 + rand.int(4);
  for (let s = 0; s < steps; s++) {
    if (Array.isArray(value)) {
      const r = rand.int(10);
      if (r < 6 && value.length > 0) {
        const i = rand.int(value.length);
        parts.push(String(i));
        value = value[i];
      } else parts.push(rand.pick(['-1', String(value.length), String(value.length + 2), ':0', 'x', '#', '*']));
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      const k = keys.length > 0 && rand.bool(0.8) ? rand.pick(keys) : rand.pick(['new', 'a', 'n.x', '0', 'é', 'q?', 'k*']);
      parts.push(k.replace(/[.\\*?|#@:]/g, (c) => `\\${c}`));
      value = (value as Record<string, unknown>)[k];
    } else parts.push(rand.pick(['new', '0', '-1', ':1', 'deep']));
  }
  return parts.join('.');
}

function randomEdit(rand: Random, json: string, path: string): SjsonCase {
  const r = rand.int(10);
  if (r < 5) return { json, path, op: 'set', value: rand.pick(VALUES) };
  if (r < 8) return { json, path, op: 'setRaw', value: rand.pick(RAWS) };
  return { json, path, op: 'delete' };
}

export function cases(): SjsonCase[] {
  const out: SjsonCase[] = [];
  const dests = fixturePaths().filter((p) => p.startsWith('spec.') || p.startsWith('metadata.'));
  for (const json of DOCS) {
    for (const path of dests) {
      out.push({ json, path, op: 'set', value: 'from-event' });
      out.push({ json, path, op: 'setRaw', value: '{"k":"v"}' });
      out.push({ json, path, op: 'delete' });
    }
    for (const value of VALUES) out.push({ json, path: 'spec.arguments.parameters.0.value', op: 'set', value });
  }
  for (const json of GRAMMAR_DOCS) {
    for (const path of GRAMMAR_PATHS) {
      out.push({ json, path, op: 'set', value: 'v' });
      out.push({ json, path, op: 'setRaw', value: '[1]' });
      out.push({ json, path, op: 'delete' });
    }
  }
  const rand = new Random(0x5e7);
  for (let i = 0; i < 1500; i++) {
    const json = randomJson(rand, 1 + rand.int(4));
    for (let j = 0; j < 2; j++) out.push(randomEdit(rand, json, walkPath(rand, json)));
  }
  return out;
}
