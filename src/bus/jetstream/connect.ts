/** Opens the NATS connection: servers, token or user/password, TLS, and endless reconnects. */
import { connect, errors, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';
import { SwitchyardError } from '../../errors.ts';
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
  if (s.tls) {
    const { caFile, certFile, keyFile, insecureSkipVerify } = s.tls;
    // The node transport hands extra TLS fields to tls.connect(), so rejectUnauthorized passes through.
    opts.tls = {
      ...(caFile ? { caFile } : {}),
      ...(certFile ? { certFile } : {}),
      ...(keyFile ? { keyFile } : {}),
      ...(insecureSkipVerify ? { rejectUnauthorized: false } : {}),
    } as NodeConnectionOptions['tls'];
  }
  return opts;
}

export async function openConnection(s: ConnectionSettings): Promise<NatsConnection> {
  const where = Array.isArray(s.servers) ? s.servers.join(', ') : s.servers;
  try {
    return await connect(connectionOptions(s));
  } catch (err) {
    if (err instanceof errors.AuthorizationError || err instanceof errors.UserAuthenticationExpiredError) {
      throw new SwitchyardError('BUS_AUTH', `NATS at ${where} refused the credentials: ${err.message}; check the EventBus accessSecret (token or username/password)`, {
        errorClass: 'stop',
        cause: err,
      });
    }
    throw unavailable(`connect to NATS at ${where}`, err);
  }
}
