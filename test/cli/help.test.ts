/** The command surface: help, unknown commands and options, and `get` without data. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runSwitchyardCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('switchyard commands', () => {
  const tmp = tempDir('switchyard-cli-help-');
  after(() => tmp.cleanup());

  test('help: exit 0, lists every command', async () => {
    const r = await runSwitchyardCli(['help']);
    assert.equal(r.code, 0);
    for (const cmd of ['switchyard run PATH', 'switchyard lint PATH', 'switchyard get workflows', 'switchyard get resources', 'switchyard version']) {
      assert.ok(r.stdout.includes(cmd), `help mentions ${cmd}:\n${r.stdout}`);
    }
    assert.equal(r.stderr, '');
  });

  test('no command: help and exit 2', async () => {
    const r = await runSwitchyardCli([]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /^usage:/m);
  });

  test('unknown command: exit 2, names it, shows help on stderr', async () => {
    const r = await runSwitchyardCli(['deploy']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^unknown command "deploy"/);
    assert.match(r.stderr, /switchyard run PATH/);
    assert.equal(r.stdout, '');
  });

  test('unknown option: exit 1 with a pointer to help', async () => {
    const r = await runSwitchyardCli(['get', 'workflows', '--colour']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /unknown option --colour; see `switchyard help`/);
  });

  test('version prints the version', async () => {
    const r = await runSwitchyardCli(['version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^switchyard \d+\.\d+\.\d+\n$/);
  });

  test('get workflows with no data dir: exit 1 saying to run first or pass --data-dir', async () => {
    const missing = join(tmp.dir, 'never-ran');
    const r = await runSwitchyardCli(['get', 'workflows', '--data-dir', missing]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(`no Switchyard data in ${missing}`), r.stderr);
    assert.match(r.stderr, /start `switchyard run` there first, or pass --data-dir/);
    assert.equal(r.stdout, '');
  });

  test('SWITCHYARD_DATA_DIR chooses where get looks', async () => {
    const missing = join(tmp.dir, 'env-data');
    const r = await runSwitchyardCli(['get', 'resources'], { env: { SWITCHYARD_DATA_DIR: missing } });
    assert.equal(r.code, 1);
    assert.ok(r.stderr.includes(missing), r.stderr);
  });

  test('get of something it does not list: usage and exit 2', async () => {
    const r = await runSwitchyardCli(['get', 'pods']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^usage: switchyard get workflows\|resources/);
  });
});
