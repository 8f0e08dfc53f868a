/**
 * bin/switchyard, the `switchyard` command npm links: it finds switchyard.js through npm's links and replaces
 * itself with node running it, adding --single-threaded-gc on one or two CPUs (or SWITCHYARD_NODE_FLAGS).
 * The real launcher is copied beside a stand-in switchyard.js that reports how node started it, and the
 * CPU count comes from a stand-in `nproc` first on PATH.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from '../helpers/tmp.ts';

const LAUNCHER = join(import.meta.dirname, '../../bin/switchyard');

/** What the stand-in CLI saw. */
interface Started {
  execArgv: string[];
  argv: string[];
  pid: number;
  code: number | null;
}

const STAND_IN = `
const exit = process.argv.find((a) => a.startsWith('exit='));
process.stdout.write(JSON.stringify({ execArgv: process.execArgv, argv: process.argv.slice(2), pid: process.pid }));
process.exitCode = exit ? Number(exit.slice(5)) : 0;
`;

describe('the switchyard launcher (bin/switchyard)', () => {
  const tmp = tempDir('switchyard-launcher-');
  const pkgBin = join(tmp.dir, 'node_modules/switchyard/bin');
  const linked = join(tmp.dir, 'node_modules/.bin/switchyard');
  const fakes = join(tmp.dir, 'fake-bin');

  before(() => {
    mkdirSync(pkgBin, { recursive: true });
    mkdirSync(dirname(linked), { recursive: true });
    mkdirSync(fakes);
    copyFileSync(LAUNCHER, join(pkgBin, 'switchyard'));
    chmodSync(join(pkgBin, 'switchyard'), 0o755);
    writeFileSync(join(pkgBin, 'switchyard.js'), STAND_IN);
    // as npm links a package's bin: a relative link from node_modules/.bin
    symlinkSync('../switchyard/bin/switchyard', linked);
  });
  after(() => tmp.cleanup());

  /** Runs the linked launcher with `nproc` printing `cpus` (or failing, when undefined). */
  function launch(args: string[], opts: { cpus?: number; env?: Record<string, string> } = {}): Promise<Started> {
    const nproc = join(fakes, 'nproc');
    writeFileSync(nproc, opts.cpus === undefined ? '#!/bin/sh\nexit 1\n' : `#!/bin/sh\necho ${opts.cpus}\n`);
    chmodSync(nproc, 0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${fakes}:${dirname(process.execPath)}:${process.env['PATH'] ?? ''}`, ...opts.env };
    if (opts.env?.['SWITCHYARD_NODE_FLAGS'] === undefined) delete env['SWITCHYARD_NODE_FLAGS'];
    const child = spawn(linked, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => {
        try {
          const seen = JSON.parse(out) as Omit<Started, 'code'>;
          assert.equal(seen.pid, child.pid, 'node replaces the shell (exec): same process, signals reach it directly');
          resolve({ ...seen, code });
        } catch (e) {
          reject(new Error(`launcher output ${JSON.stringify(out)}, stderr ${JSON.stringify(err)}: ${(e as Error).message}`));
        }
      });
    });
  }

  test('on two CPUs node collects garbage on the main thread; arguments pass through as given', async () => {
    const args = ['run', 'a dir/with spaces', '$HOME', '*', '--data-dir=x', ''];
    const started = await launch(args, { cpus: 2 });
    assert.deepEqual(started.execArgv, ['--single-threaded-gc']);
    assert.deepEqual(started.argv, args);
    assert.equal(started.code, 0);
  });

  test('on one CPU too; on more, node keeps its parallel collector', async () => {
    assert.deepEqual((await launch(['lint'], { cpus: 1 })).execArgv, ['--single-threaded-gc']);
    assert.deepEqual((await launch(['lint'], { cpus: 3 })).execArgv, []);
    assert.deepEqual((await launch(['lint'], { cpus: 16 })).execArgv, []);
  });

  test('without a working nproc no flag is added', async () => {
    assert.deepEqual((await launch(['lint'])).execArgv, []);
  });

  test('SWITCHYARD_NODE_FLAGS replaces the choice, even when empty', async () => {
    const set = await launch(['lint'], { cpus: 2, env: { SWITCHYARD_NODE_FLAGS: '--stack-size=2000 --no-warnings' } });
    assert.deepEqual(set.execArgv, ['--stack-size=2000', '--no-warnings']);
    assert.deepEqual((await launch(['lint'], { cpus: 2, env: { SWITCHYARD_NODE_FLAGS: '' } })).execArgv, []);
  });

  test('without node on PATH it says what to install, and exits 127', async () => {
    // a PATH with the tools the launcher uses, and no node
    const tools = join(tmp.dir, 'tools-without-node');
    mkdirSync(tools, { recursive: true });
    for (const tool of ['readlink', 'dirname', 'nproc']) {
      symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(tools, tool));
    }
    const child = spawn(linked, ['lint'], { env: { PATH: tools }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    assert.equal(code, 127);
    assert.equal(err, 'switchyard: node is not on PATH; install Node.js 20 or later, or add its bin folder to PATH\n');
  });

  test("the CLI's exit code is the command's", async () => {
    assert.equal((await launch(['lint', 'exit=3'], { cpus: 2 })).code, 3);
  });
});
