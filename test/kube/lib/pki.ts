import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface KubeUser {
  name: string;
  token: string;
  groups: string[];
}

export interface KubePki {
  certFile: string;
  keyFile: string;
  /** The serving certificate is self-signed, so it is its own CA. */
  caFile: string;
  ca: string;
  saPublicKeyFile: string;
  saPrivateKeyFile: string;
  tokenFile: string;
}

/** A random bearer token (letters and digits only, as the token file is CSV). */
export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/** Writes the serving cert (127.0.0.1 and localhost), the service-account keys and the token file into dir. */
export function writePki(dir: string, users: readonly KubeUser[]): KubePki {
  const certFile = join(dir, 'apiserver.crt');
  const keyFile = join(dir, 'apiserver.key');
  try {
    execFileSync('openssl', [
      'req', '-x509', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=switchyard-test-kube-apiserver',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-addext', 'basicConstraints=critical,CA:TRUE',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    throw new Error('could not make the test apiserver certificate with openssl; install it (apt-get install openssl)', { cause: err });
  }

  // The apiserver signs service-account tokens with these; tests never use them, but it will not start without.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const saPublicKeyFile = join(dir, 'sa.pub');
  const saPrivateKeyFile = join(dir, 'sa.key');
  writeFileSync(saPublicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  writeFileSync(saPrivateKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });

  // Static token file: token,user,uid,"group1,group2"
  const tokenFile = join(dir, 'tokens.csv');
  const lines = users.map((u) => `${u.token},${u.name},${u.name}` + (u.groups.length > 0 ? `,"${u.groups.join(',')}"` : ''));
  writeFileSync(tokenFile, lines.join('\n') + '\n', { mode: 0o600 });

  return { certFile, keyFile, caFile: certFile, ca: readFileSync(certFile, 'utf8'), saPublicKeyFile, saPrivateKeyFile, tokenFile };
}

/** A kubeconfig with one cluster (CA data inline) and one user with a bearer token. */
export function writeKubeconfig(path: string, url: string, ca: string, user: KubeUser): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'switchyard-test', cluster: { server: url, 'certificate-authority-data': Buffer.from(ca).toString('base64') } }],
    users: [{ name: user.name, user: { token: user.token } }],
    contexts: [{ name: 'switchyard-test', context: { cluster: 'switchyard-test', user: user.name } }],
    'current-context': 'switchyard-test',
    preferences: {},
  };
  writeFileSync(path, stringify(config), { mode: 0o600 });
}
