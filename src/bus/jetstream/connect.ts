/** Opens the NATS connection: servers, token or user/password, TLS, and endless reconnects. */
import { connect, errors, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { SwitchyardError, errorMessage } from '../../errors.ts';
import { unavailable } from './failures.ts';

export interface JetStreamTlsOptions {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** Accept any server certificate. For tests only: it defeats TLS's protection. */
  insecureSkipVerify?: boolean;
}

export interface ConnectionSettings {
  servers: string | string[];
  token?: string;
  user?: string;
  pass?: string;
  tls?: JetStreamTlsOptions;
  /** Connection name the server shows in its monitoring. */
  name?: string;
}

/** Wait between reconnect attempts; short, so consumers resume soon after NATS is back. */
const RECONNECT_WAIT_MS = 500;

export function connectionOptions(s: ConnectionSettings): NodeConnectionOptions {
  const opts: NodeConnectionOptions = {
    servers: s.servers,
    name: s.name ?? 'switchyard',
    maxReconnectAttempts: -1,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    reconnectJitter: 100,
    // Otherwise every request (each publish's PubAck, each ack confirmation) builds an Error up front to
    // keep the caller's stack for a possible timeout: most of the client's CPU time under load.
    noAsyncTraces: true,
  };
  if (s.token !== undefined) opts.token = s.token;
  if (s.user !== undefined) opts.user = s.user;
  if (s.pass !== undefined) opts.pass = s.pass;
  // A tls:// URL asks for TLS: with TLS options set the client refuses a server that does not offer it,
  // where it would otherwise talk plain text to a server that does not require TLS.
  const servers = Array.isArray(s.servers) ? s.servers : [s.servers];
  if (s.tls || servers.some((x) => /^tls:\/\//i.test(x))) {
    const { caFile, certFile, keyFile, insecureSkipVerify } = s.tls ?? {};
    const checkServerIdentity = ipAwareIdentityCheck(s.servers);
    // The node transport hands extra TLS fields to tls.connect(), so rejectUnauthorized passes through.
    opts.tls = {
      ...(caFile ? { caFile } : {}),
      ...(certFile ? { certFile } : {}),
      ...(keyFile ? { keyFile } : {}),
      ...(insecureSkipVerify ? { rejectUnauthorized: false } : {}),
      ...(checkServerIdentity ? { checkServerIdentity } : {}),
    } as NodeConnectionOptions['tls'];
  }
  return opts;
}

/**
 * The client sends no server name (SNI) when a server is given by IP address, and Node then checks the
 * certificate against "localhost". For such servers the certificate must name one of the configured IP
 * addresses (an IP subject alternative name), or "localhost" when that is one of the servers too.
 */
function ipAwareIdentityCheck(servers: string | string[]): ((name: string, cert: PeerCertificate) => Error | undefined) | undefined {
  const hosts = (Array.isArray(servers) ? servers : [servers]).map(hostOf);
  const ips = hosts.filter((h) => isIP(h) !== 0);
  if (ips.length === 0) return undefined;
  const unnamed = hosts.includes('localhost') ? ['localhost', ...ips] : ips;
  return (name, cert) => {
    const candidates = name === 'localhost' ? unnamed : [name];
    let first: Error | undefined;
    for (const host of candidates) {
      const err = checkServerIdentity(host, cert);
      if (err === undefined) return undefined;
      first ??= err;
    }
    return first;
  };
}

function hostOf(server: string): string {
  try {
    return new URL(server.includes('://') ? server : `nats://${server}`).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return '';
  }
}

/** The servers as a log line or message names them. */
export function serverList(servers: string | string[]): string {
  return Array.isArray(servers) ? servers.join(', ') : servers;
}

export async function openConnection(s: ConnectionSettings): Promise<NatsConnection> {
  const where = serverList(s.servers);
  try {
    return await connect(connectionOptions(s));
  } catch (err) {
    if (err instanceof errors.AuthorizationError || err instanceof errors.UserAuthenticationExpiredError) {
      throw new SwitchyardError('BUS_AUTH', `NATS at ${where} refused the credentials: ${err.message}; check the EventBus accessSecret (token or username/password)`, {
        errorClass: 'stop',
        cause: err,
      });
    }
    if (isCertificateError(err)) {
      // still retried: the certificate or the settings may be fixed while this process waits
      throw unavailable(
        `connect to NATS at ${where}: its TLS certificate was not accepted (${errorMessage(err)}); give the CA that signed it in the EventBus jetstreamExotic.tls (caCertSecret or caFile), and check that the certificate names the host of the URL`,
      );
    }
    throw unavailable(`connect to NATS at ${where}`, err);
  }
}

/** Node's codes for a server certificate that does not verify. */
const CERTIFICATE_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID']);

function isCertificateError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (CERTIFICATE_CODES.has((e as NodeJS.ErrnoException).code ?? '')) return true;
  }
  return false;
}
