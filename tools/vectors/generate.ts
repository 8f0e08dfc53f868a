/**
 * Regenerates the conformance vectors under test/vectors/: every module in tools/vectors/cases/ exports
 * `engine` (the oracle's engine name) and `cases()` (inputs); each input is evaluated by the Go oracle
 * (tools/oracle, pinned to the library versions Argo Events uses) and written with its result as one JSON line.
 *
 *   npm run vectors            # all engines
 *   npm run vectors -- gjson   # one engine
 *
 * Needs Go and the Go module proxy. `npm test` only reads the committed vectors.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface CaseModule {
  engine: string;
  cases(): unknown[];
}

const ROOT = join(import.meta.dirname, '../..');
const only = process.argv.slice(2);
const dir = join(import.meta.dirname, 'cases');

const build = spawnSync('go', ['build', '-o', join(ROOT, 'tools/oracle/oracle.bin'), '.'], { cwd: join(ROOT, 'tools/oracle'), stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Each cases module is named after its engine, so naming engines imports only their modules.
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && (only.length === 0 || only.includes(f.replace(/\.ts$/, ''))));
for (const file of files.sort()) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as CaseModule;
  if (only.length && !only.includes(mod.engine)) continue;
  const inputs = mod.cases();
  const request = inputs.map((input) => JSON.stringify({ engine: mod.engine, input })).join('\n') + '\n';
  const res = spawnSync(join(ROOT, 'tools/oracle/oracle.bin'), [], { input: request, maxBuffer: 1 << 30 });
  if (res.status !== 0) {
    process.stderr.write(res.stderr);
    process.exit(1);
  }
  const outputs = res.stdout.toString('utf8').trimEnd().split('\n');
  if (outputs.length !== inputs.length) throw new Error(`${mod.engine}: ${inputs.length} cases but ${outputs.length} results`);
  const lines = inputs.map((input, i) => JSON.stringify({ input, ...(JSON.parse(outputs[i]!) as object) }));
  const out = join(ROOT, 'test/vectors', `${mod.engine}.jsonl`);
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${mod.engine}: ${inputs.length} vectors -> ${out}`);
}
