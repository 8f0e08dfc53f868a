/**
 * Which event bus a command uses, decided in one place for `run`, `eventsource` and `sensor`:
 *  1. `--bus nats://host:port[,nats://...]` (or SWITCHYARD_BUS): JetStream at those servers;
 *  2. else a `jetstreamExotic` EventBus in the manifests: JetStream at its url, credentials from accessSecret;
 *  3. else a `jetstream` EventBus (Argo runs it as a StatefulSet, which needs a cluster): the embedded bus,
 *     with the EventBus's streamConfig applied;
 *  4. else the embedded bus with its defaults.
 * The stream settings of the EventBus apply in every case where there is one.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { EventBus, SecretKeySelector } from '../api/types.ts';
import type { ConnectionSettings, JetStreamTlsOptions } from '../bus/jetstream/connect.ts';
import { streamSettingsFrom } from '../bus/stream-config.ts';
import type { StreamSettings } from '../bus/types.ts';
import { SwitchyardError } from '../errors.ts';
import type { SecretResolver } from './secrets.ts';

export type BusPlan =
  | { driver: 'embedded'; stream?: StreamSettings; reason: string }
  | { driver: 'jetstream'; connection: ConnectionSettings; stream: StreamSettings; reason: string };

export interface BusSelectionInput {
  /** The `--bus` flag, or SWITCHYARD_BUS. */
  busUrl?: string | undefined;
  /** The EventBus documents found in the manifests. */
  eventBuses: readonly EventBus[];
  /** `spec.eventBusName` of the resources to run (Argo's default is "default"). */
  eventBusNames: readonly (string | undefined)[];
  secrets: SecretResolver;
  /** Where certificates given as secrets are written for the NATS client to read. */
  tlsDir: string;
}

/** The EventBus the resources name, or undefined when the manifests have none by that name. */
export function pickEventBus(eventBuses: readonly EventBus[], eventBusNames: readonly (string | undefined)[]): EventBus | undefined {
  const wanted = [...new Set(eventBusNames.map((n) => n || 'default'))];
  if (wanted.length > 1) {
    throw new SwitchyardError(
      'EVENTBUS_MIXED',
      `the resources to run name different EventBuses (${wanted.join(', ')}); one process uses one bus: run them separately with \`switchyard eventsource\` and \`switchyard sensor\``,
    );
  }
  const name = wanted[0] ?? 'default';
  return eventBuses.find((b) => (b.metadata.name ?? 'default') === name);
}

/** Servers and credentials from `nats://[user:pass@|token@]host:port`, several separated by commas. */
export function parseBusUrl(value: string): Pick<ConnectionSettings, 'servers' | 'token' | 'user' | 'pass'> {
  const servers: string[] = [];
  const creds: { token?: string; user?: string; pass?: string } = {};
  for (const part of value.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    let u: URL;
    try {
      u = new URL(part);
    } catch {
      throw badUrl(value);
    }
    if ((u.protocol !== 'nats:' && u.protocol !== 'tls:') || u.hostname === '') throw badUrl(value);
    if (u.username !== '' && creds.user === undefined && creds.token === undefined) {
      if (u.password !== '') {
        creds.user = decodeURIComponent(u.username);
        creds.pass = decodeURIComponent(u.password);
      } else creds.token = decodeURIComponent(u.username);
    }
    servers.push(`${u.protocol}//${u.host}`);
  }
  if (servers.length === 0) throw badUrl(value);
  return { servers, ...creds };
}

function badUrl(value: string): SwitchyardError {
  return new SwitchyardError('BUS_URL_INVALID', `bus URL ${JSON.stringify(value)} is not a NATS URL; write it as nats://host:4222 (several separated by commas)`);
}

/** Argo's accessSecret: YAML `username:` / `password:`, or `token:`, or the bare token. */
export function parseAccessSecret(text: string): { token?: string; user?: string; pass?: string } {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    doc = undefined;
  }
  if (typeof doc === 'object' && doc !== null && !Array.isArray(doc)) {
    const d = doc as Record<string, unknown>;
    if (d['username'] !== undefined || d['password'] !== undefined) return { user: String(d['username'] ?? ''), pass: String(d['password'] ?? '') };
    if (d['token'] !== undefined) return { token: String(d['token']) };
    throw new SwitchyardError('EVENTBUS_ACCESS_SECRET', 'the EventBus accessSecret holds YAML without username/password or token; write "username: ...\\npassword: ..." or the token alone');
  }
  const token = text.trim();
  if (token === '') throw new SwitchyardError('EVENTBUS_ACCESS_SECRET', 'the EventBus accessSecret is empty; write "username: ...\\npassword: ..." or the token');
  return { token };
}

const TLS_SECRETS = { caCertSecret: 'caFile', clientCertSecret: 'certFile', clientKeySecret: 'keyFile' } as const;

function isSelector(v: unknown): v is SecretKeySelector {
  return typeof v === 'object' && v !== null && typeof (v as SecretKeySelector).name === 'string' && typeof (v as SecretKeySelector).key === 'string';
}

/** Argo's TLS block names secrets; the NATS client reads files, so secrets are written under tlsDir (owner-only). */
async function tlsOptions(tls: Record<string, unknown>, secrets: SecretResolver, tlsDir: string): Promise<JetStreamTlsOptions> {
  const out: JetStreamTlsOptions = {};
  for (const [field, target] of Object.entries(TLS_SECRETS)) {
    const direct = tls[target];
    if (typeof direct === 'string' && direct !== '') out[target] = direct;
    const sel = tls[field];
    if (!isSelector(sel)) continue;
    mkdirSync(tlsDir, { recursive: true, mode: 0o700 });
    const file = join(tlsDir, `${target}.pem`);
    writeFileSync(file, await secrets.resolve(sel), { mode: 0o600 });
    chmodSync(file, 0o600);
    out[target] = file;
  }
  if (tls['insecureSkipVerify'] === true) out.insecureSkipVerify = true;
  return out;
}

export async function selectBus(input: BusSelectionInput): Promise<BusPlan> {
  const eventBus = pickEventBus(input.eventBuses, input.eventBusNames);
  const exotic = eventBus?.spec.jetstreamExotic;
  const stream = streamSettingsFrom(eventBus);
  const busUrl = input.busUrl?.trim() || undefined;
  if (busUrl === undefined && exotic === undefined) {
    if (eventBus?.spec.jetstream !== undefined) {
      const policies = stream.retention !== 'limits' || stream.discard !== 'old' ? ' (its limits; the embedded bus always keeps limits retention and discards the oldest messages)' : '';
      return { driver: 'embedded', stream, reason: `EventBus "${eventBus.metadata.name}" (jetstream) runs in a cluster; its streamConfig applies to the embedded bus${policies}` };
    }
    return { driver: 'embedded', reason: 'no --bus and no jetstreamExotic EventBus' };
  }
  const fromUrl = parseBusUrl(busUrl ?? exotic?.url ?? '');
  const connection: ConnectionSettings = { servers: fromUrl.servers };
  let creds: { token?: string; user?: string; pass?: string } = fromUrl;
  // Credentials in the URL win; otherwise the EventBus's accessSecret applies to whichever servers are used.
  if (fromUrl.token === undefined && fromUrl.user === undefined && exotic?.accessSecret !== undefined) {
    creds = parseAccessSecret(await input.secrets.resolve(exotic.accessSecret));
  }
  if (creds.token !== undefined) connection.token = creds.token;
  if (creds.user !== undefined) connection.user = creds.user;
  if (creds.pass !== undefined) connection.pass = creds.pass;
  if (exotic?.tls !== undefined) connection.tls = await tlsOptions(exotic.tls, input.secrets, input.tlsDir);
  const reason = busUrl !== undefined ? '--bus' : `EventBus "${eventBus?.metadata.name}" (jetstreamExotic)`;
  return { driver: 'jetstream', connection, stream, reason };
}

/** The servers of a plan, for log lines and readiness messages. */
export function busServers(plan: BusPlan): string {
  if (plan.driver === 'embedded') return 'embedded';
  const s = plan.connection.servers;
  return Array.isArray(s) ? s.join(',') : s;
}
