import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretKeySelector } from '../api/types.ts';
import { SwitchyardError } from '../errors.ts';

/** Resolves a Kubernetes secret reference (`{name, key}`) to its value. */
export interface SecretResolver {
  resolve(sel: SecretKeySelector): Promise<string>;
}

export interface StandaloneSecretsOptions {
  /** Folder laid out as Argo mounts secrets: `<dir>/<name>/<key>`. Unset: only the environment is used. */
  dir?: string;
  /** Environment to read `SWITCHYARD_SECRET_<NAME>_<KEY>` from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** `SWITCHYARD_SECRET_<NAME>_<KEY>`, upper-cased, every non-alphanumeric character turned into `_`. */
export function secretEnvName(sel: SecretKeySelector): string {
  const part = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  return `SWITCHYARD_SECRET_${part(sel.name)}_${part(sel.key)}`;
}

// Secret names and keys become path segments: refuse anything that could leave the secrets folder.
function safeSegment(s: string): boolean {
  return s.length > 0 && s !== '.' && s !== '..' && !/[/\\\0]/.test(s);
}

/**
 * Secrets for running outside Kubernetes: first the file `<dir>/<name>/<key>` (the layout Argo mounts at
 * /argo-events/secrets), then the environment variable `SWITCHYARD_SECRET_<NAME>_<KEY>`.
 * One trailing newline (as editors and `echo` leave) is trimmed from file contents.
 */
export function standaloneSecrets(options: StandaloneSecretsOptions = {}): SecretResolver {
  const env = options.env ?? process.env;
  const dir = options.dir;
  return {
    async resolve(sel: SecretKeySelector): Promise<string> {
      if (typeof sel?.name !== 'string' || typeof sel.key !== 'string' || !safeSegment(sel.name) || !safeSegment(sel.key)) {
        throw new SwitchyardError(
          'SECRET_INVALID',
          `secret reference ${JSON.stringify(sel)} is invalid: name and key must be non-empty and contain no "/" or ".."`,
        );
      }
      const file = dir === undefined ? undefined : join(dir, sel.name, sel.key);
      if (file !== undefined) {
        try {
          const text = await readFile(file, 'utf8');
          return text.replace(/\r?\n$/, '');
        } catch (cause) {
          if ((cause as NodeJS.ErrnoException).code !== 'ENOENT' && (cause as NodeJS.ErrnoException).code !== 'ENOTDIR') {
            throw new SwitchyardError('SECRET_UNREADABLE', `secret ${sel.name}/${sel.key}: cannot read ${file}: ${(cause as Error).message}`, { cause });
          }
        }
      }
      const envName = secretEnvName(sel);
      const value = env[envName];
      if (value !== undefined) return value;
      const where = file === undefined ? `environment variable ${envName} (no secrets folder configured)` : `file ${file} and environment variable ${envName}`;
      throw new SwitchyardError(
        'SECRET_NOT_FOUND',
        `secret "${sel.name}" key "${sel.key}" not found: looked in ${where}; create that file or set that variable`,
      );
    },
  };
}

/**
 * Tries each resolver in order and returns the first value found. When none has the secret, the error lists
 * every place that was looked at; other errors (unreadable, forbidden) stop the search and are reported as they are.
 */
export function chainSecrets(...resolvers: SecretResolver[]): SecretResolver {
  return {
    async resolve(sel: SecretKeySelector): Promise<string> {
      const misses: string[] = [];
      for (const r of resolvers) {
        try {
          return await r.resolve(sel);
        } catch (err) {
          if (!(err instanceof SwitchyardError) || err.code !== 'SECRET_NOT_FOUND') throw err;
          misses.push(err.message);
        }
      }
      throw new SwitchyardError('SECRET_NOT_FOUND', misses.join('; and '));
    },
  };
}
