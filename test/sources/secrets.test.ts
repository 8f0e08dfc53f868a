import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSwitchyardError } from '../../src/errors.ts';
import { secretEnvName, standaloneSecrets } from '../../src/runtime/secrets.ts';

describe('standalone secrets', () => {
  test('file in <dir>/<name>/<key> first, trailing newline trimmed; then environment', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-secrets-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    await mkdir(join(dir, 'gh-token'));
    await writeFile(join(dir, 'gh-token', 'token'), 'from-file\n');
    const secrets = standaloneSecrets({ dir, env: { SWITCHYARD_SECRET_GH_TOKEN_TOKEN: 'from-env', SWITCHYARD_SECRET_SLACK_BOT_TOKEN: 'xoxb' } });
    assert.equal(await secrets.resolve({ name: 'gh-token', key: 'token' }), 'from-file');
    assert.equal(await secrets.resolve({ name: 'slack', key: 'bot.token' }), 'xoxb');
  });

  test('env name: upper-cased, non-alphanumerics to _', () => {
    assert.equal(secretEnvName({ name: 'my-secret', key: 'tls.crt' }), 'SWITCHYARD_SECRET_MY_SECRET_TLS_CRT');
  });

  test('missing secret says where it looked and how to provide it', async () => {
    const secrets = standaloneSecrets({ dir: '/nonexistent-dir', env: {} });
    await assert.rejects(secrets.resolve({ name: 'auth', key: 'token' }), (err: unknown) => {
      assert.ok(isSwitchyardError(err));
      assert.equal(err.code, 'SECRET_NOT_FOUND');
      assert.ok(err.message.includes('/nonexistent-dir/auth/token'));
      assert.ok(err.message.includes('SWITCHYARD_SECRET_AUTH_TOKEN'));
      assert.match(err.message, /create that file or set that variable/);
      return true;
    });
  });

  test('names that would leave the folder are refused', async () => {
    const secrets = standaloneSecrets({ dir: '/tmp', env: {} });
    await assert.rejects(secrets.resolve({ name: '..', key: 'passwd' }), (err: unknown) => isSwitchyardError(err) && err.code === 'SECRET_INVALID');
    await assert.rejects(secrets.resolve({ name: 'a/b', key: 'c' }), (err: unknown) => isSwitchyardError(err) && err.code === 'SECRET_INVALID');
  });
});
