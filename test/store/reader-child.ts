/**
 * Child process for the object store test: opens the store read-only while the parent writes, and
 * prints one JSON line per change it sees: {"count": n, "last": name}. Exits once it has seen `want` objects.
 */
import { openObjectStore } from '../../src/store/objects.ts';

const [dir, wantArg] = process.argv.slice(2);
if (!dir || !wantArg) throw new Error('usage: reader-child.ts <dir> <want>');
const want = Number(wantArg);
const store = await openObjectStore(dir, { readOnly: true });
process.stdout.write('ready\n');
let seen = -1;
const until = Date.now() + 20_000;
while (Date.now() < until) {
  const all = await store.list('ConfigMap');
  if (all.length !== seen) {
    seen = all.length;
    const last = all[all.length - 1];
    const check = last ? await store.get('ConfigMap', last.namespace, last.name) : undefined;
    process.stdout.write(JSON.stringify({ count: seen, last: last?.name, data: check?.object['data'] }) + '\n');
  }
  if (seen >= want) break;
  await new Promise((r) => setTimeout(r, 10));
}
await store.close();
